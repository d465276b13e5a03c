-- Posts of each subdivision and year as the rank table prints them beside the city card's
-- figure for the same year and edition; `disagrees` is NULL when either side is missing.
CREATE VIEW posts_check AS
WITH rank_table AS (
    SELECT specialty, subdivision_id, year, doc_id, posts FROM posts WHERE source = 'rank_table'
), city_card AS (
    SELECT specialty, subdivision_id, year, doc_id, posts, raw_text FROM posts
    WHERE source = 'city_card'
)
SELECT specialty, subdivision_id, year, doc_id,
       rank_table.posts AS rank_table_posts,
       city_card.posts AS city_card_posts,
       city_card.raw_text AS city_card_text,
       rank_table.posts IS DISTINCT FROM city_card.posts AS disagrees
FROM rank_table FULL OUTER JOIN city_card USING (specialty, subdivision_id, year, doc_id)
WHERE rank_table.posts IS NOT NULL AND city_card.posts IS NOT NULL
   OR city_card.year IS NOT NULL;

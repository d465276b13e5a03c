-- What it is for and what each column holds: schemas/views.py.
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
       CASE WHEN rank_table.posts IS NOT NULL AND city_card.posts IS NOT NULL
            THEN rank_table.posts <> city_card.posts END AS disagrees,
       CASE WHEN rank_table.posts IS NOT NULL AND city_card.posts IS NOT NULL
                THEN CASE WHEN rank_table.posts = city_card.posts THEN 'agree' ELSE 'disagree' END
            WHEN city_card.raw_text IS NOT NULL AND city_card.posts IS NULL
                THEN 'card not a number'
            WHEN city_card.year IS NULL THEN 'rank table only'
            ELSE 'city card only' END AS status
FROM rank_table FULL OUTER JOIN city_card USING (specialty, subdivision_id, year, doc_id);

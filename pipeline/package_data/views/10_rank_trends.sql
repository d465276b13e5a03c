-- What it is for and what each column holds: schemas/views.py.
CREATE VIEW rank_trends AS
WITH ranks AS (
    SELECT r.specialty, r.subdivision_id, r.year, r.rank_limit, d.edition_year
    FROM rank_limits r JOIN documents d USING (doc_id)
    QUALIFY row_number() OVER (PARTITION BY r.specialty, r.subdivision_id, r.year
                               ORDER BY r.rank_limit IS NULL, d.edition_year DESC,
                                        r.doc_id DESC) = 1
), post AS (
    SELECT p.specialty, p.subdivision_id, p.year, p.posts
    FROM posts p JOIN documents d USING (doc_id)
    WHERE p.source = 'rank_table'
    QUALIFY row_number() OVER (PARTITION BY p.specialty, p.subdivision_id, p.year
                               ORDER BY p.posts IS NULL, d.edition_year DESC,
                                        p.doc_id DESC) = 1
)
SELECT specialty, subdivision_id, year, ranks.rank_limit, post.posts,
       ranks.rank_limit - lag(ranks.rank_limit) OVER (
           PARTITION BY specialty, subdivision_id ORDER BY year) AS rank_change
FROM ranks FULL OUTER JOIN post USING (specialty, subdivision_id, year);

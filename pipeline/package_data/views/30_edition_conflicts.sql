-- What it is for and what each column holds: schemas/views.py.
CREATE VIEW edition_conflicts AS
WITH cells AS (
    SELECT 'rank_limits' AS table_name, 'rank_limit' AS column_name, r.specialty,
           r.subdivision_id, r.year, r.rank_limit AS value, r.doc_id, r.page, d.edition_year,
           d.series
    FROM rank_limits r JOIN documents d USING (doc_id)
    UNION ALL
    SELECT 'posts', 'posts (' || p.source || ')', p.specialty, p.subdivision_id, p.year,
           p.posts, p.doc_id, p.page, d.edition_year, d.series
    FROM posts p JOIN documents d USING (doc_id)
)
SELECT older.table_name, older.column_name, older.specialty, older.subdivision_id,
       older.year,
       older.edition_year AS older_edition, older.value AS older_value,
       older.doc_id AS older_doc_id, older.page AS older_page, older.series AS older_series,
       newer.edition_year AS newer_edition, newer.value AS newer_value,
       newer.doc_id AS newer_doc_id, newer.page AS newer_page, newer.series AS newer_series
FROM cells older JOIN cells newer
  ON older.table_name = newer.table_name AND older.column_name = newer.column_name
 AND older.specialty = newer.specialty AND older.subdivision_id = newer.subdivision_id
 AND older.year = newer.year AND older.edition_year < newer.edition_year
WHERE older.value IS DISTINCT FROM newer.value;

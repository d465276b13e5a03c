-- What it is for and what each column holds: schemas/views.py.
CREATE VIEW subdivision_overview AS
WITH specialties AS (
    SELECT specialty FROM documents WHERE specialty IS NOT NULL
    UNION SELECT specialty FROM rank_limits
    UNION SELECT specialty FROM city_cards
), spine AS (
    SELECT s.subdivision_id, s.name, sp.specialty FROM subdivisions s CROSS JOIN specialties sp
), latest AS (
    SELECT specialty, subdivision_id, year, rank_limit, doc_id, page FROM latest_rank_limits
    WHERE rank_limit IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY specialty, subdivision_id ORDER BY year DESC) = 1
), trend AS (
    SELECT l.specialty, l.subdivision_id, l.year, l.rank_limit, l.doc_id, l.page,
           earlier.rank_limit AS rank_limit_5y_before
    FROM latest l LEFT JOIN latest_rank_limits earlier
      ON earlier.specialty = l.specialty AND earlier.subdivision_id = l.subdivision_id
     AND earlier.year = l.year - 5
), post AS (
    SELECT specialty, subdivision_id, year, posts FROM rank_trends WHERE posts IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY specialty, subdivision_id ORDER BY year DESC) = 1
), card AS (
    SELECT c.specialty, c.subdivision_id, c.coordinator, c.referents, c.doc_id, c.page
    FROM city_cards c JOIN documents d USING (doc_id)
    QUALIFY row_number() OVER (PARTITION BY c.specialty, c.subdivision_id
                               ORDER BY d.edition_year DESC, c.doc_id DESC) = 1
), facts AS (
    -- Rows of the per-subdivision tables with the specialty of their document (NULL: a
    -- general document, which speaks for every specialty) and its edition.
    SELECT 'union' AS kind, u.subdivision_id, d.specialty, d.edition_year, u.doc_id, u.page,
           u.name, u.president, u.email
    FROM unions u JOIN documents d USING (doc_id)
    UNION ALL
    SELECT 'hospital', h.subdivision_id, d.specialty, d.edition_year, h.doc_id, h.page,
           NULL, NULL, NULL
    FROM hospitals h JOIN documents d USING (doc_id)
    UNION ALL
    SELECT 'support', s.subdivision_id, d.specialty, d.edition_year, s.doc_id, s.page,
           NULL, NULL, NULL
    FROM support_services s JOIN documents d USING (doc_id)
), newest AS (
    -- Each kind of fact from the newest edition that prints any for the subdivision.
    SELECT f.*, sp.specialty AS for_specialty FROM facts f
    JOIN specialties sp ON f.specialty IS NULL OR f.specialty = sp.specialty
    QUALIFY edition_year = max(edition_year) OVER (PARTITION BY kind, subdivision_id,
                                                                for_specialty)
), per_subdivision AS (
    SELECT subdivision_id, for_specialty AS specialty,
           arg_min(name, name) FILTER (WHERE kind = 'union') AS union_name,
           arg_min(president, name) FILTER (WHERE kind = 'union') AS union_president,
           arg_min(email, name) FILTER (WHERE kind = 'union') AS union_email,
           count(*) FILTER (WHERE kind = 'support') AS support_services,
           count(*) FILTER (WHERE kind = 'hospital') AS peripheral_hospitals,
           list(DISTINCT doc_id || ' p. ' || page) AS fact_sources
    FROM newest GROUP BY ALL
)
SELECT spine.subdivision_id, spine.name, spine.specialty,
       trend.year AS rank_year, trend.rank_limit, trend.rank_limit_5y_before,
       trend.rank_limit - trend.rank_limit_5y_before AS rank_change_5y,
       post.year AS posts_year, post.posts,
       card.coordinator, card.referents,
       per_subdivision.union_name, per_subdivision.union_president,
       per_subdivision.union_email,
       coalesce(per_subdivision.support_services, 0) AS support_services,
       coalesce(per_subdivision.peripheral_hospitals, 0) AS peripheral_hospitals,
       -- list_concat of two lists at a time: DuckDB 1.1 readers bind the view too.
       list_sort(list_distinct(list_concat(list_concat(
           CASE WHEN trend.doc_id IS NOT NULL THEN [trend.doc_id || ' p. ' || trend.page] END,
           CASE WHEN card.doc_id IS NOT NULL THEN [card.doc_id || ' p. ' || card.page] END),
           per_subdivision.fact_sources))) AS sources
FROM spine
LEFT JOIN trend USING (specialty, subdivision_id)
LEFT JOIN post USING (specialty, subdivision_id)
LEFT JOIN card USING (specialty, subdivision_id)
LEFT JOIN per_subdivision USING (specialty, subdivision_id);

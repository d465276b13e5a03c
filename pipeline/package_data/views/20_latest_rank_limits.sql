-- What it is for and what each column holds: schemas/views.py.
CREATE VIEW latest_rank_limits AS
SELECT r.specialty, r.subdivision_id, r.year, r.rank_limit, r.doc_id, r.page,
       d.edition_year, d.series
FROM rank_limits r JOIN documents d USING (doc_id)
QUALIFY row_number() OVER (PARTITION BY r.specialty, r.subdivision_id, r.year
                           ORDER BY r.rank_limit IS NULL, d.edition_year DESC,
                                    r.doc_id DESC) = 1;

-- For each specialty x subdivision x year, the value printed by the newest edition.
CREATE VIEW latest_rank_limits AS
SELECT r.specialty, r.subdivision_id, r.year, r.rank_limit, r.doc_id, r.page,
       d.edition_year
FROM rank_limits r JOIN documents d USING (doc_id)
QUALIFY row_number() OVER (PARTITION BY r.specialty, r.subdivision_id, r.year
                           ORDER BY d.edition_year DESC, r.doc_id DESC) = 1;

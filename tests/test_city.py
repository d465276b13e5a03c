"""subdivision_overview and `guides city`: Lyon as the documents print it (SFR rank table
p. 10 and city card p. 61, ISNAR-IMG fiche p. 15, ARS deck p. 14)."""

from __future__ import annotations

from helpers import guides


def test_overview_joins_every_document_for_lyon(warehouse):
    cursor = warehouse.execute("SELECT * FROM subdivision_overview WHERE subdivision_id = "
                               "'lyon' ORDER BY specialty")
    names = [d[0] for d in cursor.description]
    general, rheumatology = (dict(zip(names, row, strict=True)) for row in cursor.fetchall())
    assert (rheumatology["rank_year"], rheumatology["rank_limit"],
            rheumatology["rank_limit_5y_before"], rheumatology["rank_change_5y"]) == \
        (2023, 4014, 1676, 2338)
    assert (rheumatology["posts_year"], rheumatology["posts"]) == (2024, 2)
    assert rheumatology["coordinator"] == "Dr Roland CHAPURLAT — roland.chapurlat@chu-lyon.fr"
    assert rheumatology["union_name"] is None  # the union is the general-practice guide's
    assert (general["union_name"], general["union_president"], general["union_email"]) == \
        ("SYREL-IMG", "Quentin DEL VALLE", "team@syrel-img.com")
    assert (general["peripheral_hospitals"], general["support_services"]) == (13, 9)
    assert rheumatology["support_services"] == 9  # the ARS deck speaks for every specialty
    assert general["sources"] == ["ars-ara-accueil-internes p. 14", "isnar-img-guide-mg p. 15"]
    (rows,) = warehouse.execute("SELECT count(*) FROM subdivision_overview").fetchone()
    assert rows == 28 * 2


def test_guides_city_prints_the_lyon_profile(capsys, built):
    code, out, _ = guides(capsys, "city", "Lyon", "--warehouse", str(built[1]))
    assert code == 0
    assert out.splitlines() == [
        "Lyon (lyon)",
        "",
        "medecine-generale",
        "  Union: SYREL-IMG, president Quentin DEL VALLE, team@syrel-img.com",
        "  Support services: 9",
        "  Peripheral hospitals: 13",
        "  Sources: ars-ara-accueil-internes p. 14, isnar-img-guide-mg p. 15",
        "",
        "rhumatologie",
        "  Rank limit 2023: 4014",
        "  Over five years: +2338 since 2018 (1676): easier to get",
        "  Trend: 2019 2482 · 2020 2744 · 2021 2599 · 2022 4057 · 2023 4014",
        "  Posts 2024: 2",
        "  Coordinator: Dr Roland CHAPURLAT — roland.chapurlat@chu-lyon.fr",
        "  Referents: Pauline SHANG (pauline.shang@chu-lyon.fr)",
        "  Support services: 9",
        "  Sources: ars-ara-accueil-internes p. 14, sfr-rhumatologie-2024 p. 10, "
        "sfr-rhumatologie-2024 p. 61",
    ]


def test_guides_city_finds_names_without_accents_and_refuses_unknown_ones(capsys, built):
    code, out, _ = guides(capsys, "city", "ocean indien", "--warehouse", str(built[1]))
    assert code == 0 and out.startswith("Océan Indien (ocean-indien)\n")
    assert "  Trend: 2019 — · 2020 2858 · 2021 4463 · 2022 4738 · 2023 3353" in out
    code, _, err = guides(capsys, "city", "atlantis", "--warehouse", str(built[1]))
    assert code == 2
    assert err.startswith("error: no subdivision called 'atlantis'; one of: amiens, angers")

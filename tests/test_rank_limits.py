"""The rank-limit table of the 2024 rheumatology guide, every cell, as printed on page 10."""

from __future__ import annotations

import pytest

from pipeline.parse.resolve import subdivision_resolver

# Copied from the printed table (Ville\Année, 2011 … 2023, then posts 2024).
PRINTED = """\
Ville\\Année	2011	2012	2013	2014	2015	2016	2017	2018	2019	2020	2021	2022	2023	2024
Paris IDF	1413	1381	1338	2235	2676	1929	1703	2545	2511	2748	2306	2809	3232	14
Strasbourg	1200	1156	1090	603	1363	2055	1611	734	1487	1631	2577	1411	2733	3
Nancy	3302	3545	3592	3988	3932	3201	3284	4158	3906	3843	4295	3939	3669	3
Besançon	1982	2606	3847	3667	3768	1976	2732	3504	1990	3825	3766	4215	2543	2
Dijon	3143	3235	3577	4075	3709	2867	1718	3032	3483	3907	2995	4504	4623	3
Reims	1889	3532	3844	3373	3433	3365	3363	3859	2825	3683	3756	4673	4259	3
Caen	2754	2151	3652	3736	3690	2824	3515	1823	3475	3632	4949	5139	4542	3
Rouen	2541	2680	3101	3245	3284	3046	2510	3041	4449	3472	3771	3140	3860	3
Lille	1967	2304	1705	2730	3646	2152	2231	3080	3331	2613	3349	3312	2424	5
Amiens	2897	3469	3779	3997	4397	3750	3558	4159	4435	3812	4416	4957	4483	3
Clermont-Ferrand	2481	3247	2711	3966	3480	2918	3141	2665	4766	4179	1929	5237	4648	3
Grenoble	1833	1818	1218	935	1100	1601	1893	1098	1883	1854	2614	3542	2172	2
Lyon	1285	2227	1392	1632	2333	1566	1613	1676	2482	2744	2599	4057	4014	2
Saint-Etienne	3347	3414	3894	4241	3993	3404	2884	3918	3831	4407	5404	4942	4698	2
Brest	3336	2809	1659	1737	3320	3341	1976	3865	3452	3155	2570	3399	537	2
Rennes	1400	1558	2116	2643	2212	701	2577	826	3675	2376	902	4073	2938	3
Angers	2483	1631	2675	2688	2366	2634	1902	1796	4581	3188	1509	3960	4335	2
Nantes	544	1009	2002	2066	1524	1760	559	2410	1620	2340	255	1980	2174	2
Tours	2030	2197	1815	3140	3363	2769	2729	3564	2684	2786	2965	4463	4298	5
Poitiers	2942	2782	3657	2773	3736	3596	3319	3945	4669	4290	3492	5007	4321	3
Montpellier	1854	2189	1382	2387	1737	2393	2319	2212	3056	1499	2603	3788	3639	4
Aix-Marseille	784	2889	2018	2001	2235	2561	2853	2494	3649	2315	2556	3397	3900	4
Nice	2187	2229	2617	3431	2510	2603	2362	3101	3693	3769	3116	2929	3414	2
Bordeaux	863	1531	1343	253	1736	1646	1637	1593	1460	1365	1205	2630	1888	4
Océan Indien	-	-	-	-	-	-	-	-	-	2858	4463	4738	3353	1
Toulouse	1949	1409	1375	2420	3270	2201	1512	1525	2397	1295	1139	2738	2624	4
Limoges	3036	2825	3063	4166	1318	3850	4290	4147	4779	4389	4491	5254	4676	2
Martinique-Guadeloupe	3002	3611	3400	2067	4691	6997	3431	3811	3904	4385	5567	5038	5268	3

"""

EXPECTED_IDS = {
    "Paris IDF": "ile-de-france", "Strasbourg": "strasbourg", "Nancy": "nancy",
    "Besançon": "besancon", "Dijon": "dijon", "Reims": "reims", "Caen": "caen",
    "Rouen": "rouen", "Lille": "lille", "Amiens": "amiens",
    "Clermont-Ferrand": "clermont-ferrand", "Grenoble": "grenoble", "Lyon": "lyon",
    "Saint-Etienne": "saint-etienne", "Brest": "brest", "Rennes": "rennes",
    "Angers": "angers", "Nantes": "nantes", "Tours": "tours", "Poitiers": "poitiers",
    "Montpellier": "montpellier", "Aix-Marseille": "marseille", "Nice": "nice",
    "Bordeaux": "bordeaux", "Océan Indien": "ocean-indien", "Toulouse": "toulouse",
    "Limoges": "limoges", "Martinique-Guadeloupe": "antilles-guyane",
}


def printed_rows() -> tuple[list[int], list[list[str]]]:
    header, *rows = [line.split("\t") for line in PRINTED.strip().splitlines()]
    return [int(y) for y in header[1:]], rows


def test_every_cell_of_the_28_rows_and_13_years(warehouse):
    years, rows = printed_rows()
    got = {(s, y): (r, label) for s, y, r, label in warehouse.execute(
        "SELECT subdivision_id, year, rank_limit, label_as_printed FROM rank_limits "
        "WHERE doc_id = 'sfr-rhumatologie-2024'").fetchall()}
    expected = {}
    for label, *cells in rows:
        for year, cell in zip(years[:-1], cells[:-1], strict=True):
            expected[(EXPECTED_IDS[label], year)] = (None if cell == "-" else int(cell), label)
    assert len(expected) == 28 * 13
    assert got == expected


def test_posts_column_is_2024_posts_not_a_rank(warehouse):
    years, rows = printed_rows()
    assert years[-1] == 2024
    got = dict(warehouse.execute(
        "SELECT subdivision_id, posts FROM posts WHERE source = 'rank_table' "
        "AND year = 2024").fetchall())
    assert got == {EXPECTED_IDS[label]: int(cells[-1]) for label, *cells in rows}
    assert got["ile-de-france"] == 14
    assert warehouse.execute("SELECT count(*) FROM rank_limits WHERE year = 2024").fetchone() == (0,)


def test_ocean_indien_has_null_ranks_before_2020(warehouse):
    rows = warehouse.execute(
        "SELECT year, rank_limit FROM rank_limits WHERE subdivision_id = 'ocean-indien' "
        "ORDER BY year").fetchall()
    assert rows[:9] == [(year, None) for year in range(2011, 2020)]
    assert rows[9:] == [(2020, 2858), (2021, 4463), (2022, 4738), (2023, 3353)]


def test_rows_point_at_the_page_of_the_table(warehouse):
    assert warehouse.execute("SELECT DISTINCT page FROM rank_limits").fetchall() == [(10,)]


def test_quality_report_names_the_table(warehouse):
    assert warehouse.execute(
        "SELECT page, strategy, rows, confidence FROM extraction_report "
        "WHERE table_name = 'rank_limits'").fetchall() == [(10, "lines", 28, 1.0)]


def test_rank_trends_view_gives_change_from_year_before(warehouse):
    assert warehouse.execute(
        "SELECT rank_limit, rank_change FROM rank_trends WHERE subdivision_id = 'lyon' "
        "AND year = 2023").fetchone() == (4014, 4014 - 4057)


@pytest.mark.parametrize("label, expected", sorted(EXPECTED_IDS.items()))
def test_resolver_maps_every_printed_label(label, expected):
    assert subdivision_resolver().resolve(label).id == expected

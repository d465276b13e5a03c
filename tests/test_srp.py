"""The SRP-IMG 2024 article: its calendar of the start of residency and its contact."""

from __future__ import annotations

from datetime import date

import pytest
from model_pages import entry, line, outlined, printed

from pipeline.errors import ContentNotFound
from pipeline.extract import srp
from pipeline.parse.contact_info import emails, phones

DOC = "srp-img-neo-internes-2024"


@pytest.fixture(scope="module")
def srp_document(parsed_document):
    return parsed_document(DOC)


def events(warehouse) -> dict[str, tuple[date, date | None]]:
    return {title: (start, end) for title, start, end in warehouse.execute(
        "SELECT title, start_date, end_date FROM events WHERE doc_id = ?", [DOC]).fetchall()}


def test_calendar_bullets_have_their_iso_dates(warehouse):
    got = events(warehouse)
    expected = {
        "Des simulations facultatives seront organisées, permettant de se projeter sur une "
        "affectation fictive": (date(2024, 8, 3), date(2024, 8, 14)),
        "Des tours à blancs obligatoiresCalendrier des 6 tours à blanc obligatoires ici":
            (date(2024, 8, 23), date(2024, 9, 6)),
        "Procédure d’affectation définitive des spécialités et régions":
            (date(2024, 9, 6), date(2024, 9, 9)),
        "Résultats définitifs des spécialités et régions": (date(2024, 9, 10), None),
        "Candidatures pour les colocations APHP (logements à bas prix)":
            (date(2024, 9, 1), date(2024, 9, 19)),
        "Tu recevras ton affectation dans l’une des facs d’IdF":
            (date(2024, 10, 1), date(2024, 10, 4)),
        "Tu seras contacté par ta fac d’affectation pour faire ton inscription à la fac "
        "(dossier en ligne)": (date(2024, 10, 7), date(2024, 10, 8)),
        "Journée d’accueil des néo-internes de MG à Paris, organisée par le SRP-IMG et à ne "
        "pas manquer": (date(2024, 9, 24), None),
        "Séminaire d’accueil de la nouvelle promotion, organisé par ta nouvelle faculté":
            (date(2024, 10, 10), date(2024, 10, 30)),
        "Choix des stages ambulatoires": (date(2024, 10, 7), date(2024, 10, 30)),
        "Premier jour du stage et début de ta nouvelle vie": (date(2024, 11, 4), None),
    }
    assert {title: got.get(title) for title in expected} == expected


def test_date_inside_a_bullet_without_separator(warehouse):
    assert warehouse.execute(
        "SELECT start_date, end_date FROM events WHERE doc_id = ? AND title LIKE "
        "'Après la parution des résultats des Epreuves Nationales le 17 juin%'", [DOC]
    ).fetchall() == [(date(2024, 6, 17), None)]


def test_welcome_events_under_their_headings(warehouse):
    assert warehouse.execute(
        "SELECT start_date, title, organization FROM events WHERE doc_id = ? "
        "AND organization IS NOT NULL ORDER BY start_date", [DOC]).fetchall() == [
        (date(2024, 6, 8), "La Journée Découverte de la Médecine Générale (JDMG) – Édition 2024",
         "SRP-IMG"),
        (date(2024, 7, 21), "Pizza gratuites et questions à volonté le 21 juillet", "SRP-IMG"),
        (date(2024, 9, 24), "La Journée d’accueil des nouveaux internes de MG en IdF - Édition "
         "2024", "SRP-IMG"),
    ]


def test_bullets_without_any_date_are_not_events(warehouse):
    assert len(events(warehouse)) == 18
    titles = " ".join(events(warehouse))
    assert "RPPS" not in titles
    assert warehouse.execute("SELECT count(*) FROM events WHERE doc_id = ? AND page = 3 "
                             "AND end_date < start_date", [DOC]).fetchall() == [(0,)]


def test_event_announced_without_its_date_is_kept_with_null_dates(warehouse):
    assert warehouse.execute(
        "SELECT start_date, end_date, date_as_printed FROM events WHERE doc_id = ? "
        "AND title LIKE '%BDI%'", [DOC]).fetchall() == [(None, None, (
            "Jusqu’au ?? octobre , inscription au BDI (Bureau des Internes de l’APHP). "
            "Indispensable pour recevoir un salaire en novembre."))]


def test_every_address_and_number_of_the_article_is_a_contact(warehouse, srp_document):
    printed_emails, printed_phones = printed(srp_document, emails), printed(srp_document, phones)
    got = warehouse.execute("SELECT email, phone, organization, page FROM contacts "
                            "WHERE doc_id = ?", [DOC]).fetchall()
    assert printed_emails == {"secretaire@srp-img.com"}
    assert {e for e, *_ in got if e} == printed_emails
    assert {p for _, p, *_ in got if p} == printed_phones
    assert ("secretaire@srp-img.com", None, "SRP-IMG", 12) in got


def calendar_page(*bullets: str):
    lines = [line("Planning 2025 de la rentrée universitaire", 40)]
    lines += [line(f"• {text}", 60 + 16 * i, x0=46) for i, text in enumerate(bullets)]
    lines.append(line("Les réponses à toutes tes questions", 60 + 16 * len(bullets) + 20,
                      bold=True, size=12))
    return lines, ()


def test_a_date_that_does_not_exist_is_rejected_with_its_text():
    result = srp.extract(outlined(calendar_page(
        "Du 3 au 5 mars = Premier tour.", "Le 31 juin = Date impossible.",
        "Jusqu’au ?? octobre , inscription.", "Le lundi 2 juin = Jour de choix.")),
        entry(extractor="srp"))
    assert [(r["title"], r["start_date"], r["end_date"]) for r in result.rows["events"]] == [
        ("Premier tour", date(2025, 3, 3), date(2025, 3, 5)),
        ("Jusqu’au ?? octobre , inscription", None, None),  # kept, undated
        ("Jour de choix", date(2025, 6, 2), None),
    ]
    assert result.rows["events"][1]["date_as_printed"] == "Jusqu’au ?? octobre , inscription."
    [reject] = result.rejects
    assert reject.table_name == "events" and reject.page == 1
    assert reject.record["printed"] == "Le 31 juin = Date impossible."
    assert "no such date" in reject.reason and "Le 31 juin" in reject.reason
    assert result.reports[0].confidence == 2 / 3


def test_a_document_without_calendar_is_content_not_found():
    with pytest.raises(ContentNotFound, match="Planning YYYY"):
        srp.extract(outlined(([line("Rien ici", 40)], ())), entry(extractor="srp"))


def test_a_calendar_continued_over_a_page_break_skips_the_running_footer():
    first = [line("Planning 2024 de la rentrée", 40),
             line("• Du 1 au 4 octobre = Affectation.", 60, x0=46),
             line("https://www.srp-img.com/neo-internes 2/12", 800, size=7)]
    second = [line("01/07/2024 09:00 SRP-IMG", 20, size=7),
              line("• Le 4 novembre = Premier jour du stage.", 48, x0=46),
              line("suite du texte", 62, x0=53),
              line("Les réponses", 90, bold=True, size=12),
              line("• Le 5 novembre = Pas dans le calendrier.", 110, x0=46)]
    result = srp.extract(outlined((first, ()), (second, ())), entry(extractor="srp"))
    assert [(r["page"], r["title"], r["start_date"]) for r in result.rows["events"]] == [
        (1, "Affectation", date(2024, 10, 1)), (2, "Premier jour du stage", date(2024, 11, 4))]
    assert result.reports[0].page == 1


def test_a_calendar_title_without_bullets_is_content_not_found():
    lines = [line("Planning 2024 de la rentrée", 40), line("Bientôt", 60, bold=True)]
    with pytest.raises(ContentNotFound, match="without a bullet list"):
        srp.extract(outlined((lines, ())), entry(extractor="srp"))

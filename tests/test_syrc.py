"""The SYRC-IMG 'Formation pratique' page: six placement semesters and the validation rule."""

from __future__ import annotations

import pytest
from model_pages import entry, line, outlined, printed

from pipeline.errors import ContentNotFound
from pipeline.extract import syrc
from pipeline.parse.contact_info import emails, phones

DOC = "syrc-img-formation-pratique"


def test_six_placement_semesters_in_three_groups(warehouse):
    assert warehouse.execute(
        "SELECT group_letter, setting, placement, reserved_for, semesters "
        "FROM training_requirements WHERE doc_id = ? AND requirement = 'placement' "
        "ORDER BY group_letter, text_as_printed", [DOC]).fetchall() == [
        ("A", "hospital", "un au titre de la médecine d’adultes", None, 1),
        ("A", "hospital", "un au titre de la médecine d’urgence", None, 1),
        ("B", "approved-site", "un au titre de la pédiatrie et/ou de la gynécologie", None, 1),
        ("B", "approved-site", "un semestre libre", None, 1),
        ("C", "ambulatory", "le SASPAS réservé aux T3", "T3", 1),
        ("C", "ambulatory", "le praticien de niveau réservé aux T1", "T1", 1),
    ]


def test_group_labels_and_specialty(warehouse):
    assert warehouse.execute(
        "SELECT DISTINCT group_letter, group_label, specialty, page FROM training_requirements "
        "WHERE doc_id = ? AND requirement = 'placement' ORDER BY 1", [DOC]).fetchall() == [
        ("A", "A) Deux semestres obligatoires dans des services ou départements hospitaliers "
              "agréés pour la médecine générale :", "medecine-generale", 1),
        ("B", "B) Deux semestres dans un lieu de stage agréé au titre de la médecine "
              "générale :", "medecine-generale", 1),
        ("C", "C) Deux semestres en ambulatoire auprès de praticiens généralistes agréés "
              "maitres de stage* :", "medecine-generale", 1),
    ]


def test_validation_needs_four_months_presence_out_of_six(warehouse):
    assert warehouse.execute(
        "SELECT min_presence_months, period_months, text_as_printed FROM training_requirements "
        "WHERE doc_id = ? AND requirement = 'validation' ORDER BY 1", [DOC]).fetchall() == [
        (4, 6, "il faut une présence de quatre mois effectifs minimum sur les six pour la "
               "validation administrative (congés payés inclus)."),
        (None, None, "il faut avoir fait preuve de ses qualités de futur médecin pour la "
                     "validation pratique par le chef de service."),
    ]


def test_quality_report(warehouse):
    assert warehouse.execute(
        "SELECT page, strategy, rows, confidence FROM extraction_report "
        "WHERE table_name = 'training_requirements'").fetchall() == [(1, "headings", 6, 1.0)]


def test_contacts_of_the_page(warehouse, parsed_document):
    doc = parsed_document(DOC)
    assert printed(doc, emails) == set() and printed(doc, phones) == set()
    assert warehouse.execute(
        "SELECT name, role, email, phone, page FROM contacts WHERE doc_id = ?", [DOC]
    ).fetchall() == [("Dr PERROT", "Directeur du Département de Médecine Générale", None,
                      None, 3)]


def _curriculum(*bullets: str, title: str = "six", group: str = "Deux"):
    # Body text around the headings, as every page has: headings stand out from it.
    intro = "La formation pratique comprend des stages hospitaliers et ambulatoires."
    lines = [line(intro, 20),
             line(f"1. Le DES se compose de {title} semestres de stage", 40, bold=True, size=14)]
    lines.append(line(f"A) {group} semestres hospitaliers :", 70, bold=True))
    lines += [line(f"• {b}", 90 + 16 * i, x0=46) for i, b in enumerate(bullets)]
    lines.append(line(intro, 90 + 16 * len(bullets)))
    return lines, ()


def test_a_group_that_does_not_add_up_is_rejected():
    result = syrc.extract(outlined(_curriculum("un au titre de la médecine d’urgence.")),
                          entry(extractor="syrc"))
    assert "training_requirements" not in result.rows
    reasons = [r.reason for r in result.rejects]
    assert reasons == ["group announces 2 semesters but lists 1",
                       "title announces 6 semesters, groups give 0"]


def test_a_consistent_curriculum_loads():
    result = syrc.extract(outlined(_curriculum("un en médecine.", "un aux urgences.",
                                               title="deux")), entry(extractor="syrc"))
    assert [(r["placement"], r["setting"]) for r in result.rows["training_requirements"]] == [
        ("un en médecine", "hospital"), ("un aux urgences", "hospital")]
    assert result.rejects == []


def test_a_page_without_curriculum_is_content_not_found():
    with pytest.raises(ContentNotFound):
        syrc.extract(outlined(([line("Rien", 40)], ())), entry(extractor="syrc"))

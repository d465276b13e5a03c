"""The French date parser: days, ranges, accents, weekdays, and dates that do not exist."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.parse.values import (
    BadValue,
    DateRange,
    UnknownDate,
    month_number,
    parse_date_range,
    parse_french_date,
    parse_number_word,
    search_french_date,
)


@pytest.mark.parametrize("text, expected", [
    ("le mardi 24 septembre 2024", date(2024, 9, 24)),
    ("Dimanche 21 juillet", date(2024, 7, 21)),
    ("3 aout", date(2024, 8, 3)),
    ("14 août", date(2024, 8, 14)),
    ("1er février", date(2024, 2, 1)),
    ("1er fevrier", date(2024, 2, 1)),
    ("29 février", date(2024, 2, 29)),
    ("le 10 septembre 17h", date(2024, 9, 10)),
    ("9 septembre minuit", date(2024, 9, 9)),
    ("25 DÉCEMBRE 2023", date(2023, 12, 25)),
    ("10/10/2019", date(2019, 10, 10)),
])
def test_parse_french_date(text, expected):
    assert parse_french_date(text, 2024) == expected


@pytest.mark.parametrize("text, reason", [
    ("31 juin", "no such date"),
    ("30 février", "no such date"),
    ("29 février 2023", "no such date"),
    ("0 mai", "no such date"),
    ("le lundi 24 septembre 2024", "weekday does not match 2024-09-24"),
    ("24 brumaire", "not a month"),
    ("quand il fera beau", "not a French date"),
])
def test_bad_dates_raise_with_the_printed_text(text, reason):
    with pytest.raises(BadValue) as caught:
        parse_french_date(text, 2024)
    assert reason in caught.value.message
    assert caught.value.text == text


def test_a_date_without_year_needs_one():
    with pytest.raises(BadValue, match="without month or year"):
        parse_french_date("3 août")


def test_unknown_day_is_its_own_error():
    with pytest.raises(UnknownDate):
        parse_date_range("Jusqu’au ?? octobre", 2024)
    assert issubclass(UnknownDate, BadValue)


@pytest.mark.parametrize("text, start, end", [
    ("Du 3 aout au 14 août", date(2024, 8, 3), date(2024, 8, 14)),
    ("Du 1 au 4 octobre", date(2024, 10, 1), date(2024, 10, 4)),
    ("Du 1 au 29 septembre inclus", date(2024, 9, 1), date(2024, 9, 29)),
    ("Du 6 septembre 17h au 9 septembre minuit", date(2024, 9, 6), date(2024, 9, 9)),
    ("À une date entre le 10 octobre et le 30 octobre", date(2024, 10, 10), date(2024, 10, 30)),
    ("Le 21 et 22 octobre", date(2024, 10, 21), date(2024, 10, 22)),
    ("du 30 novembre au 2 décembre 2025", date(2025, 11, 30), date(2025, 12, 2)),
    ("Le 4 novembre", date(2024, 11, 4), None),
])
def test_parse_date_range(text, start, end):
    assert parse_date_range(text, 2024) == DateRange(start, end)


def test_range_ending_before_it_starts_is_bad():
    with pytest.raises(BadValue, match="ends before it starts"):
        parse_date_range("Du 14 août au 3 août", 2024)
    with pytest.raises(BadValue, match="no such date"):
        parse_date_range("Du 1 au 31 juin", 2024)


def test_search_finds_a_day_and_month_in_running_text_only():
    text = "Après la parution des résultats des Epreuves Nationales le 17 juin , le site EVEN"
    assert search_french_date(text, 2024) == date(2024, 6, 17)
    assert search_french_date("Calendrier des 6 tours de simulation ici.", 2024) is None


def test_month_and_number_words():
    assert [month_number(m) for m in ("janvier", "Août", "aout", "sept", "décembre")] == [
        1, 8, 8, 9, 12]
    assert [parse_number_word(w) for w in ("Deux", "six", "quatre", "12")] == [2, 6, 4, 12]
    with pytest.raises(BadValue):
        parse_number_word("plusieurs")

"""Property-based tests (hypothesis) of the value parsers: whatever the printing, a value is
read right or refused, never misread.
"""

from __future__ import annotations

import calendar
import contextlib
import re
import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from pipeline.parse.contact_info import broken_emails, emails, phones
from pipeline.parse.reference import subdivision_aliases
from pipeline.parse.resolve import MARGIN, THRESHOLD, normalise, subdivision_resolver
from pipeline.parse.values import (
    BadValue,
    parse_count,
    parse_date_range,
    parse_french_date,
    search_french_date,
)
from schemas._base import EMAIL_PATTERN, PHONE_PATTERN

# No deadline: the suite runs on loaded CI machines; timing is not what is tested here.
relaxed = settings(deadline=None, max_examples=100)

SEPARATORS = [" ", "\u00a0", "\u202f", "\u2009", ".", ",", "'", "’"]
FOOTNOTES = ["*", "**", "†", "‡", "§", "¹", "²", "ᵃ", "(1)", "(a)", "[2]", "[b]"]
MISSING = ["-", "–", "—", "−", "/", "nc", "NC", "n.c.", "N.C.", "nd", "n.d.", "NA", "n/a", "",
           "   "]
ALIASES = subdivision_aliases()


def grouped(number: int, separator: str) -> str:
    """`number` printed with `separator` between groups of three digits."""
    return f"{number:,}".replace(",", separator)


# --- counts and ranks -----------------------------------------------------------------

@relaxed
@given(st.integers(0, 10**8), st.sampled_from(SEPARATORS))
def test_count_with_thousands_separators(number, separator):
    assert parse_count(grouped(number, separator)).value == number


@relaxed
@given(st.integers(0, 10**6), st.sampled_from(["", " "]), st.sampled_from(FOOTNOTES))
def test_count_with_footnote_mark_keeps_the_mark(number, space, mark):
    count = parse_count(f"{grouped(number, ' ')}{space}{mark}")
    assert (count.value, count.note) == (number, mark)


@relaxed
@given(st.sampled_from(MISSING), st.sampled_from(["", " ", "\n"]))
def test_missing_marks_are_none(mark, padding):
    assert parse_count(f"{padding}{mark}{padding}").value is None


@relaxed
@given(st.integers(10, 10**6), st.data())
def test_a_letter_inside_a_number_is_refused(number, data):
    digits = str(number)
    at = data.draw(st.integers(1, len(digits) - 1))
    printed = digits[:at] + data.draw(st.sampled_from("OoIlSBZ")) + digits[at:]  # '12O4'
    try:
        parse_count(printed)
    except BadValue as error:
        assert error.text == printed
    else:
        raise AssertionError(f"{printed!r} was read as a number")


@relaxed
@given(st.text(max_size=12))
def test_any_text_is_read_as_its_digits_or_refused(text):
    try:
        count = parse_count(text)
    except BadValue:
        return
    if count.value is not None:
        number = text.strip()
        if count.note:
            number = number.removesuffix(count.note).rstrip()
        assert int(re.sub(r"\D", "", number)) == count.value


# --- e-mails ----------------------------------------------------------------------------

LOCAL = st.from_regex(r"[a-z0-9]([a-z0-9._+-]{0,10}[a-z0-9])?", fullmatch=True)
LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
ADDRESS = st.builds(lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
                    LOCAL, st.lists(LABEL, min_size=1, max_size=3),
                    st.sampled_from(["fr", "com", "org", "eu", "sante"]))
AROUND = st.sampled_from([("", ""), ("Contact : ", "."), ("(", ")"), ("mail: ", ", tél."),
                          ("\n", "\n"), ("« ", " »")])


@relaxed
@given(ADDRESS, AROUND, st.booleans())
def test_email_is_found_whole_and_lower_case(address, around, upper):
    before, after = around
    printed = address.upper() if upper else address
    assert emails(f"{before}{printed}{after}") == [address]


@relaxed
@given(LOCAL, st.sampled_from(["", ".", " ", "\n"]))
def test_email_without_domain_is_not_an_address(local, after):
    assert emails(f"Écrire à {local}@{after}") == []


@relaxed
@given(LOCAL, st.sampled_from(["", "chu", "chu-", "chu.f", "chu-lyon.f2"]),
       st.sampled_from(["", ".", ",", ")"]))
def test_broken_address_is_reported_as_printed_never_dropped(local, domain, after):
    text = f"(Écrire à {local}@{domain}{after} ou drh@chu.fr)"
    assert emails(text) == ["drh@chu.fr"]
    assert broken_emails(text) == [f"{local}@{domain}"]


@relaxed
@given(st.text(alphabet="abz09.@-_+'éÉ ,()", max_size=40))
def test_every_email_found_passes_the_schema_and_is_printed_whole(text):
    assert not set(emails(text)) & {word.lower() for word in broken_emails(text)}
    lowered = text.lower()
    for address in emails(text):
        assert re.fullmatch(EMAIL_PATTERN, address)
        starts = [m.start() for m in re.finditer(f"(?={re.escape(address)})", lowered)]
        before = [lowered[i - 1] if i else " " for i in starts]
        assert any(not (c.isalnum() or c in "._%+'-") for c in before), (text, address)


@example("andré.martin")
@relaxed
@given(st.text(alphabet="aeéèçbcz.-", min_size=1, max_size=8))
def test_email_after_accented_letters_is_not_cut(local):
    assert emails(f"{local}@chu-lyon.fr") in ([], [f"{local}@chu-lyon.fr".lower()])


# --- phones -----------------------------------------------------------------------------

FRENCH = st.builds(lambda lead, rest: lead + rest, st.sampled_from("1234567"),
                   st.from_regex(r"[0-9]{8}", fullmatch=True))


def printed_forms(national: str) -> list[str]:
    """The ways a French number is printed: 04 78 …, 04.78…, +33 4 78…, +33 (0)4 78…"""
    pairs = [national[i:i + 2] for i in range(1, 9, 2)]
    return ["0" + national, "0" + national[0] + " " + " ".join(pairs),
            "0" + national[0] + "." + ".".join(pairs), "0" + national[0] + "-" + "-".join(pairs),
            "+33 " + national[0] + " " + " ".join(pairs),
            "+33 (0)" + national[0] + " " + " ".join(pairs), "+33" + national]


@relaxed
@given(FRENCH, st.data())
def test_french_number_in_any_print_form_gives_e164(national, data):
    import phonenumbers

    assume(phonenumbers.is_valid_number(phonenumbers.parse("0" + national, "FR")))
    printed = data.draw(st.sampled_from(printed_forms(national)))
    assert phones(f"Secrétariat : {printed} (9h-17h)") == ["+33" + national]


@relaxed
@given(st.text(alphabet="0123456789 .-+()/:abc", max_size=40))
def test_every_phone_found_is_e164(text):
    for number in phones(text):
        assert re.fullmatch(PHONE_PATTERN, number)


# --- subdivision labels ------------------------------------------------------------------

def _accented(char: str) -> list[str]:
    return {"a": ["a", "à", "â"], "e": ["e", "é", "è", "ê", "ë"], "i": ["i", "î", "ï"],
            "o": ["o", "ô"], "u": ["u", "ù", "û"], "c": ["c", "ç"]}.get(char.lower(), [char])


@st.composite
def respelled(draw, alias: str) -> str:
    """`alias` with its case, accents and word separators changed at random."""
    out = []
    for char in unicodedata.normalize("NFC", alias):
        if char in " -'’":
            out.append(draw(st.sampled_from([" ", "-", " - ", "  ", "'"])))
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c))
        variant = draw(st.sampled_from(_accented(base) if base else [char]))
        out.append(variant.upper() if draw(st.booleans()) else variant)
    return "".join(out)


@relaxed
@given(st.sampled_from(sorted(ALIASES)).flatmap(lambda a: st.tuples(st.just(a), respelled(a))))
def test_any_respelling_of_an_alias_resolves_to_its_id(pair):
    alias, label = pair
    assert subdivision_resolver().resolve(label).id == ALIASES[alias]


@relaxed
@given(st.text(alphabet="0123456789 -./*()%", max_size=12))
def test_numbers_and_marks_never_resolve(label):
    match = subdivision_resolver().resolve(label)
    assert match.id is None and label in match.reason


def _best_by_id(label: str) -> dict[str, float]:
    """The best rapidfuzz score of `label` against each id's aliases."""
    key = normalise(label)
    best: dict[str, float] = {}
    for alias, ident in ALIASES.items():
        best[ident] = max(best.get(ident, 0.0), fuzz.ratio(key, normalise(alias)))
    return best


@st.composite
def typo(draw) -> str:
    """A known alias with one to three random edits, or random junk."""
    if draw(st.booleans()):
        return draw(st.text(alphabet="abcdefghilmnorstuvé -", max_size=20))
    label = list(draw(st.sampled_from(sorted(ALIASES))))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(label)))
        edit = draw(st.sampled_from(["insert", "delete", "replace"]))
        letter = draw(st.sampled_from("abcdeilmnorstuy"))
        if edit == "insert":
            label.insert(at, letter)
        elif at < len(label):
            label[at:at + 1] = [letter] if edit == "replace" else []
    return "".join(label)


@relaxed
@given(typo())
def test_a_label_resolves_only_to_a_clear_winner(label):
    match = subdivision_resolver().resolve(label)
    if match.id is None:
        return
    best = _best_by_id(label)
    winner = best.pop(match.id)
    assert winner == max(winner, *best.values())
    if winner < 100:
        assert winner >= THRESHOLD
        assert winner - max(best.values()) >= MARGIN, (label, match)


# --- French dates --------------------------------------------------------------------------

# Every printed form of each month: full names with and without accents, and the
# abbreviations the labels allow (a trailing dot is punctuation, dropped on reading).
MONTHS = {
    1: ["janvier", "janv", "janv."], 2: ["février", "fevrier", "févr.", "fevr", "fév", "fev."],
    3: ["mars"], 4: ["avril", "avr", "avr."], 5: ["mai"], 6: ["juin"],
    7: ["juillet", "juil", "juil."], 8: ["août", "aout"], 9: ["septembre", "sept", "sept."],
    10: ["octobre", "oct", "oct."], 11: ["novembre", "nov", "nov."],
    12: ["décembre", "decembre", "déc", "dec."]}
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DATES = st.dates(date(1990, 1, 1), date(2100, 12, 31))
CASES = [str, str.upper, str.capitalize, str.title]


@st.composite
def french(draw, day: date, year: bool = True) -> str:
    """`day` printed in French: article, weekday, '1er', any month form, year or not."""
    words = [draw(st.sampled_from(["", "le "]))]
    if draw(st.booleans()):
        words.append(WEEKDAYS[day.weekday()] + " ")
    number = "1er" if day.day == 1 and draw(st.booleans()) else str(day.day)
    words.append(f"{number} {draw(st.sampled_from(MONTHS[day.month]))}")
    if year:
        words.append(f" {day.year}")
    return draw(st.sampled_from(CASES))("".join(words))


@relaxed
@given(DATES.flatmap(lambda d: st.tuples(st.just(d), french(d))))
def test_any_french_date_reads_back_as_itself(printed):
    day, text = printed
    assert parse_french_date(text) == day, text


@relaxed
@given(DATES.flatmap(lambda d: st.tuples(st.just(d), french(d, year=False))))
def test_a_date_without_its_year_takes_the_year_given(printed):
    day, text = printed
    assert parse_french_date(text, day.year) == day, text
    with pytest.raises(BadValue):
        parse_french_date(text)


@st.composite
def impossible(draw) -> tuple[int, int, int]:
    """(year, month, day) of a day past the end of its month (31 juin, 29 février 2023)."""
    year = draw(st.integers(1990, 2100))
    month = draw(st.sampled_from([2, 4, 6, 9, 11]))
    last = calendar.monthrange(year, month)[1]
    return year, month, draw(st.integers(last + 1, 31))


@example((2024, 6, 31), 0)
@example((2024, 2, 30), 0)
@example((2023, 2, 29), 1)
@example((2100, 2, 29), 2)
@relaxed
@given(impossible(), st.integers(0, 5))
def test_a_date_that_does_not_exist_is_refused(day, form):
    year, month, number = day
    text = f"{number} {MONTHS[month][form % len(MONTHS[month])]} {year}"
    with pytest.raises(BadValue, match="no such date"):
        parse_french_date(text)


@st.composite
def printed_range(draw) -> tuple[date, date, str]:
    """A start and an end day (start <= end) printed as a range; the start leaves out what
    it shares with the end (month and year, or the year), or not."""
    start = draw(DATES)
    end = start + timedelta(days=draw(st.integers(0, 400)))
    first = draw(french(start))
    if start.year == end.year and draw(st.booleans()):
        first = f"{start.day} {draw(st.sampled_from(MONTHS[start.month]))}"
        if start.month == end.month and draw(st.booleans()):
            first = str(start.day)
    last = draw(french(end))
    form = draw(st.sampled_from(["Du {} au {}", "du {} au {}", "Entre le {} et le {}"]))
    return start, end, form.format(first.removeprefix("le "), last.removeprefix("le "))


@relaxed
@given(printed_range())
def test_a_range_reads_back_start_before_end(printed):
    start, end, text = printed
    found = parse_date_range(text)
    assert (found.start, found.end) == (start, end), text
    assert found.start <= found.end


@relaxed
@given(DATES, st.integers(1, 400), st.data())
def test_a_range_ending_before_it_starts_is_refused(end, days, data):
    start = end + timedelta(days=days)
    text = f"Du {data.draw(french(start, True))} au {data.draw(french(end, True))}"
    with pytest.raises(BadValue):
        parse_date_range(text)


@relaxed
@given(DATES.flatmap(lambda d: st.tuples(st.just(d), french(d))),
       st.sampled_from(["Journées nationales", "Rendez-vous : ", "Inscriptions (6 tours)"]),
       st.sampled_from(["", ", à Paris.", " puis 3 sessions"]))
def test_a_date_in_running_text_is_found(printed, before, after):
    day, text = printed
    assert search_french_date(f"{before} {text}{after}") == day


DATE_TEXT = st.text(alphabet="0123456789 /?x.-ermaijuntdvsfélcobAMJDLEU", max_size=30)


@relaxed
@given(st.one_of(DATE_TEXT, st.text(max_size=30)), st.sampled_from([None, 2024]))
def test_any_text_is_a_date_or_a_bad_value(text, year):
    for parse in (lambda t: parse_french_date(t, year), lambda t: parse_date_range(t, year),
                  lambda t: search_french_date(t, year)):
        with contextlib.suppress(BadValue):
            parse(text)

"""The fixed sample of the mutation fuzzer (tests/fuzz.py): 40 damaged copies of the
3-page SYRC guide, five of each mutation, through one real build beside a witness guide.
Each ends as its rows or a one-line failure naming its file; the witness keeps its rows.
`make fuzz N=1000` runs the long version."""

from __future__ import annotations

from collections import Counter

import fuzz

SYRC = "2024/syrc-img-formation-pratique.pdf"


def test_forty_damaged_guides_end_as_rows_or_one_line(tmp_path):
    summary = fuzz.fuzz(40, seed=0, out=tmp_path, bases=(SYRC,), batch=40, progress=False,
                        time_slowest=False)
    assert summary["findings"] == []
    assert summary["cases"] == 40
    assert set(summary["outcomes"]) <= {"loaded", "refused"}
    assert sum(summary["outcomes"].values()) == 40
    assert {m: sum(c.values()) for m, c in summary["by_mutation"].items()} == dict.fromkeys(
        fuzz.MUTATIONS, 5)
    assert (tmp_path / "fuzz.json").is_file() and not (tmp_path / "crashes").exists()


def test_cases_are_the_same_bytes_on_every_run():
    first = [fuzz.make_case(n, 7, (SYRC,)) for n in range(16)]
    again = [fuzz.make_case(n, 7, (SYRC,)) for n in range(16)]
    assert [data for _, data in first] == [data for _, data in again]
    assert Counter(case.mutation for case, _ in first) == dict.fromkeys(fuzz.MUTATIONS, 2)
    original = (fuzz.RAW / SYRC).read_bytes()
    assert all(data != original for _, data in first)

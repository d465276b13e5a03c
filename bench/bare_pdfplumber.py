"""The yardstick of `make bench`: pdfplumber alone over the given PDFs, nothing else.

For every page: open it, extract its words and its tables (find_tables + extract, as the
pipeline's loader does on every page), close it. Prints the number of pages read.
"""

from __future__ import annotations

import sys

import pdfplumber


def bare_pass(paths: list[str]) -> int:
    """Read every page of `paths` the way the loader does, keeping nothing; return pages read."""
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                for table in page.find_tables():
                    table.extract()
                page.close()
                pages += 1
    return pages


if __name__ == "__main__":
    print(bare_pass(sys.argv[1:]))

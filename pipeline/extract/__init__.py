"""Extractors, one module per kind of content; a module's name is its catalog name.

Every extractor is a pure function `extract(outline, entry) -> Extraction`: the document's
outline (pipeline.structure.outline) in, rows out, no I/O. Modules are imported only when used.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

from pipeline.catalog import Entry
from pipeline.extract.result import Extraction
from pipeline.structure.outline import Outline

# Modules of this package that are not extractors: what every extractor returns.
NOT_EXTRACTORS = frozenset({"result"})

Extractor = Callable[[Outline, Entry], Extraction]


def names() -> set[str]:
    """The extractor names a catalog entry may use."""
    return {m.name for m in pkgutil.iter_modules(__path__)
            if not m.name.startswith("_") and m.name not in NOT_EXTRACTORS}


def summaries() -> dict[str, str]:
    """Each extractor's name and what it reads (the first line of its module docstring),
    for `guides extractors`; read from the source, so no extractor is imported."""
    import ast

    return {name: (ast.get_docstring(ast.parse(Path(__path__[0], f"{name}.py").read_text(
        encoding="utf-8"))) or "").split("\n")[0] for name in sorted(names())}


def get(name: str) -> Extractor:
    """The extract function of extractor `name`."""
    return importlib.import_module(f"{__name__}.{name}").extract

"""Pandera schemas, one module per warehouse table; importing the package registers them all."""

from __future__ import annotations

import importlib
import pkgutil

from schemas._base import REGISTRY, TableSpec
from schemas.views import VIEWS, ViewSpec

for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")

TABLES: dict[str, TableSpec] = dict(sorted(REGISTRY.items()))

__all__ = ["TABLES", "VIEWS", "TableSpec", "ViewSpec"]

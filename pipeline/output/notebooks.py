"""Run the analysts' notebooks headless (`make notebooks`, and the tests).

The notebooks are executed in memory and never saved back: they are committed without
outputs, and their product is the figures they write as PNG. The kernel is the running
interpreter itself (ipykernel is a dev dependency), so a fresh clone needs no
`jupyter kernelspec install` and another Python's kernel is never picked up. Where the
notebooks read and write is passed through the environment variables they document.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
WAREHOUSE_VARIABLE = "GUIDES_WAREHOUSE"
FIGURES_VARIABLE = "GUIDES_FIGURES"


def notebook_paths() -> list[Path]:
    """Every committed notebook, in name order."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _native_kernel_manager() -> type:
    """A kernel manager that knows no kernel folders, only the native python3 kernel: this
    very interpreter, never a python3 kernelspec a user installed for some other Python."""
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from traitlets import default

    class NativeKernelManager(KernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self) -> KernelSpecManager:
            return KernelSpecManager(kernel_dirs=[])

    return NativeKernelManager


def execute(path: Path, warehouse: Path, figures: Path, timeout: int = 300) -> None:
    """Execute one notebook against `warehouse`, writing its figures into `figures`.

    A failing cell raises nbclient's CellExecutionError, which names the cell and shows
    the notebook's traceback.
    """
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    environment = {**os.environ, WAREHOUSE_VARIABLE: str(warehouse.resolve()),
                   FIGURES_VARIABLE: str(figures.resolve())}
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            kernel_manager_class=_native_kernel_manager(),
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=environment)


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.output.notebooks`: run every notebook on the built warehouse."""
    arguments = argparse.ArgumentParser(prog="python -m pipeline.output.notebooks",
                                        description=main.__doc__)
    arguments.add_argument("--warehouse", type=Path,
                           default=ROOT / "extracted" / "warehouse.duckdb")
    arguments.add_argument("--figures", type=Path, default=ROOT / "extracted" / "figures")
    args = arguments.parse_args(argv)
    if not args.warehouse.exists():
        print(f"error: {args.warehouse} does not exist; run `make extract` first",
              file=sys.stderr)
        return 2
    for path in notebook_paths():
        execute(path, args.warehouse, args.figures)
        print(f"ran {path.relative_to(ROOT)}; figures in {args.figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

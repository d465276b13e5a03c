"""The analysts' notebook runs headless on the session warehouse and draws real figures."""

from __future__ import annotations

import struct

import nbformat
import pytest

from pipeline.output import notebooks

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FIGURES = ("rank_limits_by_subdivision", "posts_vs_rank", "rank_movers")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (which must come first)."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def figures(built, tmp_path_factory):
    """Run rank_trends.ipynb once on the session's warehouse; the folder it drew into."""
    result, target = built
    assert result.written
    folder = tmp_path_factory.mktemp("figures")
    notebooks.execute(notebooks.NOTEBOOKS / "rank_trends.ipynb", target, folder)
    return folder


@pytest.mark.parametrize("name", FIGURES)
def test_notebook_writes_each_figure_as_a_real_png(figures, name):
    data = (figures / f"{name}.png").read_bytes()
    width, height = png_size(data)
    assert width >= 800 and height >= 400, (width, height)
    assert len(data) > 20_000  # a blank canvas of that size compresses to a few kB


def test_notebook_writes_nothing_else(figures):
    assert sorted(p.name for p in figures.iterdir()) == sorted(f"{n}.png" for n in FIGURES)


def test_small_multiples_have_a_panel_per_subdivision(figures):
    """28 panels of 4 columns: the grid is 7 panels high, so the figure is taller than wide."""
    width, height = png_size((figures / "rank_limits_by_subdivision.png").read_bytes())
    assert height > width


@pytest.mark.parametrize("path", notebooks.notebook_paths(), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code, path
    assert [(cell.execution_count, cell.outputs) for cell in code] == [(None, [])] * len(code)
    assert notebook.metadata.kernelspec.name == "python3"


def test_notebook_reads_its_paths_from_the_environment():
    source = "\n".join(cell.source for cell in nbformat.read(
        notebooks.NOTEBOOKS / "rank_trends.ipynb", as_version=4).cells)
    assert notebooks.WAREHOUSE_VARIABLE in source
    assert notebooks.FIGURES_VARIABLE in source
    assert "read_only=True" in source

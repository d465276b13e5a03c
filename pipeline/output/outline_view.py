"""`guides outline`: how a document was read, before anything is extracted.

Whoever adds a new edition runs it on the PDF and sees the outline the extractors will
select from: headings with their level, paragraphs, list items with their mark, key/value
pairs, tables, boxes and captions, page by page in reading order, and what was left out as
running headers and footers. With `--rows`, it shows instead the document read as
label/value rows (`Outline.rows`, what the city cards are selected from): each table row
a pair (label = value items) or a one-cell row, the headings and the running text between
tables, and which node finishes a paragraph a page or table cut. With `--png`, each page is
drawn with its nodes (or rows) outlined in colour (pdfplumber's `to_image`, as camelot's
`plot` does for tables), one PNG a page.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.pdf.model import BBox
from pipeline.structure.layout import is_folio
from pipeline.structure.outline import Node, Outline, build_outline
from pipeline.structure.settings import DEFAULT, LayoutSettings

# Width of the text shown for one node (the full text is in the outline itself).
WIDTH = 110
# One colour per kind (RGB), used for the outline and the tag drawn beside each node.
COLOURS = {"heading": (220, 30, 30), "paragraph": (120, 120, 120), "list_item": (30, 110, 220),
           "key_value": (150, 60, 200), "table": (20, 150, 60), "caption": (230, 130, 0),
           "box": (0, 170, 190)}
RESOLUTION = 130  # dots per inch of the PNGs: A4 pages about 1070 pixels wide


def read(path: Path, cache_dir: Path | None = None,
         settings: LayoutSettings = DEFAULT) -> Outline:
    """The outline of the PDF at `path`, parsed whole (running headers and heading levels
    are known from the whole document), or taken from the parse cache `guides extract`
    keeps in `cache_dir` and stored there for the next run."""
    from pipeline.pdf.cache import ParseCache
    from pipeline.pdf.loader import load_document, sha256_of

    cache = ParseCache(cache_dir) if cache_dir else None
    document = cache.get(sha256_of(path), path.stem, path) if cache else None
    if document is None:
        document = load_document(path, path.stem)
        if cache:
            cache.put(document)
    return build_outline(document, settings)


def _short(text: str, width: int = WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else f"{flat[:width - 1]}…"


def _tag(node: Node) -> str:
    if node.kind == "heading":
        return f"H{node.level}"
    if node.kind == "list_item":
        return f"item {node.marker}"
    if node.kind == "table":
        columns = max((len(row) for row in node.rows), default=0)
        return f"table {len(node.rows)}x{columns}"
    return {"paragraph": "para", "key_value": "pair", "caption": "caption"}[node.kind]


def _body(node: Node) -> list[str]:
    """The text shown for a node: one line, or one line per row of a table."""
    if node.kind == "key_value" or (node.kind == "list_item" and node.key):
        return [_short(f"{node.key} = {node.value}")]
    if node.kind == "caption":
        return [_short(" / ".join(node.lines))]
    if node.kind == "table":
        return [f"({node.marker})"] + [_short(" | ".join(c or "" for c in row))
                                       for row in node.rows]
    return [_short(node.text)]


def _describe(node: Node, indent: str) -> list[str]:
    first, *rest = _body(node)
    tag = f"{_tag(node):<9}"
    return [f"{indent}{tag} {first}"] + [f"{indent}{'':<9}   {line}" for line in rest]


def _row_tag(node: Node) -> str:
    """A row's tag: a pair or a one-cell row of a table, else the outline's tags."""
    if node.in_table and node.kind in ("key_value", "paragraph"):
        return "row" if node.kind == "key_value" else "cell"
    return _tag(node)


def _describe_row(node: Node) -> str:
    """One line for a row: 'label = item ¶ item' for a pair ('…' before what finishes
    the paragraph a page or a table cut)."""
    items = " ¶ ".join(node.value.splitlines()) if node.kind == "key_value" else node.text
    text = f"{node.key or '(no label)'} = {items}" if node.kind == "key_value" else items
    return f"{_row_tag(node):<9} {_short(('… ' if node.continues else '') + text)}"


def render(outline: Outline, page: int | None = None) -> str:
    """The outline as text, page by page: one line per node (a table, one per row), nodes
    inside a box indented under it, then what was left out and a count per kind."""
    lines = [f"{outline.path}: {outline.page_count} pages"]
    shown = [n for n in outline.nodes if page is None or n.page == page]
    current_page, current_box = None, None
    for node in shown:
        if node.page != current_page:
            current_page, current_box = node.page, None
            lines.append(f"\n— page {node.page} —")
        if node.box != current_box:
            current_box = node.box
            if node.box is not None:
                lines.append(f"box {node.box} {_where(outline.boxes[node.box].bbox)}")
        lines += _describe(node, "  " if node.box is not None else "")
    if not shown:
        lines.append(f"\n(no text on page {page})" if page else "\n(no text)")
    if outline.furniture and page is None:
        lines.append("\nLeft out as running headers, footers and page numbers:")
        folios = [text for text in outline.furniture if is_folio(text)]
        lines += [f"  {_short(text)}" for text in outline.furniture if not is_folio(text)]
        if folios:
            lines.append(f"  {len(folios)} page numbers ({folios[0]} …)")
    counts = Counter(n.kind for n in shown)
    boxes = {n.box for n in shown if n.box is not None}
    lines.append("\n" + ", ".join(f"{counts[kind]} {kind}" for kind in COLOURS
                                   if counts.get(kind)) + f", {len(boxes)} box")
    return "\n".join(lines)


def render_rows(outline: Outline, page: int | None = None) -> str:
    """The document read as label/value rows (`Outline.rows`), page by page: one line a
    row, heading or paragraph, then a count per kind."""
    lines = [f"{outline.path}: {outline.page_count} pages read as label/value rows"]
    shown = [n for n in outline.rows if page is None or n.page == page]
    current_page = None
    for node in shown:
        if node.page != current_page:
            current_page = node.page
            lines.append(f"\n— page {node.page} —")
        lines.append(_describe_row(node))
    if not shown:
        lines.append(f"\n(no text on page {page})" if page else "\n(no text)")
        return "\n".join(lines)
    counts = Counter(_row_tag(n).split()[0] for n in shown)
    lines.append("\n" + ", ".join(f"{count} {tag}" for tag, count in counts.most_common()))
    return "\n".join(lines)


def _where(bbox: BBox) -> str:
    return "at ({:.0f}, {:.0f})–({:.0f}, {:.0f})".format(*bbox)


def draw(path: Path, outline: Outline, directory: Path, page: int | None = None,
         rows: bool = False) -> list[Path]:
    """Each page (or page `page`) drawn with its nodes and boxes (with `rows`, its
    label/value rows) outlined in their colour and tagged, saved as
    `<directory>/<stem>-p<N>.png`; the paths written."""
    import pdfplumber
    from PIL import ImageFont

    directory.mkdir(parents=True, exist_ok=True)
    font = ImageFont.load_default(size=11)
    numbers = [page] if page else range(1, outline.page_count + 1)
    written: list[Path] = []
    with pdfplumber.open(path) as pdf:
        for number in numbers:
            plumbed = pdf.pages[number - 1]
            image = plumbed.to_image(resolution=RESOLUTION)
            origin = (plumbed.bbox[0], plumbed.bbox[1], RESOLUTION / 72)
            boxes = [b for b in outline.boxes if b.page == number and not rows]
            nodes = [n for n in (outline.rows if rows else outline.nodes) if n.page == number]
            for box in boxes:
                _outline_one(image, box.bbox, COLOURS["box"], "box", font, origin, 3)
            for node in nodes:
                tag = "item" if node.kind == "list_item" else (  # ASCII: any font
                    _row_tag(node) if rows else _tag(node))
                _outline_one(image, node.bbox, COLOURS[node.kind], tag, font, origin, 2)
            target = directory / f"{path.stem}-p{number:03d}.png"
            image.save(target)
            written.append(target)
            plumbed.close()
    return written


def _outline_one(image, bbox: BBox, colour: tuple[int, int, int], tag: str, font,
                 origin: tuple[float, float, float], width: int) -> None:
    """One rectangle in `colour`, lightly tinted, and its tag just left of its top corner
    (`origin`: the page's top-left corner in PDF points and the points-to-pixels scale)."""
    image.draw_rects([bbox], fill=(*colour, 25), stroke=colour, stroke_width=width)
    x, y = (bbox[0] - origin[0]) * origin[2], (bbox[1] - origin[1]) * origin[2]
    left, top, right, bottom = image.draw.textbbox((0, 0), tag, font=font)
    x = max(x - (right - left) - 4, 0)
    image.draw.rectangle((x, y, x + right - left + 2, y + bottom - top + 2), fill=colour)
    image.draw.text((x + 1, y - top + 1), tag, fill=(255, 255, 255), font=font)


"""PDFs written byte by byte, for the cases reportlab will not draw: a page of a million
tiny objects, a page tree that points back at itself, a declared page count that lies.

`pdf_bytes` numbers the objects 1..n in the order given and writes a correct xref table
and trailer (object 1 is the catalog), so each test breaks exactly one thing.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(content: bytes, compress: bool = True) -> bytes:
    """A stream object with its /Length (and /FlateDecode when compressed)."""
    data = zlib.compress(content, 9) if compress else content
    flate = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), flate, data)


def pdf_bytes(objects: Sequence[bytes]) -> bytes:
    """A whole PDF file: header, the objects (numbered from 1), xref table, trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def one_page(content: bytes, *, count: int = 1, kids: bytes = b"[3 0 R]") -> bytes:
    """A one-page PDF showing `content` in Helvetica; `count` is the /Count the page tree
    declares and `kids` its /Kids (both lie in the hostile variants)."""
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids %s /Count %d >>" % (kids, count),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content),
        FONT,
    ])


def text(line: str) -> bytes:
    """Content that prints one line of text near the top of the page."""
    return b"BT /F1 12 Tf 72 770 Td (%s) Tj ET\n" % line.encode("latin-1")


def tiny_rects(count: int) -> bytes:
    """Content that fills `count` 1x1-point squares: a page of countless tiny objects."""
    return text("Plan") + b"".join(b"%d %d 1 1 re f\n" % (i % 500, (i // 500) % 800)
                                   for i in range(count))


def page_tree_loop() -> bytes:
    """A page tree whose only kid is the tree itself."""
    return one_page(text("Boucle"), kids=b"[2 0 R]")

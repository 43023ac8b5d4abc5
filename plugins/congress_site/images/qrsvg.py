"""The SVG of a QR symbol, exactly as Segno writes it, written faster.

Segno's SVG writer walks the matrix module by module in Python generators
and formats every run of dark modules on its own: about half of the cost of
a code once the mask is chosen fast (qrmask.py), for thousands of codes a
site draws. Here the runs are found by a regular-expression search in C per
row, and the rest of the document is Segno's for the one
set of options we use. `tests/images/test_qrsvg.py` compares the two byte
for byte.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

import segno

# The options of `segno.QRCode.save(kind="svg", ...)` this module writes the output of.
SEGNO_OPTIONS = {"xmldecl": False, "svgns": True, "omitsize": True, "scale": 1, "dark": "#000", "light": "#fff"}

_GAP_AND_RUN = re.compile(rb"\x00*\x01+")


def svg(qr: segno.QRCode, border: int, title: str, css_class: str) -> str:
    """What `qr.save(out, kind="svg", border=border, title=title,
    svgclass=css_class, **SEGNO_OPTIONS)` writes."""
    width = qr.symbol_size(scale=1, border=border)[0]
    background = f'<path fill="#fff" d="M0 0h{width}v{width}h-{width}z"/>'
    dark = f'<path class="qrline" stroke="#000" d="{_path(qr.matrix, border)}"/>'
    paths = "".join(sorted((dark, background), key=len))  # Segno's order: the shorter first
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {width}" class={quoteattr(css_class)}>'
            f"<title>{escape(title)}</title>{paths}</svg>\n")


def _path(matrix: tuple[bytearray, ...], border: int) -> str:
    """The dark modules as one horizontal stroke per run, through the
    middle of its row: an absolute move to the first, relative moves after.
    Within a row each stroke is "move right over the light gap, draw the
    dark run", so its text depends only on the gap and run matched, and
    `_MOVES` keeps it: the rows are joined by lookups that run in C."""
    parts: list[str] = []
    end, down = -border, border + .5  # the first move is from the corner to the middle of a row
    for row in matrix:
        pieces = _GAP_AND_RUN.findall(row)
        if not pieces:
            down += 1
            continue
        first = pieces[0]
        start = first.index(1)
        if parts:
            parts.append(f"m{start - end} {down}h{len(first) - start}")
        else:
            parts.append(f"M{start + border} {down}h{len(first) - start}")
        parts.append("".join(map(_MOVES.__getitem__, pieces[1:])))
        end, down = len(row.rstrip(b"\x00")), 1
    return "".join(parts)


class _Moves(dict):
    """The stroke of a light gap and dark run, e.g. b"\\0\\0\\1" -> "m2 0h1",
    written when first met (a few hundred shapes occur)."""

    def __missing__(self, piece: bytes) -> str:
        start = piece.index(1)
        self[piece] = move = f"m{start} 0h{len(piece) - start}"
        return move


_MOVES = _Moves()

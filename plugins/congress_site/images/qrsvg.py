"""The SVG of a QR symbol, exactly as Segno writes it, written faster.

Segno's SVG writer walks the matrix module by module in Python generators
and formats every run of dark modules on its own: about half of the cost of
a code once the mask is chosen fast (qrmask.py), for thousands of codes a
site draws. Here the runs are found by one regular-expression search in C
over the whole matrix, and the rest of the document is Segno's for the one
set of options we use. `tests/images/test_qrsvg.py` compares the two byte
for byte.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

import segno

# The options of `segno.QRCode.save(kind="svg", ...)` this module writes the output of.
SEGNO_OPTIONS = {"xmldecl": False, "svgns": True, "omitsize": True, "scale": 1, "dark": "#000", "light": "#fff"}

_DARK_RUN = re.compile(rb"\x01+")


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
    middle of its row: an absolute move to the first, relative moves after."""
    line = len(matrix[0]) + 1
    runs = _DARK_RUN.finditer(b"\x00".join(matrix))  # the \x00 ends a run at the end of its row
    first = next(runs)
    row, start = divmod(first.start(), line)
    end = start + len(first.group())
    parts = [f"M{border + start} {border + row + .5}h{end - start}"]
    for run in runs:
        next_row, start = divmod(run.start(), line)
        parts.append(f"m{start - end} {next_row - row}h{run.end() - run.start()}")
        row, end = next_row, start + run.end() - run.start()
    return "".join(parts)

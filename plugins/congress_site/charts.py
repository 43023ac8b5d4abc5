"""Charts drawn at build time as inline SVG: horizontal bars, each with its
label and its figure written beside it, so the chart reads without colour
and a screen reader gets a title and a description (the same numbers stand
in a table next to every chart).

Our own small writer rather than a charting library: three kinds of bar
chart are all the site draws; inline SVG takes the page's fonts (CJK text
stays text, not outlines), follows the reading aids' high-contrast colours
through CSS, and costs no request. pygal links its tooltip script from
another host by default, and matplotlib would add a large dependency that
draws Chinese labels only with a configured CJK font.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 360
LABEL = 14  # font size of labels, in viewBox units
BAR = 14
GAP = 14  # between one bar and the next label


@dataclass(frozen=True)
class Bar:
    label: str
    share: float | None  # 0…1 of the full width; None draws an empty track
    figure: str  # what the bar says in words, e.g. "92.5%" or "12件（40%）"


@dataclass(frozen=True)
class Chart:
    id: str  # unique on its page: the ids of <title> and <desc> derive from it
    title: str
    bars: tuple[Bar, ...]

    @property
    def description(self) -> str:
        return "；".join(f"{b.label}：{b.figure}" for b in self.bars) + "。"

    def svg(self) -> Markup:
        rows, y = [], 0
        for bar in self.bars:
            label = _fit(bar.label, WIDTH)
            # Label and figure share a line when both fit, else the figure
            # takes a line of its own: SVG text does not wrap.
            base = y + LABEL + 2
            if _width(label) + _width(bar.figure) + LABEL <= WIDTH:
                texts = [(0, base, "start", label, ""), (WIDTH, base, "end", bar.figure, ' font-weight="700"')]
            else:
                second = base + LABEL + 6
                texts = [(0, base, "start", label, ""), (0, second, "start", bar.figure, ' font-weight="700"')]
                base = second
            for x, at, anchor, content, extra in texts:
                rows.append(f'<text x="{x}" y="{at}" font-size="{LABEL}" text-anchor="{anchor}" fill="currentColor"'
                            f'{extra}>{escape(content)}</text>')
            top = base + 6
            rows.append(f'<rect class="cx-chart__track" x="0" y="{top}" width="{WIDTH}" height="{BAR}" rx="2" '
                        f'fill="#ece6dd"/>')
            if bar.share:
                width = round(max(0.0, min(1.0, bar.share)) * WIDTH, 1)
                rows.append(f'<rect class="cx-chart__fill" x="0" y="{top}" width="{width:g}" height="{BAR}" rx="2" '
                            f'fill="#8c1c13"/>')
            y = top + BAR + GAP
        head = (f'<svg class="cx-chart" role="img" viewBox="0 0 {WIDTH} {y}" xmlns="http://www.w3.org/2000/svg" '
                f'aria-labelledby="{self.id}-t {self.id}-d">'
                f'<title id="{self.id}-t">{escape(self.title)}</title>'
                f'<desc id="{self.id}-d">{escape(self.description)}</desc>')
        return Markup(head + "".join(rows) + "</svg>")


def _width(text: str) -> float:
    """Rough width in viewBox units: a CJK character is one em, others about half."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.55 for ch in text) * LABEL


def _fit(text: str, room: float) -> str:
    """A label cut with …… when it is wider than the chart (the whole text is
    in the description and on the page)."""
    if _width(text) <= room:
        return text
    while text and _width(text + "……") > room:
        text = text[:-1]
    return text + "……"

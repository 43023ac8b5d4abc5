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
ROW = 46  # label line, bar, gap
LABEL = 14  # font size of labels, in viewBox units
BAR = 14


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
        height = ROW * len(self.bars) + 4
        out = [f'<svg class="cx-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
               f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{self.id}-t {self.id}-d">',
               f'<title id="{self.id}-t">{escape(self.title)}</title>',
               f'<desc id="{self.id}-d">{escape(self.description)}</desc>']
        for i, bar in enumerate(self.bars):
            top = i * ROW
            base = top + LABEL + 2
            out.append(f'<text x="0" y="{base}" font-size="{LABEL}" fill="currentColor">{escape(bar.label)}</text>')
            out.append(f'<text x="{WIDTH}" y="{base}" font-size="{LABEL}" text-anchor="end" fill="currentColor" '
                       f'font-weight="700">{escape(bar.figure)}</text>')
            y = base + 6
            out.append(f'<rect class="cx-chart__track" x="0" y="{y}" width="{WIDTH}" height="{BAR}" rx="2" '
                       f'fill="#ece6dd"/>')
            if bar.share:
                width = round(max(0.0, min(1.0, bar.share)) * WIDTH, 1)
                out.append(f'<rect class="cx-chart__fill" x="0" y="{y}" width="{width:g}" height="{BAR}" rx="2" '
                           f'fill="#8c1c13"/>')
        out.append("</svg>")
        return Markup("".join(out))

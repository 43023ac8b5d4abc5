"""Our SVG writer writes exactly what Segno's writes, for symbols of many sizes."""

from __future__ import annotations

import io
import random

import segno

from congress_site.images import qrsvg
from congress_site.images.qr import QUIET_ZONE, make_qr


def segno_svg(qr, border: int, title: str, css_class: str) -> str:
    out = io.BytesIO()
    qr.save(out, kind="svg", border=border, title=title, svgclass=css_class, **qrsvg.SEGNO_OPTIONS)
    return out.getvalue().decode("utf-8")


def test_same_svg_as_segno():
    rng = random.Random(7)
    urls = [f"https://example.gov.cn/stories/jiuye-{i:05d}/" for i in range(30)]
    urls += ["https://example.gov.cn/" + "".join(rng.choice("abcdefghij-/0123456789中文?#=&") for _ in range(rng.randint(0, 400)))
             for _ in range(120)]
    titles = ["本文网址二维码", 'a<b>&"c\' 代表码', "二维码：https://example.gov.cn/?a=1&b=2"]
    classes = ["congress-qr", "cx-print-qr", 'x "y"']
    sizes = set()
    for i, url in enumerate(urls):
        qr = make_qr(url, best_mask=i % 2 == 0)
        sizes.add(qr.symbol_size(border=0)[0])
        title, css_class = titles[i % len(titles)], classes[i % len(classes)]
        for border in (QUIET_ZONE, 0, 1):
            assert qrsvg.svg(qr, border, title, css_class) == segno_svg(qr, border, title, css_class), url
    assert len(sizes) > 8  # versions from small to large are exercised


def test_the_smallest_symbol():
    qr = segno.make("1", micro=False)  # version 1, 21 × 21 modules
    assert qrsvg.svg(qr, 4, "t", "c") == segno_svg(qr, 4, "t", "c")

"""The station's A4 sheet in a real browser: cards sized for cutting, codes
big enough to scan, photos present in print, and the code chromium draws
decodes to the page it names."""

from __future__ import annotations

import io
import math
import re

import pytest
import zxingcpp
from PIL import Image

from browser.conftest import open_page, page_types, site_url  # noqa: F401

pytestmark = pytest.mark.browser

MM = 96 / 25.4  # CSS pixels per millimetre


def test_print_sheet_layout_and_codes(open_page, page_types) -> None:  # noqa: F811
    visit = open_page(page_types["station-print"], viewport={"width": 794, "height": 1123})
    page = visit.page
    assert visit.foreign() == []
    page.emulate_media(media="print")
    cards = page.evaluate("""() => [...document.querySelectorAll('.cx-qr-card')].map(c => {
        const r = c.getBoundingClientRect(), q = c.querySelector('svg.congress-qr').getBoundingClientRect();
        const img = c.querySelector('img');
        return {w: r.width, h: r.height, qr: q.width,
                photo: img ? img.complete && img.naturalWidth > 0
                           : (c.querySelector('svg.cx-photo--placeholder') ? 'placeholder' : null),
                url: c.querySelector('.cx-qr-card__url').textContent};
    })""")
    assert cards, "the sample station has representatives"
    for card in cards:
        assert abs(card["h"] - 62 * MM) < 2  # 4 rows to an A4 page
        assert card["qr"] >= 35 * MM
        assert card["photo"] in (True, "placeholder"), card  # a photo, loaded; or the drawn placeholder
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.cx-print-hint')).display") == "none"
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == max(1, math.ceil(len(cards) / 8))

    page.emulate_media(media="screen")
    for i, card in enumerate(cards):
        shot = page.locator("svg.congress-qr").nth(i).screenshot()
        decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]
        assert decoded == [card["url"]]
        assert re.fullmatch(r"https://[^/]+/(?:.+/)?profiles/[a-z0-9-]+/#contact", card["url"])

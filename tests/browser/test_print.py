"""Print: a story prints without navigation and with its URL and QR code; a
profile prints as a one-page card."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def visible(page, selector: str) -> bool:
    return page.evaluate("""sel => Array.from(document.querySelectorAll(sel))
        .some(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')""", selector)


def test_story_prints_cleanly(open_page, page_types):
    page = open_page(page_types["story"]).page
    assert not visible(page, ".cx-print-link"), "打印专用的网址块不应出现在屏幕上"
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".cx-a11y", ".cx-prevnext", ".md-banner"):
        assert not visible(page, chrome), f"打印稿件时不应出现导航：{chrome}"
    assert visible(page, "article h1")
    url_text = page.inner_text(".cx-print-link__url")
    assert url_text.startswith("https://") and url_text.rstrip("/").endswith(page_types["story"].rstrip("/"))
    qr = page.locator(".cx-print-link svg")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 90 and abs(box["width"] - box["height"]) < 2, f"二维码太小或变形：{box}"
    # The QR code encodes exactly the printed URL (decoded from a screenshot).
    image = Image.open(io.BytesIO(qr.screenshot()))
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == [url_text], f"二维码内容 {decoded} 与网址 {url_text} 不符"
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "story-print.pdf"), format="A4", print_background=True)


def test_profile_prints_on_one_page(open_page, page_types):
    page = open_page(page_types["profile"]).page
    page.emulate_media(media="print")
    assert visible(page, ".cx-qr svg") and visible(page, ".cx-profile h1")
    assert not visible(page, ".md-header") and not visible(page, ".md-footer")
    pdf = page.pdf(format="A4", print_background=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "profile-print.pdf").write_bytes(pdf)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1, f"代表页打印成了 {pages} 页，应为一页卡片"


def test_print_previews(open_page, page_types):
    """Print-media screenshots next to the PDFs, for a human to look at."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ("story", "profile"):
        page = open_page(page_types[kind], viewport={"width": 794, "height": 1123}).page  # A4 at 96 dpi
        page.emulate_media(media="print")
        path = folder / f"{kind}-print.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        assert path.stat().st_size > 5000

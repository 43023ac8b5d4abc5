"""适老化: the enlarge-text control works and is kept across pages, high
contrast turns the page white-on-black, and 200% zoom breaks nothing."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, TRANSITIONS_DONE

pytestmark = pytest.mark.browser

BODY_TEXT = ".cx-story__body p"
CONTENT = ".md-content__inner"  # Material's article box: every page's base text size
CONTRAST_JS = """sel => {
  function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number); return m; }
  function lum([r, g, b]) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  }
  function background(el) {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  }
  const el = document.querySelector(sel);
  const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def font_px(page, selector: str = BODY_TEXT) -> float:
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


def no_horizontal_scroll(page) -> tuple[int, int]:
    return page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")


def test_enlarge_text_is_kept_across_pages(open_page, page_types):
    visit = open_page(page_types["story"], viewport=PHONE)
    page = visit.page
    button = page.locator("button[data-cx-pref=text]")
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    body = font_px(page)
    assert body >= 16, f"正文字号 {body}px 太小，老年读者难以阅读"
    before = font_px(page, CONTENT)
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert font_px(page) >= body * 1.2, f"放大字号无效：{body}px → {font_px(page)}px"
    assert font_px(page, ".md-header__topic") > 0 and font_px(page, CONTENT) >= before * 1.2

    # Another page of another type, reached by following a link: still large.
    page.click(".md-typeset .cx-kicker a")
    page.wait_for_load_state("load")
    assert "/columns/" in page.url
    assert page.locator("button[data-cx-pref=text]").get_attribute("aria-pressed") == "true"
    assert font_px(page, CONTENT) >= before * 1.2
    width, client = no_horizontal_scroll(page)
    assert width <= client, f"放大字号后手机页面出现横向滚动：{width} > {client}"

    # And it can be turned off again, for good.
    page.click("button[data-cx-pref=text]")
    page.goto(visit.page.url)
    assert page.locator("button[data-cx-pref=text]").get_attribute("aria-pressed") == "false"
    assert abs(font_px(page, CONTENT) - before) < 0.5


def test_high_contrast(open_page, page_types):
    page = open_page(page_types["story"]).page
    page.click("button[data-cx-pref=contrast]")
    page.wait_for_function(TRANSITIONS_DONE)  # Material animates colour changes on links
    assert page.evaluate("document.documentElement.dataset.cxContrast") == "high"
    body_ratio = page.evaluate(CONTRAST_JS, BODY_TEXT)
    link_ratio = page.evaluate(CONTRAST_JS, ".md-typeset p a, .md-typeset .cx-kicker a")
    header_ratio = page.evaluate(CONTRAST_JS, ".md-header__topic")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert body_ratio >= 15, f"高对比度模式下正文对比度只有 {body_ratio:.1f}"
    assert link_ratio >= 7 and header_ratio >= 7, (link_ratio, header_ratio)
    # Kept on the next page, and the 代表码 stays dark on light so it still scans.
    page.goto(page.url.split("/stories/")[0] + page_types["profile"])
    assert page.evaluate("document.documentElement.dataset.cxContrast") == "high"
    qr_background = page.eval_on_selector(".cx-qr svg", "el => getComputedStyle(el).backgroundColor")
    assert qr_background == "rgb(255, 255, 255)", f"高对比度模式下代表码背景为 {qr_background}，无法扫描"


ZOOM_PAGES = ["home", "story", "profile", "legislation", "column", "representatives", "tracker",
              "station", "tags", "search"]


@pytest.mark.parametrize("kind", ZOOM_PAGES)
def test_200_percent_zoom(open_page, page_types, kind):
    """A 1280 px screen at 200% zoom lays out like a 640 px one at scale 2."""
    visit = open_page(page_types[kind], viewport={"width": DESKTOP["width"] // 2, "height": DESKTOP["height"] // 2},
                      device_scale_factor=2)
    width, client = no_horizontal_scroll(visit.page)
    assert width <= client, f"{kind}：200% 缩放时出现横向滚动（{width} > {client}）"
    # Large text on top of the zoom: still no sideways scrolling.
    visit.page.click("button[data-cx-pref=text]")
    width, client = no_horizontal_scroll(visit.page)
    assert width <= client, f"{kind}：200% 缩放并放大字号时出现横向滚动（{width} > {client}）"

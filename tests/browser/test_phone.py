"""Phones: at 375 px no page scrolls sideways, the main controls are big
enough to tap, and tables scroll inside their own box."""

from __future__ import annotations

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser

ALL_PAGES = ["home", "story", "profile", "legislation", "column", "representatives", "tracker", "station",
             "station-print", "stations", "tags", "tag", "archive", "year", "search",
             "suggestions", "suggestion-year", "suggestion", "suggestion-unit", "projects", "projects-year",
             "meetings", "meeting", "oversight-list", "oversight"]

# The controls a reader taps to move around; each with its minimum size in px.
# 44 px (Apple/WCAG 2.5.5) for buttons and list links, 24 px (WCAG 2.5.8) at least for the rest.
TAP_TARGETS = {
    ".md-header__button": 44,
    ".cx-a11y__button": 44,
    ".cx-filter select": 44,
    ".cx-pager a": 44,
    ".cx-card a": 44,
    ".cx-tag-cloud a": 44,
    ".cx-story-item__title": 44,
    ".cx-suggestion__title": 44,
    ".cx-prevnext a": 44,
    ".cx-tags a": 24,
    ".cx-kicker a": 24,
    ".md-footer__link": 44,
}

SIZES_JS = """sel => Array.from(document.querySelectorAll(sel))
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .map(el => { const r = el.getBoundingClientRect();
               return {w: Math.round(r.width), h: Math.round(r.height), text: el.textContent.trim().slice(0, 15)}; })"""


@pytest.mark.parametrize("kind", ALL_PAGES)
def test_no_horizontal_scroll_on_a_phone(open_page, page_types, kind):
    page = open_page(page_types[kind], viewport=PHONE, is_mobile=True, has_touch=True).page
    width, client = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert client == PHONE["width"]
    assert width <= client, f"{kind}：手机宽度下页面可以横向滚动（{width} > {client}）"
    wide = page.evaluate("""w => Array.from(document.querySelectorAll('main *'))
        .filter(el => el.getBoundingClientRect().right > w + 1 && !el.closest('.cx-table-wrap')
                      && getComputedStyle(el).position !== 'fixed')
        .slice(0, 5).map(el => el.tagName + '.' + el.className)""", client)
    assert not wide, f"{kind}：这些元素超出了屏幕右边：{wide}"


@pytest.mark.parametrize("kind", ["home", "story", "profile", "column", "representatives", "tracker", "tags",
                                  "suggestion-year"])
def test_tap_targets(open_page, page_types, kind):
    page = open_page(page_types[kind], viewport=PHONE, is_mobile=True, has_touch=True).page
    checked = 0
    small = []
    for selector, minimum in TAP_TARGETS.items():
        for box in page.evaluate(SIZES_JS, selector):
            checked += 1
            if box["h"] < minimum or box["w"] < 24:
                small.append(f"{selector}「{box['text']}」{box['w']}×{box['h']}px（至少 {minimum}px 高）")
    assert checked >= 4, f"{kind}：没有找到可点的主要控件"
    assert not small, f"{kind}：手机上不便点按的控件：\n" + "\n".join(small)


def _table_scrolls_inside(page, wrapper: str) -> None:
    box = page.evaluate("""sel => { const w = document.querySelector(sel); const cs = getComputedStyle(w);
        const t = w.querySelector('table') || w.firstElementChild;
        return {overflow: cs.overflowX, width: w.getBoundingClientRect().width, right: w.getBoundingClientRect().right,
                scroll: w.scrollWidth, client: w.clientWidth, font: parseFloat(getComputedStyle(t).fontSize),
                focusable: w.tabIndex >= 0}; }""", wrapper)
    assert box["right"] <= PHONE["width"], f"{wrapper} 超出屏幕：{box}"
    assert box["font"] >= 14, f"{wrapper} 的字号太小：{box}"
    if box["scroll"] > box["client"]:
        assert box["overflow"] in ("auto", "scroll") and box["focusable"], f"{wrapper} 宽于屏幕却不能在框内滚动：{box}"


def test_duty_record_table_on_a_phone(open_page, page_types):
    page = open_page(page_types["profile"], viewport=PHONE, is_mobile=True, has_touch=True).page
    assert page.locator(".cx-table-wrap table").count() == 1, "样例代表页应有履职记录表"
    _table_scrolls_inside(page, ".cx-table-wrap")
    # Every column header is readable (not squeezed to one character per line).
    heights = page.eval_on_selector_all(".cx-table th", "els => els.map(e => e.getBoundingClientRect().height)")
    assert max(heights) < 60, f"表头被挤成多行：{heights}"


def test_tracker_on_a_phone(open_page, page_types):
    page = open_page(page_types["tracker"], viewport=PHONE, is_mobile=True, has_touch=True).page
    rows = page.locator(".cx-tracker__row")
    assert rows.count() >= 3
    labels = page.eval_on_selector_all(".cx-progress__label", """els => els.map(e => {
        const r = e.getBoundingClientRect(); return {right: r.right, h: r.height,
        font: parseFloat(getComputedStyle(e).fontSize)}; })""")
    assert labels and all(label["right"] <= PHONE["width"] for label in labels)
    assert min(label["font"] for label in labels) >= 14, "进度条文字太小"
    # Each stage name on one line: "二审" not broken into "二/审".
    line = min(label["font"] for label in labels) * 2
    assert all(label["h"] < line for label in labels), "进度条阶段名被折行"

"""Accessibility: axe-core in chromium on every page type the issue names,
plus what axe rates below "serious" that we still hold to (headings in order,
landmarks), the page language and a visible keyboard focus."""

from __future__ import annotations

import pytest

from browserkit import blocking, record_axe, run_axe

from .conftest import ARTIFACTS, TRANSITIONS_DONE

pytestmark = pytest.mark.browser

AXE_PAGES = ["home", "story", "profile", "legislation", "column", "representatives", "tracker", "search",
             "suggestions", "suggestion-year", "suggestion", "suggestion-unit", "projects", "projects-year",
             "station", "stations", "meetings", "meeting", "oversight-list", "oversight"]


@pytest.mark.parametrize("kind", AXE_PAGES)
def test_axe_no_serious_violations(open_page, page_types, kind):
    visit = open_page(page_types[kind])
    violations = run_axe(visit.page)
    record_axe(ARTIFACTS, kind, page_types[kind], violations)
    bad = blocking(violations)
    assert not bad, f"{kind} 页面的无障碍问题：\n" + "\n".join(bad)


@pytest.mark.parametrize("kind", ["story", "tracker"])
def test_axe_with_reading_aids_on(open_page, page_types, kind):
    """Large text and high contrast must not create new contrast or overlap problems."""
    visit = open_page(page_types[kind])
    visit.page.click("button[data-cx-pref=text]")
    visit.page.click("button[data-cx-pref=contrast]")
    visit.page.wait_for_function(TRANSITIONS_DONE)  # Material's colour transitions
    violations = run_axe(visit.page)
    record_axe(ARTIFACTS, f"{kind}（放大字号+高对比度）", page_types[kind], violations)
    bad = blocking(violations)
    assert not bad, f"{kind} 页面开启阅读辅助后的无障碍问题：\n" + "\n".join(bad)


@pytest.mark.parametrize("kind", ["home", "story", "profile", "tracker"])
def test_language_and_headings(open_page, page_types, kind):
    page = open_page(page_types[kind]).page
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    levels = page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4, main h5, main h6",
        "els => els.filter(e => e.getClientRects().length || e.closest('.cx-visually-hidden'))"
        ".map(e => Number(e.tagName[1]))")
    assert levels and levels[0] == 1 and levels.count(1) == 1, f"{kind}：应恰有一个 h1 且位于最前，实际 {levels}"
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not jumps, f"{kind}：标题层级跳级 {jumps}"


def test_keyboard_focus_is_visible(open_page, page_types):
    """Tab through the first controls of a story: each one shows an outline."""
    page = open_page(page_types["story"]).page
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement, cs = getComputedStyle(el);
            return {tag: el.tagName, text: (el.textContent || '').trim().slice(0, 12),
                    outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
                    shadow: cs.boxShadow !== 'none'};
        }""")
        if info["tag"] == "BODY":
            continue
        seen.append(info)
        assert info["outline"] or info["shadow"], f"键盘焦点不可见：{info}"
    assert len(seen) >= 5, f"用 Tab 键只能到达 {len(seen)} 个控件"

"""The year page's filters work in the page itself: choosing a handling
unit, a category or a representative shows exactly the suggestions that
name it, says how many, and asks nothing of any server."""

from __future__ import annotations

import pytest
import yaml

import sitekit

pytestmark = pytest.mark.browser


def year_rows(page_types) -> list[dict]:
    year = page_types["suggestion-year"].strip("/").split("/")[-1]
    return yaml.safe_load((sitekit.REPO / f"content/suggestions/{year}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, pick", [
    ("unit", lambda rows: rows[0]["co_units"][0] if rows[0].get("co_units") else rows[0]["unit"]),
    ("category", lambda rows: rows[-1]["category"]),
    ("person", lambda rows: next(r["cosigners"][0] for r in rows if r.get("cosigners"))),
])
def test_filter_shows_what_names_the_choice(open_page, page_types, name, pick):
    rows = year_rows(page_types)
    value = pick(rows)
    fields = {"unit": ("unit", "co_units"), "category": ("category",), "person": ("lead", "cosigners")}[name]
    want = [r["title"] for r in rows
            if any(value == r.get(f) or value in (r.get(f) or []) for f in fields)]
    visit = open_page(page_types["suggestion-year"], wait="networkidle")
    page = visit.page
    before = len(visit.requests)
    page.select_option(f"form[data-cx-filter] select[name={name}]", value)
    shown = page.eval_on_selector_all("#cx-suggestion-list > li:not([hidden]) .cx-suggestion__title",
                                      "els => els.map(e => e.textContent.trim())")
    assert shown == want and 0 < len(want) < len(rows)
    assert page.text_content(".cx-filter__count") == f"显示{len(want)}项"
    assert visit.requests[before:] == [], "筛选不应发出任何请求"
    page.select_option(f"form[data-cx-filter] select[name={name}]", "")
    assert page.eval_on_selector_all("#cx-suggestion-list > li:not([hidden])", "els => els.length") == len(rows)

"""Independence and weight: no page asks any host but the site's own (no CDN,
no web font), and a story's first load stays light on a slow phone network.

Each page is loaded once in a fresh browser context (empty cache); the
figures go to test-artifacts/page-weight.json for the report."""

from __future__ import annotations

import json

import pytest

from .conftest import ARTIFACTS, scroll_through

pytestmark = pytest.mark.browser

PAGES = ["home", "story", "profile", "legislation", "column", "representatives", "tracker", "station",
         "station-print", "stations", "tags", "tag", "archive", "year", "search",
         "suggestions", "suggestion-year", "suggestion", "suggestion-unit", "projects", "projects-year",
         "meetings", "meeting", "oversight-list", "oversight"]
STORY_BUDGET = 200 * 1024  # bytes over the wire (gzip, as any web server sends), images excluded
# Even served without compression a page must stay under this: a regression
# guard against a heavy script or stylesheet slipping in.
UNCOMPRESSED_CEILING = 400 * 1024
WEIGHTS: dict[str, dict] = {}


def weigh(requests: list) -> dict:
    """Add up the finished requests of one page load."""
    total = {"transferred": 0, "decoded": 0, "images": 0, "requests": len(requests), "fonts": [],
             "errors": [], "resources": {}}
    for request in requests:
        sizes = request.sizes()
        response = request.response()
        wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if response is not None and response.status >= 400:
            total["errors"].append(f"{response.status} {request.url}")
        if request.resource_type == "image":
            total["images"] += wire
            continue
        if request.resource_type == "font":
            total["fonts"].append(request.url)
        decoded = len(response.body()) if response else 0
        total["transferred"] += wire
        total["decoded"] += decoded
        total["resources"][request.url.split("/", 3)[-1] or "/"] = {"wire": wire, "decoded": decoded}
    return total


@pytest.mark.parametrize("kind", PAGES)
def test_only_own_host_and_light(open_page, page_types, kind):
    visit = open_page(page_types[kind], wait="networkidle")
    page = visit.page
    # Scroll to the end so lazy images and anything loaded on scroll are asked for too.
    scroll_through(page)
    assert len(visit.requests) >= 3, "没有记录到页面的请求"
    assert not visit.foreign(), f"{kind}：页面请求了站外地址：{visit.foreign()}"
    fonts = page.evaluate("Array.from(document.fonts).filter(f => f.status !== 'unloaded').map(f => f.family)")
    assert not fonts, f"{kind}：页面加载了网络字体 {fonts}，应只用系统字体"

    weight = weigh(visit.finished)
    WEIGHTS[kind] = {"url": page_types[kind], **weight}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-weight.json").write_text(json.dumps(WEIGHTS, ensure_ascii=False, indent=2), encoding="utf-8")
    assert weight["transferred"] > 10 * 1024, "测得的页面大小不可信（太小）"
    assert not weight["fonts"], f"{kind}：加载了字体文件 {weight['fonts']}"
    assert weight["decoded"] < UNCOMPRESSED_CEILING, f"{kind}：未压缩 {weight['decoded'] / 1024:.0f} KB，太重"
    if kind == "story":
        assert weight["transferred"] < STORY_BUDGET, (
            f"稿件页首次加载 {weight['transferred'] / 1024:.0f} KB（不含图片），超过 200 KB 的预算")


def test_foreign_requests_are_caught(open_page, page_types):
    """The recorder itself works: a request to another host is seen (and aborted)."""
    visit = open_page(page_types["story"])
    with visit.page.expect_request(lambda request: "fonts.googleapis.com" in request.url):
        visit.page.evaluate("fetch('https://fonts.googleapis.com/css?family=Noto+Sans+SC').catch(() => null)")
    assert any("fonts.googleapis.com" in url for url in visit.foreign())

"""From the hub's search page a reader finds a story of each district site:
the districts' Pagefind bundles are merged in the browser (mergeIndex), each
result says its site, and the 站点 filter narrows to one. Served as one host
with path prefixes, as build/sites/ is deployed; nothing leaves 127.0.0.1."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from browser.conftest import _is_local
from browserkit import served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DONE = "() => ['done', 'empty', 'error'].includes(document.getElementById('cx-search').dataset.state)"


@pytest.fixture(scope="module")
def federation_url(federation):
    with served(federation / "build" / "sites") as url:
        yield url


def search(browser, url: str, query: str, **params: str):
    context = browser.new_context(locale="zh-CN")
    foreign: list[str] = []
    context.route(lambda u: not _is_local(u), lambda route: (foreign.append(route.request.url), route.abort()))
    page = context.new_page()
    extra = "".join(f"&{k}={quote(v)}" for k, v in params.items())
    page.goto(f"{url}/search/?q={quote(query)}{extra}")
    page.wait_for_function(DONE, timeout=30000)
    hits = page.eval_on_selector_all(".cx-search-hit", """els => els.map(e => ({
        href: e.querySelector('a').getAttribute('href'),
        site: e.querySelector('.cx-search-hit__site')?.textContent || ''}))""")
    context.close()
    assert not foreign, foreign
    return hits


@pytest.mark.parametrize("query, href, label", [
    ("养老地图", "/wangshu/stories/yanglao-ditu/", "望舒区"),
    ("周六上午的家长课堂", "/luting/stories/zhouliu-jiazhang-ketang/", "鹭汀区"),
])
def test_hub_search_finds_a_story_of_each_district(browser, federation_url, query, href, label):
    hits = search(browser, federation_url, query)
    assert {"href": href, "site": label} in hits


@pytest.mark.parametrize("label, prefix", [("望舒区", "/wangshu/"), ("鹭汀区", "/luting/"), ("示例市", "/")])
def test_site_filter_keeps_one_site(browser, federation_url, label, prefix):
    only = search(browser, federation_url, "代表", site=label)
    assert only and {h["site"] for h in only} == {label}
    others = ("/wangshu/", "/luting/")
    assert all(h["href"].startswith(prefix) and (prefix != "/" or not h["href"].startswith(others)) for h in only)


def test_hub_own_results_link_inside_the_hub(browser, federation_url):
    hits = search(browser, federation_url, "机动车停车条例", site="示例市")
    assert any(h["href"] == "/legislation/shili-jidongche-tingche/" for h in hits)

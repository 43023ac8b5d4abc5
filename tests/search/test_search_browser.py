"""Search in Debian's chromium against the built sample site: the real
Pagefind, the real results page, the real header box."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from recallkit import ISSUE_PHRASES, sample_phrases, score, truth
from searchkit import hits, wait_results

from congress_site.search.indexer import iter_records
from congress_site.search.tokens import decode, encode, query_terms

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(sample_site: Path, serve) -> str:
    return serve(sample_site)


@pytest.fixture(scope="module")
def records(sample_site: Path):
    return list(iter_records(sample_site))


def search(page, base: str, query: str = "", **params) -> list[dict]:
    qs = "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **params}.items() if v)
    page.goto(f"{base}/search/?{qs}")
    wait_results(page)
    return hits(page)


def _kind(records, prefix: str):
    return [r for r in records if r.url.startswith(prefix) and r.url.count("/") == 3]


def test_a_name_finds_the_profile_first(new_page, base, records):
    page = new_page()
    profiles = _kind(records, "/profiles/")
    assert len(profiles) >= 5
    for profile in profiles:
        namesakes = {p.url for p in profiles if p.title == profile.title}
        found = search(page, base, profile.title)
        assert found, f"搜索“{profile.title}”没有结果"
        assert found[0]["href"] in namesakes, f"搜索“{profile.title}”第一条是 {found[0]['href']}"


def _short_name(title: str) -> str:
    """《澜川市青年发展促进条例》 → 青年发展促进条例: what people type."""
    name = title.strip("《》")
    return re.sub(r"^.+?[市县区](?=.{4,})", "", name, count=1)


def test_a_law_short_name_finds_its_record_first(new_page, base, records):
    page = new_page()
    laws = _kind(records, "/legislation/")
    assert len(laws) >= 3
    for law in laws:
        short = _short_name(law.title)
        same = {r.url for r in laws if short in r.title}
        found = search(page, base, short)
        assert found and found[0]["href"] in same, f"搜索“{short}”第一条是 {found[0]['href'] if found else '无'}"


def test_liaison_station_finds_stations_and_stories(new_page, base):
    found = search(new_page(), base, "联络站")
    hrefs = [h["href"] for h in found]
    assert any(h.startswith("/stations/") for h in hrefs)
    assert any(h.startswith("/stories/") for h in hrefs)
    # the match is highlighted in every snippet or title
    assert all("联络站" in h["marks"] for h in found)


def test_column_filter_narrows_results(new_page, base):
    page = new_page()
    everything = search(page, base, "代表")
    total = int(re.search(r"找到 (\d+) 条", page.inner_text("[data-cx-status]")).group(1))
    column = page.eval_on_selector_all("#cx-search-column option", "os => os.map(o => o.value).filter(Boolean)")
    assert column, "栏目筛选没有选项"
    # Choose with the keyboard, as a reader without a mouse would.
    page.focus("#cx-search-column")
    page.select_option("#cx-search-column", column[0])
    page.wait_for_url(re.compile(r"column="))
    wait_results(page)
    narrowed = int(re.search(r"找到 (\d+) 条", page.inner_text("[data-cx-status]")).group(1))
    assert 0 < narrowed < total and everything
    shown = hits(page)
    assert shown and all(column[0] in h["meta"] for h in shown)


def test_type_filter_and_date_sort(new_page, base):
    page = new_page()
    found = search(page, base, "代表", type="报道", sort="new")
    dates = [re.search(r"\d{4}-\d{2}-\d{2}", h["meta"]).group() for h in found]
    assert dates == sorted(dates, reverse=True) and len(dates) > 3
    assert all(h["href"].startswith("/stories/") for h in found)


def test_empty_result_is_helpful(new_page, base):
    page = new_page()
    assert search(page, base, "火星移民局") == []
    empty = page.locator("[data-cx-empty]")
    assert empty.is_visible()
    text = empty.inner_text()
    assert "火星移民局" in text and "错别字" in text and "人大代表名录" in text
    assert page.locator("[data-cx-clear]").is_hidden()
    search(page, base, "火星移民局", type="代表")
    assert page.locator("[data-cx-clear]").is_visible()


def test_header_box_works_from_the_keyboard(new_page, base):
    page = new_page()
    page.goto(f"{base}/")
    box = page.locator("#cx-header-q")
    assert box.get_attribute("aria-label") or page.locator("label[for=cx-header-q]").count() == 1
    for _ in range(40):  # Tab until the search box has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "cx-header-q":
            break
    else:
        pytest.fail("按 Tab 键到达不了页头搜索框")
    page.keyboard.type("民生实事")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert wait_results(page) == "done"
    assert hits(page)[0]["marks"]


def test_no_request_leaves_the_site(new_page, base):
    page = new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname))
    search(page, base, "全过程人民民主")
    assert hosts == {"127.0.0.1"}


def test_browser_cuts_queries_like_the_indexer(new_page, base):
    page = new_page()
    page.goto(f"{base}/search/")
    page.wait_for_function("window.cxSearch")
    for q in ["全过程人民民主", "《澜川市青年发展促进条例》", "QR码 12.5km", "民", "代表  建议", "，。", "2025年7月"]:
        js = page.evaluate("q => window.cxSearch.queryTerms(q).terms", q)
        assert js == query_terms(q).terms, q
    text = "张晓岚 代表，QR码\n12 km的“养老地图”"
    assert page.evaluate("t => window.cxSearch.decode(t)", encode(text).replace("\n", " ")) == decode(encode(text))


def test_real_pagefind_finds_every_page_with_the_phrase(new_page, base, records):
    page = new_page()
    page.goto(f"{base}/search/")
    page.wait_for_function("window.cxSearch")
    phrases = ISSUE_PHRASES + sample_phrases(records, 40, seed=23)
    worst = 1.0
    for phrase in phrases:
        urls = page.evaluate(
            """async q => { const r = await window.cxSearch.searchAll(q);
                 return Promise.all(r.results.map(async x => (await x.data()).url)); }""", phrase)
        recall, precision = score(set(urls), truth(records, phrase))
        assert recall == 1.0, f"“{phrase}”漏掉了页面"
        worst = min(worst, precision)
    assert worst >= 0.95


@pytest.fixture(scope="module")
def sharded_site(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated stories over ten years, indexed in shards of 8 pages, with
    the real results page and assets copied from the sample site."""
    import shutil

    from congress_bench.synthetic import search_pages
    from congress_site.search import indexer

    site = tmp_path_factory.mktemp("sharded") / "site"
    search_pages(site, 40, seed=9)
    for name in ("assets", "search"):
        shutil.copytree(sample_site / name, site / name)
    cap = indexer.MAX_SHARD_PAGES
    indexer.MAX_SHARD_PAGES = 8
    try:
        report = indexer.index_site(site)
    finally:
        indexer.MAX_SHARD_PAGES = cap
    assert len(report.shards) == 4
    return site


def test_shards_newest_first_then_all_on_request(new_page, sharded_site: Path, serve):
    base = serve(sharded_site)
    records = list(iter_records(sharded_site))
    page = new_page()
    phrase = max(ISSUE_PHRASES, key=lambda p: len(truth(records, p)))
    expected = truth(records, phrase)
    first = search(page, base, phrase)
    assert page.locator("[data-cx-older]").is_visible()
    assert "更早的稿件还未查找" in page.inner_text("[data-cx-status]")
    assert first and {h["href"] for h in first} <= expected
    page.click("[data-cx-older]")
    page.wait_for_url(re.compile(r"all=1"))
    wait_results(page)
    total = int(re.search(r"找到 (\d+) 条", page.inner_text("[data-cx-status]")).group(1))
    assert total == len(expected) > len(first)
    assert page.locator("[data-cx-older]").is_hidden()
    # The complete search (what the recall check uses) reaches every shard.
    urls = page.evaluate("""async q => { const r = await window.cxSearch.searchAll(q);
        return Promise.all(r.results.map(async x => (await x.data()).url)); }""", phrase)
    assert set(urls) == expected

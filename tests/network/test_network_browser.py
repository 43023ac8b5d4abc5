"""The network pages in Debian's chromium: the finder narrows the list to
the reader's township (or the nearest region above that has a station),
and the station, network and profile pages pass axe and fit a phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netkit import network_site

from browser.conftest import PHONE
from browserkit import blocking, run_axe, served
from sitekit import REPO, THEME, build

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Iterator[str]:
    root = network_site(tmp_path_factory.mktemp("netb") / "src")
    # The sample's configuration (palette, footer, scripts), as a real site has it.
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {THEME}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = build(root, root.parent / "site")
    with served(site) as url:
        yield url


@pytest.fixture
def open_page(browser, base):
    contexts = []

    def _open(path: str, **options):
        context = browser.new_context(locale="zh-CN", **options)
        contexts.append(context)
        foreign: list[str] = []
        context.route(lambda url: not url.startswith(base), lambda route: (foreign.append(route.request.url),
                                                                         route.abort()))
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        return page, foreign

    yield _open
    for context in contexts:
        context.close()


def shown(page) -> list[str]:
    return page.eval_on_selector_all("#cx-by-region li[data-region]:not([hidden]) > a", "els => els.map(e => e.textContent)")


def test_finder_narrows_to_the_township_and_falls_back_to_the_county(open_page):
    page, foreign = open_page("/stations/")
    form = page.locator("form[data-cx-finder]")
    assert form.is_visible()  # hidden in the HTML, shown once the script runs
    assert len(shown(page)) == 9
    page.select_option("form[data-cx-finder] select", "lichuan-zhen")
    assert set(shown(page)) == {"梨川镇代表工作站", "杏坞村代表联络室", "杏坞村基层立法联系点", "示例市网上代表联络站"}
    assert page.locator(".cx-filter__count").text_content() == "梨川镇有3个站点，已列在下面。"
    # Groups left without a shown station disappear with their heading.
    assert page.locator("#region-shiyuan-jiedao").is_hidden()
    # A township with no station: the county's stations are the nearest.
    page.select_option("form[data-cx-finder] select", "sangmo-xiang")
    assert set(shown(page)) == {"梨川镇代表工作站", "杏坞村代表联络室", "杏坞村基层立法联系点", "示例市网上代表联络站"}
    assert page.locator(".cx-filter__count").text_content() == "桑陌乡暂无站点；下面是青棠县的3个站点。"
    page.select_option("form[data-cx-finder] select", "")
    assert len(shown(page)) == 9
    assert foreign == []


def test_without_javascript_the_list_and_region_links_work(open_page):
    page, _ = open_page("/stations/", java_script_enabled=False)
    assert page.locator("form[data-cx-finder]").is_hidden()
    assert len(shown(page)) == 9
    page.click(".cx-region-nav a[href='#region-qingtang-xian']")
    assert page.evaluate("location.hash") == "#region-qingtang-xian"


@pytest.mark.parametrize("path", ["/stations/", "/stations/jia/", "/stations/lianxidian/", "/stations/xueqian/",
                                  "/profiles/wang-lan/"])
def test_axe_and_phone_width(open_page, path):
    page, foreign = open_page(path)
    bad = blocking(run_axe(page))
    assert not bad, f"{path} 的无障碍问题：\n" + "\n".join(bad)
    phone, _ = open_page(path, viewport=PHONE, is_mobile=True, has_touch=True)
    width, client = phone.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert width <= client, f"{path}：手机宽度下页面可以横向滚动（{width} > {client}）"
    # The phone number and the message link are big enough to tap.
    boxes = phone.eval_on_selector_all(".cx-contact a, .cx-station__head dd a",
                                       "els => els.map(e => e.getBoundingClientRect().height)")
    assert boxes or path == "/stations/"
    assert all(h >= 44 for h in boxes), boxes
    assert foreign == []

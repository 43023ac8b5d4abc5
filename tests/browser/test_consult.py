"""Public consultation in a real browser, on a phone: from the home page to
the open draft's article 12 in two taps, and to the ways of commenting in
one; the days left computed in the page from the reader's clock (fixed here
with Playwright's clock, never by waiting), and the plain date without
JavaScript."""

from __future__ import annotations

import pytest

import sitekit
from browserkit import blocking, run_axe, served
from consultkit import BUILD_DATE, make_site

from .conftest import PHONE, _is_local

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def consult_url(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("consult-browser") / "src")
    site = sitekit.build(root, root.parent / "site", today=BUILD_DATE)
    with served(site) as url:
        yield url


@pytest.fixture
def phone(browser):
    contexts = []

    def open_context(**options):
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN", **options)
        context.route(lambda url: not _is_local(url), lambda route: route.abort())
        contexts.append(context)
        return context.new_page()

    yield open_context
    for context in contexts:
        context.close()


def test_two_taps_from_home_to_article_twelve(phone, consult_url):
    page = phone()
    page.goto(consult_url + "/")
    block = page.locator("#cx-home-consult").locator("..")
    block.get_by_role("link", name="阅读草案").tap()  # tap 1
    page.wait_for_url("**/legislation/yanglao/zhengqiu-gao/")
    page.get_by_role("link", name="第12条", exact=True).tap()  # tap 2
    page.wait_for_url("**/zhengqiu-gao/#article-12")
    article = page.locator("#article-12")
    assert article.inner_text().startswith("第十二条")
    box = article.bounding_box()
    assert 0 <= box["y"] < PHONE["height"], f"第十二条不在屏幕内：{box}"
    # The jump grid's targets are big enough for a finger.
    size = page.get_by_role("link", name="第12条", exact=True).bounding_box()
    assert size["height"] >= 44 and size["width"] >= 44


def test_one_tap_from_home_to_the_ways_of_commenting(phone, consult_url):
    page = phone()
    page.goto(consult_url + "/")
    page.locator(".cx-home-consult").get_by_role("link", name="如何提出意见").tap()
    page.wait_for_url("**/legislation/yanglao/#cx-comment")
    box = page.locator("#cx-comment")
    top = box.bounding_box()["y"]
    assert 0 <= top < PHONE["height"] / 2, f"意见箱不在屏幕上方：{top}"
    links = {a.get_attribute("href") for a in box.locator("a").all()}
    assert any(h.startswith("mailto:lifa@example.gov.cn?subject=") for h in links)
    assert "tel:01235550100" in links and "https://lifa.example.gov.cn/yijian/" in links
    assert "../../stations/shiyuan/" in links and "zhengqiu-gao/" in links
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"手机宽度下页面横向滚动：{width}"


@pytest.mark.parametrize("now, expected", [
    ("2026-11-22T09:00:00+08:00", "（还剩404天）"),
    ("2027-12-20T23:30:00+08:00", "（还剩11天）"),
    # Beijing time decides: 16:30 UTC on the 31st is already 1 January in China.
    ("2027-12-31T10:00:00+08:00", "（今天截止）"),
    ("2027-12-31T16:30:00+00:00", "（征求意见已截止）"),
])
def test_days_left_are_computed_in_the_browser(phone, consult_url, now, expected):
    page = phone(timezone_id="Europe/London")  # the reader's device zone does not matter
    page.clock.set_fixed_time(now)
    page.goto(consult_url + "/legislation/yanglao/")
    countdown = page.locator("#cx-comment .cx-countdown")
    countdown.wait_for(state="attached")
    page.wait_for_function("document.querySelector('#cx-comment .cx-countdown').textContent !== ''")
    assert countdown.inner_text() == expected
    assert page.locator("#cx-comment time").inner_text() == "2027年12月31日"


def test_approval_deadline_counts_down_too(phone, consult_url):
    page = phone()
    page.clock.set_fixed_time("2027-03-07T09:00:00+08:00")
    page.goto(consult_url + "/legislation/chengqu/")
    page.wait_for_function("document.querySelector('.cx-clock .cx-countdown').textContent !== ''")
    assert page.locator(".cx-clock .cx-countdown").inner_text() == "（已超过期限）"


def test_without_javascript_the_plain_date_remains(phone, consult_url):
    page = phone(java_script_enabled=False)
    page.goto(consult_url + "/legislation/yanglao/")
    deadline = page.locator("#cx-comment .cx-consult__deadline")
    assert deadline.inner_text() == "意见截止日期：2027年12月31日"


@pytest.mark.parametrize("path", ["/", "/legislation/", "/legislation/yanglao/", "/legislation/yanglao/zhengqiu-gao/",
                                  "/legislation/consultations/", "/legislation/plans/2026/", "/legislation/chengqu/",
                                  "/legislation/tingche/"])
def test_axe_on_consultation_pages(browser, consult_url, path):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(consult_url + path)
        bad = blocking(run_axe(page))
        assert not bad, f"{path} 的无障碍问题：\n" + "\n".join(bad)
    finally:
        context.close()


def test_the_sample_site_too(open_page):
    """The demonstration site does what the small one does: its open draft
    is two taps from the home page, its comment box one."""
    visit = open_page("/", viewport=PHONE, is_mobile=True, has_touch=True)
    page = visit.page
    page.locator(".cx-home-consult").get_by_role("link", name="阅读草案").first.tap()
    page.wait_for_url("**/legislation/shili-jujia-yanglao/zhengqiu-yijian-gao/")
    page.get_by_role("link", name="第12条", exact=True).tap()
    page.wait_for_url("**#article-12")
    assert page.locator("#article-12").inner_text().startswith("第十二条")
    assert 0 <= page.locator("#article-12").bounding_box()["y"] < PHONE["height"]
    page.go_back()
    page.go_back()
    page.locator(".cx-home-consult").get_by_role("link", name="如何提出意见").first.tap()
    page.wait_for_url("**/legislation/shili-jujia-yanglao/#cx-comment")
    hrefs = {a.get_attribute("href") for a in page.locator("#cx-comment a").all()}
    assert {"tel:01235550036", "https://lifa.example.gov.cn/yijian/"} <= hrefs
    assert any(h.startswith("mailto:lifa@example.gov.cn") for h in hrefs)
    assert not visit.foreign()

"""Meetings and oversight in a real browser: axe on every new page type,
no sideways scrolling at 375 px, nothing loaded from another host, and the
reader's two tasks: from a law to the meeting that passed it and that
meeting's 公告, and from /oversight/ to the problems still being rectified."""

from __future__ import annotations

import pytest

import sitekit
from browserkit import blocking, record_axe, run_axe, served
from institutionkit import institution_site

from .conftest import ARTIFACTS, DESKTOP, PHONE, _is_local

pytestmark = pytest.mark.browser

PAGES = {
    "meetings": "/meetings/",
    "meeting": "/meetings/cwh-10-23/",
    "meeting-announcement": "/meetings/cwh-10-25/",
    "announcement": "/meetings/cwh-10-25/gonggao-19/",
    "appointments": "/appointments/",
    "oversight-list": "/oversight/",
    "oversight": "/oversight/lvhua-jiancha/",
    "law-with-meetings": "/legislation/cunluo/",
}


@pytest.fixture(scope="module")
def institution_url(tmp_path_factory):
    root = institution_site(tmp_path_factory.mktemp("institution-browser") / "src")
    config = root / "mkdocs.yml"  # the list filters of the sample, too
    config.write_text(config.read_text(encoding="utf-8") + "extra_javascript: [assets/javascripts/congress.js]\n",
                      encoding="utf-8")
    sitekit.write_story(root, "2024/09-21-biaojue.md", title="条例表决通过", date="2024-09-21",
                        meetings=["cwh-10-25"], oversight=["lvhua-jiancha"])
    site = sitekit.build(root, root.parent / "site")
    with served(site) as url:
        yield url


@pytest.fixture
def visit(browser, institution_url):
    contexts = []

    def open_page(path: str, phone: bool = False):
        options = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {"viewport": DESKTOP}
        context = browser.new_context(locale="zh-CN", **options)
        contexts.append(context)
        foreign: list[str] = []
        context.route(lambda url: not _is_local(url), lambda route: (foreign.append(route.request.url), route.abort()))
        page = context.new_page()
        page.goto(institution_url + path, wait_until="networkidle")
        return page, foreign

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("kind", PAGES)
def test_axe_no_serious_violations(visit, kind):
    page, _ = visit(PAGES[kind])
    violations = run_axe(page)
    record_axe(ARTIFACTS, kind, PAGES[kind], violations)
    bad = blocking(violations)
    assert not bad, f"{kind} 页面的无障碍问题：\n" + "\n".join(bad)


@pytest.mark.parametrize("kind", PAGES)
def test_phone_width_and_own_host_only(visit, kind):
    page, foreign = visit(PAGES[kind], phone=True)
    width, client = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert width <= client, f"{kind} 在 375 像素宽的手机上横向滚动：{width} > {client}"
    assert foreign == [], f"{kind} 向其他网站发出了请求：{foreign}"


def test_from_a_law_to_the_meeting_that_passed_it_and_its_announcement(visit):
    page, _ = visit(PAGES["law-with-meetings"], phone=True)
    stage = page.locator(".cx-timeline li", has_text="表决通过")
    stage.get_by_role("link", name="十届人大常委会第二十五次会议").tap()
    page.wait_for_url("**/meetings/cwh-10-25/")
    assert page.locator("h1").inner_text() == "石岭市第十届人民代表大会常务委员会第二十五次会议"
    # Back on the law page, its 公告 is one tap away, and its text is on screen.
    page.go_back()
    page.get_by_role("link", name="石岭市第十届人民代表大会常务委员会公告（第十九号）").tap()
    page.wait_for_url("**/meetings/cwh-10-25/gonggao-19/")
    text = page.get_by_text("现予公布")
    box = text.bounding_box()
    assert 0 <= box["y"] < PHONE["height"], f"公告正文不在屏幕内：{box}"
    assert page.locator("h1").inner_text() == "关于公布《石岭市传统村落保护条例》的公告"


def test_oversight_list_shows_what_is_still_being_rectified(visit):
    page, _ = visit(PAGES["oversight-list"], phone=True)
    row = page.locator(".cx-oversight__row").first
    assert "未整改1个，整改中1个，已整改1个" in row.locator(".cx-rect__text").inner_text()
    summary = row.locator("summary")
    assert summary.inner_text() == "尚未整改完成的问题（2个）"
    assert summary.bounding_box()["height"] >= 44
    summary.tap()
    items = row.locator(".cx-open-issues li")
    assert items.count() == 2 and items.first.is_visible()
    assert "乡镇监管力量不足" in items.first.inner_text() and "整改中" in items.first.inner_text()
    # The filter keeps only records with open problems.
    page.select_option("select[name=state]", "done")
    assert row.is_hidden()
    page.select_option("select[name=state]", "open")
    assert row.is_visible()

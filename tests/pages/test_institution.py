"""Meetings, appointments and oversight: titles from 届 and 次, what the
pages show and link, both sides of every link, and what is held back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from congress_site.model import Layout, load_repository
from congress_site.model.ledger import ledger
from congress_site.model.meetings import Meeting, cn_numeral
from institutionkit import institution_site
from sitekit import build, mkdocs_yml, write, write_story

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"),
                                     (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十"),
                                     (119, "一百一十九"), (230, "二百三十")])
def test_chinese_numerals(n, text):
    assert cn_numeral(n) == text


@pytest.mark.parametrize("kind, full, short", [
    ("人民代表大会会议", "示例市第十届人民代表大会第五次会议", "十届人大五次会议"),
    ("常委会会议", "示例市第十届人民代表大会常务委员会第五次会议", "十届人大常委会第五次会议"),
    ("主任会议", "示例市第十届人民代表大会常务委员会第五次主任会议", "十届人大常委会第五次主任会议"),
])
def test_titles_come_from_kind_term_and_session(kind, full, short):
    m = Meeting(id="m", kind=kind, term=10, session=5, date=dt.date(2026, 1, 13), place="会堂")
    assert m.title("示例市") == full and m.short_title == short


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    root = institution_site(tmp_path_factory.mktemp("src"))
    write_story(root, "2024/09-21-biaojue.md", title="条例表决通过", date="2024-09-21",
                meetings=["cwh-10-25"], oversight=["lvhua-jiancha"])
    return root, build(root, root.parent / "site")


def html(site_dir: Path, url: str) -> LexborHTMLParser:
    return LexborHTMLParser((site_dir / url / "index.html").read_text(encoding="utf-8"))


def links(tree: LexborHTMLParser, selector: str = "a") -> dict[str, str]:
    """Link text → href, inside `selector`."""
    return {a.text(strip=True): a.attributes.get("href", "") for a in tree.css(f"{selector} a")}


def resolve(page_url: str, href: str) -> str:
    """A page's relative href as a site path without index.html."""
    from posixpath import normpath

    path, _, anchor = href.partition("#")
    full = normpath("/" + page_url + path).lstrip("/").removesuffix("index.html")
    return (full.rstrip("/") + "/" if full and not full.endswith((".xml", ".json", ".pdf", ".docx")) else full) + \
        (f"#{anchor}" if anchor else "")


def test_law_page_reaches_the_meeting_that_passed_it_and_its_announcement(site):
    _, out = site
    law = html(out, "legislation/cunluo")
    timeline = {li.css_first(".cx-timeline__stage").text(): li for li in law.css(".cx-timeline li")}
    vote = timeline["表决通过"].css_first(".cx-timeline__meeting a")
    assert vote.text() == "十届人大常委会第二十五次会议"
    assert resolve("legislation/cunluo/", vote.attributes["href"]) == "meetings/cwh-10-25/"
    # Stages held elsewhere (the 立项 here) name no meeting.
    assert timeline["立项"].css_first(".cx-timeline__meeting") is None
    notice = links(law, "#gonggao + ul")["石岭市第十届人民代表大会常务委员会公告（第十九号）"]
    target = resolve("legislation/cunluo/", notice)
    assert target == "meetings/cwh-10-25/gonggao-19/"
    # The 公告 is a page beside its meeting: its text, and the way back.
    doc = html(out, target)
    assert "现予公布" in doc.css_first(".cx-document").text()
    back = {a.text(): a.attributes["href"] for a in doc.css(".cx-kicker a")}
    assert resolve(target, back["石岭市第十届人民代表大会常务委员会第二十五次会议"]) == "meetings/cwh-10-25/"
    assert doc.css_first('[data-pagefind-filter="类型"]').text() == "会议文件"
    # The meeting page lists it under its number, linked.
    meeting = html(out, "meetings/cwh-10-25")
    item = meeting.css_first("#gonggao-19")
    assert "公告（第十九号）" in item.text()
    assert resolve("meetings/cwh-10-25/", item.css_first("a[href*=gonggao]").attributes["href"]) == target


def test_meeting_page_lists_agenda_laws_and_the_stages_taken(site):
    _, out = site
    page = html(out, "meetings/cwh-10-23")
    assert page.css_first("h1").text() == "石岭市第十届人民代表大会常务委员会第二十三次会议"
    agenda = [li.text(strip=True) for li in page.css(".cx-agenda > li")]
    assert len(agenda) == 3 and "法规：《石岭市传统村落保护条例》" in agenda[0]
    laws = [li.text(strip=True) for li in page.css("#fagui + ul li")]
    assert laws == ["《石岭市传统村落保护条例》（一审）"]
    assert [a.text() for a in page.css("#jiandu + ul a")] == ["执法检查：《中华人民共和国农产品质量安全法》贯彻实施情况"]
    assert page.css_first('[data-pagefind-filter="类型"]').text() == "会议"


def test_appointments_on_the_meeting_and_by_year(site):
    _, out = site
    page = html(out, "meetings/cwh-10-23")
    section = page.css_first("#renmian").parent
    lines = [li.text(strip=True) for li in section.css("li")]
    assert lines == ["决定任命易书桐为市民政局局长", "任命赵明远为市中级人民法院审判员", "决定免去梅启航的市民政局局长职务"]
    # An appointee with a profile is linked to it.
    assert [a.text() for a in section.css("a")] == ["赵明远"]
    year = html(out, "appointments")
    assert [h.text() for h in year.css("h2")] == ["2024年"]
    assert "决定免去梅启航的市民政局局长职务" in year.body.text()
    # Meetings without appointments are not listed there.
    assert [h.css_first("a").text() for h in year.css("h3")] == ["十届人大常委会第二十三次会议"]


def test_meetings_by_year_newest_first(site):
    _, out = site
    page = html(out, "meetings")
    items = [a.text() for a in page.css(".cx-meeting-item > a")]
    assert items == ["石岭市第十届人民代表大会常务委员会第二十五次会议",
                     "石岭市第十届人民代表大会常务委员会第二十三次会议",
                     "石岭市第十届人民代表大会常务委员会第四十次主任会议",
                     "石岭市第十届人民代表大会第三次会议"]


def test_oversight_list_says_which_issues_are_still_being_rectified(site):
    _, out = site
    page = html(out, "oversight")
    [row] = page.css(".cx-oversight__row")
    assert row.attributes["data-state"] == "open"
    assert row.css_first(".cx-rect__text").text(strip=True) == "共3个问题：未整改1个，整改中1个，已整改1个。"
    still = [li.text(separator="|", strip=True) for li in row.css(".cx-open-issues li")]
    assert still == ["乡镇监管力量不足|整改中|责任单位：市农业农村局", "合格证开具率偏低|未整改|责任单位：市农业农村局"]
    # The bar is for the eye only: its parts repeat the counts, side by side.
    bar = row.css_first(".cx-rect__bar")
    assert bar.attributes["aria-hidden"] == "true" and bar.attributes["viewBox"] == "0 0 3 1"
    parts = [(p.attributes["x"], p.attributes["width"]) for p in bar.css("rect")]
    assert parts == [("0", "1"), ("1", "1"), ("2", "1")]


def test_oversight_page_shows_each_issue_and_its_rectification(site):
    _, out = site
    page = html(out, "oversight/lvhua-jiancha")
    issues = page.css(".cx-issue")
    assert [i.css_first(".cx-rect-state").text() for i in issues] == ["整改中", "未整改", "已整改"]
    done = issues[2].text(separator="|", strip=True)
    assert "发现时间|2024年4月10日" in done and "完成时间|2024年6月30日" in done
    # Without its own date a problem counts as found on the inspection's last day.
    assert "发现时间|2024年4月15日" in issues[0].text(separator="|", strip=True)
    assert "建议加强乡镇监管队伍建设" in page.css_first("#yijian").parent.text()
    assert page.css_first('[data-pagefind-filter="类型"]').text() == "监督"


def test_open_problems_tell_residents_where_to_report_them(site, tmp_path):
    _, out = site
    for url, prefix in (("oversight", "oversight/"), ("oversight/lvhua-jiancha", "oversight/lvhua-jiancha/")):
        hrefs = {a.text(): a.attributes["href"] for a in html(out, url).css(".cx-act a")}
        assert resolve(prefix, hrefs["代表联络站"]) == "stations/", url
    # The record's page also points at its representatives, listed above it.
    assert "参加这项监督工作的人大代表" in html(out, "oversight/lvhua-jiancha").css_first("#cx-act").parent.text()
    # Once every problem is rectified the invitation goes.
    root = institution_site(tmp_path / "src")
    path = root / "content/oversight/lvhua-jiancha.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("status: 整改中, date: 2024-08-01", "status: 已整改, date: 2024-08-01")
    text = text.replace("status: 未整改}", "status: 已整改, date: 2024-09-01}")
    path.write_text(text, encoding="utf-8")
    done = build(root, tmp_path / "site")
    assert html(done, "oversight").css_first("#cx-act") is None
    assert html(done, "oversight/lvhua-jiancha").css_first("#cx-act") is None


def test_oversight_reports_are_published_beside_the_record(site):
    _, out = site
    page = html(out, "oversight/lvhua-jiancha")
    listed = links(page, "#wenjian + ul")
    report = resolve("oversight/lvhua-jiancha/", listed["执法检查组的报告"])
    assert report == "oversight/lvhua-jiancha/jiancha-baogao/"
    # A PDF is a download at its own name, copied beside the page.
    pdf = resolve("oversight/lvhua-jiancha/", listed["市人民政府研究处理情况的报告"])
    assert pdf == "oversight/lvhua-jiancha/chuli-baogao.pdf"
    assert (out / pdf).read_bytes().startswith(b"%PDF-")
    doc = html(out, report)
    assert "乡镇监管力量不足" in doc.css_first(".cx-document").text()
    assert doc.css_first('[data-pagefind-filter="类型"]').text() == "监督文件"
    back = {a.text(): a.attributes["href"] for a in doc.css(".cx-kicker a")}
    assert resolve(report, back["执法检查：《中华人民共和国农产品质量安全法》贯彻实施情况"]) == "oversight/lvhua-jiancha/"


def test_a_held_back_oversight_record_holds_back_its_reports(tmp_path):
    root = institution_site(tmp_path / "src")
    path = root / "content/oversight/lvhua-jiancha.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: 已整改, date: 2024-06-30",
                                                             "status: 已整改, date: 2024-03-30"), encoding="utf-8")
    repo = load_repository(Layout.default(root), TODAY)
    held = {h.path: h.reason for h in ledger(repo).held}
    assert held["content/oversight/lvhua-jiancha.yml"] == "记录有错误"
    assert held["content/oversight/lvhua-jiancha/jiancha-baogao.md"] == "所属记录有错误"
    assert held["content/oversight/lvhua-jiancha/chuli-baogao.pdf"] == "所属记录有错误"
    assert ("oversight", "lvhua-jiancha") not in repo.documents


def test_stories_meetings_and_oversight_link_both_ways(site):
    _, out = site
    story = html(out, "stories/biaojue")
    related = links(story, "#cx-institution + ul")
    assert resolve("stories/biaojue/", related["十届人大常委会第二十五次会议"]) == "meetings/cwh-10-25/"
    assert "执法检查：《中华人民共和国农产品质量安全法》贯彻实施情况" in related
    for url in ("meetings/cwh-10-25", "oversight/lvhua-jiancha"):
        assert links(html(out, url), "#cx-stories + ul").get("条例表决通过"), url


def test_profiles_list_the_meetings_and_oversight_they_took_part_in(site):
    _, out = site
    page = html(out, "profiles/zhao-mingyuan")
    assert [a.text() for a in page.css("#cx-meetings + ul a")] == ["十届人大常委会第二十三次会议"]
    assert [a.text() for a in page.css("#cx-oversight + ul a")] == [
        "执法检查：《中华人民共和国农产品质量安全法》贯彻实施情况"]


def test_feeds_are_offered_on_their_pages(site):
    _, out = site
    head = html(out, "meetings").head
    feeds = [link.attributes["href"] for link in head.css('link[type="application/rss+xml"]')]
    assert "meetings/feed.xml" in [resolve("meetings/", h) for h in feeds]
    assert (out / "meetings/feed.xml").is_file() and (out / "oversight/feed.xml").is_file()


def test_jurisdiction_option_names_the_meetings(tmp_path):
    root = institution_site(tmp_path / "src")
    mkdocs_yml(root, jurisdiction="示例市")
    out = build(root, tmp_path / "site")
    assert html(out, "meetings/cwh-10-23").css_first("h1").text() == "示例市第十届人民代表大会常务委员会第二十三次会议"


def test_a_held_back_meeting_takes_nothing_with_it_silently(tmp_path):
    root = institution_site(tmp_path / "src")
    # The 公告 number 19 is used twice in the 第十届: the later one is held back.
    write(root / "content/meetings/cwh-10-27.yml", """
        id: cwh-10-27
        kind: 常委会会议
        term: 10
        session: 27
        date: 2025-04-30
        place: 市人大常委会会议室
        documents:
          - {kind: 公告, number: 19, title: 关于公布另一部条例的公告, date: 2025-08-05, file: gonggao-19.md}
    """)
    write(root / "content/meetings/cwh-10-27/gonggao-19.md", "**第十九号**\n\n公告正文。\n")
    repo = load_repository(Layout.default(root), TODAY)
    [finding] = [f for f in repo.findings if f.code == "duplicate-announcement"]
    assert finding.path == "content/meetings/cwh-10-27.yml" and finding.line == 8
    assert "content/meetings/cwh-10-25.yml" in finding.message
    book = ledger(repo)
    held = {h.path: h.reason for h in book.held}
    assert held["content/meetings/cwh-10-27.yml"] == "记录有错误"
    # Its document is held back with it, not published beside nothing.
    assert held["content/meetings/cwh-10-27/gonggao-19.md"] == "所属记录有错误"
    assert {"content/meetings/cwh-10-25.yml", "content/meetings/cwh-10-25/gonggao-19.md"} <= set(book.published)
    assert "cwh-10-27" not in repo.meetings and "cwh-10-25" in repo.meetings


def test_a_stage_dated_off_its_meeting_is_reported(tmp_path):
    root = institution_site(tmp_path / "src")
    path = root / "content/legislation/cunluo.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("{stage: 一审, date: 2024-05-10",
                                                             "{stage: 一审, date: 2024-05-11"), encoding="utf-8")
    repo = load_repository(Layout.default(root), TODAY)
    [finding] = [f for f in repo.findings if f.code == "stage-meeting-date"]
    assert finding.path == "content/legislation/cunluo.yml" and finding.line == 7
    assert "2024年5月11日" in finding.message and "2024年5月10日" in finding.message


def test_preview_shows_a_broken_meeting_and_oversight_record_at_their_urls(tmp_path):
    root = institution_site(tmp_path / "src")
    write(root / "content/meetings/rd-10-23.yml", """
        {id: rd-10-23, kind: 人民代表大会会议, term: 10, session: 23, date: 2025-01-14, place: 市人民会堂}
    """)
    path = root / "content/oversight/lvhua-jiancha.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: 已整改, date: 2024-06-30",
                                                             "status: 已整改, date: 2024-03-30"), encoding="utf-8")
    out = build(root, tmp_path / "site", serve=True)
    meeting = (out / "meetings/rd-10-23/index.html").read_text(encoding="utf-8")
    assert "这条记录有错误" in meeting and "meeting-number" in meeting
    record = (out / "oversight/lvhua-jiancha/index.html").read_text(encoding="utf-8")
    assert "rectification-before-found" in record and "2024年3月30日" in record and "2024年4月10日" in record
    # The meeting that heard it no longer links a page that is not published.
    heard = html(out, "meetings/cwh-10-23")
    assert heard.css_first("#jiandu") is None
    assert not any("oversight/" in a.attributes.get("href", "") for a in heard.css(".cx-agenda a"))


def test_the_sample_shows_the_institution_at_work(sample_source, sample_site):
    """What the sample must show (docs/sample-world.md): meetings of the
    three kinds whose agendas link its laws, oversight of a national law
    with problems in every state of rectification, a 任免名单, 公告 and
    reports beside the records; every record has its page."""
    from sitekit import SAMPLE_TODAY

    repo = load_repository(Layout.default(sample_source), dt.date.fromisoformat(SAMPLE_TODAY))
    assert [f for f in repo.findings if f.path.startswith(("content/meetings", "content/oversight"))] == []
    meetings = repo.meetings.values()
    assert len(repo.meetings) >= 4 and {m.kind for m in meetings} == {"人民代表大会会议", "常委会会议", "主任会议"}
    linked = {i.legislation for m in meetings for i in m.agenda if i.legislation}
    assert len(linked) >= 3 and linked <= set(repo.legislation)
    assert any(m.appointments for m in meetings)
    kinds = {d.kind for m in meetings for d in m.documents}
    assert {"公告", "任免名单", "决议", "决定"} <= kinds
    assert len(repo.oversight) >= 3
    assert any(o.law and o.law.startswith("《") for o in repo.oversight.values())
    states = {i.rectification.status for o in repo.oversight.values() for i in o.issues}
    assert states == {"未整改", "整改中", "已整改"}
    assert any(docs for (attr, _), docs in repo.documents.items() if attr == "oversight")
    for kind, ids in (("meetings", repo.meetings), ("oversight", repo.oversight)):
        for ident in ids:
            assert (sample_site / kind / ident / "index.html").is_file(), f"{kind}/{ident}"
    assert (sample_site / "appointments/index.html").is_file()


def test_oversight_list_pages_with_open_work_first(tmp_path):
    root = institution_site(tmp_path / "src")
    # A newer record whose problems are all rectified, and a newer one still open.
    write(root / "content/oversight/done-2025.yml", """
        id: done-2025
        kind: 专项工作报告审议
        subject: 已经整改完毕的报告
        start: 2025-03-01
        issues:
          - title: 已解决的问题
            rectification: {responsible: 市民政局, status: 已整改, date: 2025-06-01}
    """)
    write(root / "content/oversight/open-2025.yml", """
        id: open-2025
        kind: 专项工作报告审议
        subject: 仍在整改的报告
        start: 2025-02-01
        issues:
          - title: 尚未解决的问题
            rectification: {responsible: 市民政局, status: 未整改}
    """)
    mkdocs_yml(root, per_page=2)
    out = build(root, tmp_path / "site")
    first, second = html(out, "oversight"), html(out, "oversight/page/2")
    titles = [[a.text() for a in p.css(".cx-oversight__title a")] for p in (first, second)]
    assert titles == [["专项工作报告审议：仍在整改的报告", "执法检查：《中华人民共和国农产品质量安全法》贯彻实施情况"],
                      ["专项工作报告审议：已经整改完毕的报告"]]
    # Both pages state the totals over every record, and link each other.
    for page in (first, second):
        assert page.css_first(".cx-rect__text").text(strip=True) == "共5个问题：未整改2个，整改中1个，已整改2个。"
    assert resolve("oversight/", first.css_first('.cx-pager a[rel="next"]').attributes["href"]) == "oversight/page/2/"
    assert "（第2页）" in second.css_first("h1").text()


def test_meeting_pages_hold_only_the_people_their_appointments_link(site):
    """What a page holds is its key for reuse: holding every profile
    would render every meeting page again whenever any profile changed."""
    from congress_site.pages.indexes import build_indexes
    from congress_site.pages.institution import meeting_pages

    root, _ = site
    repo = load_repository(Layout.default(root), TODAY)
    assert repo.profiles
    pages = {p.url: p for p in meeting_pages(repo, build_indexes(repo, repo.visible_stories(False)), 20)}
    assert list(pages["meetings/cwh-10-23/"].profiles) == ["zhao-mingyuan"]   # the one appointee with a profile
    assert pages["meetings/cwh-10-25/"].profiles == {}
    assert list(pages["appointments/"].profiles) == ["zhao-mingyuan"]

"""The built pages of a small site with a year of suggestions and projects:
the rates each page shows equal what the YAML gives by the issue's own
definitions (recomputed here without the package), the filters hold every
unit, category and person, charts carry their numbers in text, the project
progress reads without colour, and the feed carries every progress report."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import feedparser
import pytest
import yaml
from dutykit import PEOPLE, YEAR, duty_site, rates
from selectolax.lexbor import LexborHTMLParser

from sitekit import build


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    root = duty_site(tmp_path_factory.mktemp("duty"))
    return root, build(root, root / "site")


@pytest.fixture(scope="module")
def rows(site) -> list[dict]:
    root, _ = site
    return yaml.safe_load((root / f"content/suggestions/{YEAR}.yml").read_text(encoding="utf-8"))


def page(site_dir: Path, url: str) -> LexborHTMLParser:
    path = site_dir / url.strip("/") / "index.html"
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def text(node) -> str:
    return node.text(deep=True, separator="").strip()


def shown_rates(tree, scope=None) -> dict:
    root = tree.css_first(scope) if scope else tree
    return {
        "total": int(text(root.css_first("[data-cx-count=total]"))),
        "done": text(root.css_first("[data-cx-rate=done]")),
        "satisfied": text(root.css_first("[data-cx-rate=satisfied]")),
    }


def test_year_page_rates_equal_the_yaml(site, rows):
    tree = page(site[1], f"/suggestions/{YEAR}/")
    want = rates(rows)
    assert shown_rates(tree, ".cx-tally") == {k: want[k] for k in ("total", "done", "satisfied")}
    # The definitions are stated on the page, in words a reader can check.
    body = text(tree.css_first("main"))
    assert "办结率 = 已办结件数 ÷ 建议总数" in body
    assert "满意率 =（满意 + 基本满意）÷ 已反馈件数" in body
    for cls in "ABC":
        assert int(text(tree.css_first(f"[data-cx-answer={cls}]"))) == want["answers"][cls]
    statuses = {k: sum(1 for r in rows if r["status"] == k) for k in ("已交办", "办理中", "已答复", "已办结")}
    for status, n in statuses.items():
        assert int(text(tree.css_first(f'[data-cx-status="{status}"]'))) == n


def test_each_units_rates_on_the_year_page_and_its_own_page(site, rows):
    tree = page(site[1], f"/suggestions/{YEAR}/")
    main = defaultdict(list)
    joined = defaultdict(list)
    for r in rows:
        main[r["unit"]].append(r)
        for u in r.get("co_units", []):
            joined[u].append(r)
    table = {node.attributes["data-cx-unit"]: node for node in tree.css("tr[data-cx-unit]")}
    assert set(table) == set(main) | set(joined)
    for unit, node in table.items():
        want = rates(main[unit])
        assert text(node.css_first("[data-cx-rate=done]")) == want["done"], unit
        assert text(node.css_first("[data-cx-rate=satisfied]")) == want["satisfied"], unit
        unit_page = page(site[1], f"/suggestions/units/{unit}/")
        assert shown_rates(unit_page, ".cx-tally") == {"total": len(main[unit]), "done": want["done"],
                                                       "satisfied": want["satisfied"]}
        listed = {a.attributes["href"].rstrip("/").rsplit("/", 1)[-1] for a in unit_page.css(".cx-suggestion__title")}
        assert listed == {r["number"] for r in main[unit] + joined[unit]}


def test_every_profile_shows_its_own_rates(site, rows):
    led = defaultdict(list)
    for r in rows:
        led[r["lead"]].append(r)
    assert len(led) >= 3
    for pid in PEOPLE:
        tree = page(site[1], f"/profiles/{pid}/")
        section = tree.css_first("section[aria-labelledby=cx-suggestions]")
        cosigned = [r for r in rows if pid in r.get("cosigners", [])]
        if not led[pid] and not cosigned:
            assert section is None, pid
            continue
        if led[pid]:
            want = rates(led[pid])
            assert shown_rates(section) == {k: want[k] for k in ("total", "done", "satisfied")}, pid
            titles = [text(a) for a in section.css("table a")]
            assert titles == [r["title"] for r in led[pid]]
        if cosigned:
            assert {text(a) for a in section.css("ul a")} == {r["title"] for r in cosigned}


def test_filters_know_every_unit_category_and_person(site, rows):
    tree = page(site[1], f"/suggestions/{YEAR}/")
    options = {s.attributes["name"]: {o.attributes["value"] for o in s.css("option") if o.attributes["value"]}
               for s in tree.css("form[data-cx-filter] select")}
    assert options["unit"] == {r["unit"] for r in rows} | {u for r in rows for u in r.get("co_units", [])}
    assert options["category"] == {r["category"] for r in rows}
    assert options["person"] == {r["lead"] for r in rows} | {p for r in rows for p in r.get("cosigners", [])}
    items = tree.css("#cx-suggestion-list > li")
    assert len(items) == len(rows)
    for item, r in zip(items, rows, strict=True):
        assert item.attributes["data-unit"].split() == [r["unit"], *r.get("co_units", [])]
        assert item.attributes["data-category"] == r["category"]
        assert item.attributes["data-person"].split() == [r["lead"], *r.get("cosigners", [])]


def test_each_suggestion_has_its_page(site, rows):
    for r in rows:
        tree = page(site[1], f"/suggestions/{YEAR}/{r['number']}/")
        assert text(tree.css_first("h1")) == r["title"]
        facts = dict(zip([text(n) for n in tree.css("dl.cx-facts dt")], [text(n) for n in tree.css("dl.cx-facts dd")],
                         strict=True))
        assert facts["主办单位"] == r["unit"] and facts["办理状态"] == r["status"]
        assert facts["领衔代表"] == PEOPLE[r["lead"]]
        if r.get("answer"):
            assert facts["答复类别"].startswith(f"{r['answer']}类：")
            assert facts["代表满意度"] == r["satisfaction"]
        else:
            assert "答复类别" not in facts and facts["代表满意度"] == "尚未答复"
        current = tree.css_first(".cx-progress [aria-current=step]")
        assert text(current).startswith(r["status"]) and "（当前）" in text(current)
        assert tree.css_first('[data-pagefind-filter="类型"]').text() == "建议"


def test_supervised_and_led_suggestions_are_listed(site, rows):
    tree = page(site[1], f"/suggestions/{YEAR}/")
    section = text(tree.css_first("section[aria-labelledby=cx-supervised]"))
    for r in rows:
        if r.get("supervision"):
            assert f"{r['title']}：{r['supervision']}重点督办" in section
        if r.get("led_by"):
            assert f"{r['led_by']}领办" in section


def test_charts_are_accessible_and_say_their_numbers(site, rows):
    tree = page(site[1], f"/suggestions/{YEAR}/")
    want = rates(rows)
    charts = tree.css("svg.cx-chart")
    assert len(charts) == 2
    for svg in charts:
        assert svg.attributes["role"] == "img"
        title_id, desc_id = svg.attributes["aria-labelledby"].split()
        assert text(svg.css_first(f"title#{title_id}")) and text(svg.css_first(f"desc#{desc_id}"))
        html = svg.html
        assert "href" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    rates_desc = text(charts[0].css_first("desc"))
    assert f"办结率：{want['done']}" in rates_desc and f"满意率：{want['satisfied']}" in rates_desc
    answers_desc = text(charts[1].css_first("desc"))
    for cls in "ABC":
        assert f"{cls}类：{want['answers'][cls]}件" in answers_desc


def test_project_page_reads_without_colour(site):
    root, out = site
    record = yaml.safe_load((root / f"content/projects/{YEAR}.yml").read_text(encoding="utf-8"))
    tree = page(out, f"/projects/{YEAR}/")
    elected = [c for c in record["candidates"] if c.get("elected")]
    sections = tree.css("section.cx-project")
    assert [s.attributes["id"] for s in sections] == [c["id"] for c in elected]
    for node, c in zip(sections, elected, strict=True):
        status = text(node.css_first(".cx-project__status"))
        if c.get("progress"):
            last = c["progress"][-1]
            assert status.startswith(f"完成{last['percent']}%（截至")
            assert len(node.css("ol.cx-timeline > li")) == len(c["progress"])
        else:
            assert status == "尚无进展报告"
    desc = text(tree.css_first("svg.cx-chart desc"))
    assert "新增公共停车泊位：92%" in desc and "农村供水保障提升：尚无进展报告" in desc
    # The vote of every candidate, the elected and the others.
    rows = [[text(td) for td in tr.css("th, td")] for tr in tree.css("section[aria-labelledby=cx-vote] tbody tr")]
    assert [r[0] for r in rows] == [c["title"] for c in record["candidates"]]
    assert rows[-1][2:] == ["190", "41", "45", "未当选"]
    # Year-end rating: 满意率 = (满意 + 基本满意) / votes cast; 等次 by half of those present.
    rated = {r[0]: r for r in ([text(td) for td in tr.css("th, td")]
                               for tr in tree.css("section[aria-labelledby=cx-evaluation] tbody tr"))}
    assert rated["新增公共停车泊位"][1:] == ["26票", "6票", "1票", "97%", "满意"]
    assert rated["新就业形态劳动者暖心驿站"][4:] == ["72.7%", "基本满意"]


def test_progress_feed_has_every_report(site):
    root, out = site
    feed = feedparser.parse((out / "projects/feed.xml").read_bytes())
    assert not feed.bozo
    # Newest first; two reports of one day in the order of the file.
    assert [e.title for e in feed.entries] == ["新增公共停车泊位：完成92%", "新就业形态劳动者暖心驿站：完成100%",
                                               "新就业形态劳动者暖心驿站：完成82%", "新增公共停车泊位：完成30%"]
    assert all(e.link.startswith(f"https://example.gov.cn/projects/{YEAR}/#") for e in feed.entries)
    assert len({e.id for e in feed.entries}) == 4
    html = (out / f"projects/{YEAR}/index.html").read_text(encoding="utf-8")
    assert 'type="application/rss+xml" title="民生实事项目进展' in html


def test_menu_and_search_filter_know_the_new_pages(site):
    _, out = site
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="suggestions/"' in home and 'href="projects/"' in home
    assert page(out, f"/projects/{YEAR}/").css_first('[data-pagefind-filter="类型"]').text() == "民生实事"


def test_unit_pages_use_percent_encoded_links(site):
    _, out = site
    tree = page(out, f"/suggestions/{YEAR}/")
    hrefs = {a.attributes["href"] for a in tree.css("tr[data-cx-unit] a")}
    assert f"../units/{quote('市交通运输局')}/" in hrefs or f"units/{quote('市交通运输局')}/" in " ".join(hrefs)


def test_related_stories_are_linked(site):
    _, out = site
    tree = page(out, f"/suggestions/{YEAR}/1/")
    assert [a.attributes["href"] for a in tree.css("section[aria-labelledby=cx-stories] a")] == [
        "../../../stories/item-0/"]
    project = page(out, f"/projects/{YEAR}/")
    assert any("stories/item-0/" in a.attributes["href"] for a in project.css(".cx-timeline a"))


def test_each_page_describes_itself(site, rows):
    _, out = site
    want = rates(rows)
    described = {}
    for url in (f"/suggestions/{YEAR}/", "/suggestions/", f"/suggestions/{YEAR}/1/", f"/projects/{YEAR}/",
                "/projects/", f"/suggestions/units/{rows[0]['unit']}/"):
        node = page(out, url).css_first('meta[name="description"]')
        described[url] = node.attributes["content"]
    assert f"办结率{want['done']}，满意率{want['satisfied']}" in described[f"/suggestions/{YEAR}/"]
    assert rows[0]["unit"] in described[f"/suggestions/{YEAR}/1/"]
    assert len(set(described.values())) == len(described)

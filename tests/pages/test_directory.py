"""The representatives' directory over many pages: every person listed
once, every page bounded, and the index of initials leads to each person
without scripts (plain links and anchors)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from congress_site.pages.people import DIRECTORY_PER_PAGE
from sitekit import build, minimal_site, write

SURNAMES = [("zhang", "张"), ("wang", "王"), ("li", "李"), ("chen", "陈"), ("an", "安"), ("xu", "许")]


def _crowd(root, count: int) -> set[str]:
    ids = {"zhao-mingyuan"}
    for i in range(count):
        py, zh = SURNAMES[i % len(SURNAMES)]
        pid = f"{py}-dai-{i:03d}"
        write(root / f"profiles/{pid}.yml", f"""
            id: {pid}
            name: {zh}代表{i}
            levels: [县（市、区）]
            station: shiyuan
        """)
        ids.add(pid)
    return ids


def _cards(page: str) -> list[str]:
    return re.findall(r'<li class="cx-card cx-profile-card"[^>]*>\s*<a href="[./]*profiles/([a-z0-9-]+)/"', page)


def test_directory_is_paged_and_every_person_is_reachable_by_initial(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    ids = _crowd(root, 2 * DIRECTORY_PER_PAGE + 30)
    site = build(root, tmp_path / "site")
    first = (site / "representatives/index.html").read_text(encoding="utf-8")
    pages = {1: first}
    for n in (2, 3):
        pages[n] = (site / f"representatives/page/{n}/index.html").read_text(encoding="utf-8")
    assert not (site / "representatives/page/4").exists()

    listed = [pid for page in pages.values() for pid in _cards(page)]
    assert sorted(listed) == sorted(ids)                        # each person exactly once, in id order
    assert listed == sorted(listed)
    assert all(len(_cards(page)) <= DIRECTORY_PER_PAGE for page in pages.values())
    assert 'href="page/2/"' in first and 'rel="next"' in first  # the pager, plain links

    # The index of initials on a later page: each letter's link leads to the
    # page and the card where that initial starts.
    nav = pages[3].split('class="cx-letters"')[1].split("</nav>")[0]
    targets = re.findall(r'href="([^"]+)"[^>]*>([A-Z])</a>', nav)
    assert [letter for _, letter in targets] == sorted({pid[0].upper() for pid in ids})
    for href, letter in targets:
        path, _, anchor = urljoin("https://x/representatives/page/3/", href).partition("#")
        number = int(m.group(1)) if (m := re.search(r"page/(\d+)/$", path)) else 1
        assert path.endswith("/representatives/" if number == 1 else f"/representatives/page/{number}/")
        assert anchor == f"letter-{letter.lower()}"
        first_of_letter = min(pid for pid in ids if pid[0].upper() == letter)
        card = re.search(rf'<li [^>]*id="{anchor}"[^>]*>\s*<a href="[./]*profiles/([a-z0-9-]+)/"', pages[number])
        assert card and card.group(1) == first_of_letter, (letter, number)


def test_a_small_directory_is_one_page_without_an_index(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    site = build(root, tmp_path / "site")
    page = (site / "representatives/index.html").read_text(encoding="utf-8")
    assert _cards(page) == ["zhao-mingyuan"]
    assert 'class="cx-letters"' not in page and 'class="cx-pager"' not in page
    assert not (site / "representatives/page").exists()


def test_tracker_is_paged_and_lists_every_law_once(tmp_path):
    from congress_site.pages.laws import TRACKER_PER_PAGE

    root = minimal_site(tmp_path / "src", stories=1)
    ids = {"cunluo"}
    for i in range(TRACKER_PER_PAGE + 5):
        lid = f"law-{i:03d}"
        write(root / f"content/legislation/{lid}.yml", f"""
            id: {lid}
            title: 《示例市第{i}号条例》
            body: 示例市人大常委会
            origin: {{type: 常委会立项, proposers: []}}
            stages:
              - {{stage: 立项, date: 2024-01-10}}
        """)
        ids.add(lid)
    site = build(root, tmp_path / "site")
    first = (site / "legislation/index.html").read_text(encoding="utf-8")
    second = (site / "legislation/page/2/index.html").read_text(encoding="utf-8")
    assert not (site / "legislation/page/3").exists()
    listed = [re.findall(r'class="cx-tracker__title"><a href="[./]*(?:legislation/)?([a-z0-9-]+)/"', page)
              for page in (first, second)]
    assert len(listed[0]) == TRACKER_PER_PAGE
    assert sorted(listed[0] + listed[1]) == sorted(ids)
    assert 'href="page/2/"' in first and 'rel="prev"' in second

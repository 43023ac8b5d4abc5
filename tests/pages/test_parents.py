"""Every folder of the site's addresses answers with a page."""

from __future__ import annotations

import re
from pathlib import Path

from congress_site.pages.parents import parent_redirects
from congress_site.pages.routes import page_url


def _refresh(html: bytes) -> str:
    found = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html.decode("utf-8"))
    assert found, html
    return found.group(1)


def test_folders_forward_to_their_list_or_the_page_above():
    pages = {"": "首页", "representatives/": "人大代表", "profiles/zhang/": "张", "columns/a/": "栏目甲",
             "columns/a/page/2/": "栏目甲（第2页）", "archive/": "稿件归档", "stories/x/": "稿件",
             "meetings/m1/": "会议", "meetings/m1/doc/": "议程"}
    out = parent_redirects(pages)
    assert set(out) == {"profiles/index.html", "columns/index.html", "columns/a/page/index.html",
                        "stories/index.html", "meetings/index.html"}
    assert _refresh(out["profiles/index.html"]) == "../representatives/"
    assert _refresh(out["columns/index.html"]) == "../archive/#columns"
    assert _refresh(out["stories/index.html"]) == "../archive/"
    assert _refresh(out["columns/a/page/index.html"]) == "../"
    assert _refresh(out["meetings/index.html"]) == "../"   # nothing better: the home page
    assert "人大代表" in out["profiles/index.html"].decode("utf-8")


def test_pages_and_files_that_exist_are_left_alone():
    pages = {"": "首页", "guide/a/b/": "说明"}
    assert parent_redirects(pages, hand_pages=["guide/index.md"]).keys() == {"guide/a/index.html"}
    assert parent_redirects(pages, taken={"guide/a/index.html"}).keys() == {"guide/index.html"}
    assert page_url("guide/README.md") == "guide/" and page_url("about.md") == "about/"
    assert page_url("index.md") == "" and page_url("a/myindex.md") == "a/myindex/"


def test_no_folder_of_the_sample_site_is_a_dead_end(sample_site: Path):
    folders = {p.parent for p in sample_site.rglob("index.html")}
    dead = []
    for folder in folders:
        for up in folder.relative_to(sample_site).parents:
            if not (sample_site / up / "index.html").is_file():
                dead.append(up.as_posix())
    assert not dead, sorted(set(dead))
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    for stub in ("stories/index.html", "profiles/index.html", "columns/index.html"):
        html = (sample_site / stub).read_bytes()
        target = (sample_site / Path(stub).parent / _refresh(html).partition("#")[0] / "index.html").resolve()
        assert target.is_file(), stub
        assert b"noindex" in html and f"/{Path(stub).parent.as_posix()}/<" not in sitemap
    archive = (sample_site / "archive" / "index.html").read_text(encoding="utf-8")
    assert 'id="columns"' in archive and archive.count('href="../columns/') >= 2

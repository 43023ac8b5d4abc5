"""Real MkDocs builds of small sites: pages, links between them, drafts,
embargo and pagination."""

from __future__ import annotations

import re

import pytest

from sitekit import build, minimal_site, write_story


def html(site, url):
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"missing page {url}"
    return path.read_text(encoding="utf-8")


def test_every_page_type_is_built_and_linked(tmp_path):
    root = minimal_site(tmp_path / "src", stories=2)
    site = build(root, tmp_path / "site", strict=True)
    story = html(site, "stories/item-0")
    assert "第0篇稿件" in story
    assert 'href="../../profiles/zhao-mingyuan/"' in story          # representative card
    assert 'href="../../legislation/cunluo/"' in story         # cited law
    assert 'href="../../columns/jiceng/"' in story             # its column
    profile = html(site, "profiles/zhao-mingyuan")
    assert "第0篇稿件" in profile and "第1篇稿件" in profile      # computed back-references
    assert "《石岭市传统村落保护条例》" in profile                 # as proposer
    assert "<svg" in profile and "代表码" in profile
    law = html(site, "legislation/cunluo")
    assert "一审" in law and "审议中" in law
    station = html(site, "stations/shiyuan")
    assert "赵明远" in station
    assert "赵明远" in html(site, "stations/shiyuan/print")
    assert "赵明远" in html(site, "representatives")
    assert "《石岭市传统村落保护条例》" in html(site, "legislation")
    assert "第1篇稿件" in html(site, "")                         # home
    assert "第0篇稿件" in html(site, "tags/联络站")
    assert "第0篇稿件" in html(site, "archive/2025")
    html(site, "tags"), html(site, "archive"), html(site, "stations"), html(site, "search")
    # Records are data, never published as files.
    assert not (site / "columns.yml").exists() and not (site / "legislation/cunluo.yml").exists()


def test_story_front_matter_cannot_choose_a_template(tmp_path):
    root = minimal_site(tmp_path / "src", stories=0)
    write_story(root, "2025/07-05-x.md", body="---\n正文。\n")
    site = build(root, tmp_path / "site")
    assert 'class="cx-story"' in html(site, "stories/x")


def test_prev_next_stay_within_the_column(tmp_path):
    root = minimal_site(tmp_path / "src", stories=3)
    site = build(root, tmp_path / "site")
    middle = html(site, "stories/item-1")
    assert 'href="../item-2/"' in middle and 'href="../item-0/"' in middle
    newest = html(site, "stories/item-2")
    assert 'rel="prev"' not in newest.split('class="cx-prevnext"')[1]


@pytest.mark.parametrize("count,pages", [(0, 1), (1, 1), (20, 1), (21, 2)])
def test_column_pagination_edges(tmp_path, count, pages):
    root = minimal_site(tmp_path / "src", stories=count)
    site = build(root, tmp_path / "site")
    first = html(site, "columns/jiceng")
    items = len(re.findall('class="cx-story-item"', first))
    assert items == min(count, 20)
    if count == 0:
        assert "本栏目暂无稿件" in first
    second = site / "columns/jiceng/page/2/index.html"
    assert second.exists() == (pages == 2)
    if pages == 2:
        page2 = second.read_text(encoding="utf-8")
        assert len(re.findall('class="cx-story-item"', page2)) == 1
        assert 'rel="next"' in first and 'rel="prev"' in page2
    assert not (site / "columns/jiceng/page/3").exists()


def test_drafts_and_embargo_only_in_preview(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    write_story(root, "2025/08-01-draft.md", title="草稿稿件", draft="true")
    write_story(root, "2026/12-01-future.md", title="未来稿件", date="2026-12-01")
    site = build(root, tmp_path / "prod", today="2026-11-22")
    assert not (site / "stories/draft").exists()
    assert not (site / "stories/future").exists()
    assert "草稿稿件" not in html(site, "columns/jiceng")
    assert "未来稿件" not in html(site, "profiles/zhao-mingyuan")
    preview = build(root, tmp_path / "preview", today="2026-11-22", serve=True)
    assert "草稿：本页仅在预览中可见" in html(preview, "stories/draft").replace("</strong>", "")
    assert "未到发布日期" in html(preview, "stories/future")
    # The embargo lifts on its date.
    later = build(root, tmp_path / "later", today="2026-12-01")
    assert (later / "stories/future/index.html").exists()


def test_strict_build_fails_on_a_broken_record(tmp_path):
    from mkdocs.exceptions import Abort

    root = minimal_site(tmp_path / "src", stories=1)
    write_story(root, "2025/07-05-bad.md", representatives="[nobody]")
    with pytest.raises(Abort):
        build(root, tmp_path / "site", strict=True)


def test_non_strict_build_holds_the_broken_story_back(tmp_path, caplog):
    root = minimal_site(tmp_path / "src", stories=1)
    write_story(root, "2025/07-05-bad.md", representatives="[nobody]")
    site = build(root, tmp_path / "site")
    assert not (site / "stories/bad").exists()
    assert (site / "stories/item-0/index.html").exists()
    assert "unknown-profile" in caplog.text and "stories/2025/07-05-bad.md" in caplog.text


def test_record_text_is_escaped_in_attributes(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    (root / "profiles/zhao-mingyuan.yml").write_text(
        'id: zhao-mingyuan\nname: 赵明远\nlevels: [县（市、区）]\nstation: shiyuan\ngroups: [\'x" onmouseover="alert(1)\']\n',
        encoding="utf-8")
    site = build(root, tmp_path / "site")
    directory = html(site, "representatives")
    assert 'onmouseover="alert(1)' not in directory
    assert "x&#34; onmouseover=&#34;alert(1)" in directory

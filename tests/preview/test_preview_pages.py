"""Preview-only pages, built with the real MkDocs: a broken record shows an
error page at its URL, /editors/ lists drafts, embargoed stories and open
findings, and none of it reaches a production build."""

from __future__ import annotations

import json

from sitekit import build, minimal_site, write, write_story


def page(site, url):
    path = site / url / "index.html"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def broken_site(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    write_story(root, "2025/07-05-bad-column.md", title="栏目写错的稿件", column="jicegn")
    write(root / "stories/2025/07-06-bad-yaml.md", "---\ntitle: 冒号: 没有引号\ndate: 2025-07-06\n---\n正文。\n")
    write_story(root, "2025/07-07-a-draft.md", title="一篇草稿", draft="true")
    write_story(root, "2026/12-31-future.md", title="未来的稿件", date="2026-12-31")
    write(root / "profiles/bad-person.yml", "id: bad-person\nname: 某代表\nlevels: [村]\n")
    return root


def test_broken_records_show_an_error_page_at_their_url(tmp_path):
    site = build(broken_site(tmp_path), tmp_path / "site", serve=True)
    bad = page(site, "stories/bad-column")
    assert bad is not None and "这条记录有错误" in bad
    assert "stories/2025/07-05-bad-column.md" in bad
    assert "栏目“jicegn”不存在" in bad and "jiceng" in bad      # the message and the suggested fix
    assert "unknown-column" in bad and "第4行" in bad
    yaml_page = page(site, "stories/bad-yaml")
    assert "yaml-syntax" in yaml_page and "冒号" in yaml_page
    person = page(site, "profiles/bad-person")
    assert "bad-value" in person and "不在可选范围内" in person
    # The good story is still there, and drafts and embargoed stories show with a banner.
    assert "第0篇稿件" in page(site, "stories/item-0")
    assert "草稿" in page(site, "stories/a-draft") and "cx-banner" in page(site, "stories/a-draft")
    assert "未到发布日期" in page(site, "stories/future")


def test_editors_page_lists_drafts_embargoed_and_findings(tmp_path):
    site = build(broken_site(tmp_path), tmp_path / "site", serve=True)
    editors = page(site, "editors")
    assert editors is not None and "编辑工作台" in editors
    drafts, embargoed = editors.split('id="drafts"')[1].split('id="embargoed"')
    assert "一篇草稿" in drafts and "未来的稿件" not in drafts
    assert "未来的稿件" in embargoed
    assert "stories/2025/07-05-bad-column.md" in editors and "unknown-column" in editors
    assert "profiles/bad-person.yml" in editors
    assert 'href="../stories/bad-column/"' in editors         # links to the error page


def test_production_build_has_no_preview_pages(tmp_path):
    site = build(broken_site(tmp_path), tmp_path / "site")
    assert page(site, "editors") is None
    assert page(site, "stories/bad-column") is None
    assert page(site, "stories/a-draft") is None and page(site, "stories/future") is None
    assert "第0篇稿件" in page(site, "stories/item-0")


def test_record_schemas_are_published_with_the_site(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    site = build(root, tmp_path / "site", strict=True)
    for kind in ("story", "profile", "legislation", "station", "column", "columns", "plan"):
        data = json.loads((site / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert data["$id"] == f"https://example.gov.cn/schemas/{kind}.schema.json"
    assert "title" in json.loads((site / "schemas/story.schema.json").read_text(encoding="utf-8"))["properties"]

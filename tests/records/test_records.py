"""Records and their errors: one test per class of error, each checking the
code, the line and that the message is the Chinese one a correspondent reads."""

from __future__ import annotations

import datetime as dt

import pytest

from congress_site.model import Layout, load_repository
from sitekit import minimal_site, write, write_story

TODAY = dt.date(2026, 11, 22)


def load(root):
    return load_repository(Layout.default(root), TODAY)


def only(repo, code):
    found = [f for f in repo.findings if f.code == code]
    assert found, f"expected {code}, got {[(f.code, f.message) for f in repo.findings]}"
    return found[0]


def test_valid_site_has_no_findings(tmp_path):
    repo = load(minimal_site(tmp_path, stories=3))
    assert repo.findings == []
    assert len(repo.stories) == 3 and set(repo.profiles) == {"zhao-mingyuan"}


def test_unknown_field_suggests_the_nearest(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nname: 赵明远\nlevels: [县（市、区）]\nstatoin: shiyuan\n")
    f = only(load(tmp_path), "unknown-field")
    assert (f.path, f.line) == ("profiles/zhao-mingyuan.yml", 4)
    assert "statoin" in f.message and "station" in f.fix


def test_missing_required_field(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nlevels: [县（市、区）]\n")
    f = only(load(tmp_path), "missing-field")
    assert "name" in f.message and "姓名" in f.message


def test_wrong_type_names_the_field_and_line(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nname: 赵明远\nlevels: [县（市、区）]\nduty:\n  visits: 很多\n")
    f = only(load(tmp_path), "wrong-type")
    assert f.line == 5 and "visits" in f.message


def test_value_outside_vocabulary(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nname: 赵明远\nlevels: [街道]\n")
    f = only(load(tmp_path), "bad-value")
    assert "街道" in f.message and "乡镇" in f.fix


def test_id_must_match_file_name(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuann\nname: 赵明远\nlevels: [县（市、区）]\n")
    f = only(load(tmp_path), "id-mismatch")
    assert f.line == 1 and "zhao-mingyuan" in f.fix


def test_id_must_be_ascii_pinyin(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: 赵明远\nname: 赵明远\nlevels: [县（市、区）]\n")
    assert only(load(tmp_path), "bad-format").line == 1


def test_duplicate_story_url(tmp_path):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2024/01-01-same.md")
    write_story(tmp_path, "2025/02-02-same.md")
    repo = load(tmp_path)
    only(repo, "duplicate-url")
    assert len(repo.stories) == 1
    assert any(h.reason == "网址重复" for h in repo.held_back())


def test_yaml_syntax_error_has_line(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nname: 赵明远\nlevels: [区\n")
    f = only(load(tmp_path), "yaml-syntax")
    assert f.path == "profiles/zhao-mingyuan.yml" and f.line >= 3


def test_tab_indentation_is_explained(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nname: 赵明远\nlevels: [县（市、区）]\nduty:\n\tvisits: 3\n")
    f = only(load(tmp_path), "yaml-syntax")
    assert "Tab" in f.message


def test_date_that_does_not_exist(tmp_path):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/02-28-x.md", date="2025-02-30")
    f = only(load(tmp_path), "date")
    assert f.line == 3 and "不存在" in f.message


def test_stage_dates_must_not_go_backwards(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "content/legislation/cunluo.yml", """
        id: cunluo
        title: 《石岭市传统村落保护条例》
        body: 石岭市人大常委会
        stages:
          - {stage: 立项, date: 2024-05-10}
          - {stage: 一审, date: 2024-01-10}
    """)
    f = only(load(tmp_path), "stage-order")
    assert f.line == 6


def test_stage_order_follows_vocabulary(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "content/legislation/cunluo.yml", """
        id: cunluo
        title: 《石岭市传统村落保护条例》
        body: 石岭市人大常委会
        stages:
          - {stage: 二审, date: 2024-01-10}
          - {stage: 一审, date: 2024-05-10}
    """)
    only(load(tmp_path), "stage-order")


def test_comment_window_needs_both_dates(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "content/legislation/cunluo.yml", """
        id: cunluo
        title: 《石岭市传统村落保护条例》
        body: 石岭市人大常委会
        stages:
          - {stage: 征求意见, opens: 2024-01-10}
    """)
    only(load(tmp_path), "stage-window")


def test_law_title_needs_book_title_marks(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "content/legislation/cunluo.yml", """
        id: cunluo
        title: 石岭市传统村落保护条例
        body: 石岭市人大常委会
        stages: [{stage: 立项, date: 2024-01-10}]
    """)
    assert "《" in only(load(tmp_path), "bad-format").fix


def test_cover_without_alt_text(tmp_path):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/07-05-x.md", cover="images/a.jpg")
    assert only(load(tmp_path), "cover-alt-missing")


@pytest.mark.parametrize("field,value,code", [
    ("representatives", ["zhao-mingyuann"], "unknown-profile"),
    ("legislation", ["cunlou"], "unknown-legislation"),
    ("column", "jicheng", "unknown-column"),
])
def test_broken_reference_suggests_and_holds_back(tmp_path, field, value, code):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/07-05-x.md", **{field: value})
    repo = load(tmp_path)
    f = only(repo, code)
    assert f.path == "stories/2025/07-05-x.md" and f.line > 1
    assert "是否想写" in f.fix
    assert repo.stories == [] and [h.reason for h in repo.held_back()] == ["引用有错误"]


def test_unknown_station(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nname: 赵明远\nlevels: [县（市、区）]\nstation: shiyuam\n")
    f = only(load(tmp_path), "unknown-station")
    assert f.line == 4 and "shiyuan" in f.fix


def test_story_path_must_follow_the_pattern(tmp_path):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/xingqiao.md")
    assert "月-日-英文短名" in only(load(tmp_path), "story-path").fix


def test_story_without_front_matter(tmp_path):
    minimal_site(tmp_path, stories=0)
    write(tmp_path / "stories/2025/07-05-x.md", "只有正文。\n")
    only(load(tmp_path), "front-matter-missing")


def test_gbk_file_names_the_encoding(tmp_path):
    minimal_site(tmp_path)
    (tmp_path / "profiles/zhao-mingyuan.yml").write_bytes("id: zhao-mingyuan\nname: 赵明远\nlevels: [县（市、区）]\n".encode("gbk"))
    f = only(load(tmp_path), "encoding")
    assert "GBK" in f.message and "UTF-8" in f.fix


def test_bom_and_crlf_are_accepted(tmp_path):
    minimal_site(tmp_path)
    (tmp_path / "profiles/zhao-mingyuan.yml").write_bytes(
        b"\xef\xbb\xbf" + "id: zhao-mingyuan\r\nname: 赵明远\r\nlevels: [县（市、区）]\r\nstation: shiyuan\r\n".encode())
    assert load(tmp_path).findings == []


def test_yaml_aliases_are_refused(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nname: 赵明远\nlevels: &a [区]\ngroups: *a\n")
    only(load(tmp_path), "yaml-alias")


def test_duplicate_key(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "id: zhao-mingyuan\nname: 赵明远\nname: 赵斌\nlevels: [县（市、区）]\n")
    assert only(load(tmp_path), "duplicate-key").line == 3


def test_empty_file(tmp_path):
    minimal_site(tmp_path)
    write(tmp_path / "profiles/zhao-mingyuan.yml", "")
    only(load(tmp_path), "empty-file")


def test_current_stage_is_derived_from_dates():
    from congress_site.model.records import LegislationRecord

    record = LegislationRecord.model_validate({
        "id": "x", "title": "《示例条例》", "body": "常委会",
        "stages": [{"stage": "立项", "date": dt.date(2024, 1, 1)},
                   {"stage": "一审", "date": dt.date(2024, 6, 1)},
                   {"stage": "征求意见", "opens": dt.date(2024, 6, 10), "closes": dt.date(2024, 7, 10)},
                   {"stage": "二审", "date": dt.date(2024, 10, 1)}],
    })
    assert record.current(dt.date(2024, 5, 1)).stage == "立项"
    assert record.status(dt.date(2024, 6, 20)) == "征求意见"
    assert record.status(dt.date(2024, 8, 1)) == "审议中"
    assert record.current(dt.date(2025, 1, 1)).stage == "二审"


def test_html_in_a_text_field_is_refused(tmp_path):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/07-05-x.md", title='"<script>alert(1)</script>"')
    f = only(load(tmp_path), "html-in-field")
    assert f.line == 2 and "尖括号" in f.message


def test_tag_cannot_escape_its_folder(tmp_path):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/07-05-x.md", tags=["../etc"])
    only(load(tmp_path), "bad-format")


def test_broken_mkdocs_yml_is_a_finding_not_a_traceback(tmp_path, capsys, monkeypatch):
    from congress_site.cli import main

    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [congress\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "mkdocs.yml:3" in err and "yaml-syntax" in err and "Traceback" not in err

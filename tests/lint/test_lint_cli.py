"""Suppression, safe fixes, the library entry points and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from congress_site.cli import main
from congress_site.lint import LintConfig, fix_text, lint_file, lint_text


def test_disable_line(codes_of):
    assert codes_of("代表 们 <!-- congress-disable-line stray-space -->") == []
    assert codes_of("代表 们 <!-- congress-disable-line typo -->") == ["stray-space"]
    assert codes_of("代表 们 <!-- congress-disable-line -->") == []


def test_directive_reasons_are_not_codes(codes_of):
    assert codes_of("代表 们己经到了 <!-- congress-disable-line typo -- 引用原文 -->") == ["stray-space"]
    assert codes_of("<!-- congress-disable 以下是示例 -->\n代表 们己经到了") == []


def test_disable_next_line_and_block(codes_of):
    text = "<!-- congress-disable-next-line -->\n代表 们\n代表 们"
    assert codes_of(text) == ["stray-space"]
    text = "<!-- congress-disable stray-space -->\n代表 们\n代表 们\n<!-- congress-enable stray-space -->\n代表 们"
    assert len(codes_of(text)) == 1


def test_front_matter_options(codes_of):
    text = "---\ntitle: 测试\nlint: {disable: [stray-space]}\n---\n代表 们，己经到了。\n"
    assert codes_of(text) == ["typo"]
    text = "---\ntitle: 测试\nlint:\n  disable: all\n---\n代表 们，己经到了。\n"
    assert codes_of(text) == []


def test_yaml_comment_suppression(codes_of):
    assert codes_of("name: 代表 们  # congress-disable-line stray-space\n", kind="yaml") == []


def test_story_model_accepts_lint_options():
    from congress_site.model.records import Story

    story = Story(title="测试", date="2025-01-01", column="x", authors=["a"],
                  lint={"disable": ["dash-yi"]})
    assert story.lint == {"disable": ["dash-yi"]}


def test_fix_applies_safe_fixes_only(config):
    text = ('---\ntitle: 星桥街的"堵点"通了\n---\n'
            '代表们 深入基层,了解情况...星桥街的变迁--记张晓岚代表。会议于２０２５年召开。'
            '代表們己经到了。\n\n```\n代码 不改,\n```\n')
    out = fix_text(text, config)
    assert out == ('---\ntitle: 星桥街的“堵点”通了\n---\n'
                   '代表们深入基层，了解情况……星桥街的变迁——记张晓岚代表。会议于2025年召开。'
                   '代表们己经到了。\n\n```\n代码 不改,\n```\n')
    # typos need a human: still reported after fixing
    assert [f.code for f in lint_text(out, "x.md", config)] == ["typo"]
    assert fix_text(out, config) == out


def test_fix_yaml_keeps_keys(config):
    assert fix_text("标题 名: 代表 们,好\n", config, kind="yaml") == "标题 名: 代表们，好\n"


def test_builtin_defaults_without_style_dir():
    cfg = LintConfig.load(None)
    assert cfg.cjk_latin_space == "none"
    codes = [f.code for f in lint_text("代表们深人基层，发展全过程民主。", "x.md", cfg)]
    assert codes == ["typo", "official-term"]


def test_packaged_lists_are_in_content_style():
    """content/style/ is what editors extend; the packaged copy is only the
    fallback and must not drift from it."""
    from congress_site.lint.config import _builtin

    root = Path(__file__).resolve().parents[2] / "content" / "style"
    for name in ("confusions.txt", "terms.txt"):
        ours = set((root / name).read_text(encoding="utf-8").splitlines())
        builtin = set(_builtin(name).read_text(encoding="utf-8").splitlines())
        assert builtin <= ours, name


def test_style_list_entries_and_options(tmp_path):
    (tmp_path / "confusions.txt").write_text(
        "# 注释\n错字甲 → 正字甲 | 例外：错字甲乙 | 级别：警告\n看不懂的一行\n", encoding="utf-8")
    (tmp_path / "public-phones.txt").write_text("138-1234-5678\n", encoding="utf-8")
    (tmp_path / "house.yml").write_text("cjk_latin_space: space\ndisable: [dash-yi]\nseverity: {typo: info}\n",
                                        encoding="utf-8")
    cfg = LintConfig.load(tmp_path)
    assert [p.code for p in cfg.problems] == ["style-list"]
    assert cfg.cjk_latin_space == "space" and "dash-yi" in cfg.disabled
    fs = lint_text("这是错字甲的例子，不是错字甲乙。电话：13812345678。", "x.md", cfg)
    assert [(f.code, str(f.severity)) for f in fs] == [("typo", "info")]


def test_lint_file_reports_bad_encoding(tmp_path, config):
    p = tmp_path / "gbk.md"
    p.write_bytes("代表们深入基层".encode("gbk"))
    [f] = lint_file(p, "gbk.md", config)
    assert f.code == "encoding"


@pytest.fixture
def story(tmp_path) -> Path:
    p = tmp_path / "story.md"
    p.write_text("---\ntitle: 测试\n---\n代表们 深入基层,了解情况。\n", encoding="utf-8")
    return p


def test_cli_json_and_exit_code(story, capsys):
    rc = main(["lint", "--format", "json", str(story)])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert [d["code"] for d in data] == ["stray-space", "halfwidth-punct"]
    assert list(data[0]) == ["path", "line", "column", "end_line", "end_column", "code", "severity",
                             "message", "fix"]
    assert (data[0]["line"], data[0]["column"], data[0]["end_column"]) == (4, 4, 5)


def test_cli_github_and_text(story, capsys):
    main(["lint", "--format", "github", str(story)])
    out = capsys.readouterr().out
    assert out.startswith("::error file=") and "title=stray-space" in out
    main(["lint", str(story)])
    captured = capsys.readouterr()
    assert ":4:4: 错误 [stray-space]" in captured.out and "1 个文件" in captured.err


def test_cli_clean_file_exits_zero(tmp_path, capsys):
    p = tmp_path / "ok.md"
    p.write_text("代表们深入基层，了解情况。\n", encoding="utf-8")
    assert main(["lint", str(p)]) == 0
    assert main(["lint", str(tmp_path / "missing.md")]) == 1


def test_cli_fix_in_place(story, capsys):
    assert main(["fix", str(story)]) == 0
    assert story.read_text(encoding="utf-8") == "---\ntitle: 测试\n---\n代表们深入基层，了解情况。\n"
    assert main(["lint", str(story)]) == 0


def test_cli_expands_quoted_patterns(tmp_path, monkeypatch, capsys):
    (tmp_path / "stories" / "2025").mkdir(parents=True)
    (tmp_path / "stories" / "2025" / "a.md").write_text("代表 们\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "--format", "json", "stories/**/*.md"]) == 1
    assert json.loads(capsys.readouterr().out)[0]["path"] == "stories/2025/a.md"


def test_parallel_lint_matches_sequential(tmp_path, config):
    from congress_site.cli.lint import PARALLEL_FROM, lint_many

    paths = []
    for i in range(PARALLEL_FROM):
        p = tmp_path / f"s{i:03d}.md"
        p.write_text("代表 们己经到了。\n" if i % 7 == 0 else "代表们已经到了。\n", encoding="utf-8")
        paths.append(p)
    sequential = lint_many(paths, config, jobs=1)
    parallel = lint_many(paths, config, jobs=2)
    assert sorted(sequential) == sorted(parallel)
    assert len(sequential) == 2 * len(range(0, PARALLEL_FROM, 7))

"""What is prose and what is not, and positions in the original file."""

from __future__ import annotations

from pathlib import Path

from congress_site.lint import lint_text

STORY = """---
title: 星桥街的"堵点"通了
tags: [交通治理, 代表服务岗]
cover_alt: 代表走访 居民，听取意见
---
# 标题

正文里的 `code, 空 格` 不查，网址 https://example.com/a,b?x=1 也不查。

```
代码块 里 的 "引号" 不查,
```

    缩进 代码块,不查

[链接文字](https://example.com/路径,不查 "标题,不查")和<span title="属性, 不查">标签</span>。

| 表 头 | 说明 |
|---|---|
| 单元格 | 内容 |
"""


def test_positions_point_into_the_original_file(config):
    findings = lint_text(STORY, "s.md", config)
    by_code = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    lines = STORY.split("\n")
    # the ASCII quotes in the title (line 2)
    q = by_code["ascii-quote"]
    assert [(f.line, f.column) for f in q] == [(2, 12), (2, 15)]
    assert lines[1][11] == '"' and lines[1][14] == '"'
    # the space in cover_alt (line 4) and in the table header (line 20)
    spaces = sorted((f.line, f.column) for f in by_code["stray-space"])
    assert spaces == [(4, 16), (18, 4)]
    for line, col in spaces:
        assert lines[line - 1][col - 1] == " "
    assert all(f.end_line == f.line and f.end_column == f.column + 1 for f in by_code["stray-space"])


def test_code_urls_links_attributes_and_keys_are_never_flagged(config):
    findings = lint_text(STORY, "s.md", config)
    flagged_lines = {f.line for f in findings}
    assert flagged_lines == {2, 4, 18}


def test_columns_count_characters_not_bytes(config):
    [f] = [f for f in lint_text("代表们𠀀你好 世界", "s.md", config) if f.code == "stray-space"]
    assert f.column == 7  # 𠀀 is one character (four bytes in UTF-8)


def test_yaml_checks_values_never_keys(config, codes_of):
    text = "title: 代表 之家\n代表 之家: 正常的值\nitems:\n  - 第一 项\n  - {name: 第二 项}\n"
    findings = lint_text(text, "r.yml", config, kind="yaml")
    assert sorted((f.line, f.column) for f in findings) == [(1, 10), (4, 7), (5, 14)]


def test_yaml_block_scalars_map_back(config):
    text = "summary: |\n  第一行文字\n  第二行 文字\nnote: >\n  折叠 文字\n"
    findings = lint_text(text, "r.yml", config, kind="yaml")
    assert sorted((f.line, f.column) for f in findings) == [(3, 6), (5, 5)]


def test_broken_yaml_is_a_finding_not_a_traceback(config):
    findings = lint_text("title: [未闭合\n", "r.yml", config, kind="yaml")
    assert [f.code for f in findings] == ["yaml-syntax"]


def test_line_offset_shifts_lines(config):
    [f] = lint_text("代表 们", "s.md", config, line_offset=10)
    assert (f.line, f.column) == (11, 3)


def test_markup_inside_a_word_still_checked(config, codes_of):
    # emphasis markers are dropped: the typo spans them
    assert "typo" in codes_of("代表们**深人**基层")
    assert "typo" in codes_of("代表们深**人基**层")


def test_fix_is_not_offered_across_markup(config):
    from congress_site.lint import fix_text

    out = fix_text("代表们 **深入** 基层", config)
    assert out == "代表们**深入**基层"


def test_crlf_and_html_comment(config, codes_of):
    assert codes_of("代表们\r\n深入基层。\r\n") == []
    assert codes_of("<!-- 注释 里 的,空格 -->\n代表们深入基层。") == []


def test_footnotes_admonitions_and_tabs(codes_of):
    text = ("正文引用[^1]。\n\n[^1]: 出自《人民代表报》。\n    续行说明。\n\n"
            '!!! note "提示"\n    这是提示内容。\n\n=== "第一页"\n    内容。\n')
    assert codes_of(text) == []
    assert codes_of('!!! note "提 示"\n    这是 提示。\n') == ["stray-space", "stray-space"]


# Each pattern's alternatives, with a tail that lets one of them match
# right after a first character: `_matches` skips every position whose
# character is not in the pattern's lead class, so no match may begin
# with any other character.
_TAILS = ("`x`", "!--x-->", "http://a.b>", "a>", "/a>", "[", "(x)", "[x]", "^x]", ":#x}", "#x}",
          "ttp://a.b", "tp://a.b", "ww.a.b", "@a.cn", "a@b.cn", "amp;", "#9;", "*", "~", "=", "^",
          "a-b:", "", "x")


def test_no_inline_markup_begins_outside_the_lead_class():
    from congress_site.lint import markdown as md

    for pattern, lead in ((md._INLINE, md._INLINE_LEAD), (md._PLAIN, md._PLAIN_LEAD)):
        begins = {c for c in map(chr, range(0x10000)) if not 0xD800 <= ord(c) < 0xE000
                  for tail in _TAILS if pattern.match(c + tail)}
        assert begins, "the tails no longer make any alternative match"
        assert {c for c in begins if not lead.fullmatch(c)} == set()


def test_without_link_marks_no_markup_begins_outside_the_markup_class():
    """Where a line has no @, :// or www., _inline scans for the markup
    class alone: no match may then begin with any other character."""
    from congress_site.lint import markdown as md

    begins = set()
    for c in map(chr, range(0x10000)):
        if 0xD800 <= ord(c) < 0xE000:
            continue
        for tail in _TAILS:
            text = c + tail
            if not any(mark in text for mark in md._LINK_MARKS) and md._INLINE.match(text):
                begins.add(c)
            if not any(mark in text for mark in md._LINK_MARKS):
                assert md._PLAIN.match(text) is None
    assert begins
    assert {c for c in begins if not md._MARKUP_LEAD.fullmatch(c)} == set()


def test_skipping_to_the_lead_class_finds_what_finditer_finds(monkeypatch):
    from congress_site.lint import markdown as md

    texts = [p.read_text(encoding="utf-8") for p in (Path(__file__).parent / "corpus").rglob("*")
             if p.is_file() and p.suffix in (".md", ".yml", ".txt")]
    texts.append("见`代码`和<!-- 注 -->、<https://a.cn>、<b>粗</b>、![图](a.png \"t\")、[链接][r]、[^1]、"
                 "{: .x}、www.npc.gov.cn、a@b.cn、&amp;、\\*、**强调**、==标记==、:material-x:、[开")
    texts.append("2025年见 https://npc.gov.cn/x 页面\n或 ftp://a.cn/b，另见 www.a.cn\n写信 a.b@c.cn 给 2 位代表\n")
    assert len(texts) > 20
    for text in texts:
        for pattern, lead in ((md._INLINE, md._INLINE_LEAD), (md._PLAIN, md._PLAIN_LEAD)):
            for start, end in ((0, len(text)), (len(text) // 3, len(text) // 2)):
                expected = [(m.span(), m.lastgroup) for m in pattern.finditer(text, start, end)]
                assert [(m.span(), m.lastgroup) for m in md._matches(pattern, lead, text, start, end)] == expected
    # and _inline, which picks the class line by line, makes the prose
    # that trying every position (finditer) makes
    fast = [_inline_prose(md, text, plain) for text in texts for plain in (False, True)]
    monkeypatch.setattr(md, "_LINK_MARKS", ("",))  # every line may hold a link
    monkeypatch.setattr(md, "_matches", lambda pattern, lead, text, start, end: pattern.finditer(text, start, end))
    assert [_inline_prose(md, text, plain) for text in texts for plain in (False, True)] == fast


def _inline_prose(md, text: str, plain: bool) -> tuple:
    b = md._Builder(text)
    start = 0
    for line in text.splitlines(keepends=True):
        md._inline(b, start, start + len(line), plain=plain)
        start += len(line)
    prose = b.finish()
    return prose.text, prose.starts, prose.origins, prose.tags, prose.links

"""The chapter and article parser of law texts (model/lawtext.py): Chinese
numerals, the numbering checks, and the anchors a published page gets."""

from __future__ import annotations

import pytest

from congress_site.model.lawtext import (
    anchor_html,
    cn_number,
    cn_numeral,
    law_markdown,
    parse_law_text,
)


@pytest.mark.parametrize("text, value", [
    ("一", 1), ("十", 10), ("十一", 11), ("十九", 19), ("二十", 20), ("二十一", 21), ("九十九", 99),
    ("一百", 100), ("一百零一", 101), ("一百零九", 109), ("一百一十", 110), ("一百一十二", 112),
    ("一百九十九", 199), ("二百", 200), ("一千零一", 1001), ("两千", 2000), ("12", 12), ("１２", 12),
])
def test_chinese_numerals(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize("text", ["一二", "十十", "百百", "零", "一零", "甲", ""])
def test_no_numeral(text):
    assert cn_number(text) is None


def test_standard_form_round_trips_beyond_one_hundred_ninety_nine():
    assert [cn_numeral(n) for n in (1, 10, 11, 20, 100, 101, 110, 111, 199, 1010)] == [
        "一", "十", "十一", "二十", "一百", "一百零一", "一百一十", "一百一十一", "一百九十九", "一千零一十"]
    assert all(cn_number(cn_numeral(n)) == n for n in range(1, 2000))


def law(*articles_per_chapter: int, start: int = 1) -> str:
    lines, n = [], start
    for c, count in enumerate(articles_per_chapter, start=1):
        lines += [f"第{cn_numeral(c)}章　第{c}章标题", ""]
        for _ in range(count):
            lines += [f"第{cn_numeral(n)}条　第{n}条的内容。", "（一）第一项；", "（二）第二项。", ""]
            n += 1
    return "\n".join(lines)


def test_articles_run_on_across_chapters():
    text = parse_law_text(law(3, 4, 2))
    assert text.problems == []
    assert [c.number for c in text.chapters] == [1, 2, 3]
    assert [a.number for a in text.articles] == list(range(1, 10))
    assert [(c.first, c.last) for c in text.chapters] == [(1, 3), (4, 7), (8, 9)]
    assert text.chapters[1].span == "第四条至第七条" and text.chapters[1].title == "第2章标题"
    assert text.article(12) is None and text.article(5).chapter == 2
    # Lines are those of the source: 第五条 is on line 2 + 3*4 + 2 + 4 + 1.
    assert text.article(5).line == law(3, 4, 2).split("\n").index("第五条　第5条的内容。") + 1


def test_two_hundred_articles():
    text = parse_law_text(law(50, 60, 89, 1))
    assert text.problems == []
    assert text.articles[-1].number == 200 and text.articles[-1].label == "第二百条"
    assert text.article(199).label == "第一百九十九条"


def test_duplicate_article_is_a_finding_at_its_line():
    text = "第一章　总则\n第一条　甲。\n第二条　乙。\n第二章　附则\n第二条　丙。\n"
    [p] = parse_law_text(text).problems
    assert (p.line, p.column, p.code) == (5, 1, "article-duplicate")
    assert "第二条重复" in p.message and "第3行" in p.message and "第三条" in p.fix


def test_gap_and_order():
    gap = parse_law_text("第一条　甲。\n第二条　乙。\n第五条　丙。\n第六条　丁。\n").problems
    assert [(p.line, p.code) for p in gap] == [(3, "article-gap")]
    assert "第二条之后应为第三条，这里是第五条" in gap[0].message
    back = parse_law_text("第一条　甲。\n第三条　乙。\n第二条　丙。\n").problems
    assert [(p.line, p.code) for p in back] == [(2, "article-gap"), (3, "article-order")]
    late = parse_law_text("第二条　甲。\n").problems
    assert [(p.line, p.code) for p in late] == [(1, "article-gap")]


def test_chapters_and_sections_are_numbered_too():
    text = ("第一章　总则\n第一条　甲。\n第三章　附则\n第二条　乙。\n"
            "第四章　罚则\n第一节　一般规定\n第三条　丙。\n第三节　特别规定\n第四条　丁。\n")
    found = [(p.line, p.code) for p in parse_law_text(text).problems]
    assert found == [(3, "chapter-gap"), (8, "section-gap")]
    assert [(p.line, p.code) for p in parse_law_text("第一节　无章\n第一条　甲。\n").problems] == [(1, "section-outside")]


def test_non_standard_numerals_are_named_with_the_right_form():
    problems = parse_law_text("第一条　甲。\n第二条　乙。\n" + "".join(
        f"第{cn_numeral(n)}条　内容。\n" for n in range(3, 12)) + "第一十二条　丙。\n").problems
    [p] = problems
    assert (p.line, p.code) == (12, "article-numeral") and "第十二条" in p.fix
    [bad] = parse_law_text("第一二条　乙。\n").problems
    assert bad.code == "article-numeral"


def test_headings_in_markdown_marks_and_code_blocks():
    text = "## 第一章　总则\n\n**第一条**　甲。\n\n```\n第一条　代码里的不算。\n```\n\n第二条　乙。\n"
    parsed = parse_law_text(text)
    assert parsed.problems == [] and [a.number for a in parsed.articles] == [1, 2]
    assert parsed.chapters[0].title == "总则" and parsed.articles[0].line == 3


def test_a_paragraph_that_mentions_an_article_is_no_heading():
    parsed = parse_law_text("第一条　甲。\n依照第一条的规定办理。\n第二条　乙。\n")
    assert parsed.problems == [] and len(parsed.articles) == 2


def test_page_markdown_keeps_every_line_a_paragraph():
    md = law_markdown("## 第一章　总则\n**第一节**　通则\n第一条　甲：\n（一）一项；\n（二）二项。\n"
                      "| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert md.startswith("第一章　总则\n\n第一节　通则\n\n第一条　甲：\n\n（一）一项；\n\n（二）二项。\n\n"
                         "| a | b |\n|---|---|\n| 1 | 2 |")


def test_anchors_follow_the_numbers():
    html = ('<p>第一章　总则</p>\n<p>第一条　为了……</p>\n<p>（一）项</p>\n'
            '<p>第一节　一般规定</p>\n<p><strong>第二条</strong>　……</p>\n<p>第二章　附则</p>\n'
            '<p>第一百九十九条　……</p>\n<p>依照第一条办理。</p>')
    out = anchor_html(html)
    assert '<h2 id="chapter-1" class="cx-law-chapter">第一章　总则</h2>' in out
    assert '<p id="article-1" class="cx-article"><strong class="cx-article__num">第一条</strong>　为了' in out
    assert '<h3 id="chapter-1-section-1" class="cx-law-section">第一节　一般规定</h3>' in out
    assert '<p id="article-2" class="cx-article"><strong class="cx-article__num">第二条</strong>　……' in out
    assert '<h2 id="chapter-2" class="cx-law-chapter">第二章　附则</h2>' in out and 'id="article-199"' in out
    assert "<p>依照第一条办理。</p>" in out and out.count('id="article-1"') == 1

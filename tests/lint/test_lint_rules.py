"""Every rule in both directions: it flags the error and leaves correct copy
alone. Each case is (text, code); the `ok` cases must produce no finding of
that code."""

from __future__ import annotations

import pytest

FLAGS = [
    # whitespace
    ("代表们在会上  深入讨论了报告。", "stray-space"),
    ("代表们 深入基层了解情况。", "stray-space"),
    ("会议由 主任主持。", "stray-space"),
    ("他说， 这件事要办好。", "stray-space"),
    ("这是 “堵点”。", "stray-space"),
    ("　　代表们深入基层。", "stray-space"),
    ("代表\u200b们深入基层。", "invisible-char"),
    ("今年 7 月召开会议。", "cjk-latin-space"),
    ("使用 App 反映问题。", "cjk-latin-space"),
    # punctuation
    ("会议结束后,代表们深入基层。", "halfwidth-punct"),
    ("时间:每月10日。", "halfwidth-punct"),
    ("一是加强学习;二是深入调研。", "halfwidth-punct"),
    ("这件事办好了吗?", "halfwidth-punct"),
    ("太好了!群众都很满意。", "halfwidth-punct"),
    ("条例(草案)已经公布。", "halfwidth-punct"),
    ("代表们深入基层.", "halfwidth-punct"),
    ("问题很多...代表们一一记下。", "ellipsis"),
    ("问题很多。。。代表们一一记下。", "ellipsis"),
    ("问题很多…代表们一一记下。", "ellipsis"),
    ("代表们，，深入基层。", "repeated-punct"),
    ("代表们深入基层。。", "repeated-punct"),
    ("代表们，。深入基层", "repeated-punct"),
    # quotes and pairs
    ('他说:"这是好事。"', "ascii-quote"),
    ("所谓'小事'不小。", "ascii-quote"),
    ("这就是「代表之家」。", "corner-quote"),
    ("他说：“这是好事。", "unbalanced-pair"),
    ("学习《宪法》和《立法法。", "unbalanced-pair"),
    ("这是”好事”。", "unbalanced-pair"),
    ("（一）加强学习）", "unbalanced-pair"),
    # dashes
    ("星桥街的变迁--记张晓岚代表", "dash"),
    ("星桥街的变迁-记张晓岚代表", "dash"),
    ("改革的目标──让群众满意", "dash"),
    ("改革的目标———让群众满意", "dash"),
    ("“堵点”通了一一记张晓岚代表", "dash-yi"),
    ("一一记社区代表张晓岚", "dash-yi"),
    ("建立“收集一交办一督办一反馈”闭环机制。", "dash-yi"),
    ("推行受理一分类一办理一答复一回访五步工作法。", "dash-yi"),
    ("实行“受理一办结”两步走。", "dash-yi"),
    # repeats
    ("这是我们的的工作。", "repeated-word"),
    ("代表们们深入基层。", "repeated-word"),
    ("我们我们要深入基层。", "repeated-word"),
    ("代表深入基层深入基层了解民情。", "repeated-word"),
    ("社区食堂为老人提供就餐、\n就餐等服务。", "repeated-word"),
    ("为老人提供就餐、就餐等服务。", "repeated-word"),
    ("会议表决\n表决通过了人事任免事项。", "repeated-word"),
    ("代表们深入基层了解民情，倾听群众呼声。代表们深入基层了解民情，倾听群众呼声。", "repeated-sentence"),
    # characters
    ("代表們深入基層了解情況。", "traditional-char"),
    ("会议于２０２５年召开。", "fullwidth-alnum"),
    ("代表⼈数为十名。", "lookalike-char"),
    ("这个字\u4dae很少见。", "rare-char"),
    # lists
    ("代表们深人基层。", "typo"),
    ("代表们己经到了。", "typo"),
    ("截止目前，已办结十件。", "typo"),
    ("他们进人会场。", "typo"),
    ("规范性文件己全部完成审查。", "similar-char"),
    ("这些顾虑早己被抛到脑后。", "similar-char"),
    ("从侯选项目中选出十件。", "similar-char"),
    ("会议聚隹民生实事项目推进情况。", "similar-char"),
    ("全具共有各级人大代表二千余名。", "similar-char"),
    ("省季主要负责同志出席会议。", "similar-char"),
    ("代表们围绕城乡融合发展提出建意四十余条。", "homophone"),
    ("要进一步加强监读，推动审议意见落实。", "homophone"),
    ("代表们对办理结过表示满意。", "homophone"),  # 结 and 过 are words; the context says 结果
    ("人大常委会依法行驶职权。", "homophone"),  # both are words; 行驶职权 is not said
    ("各级党组织要菠宝仝面从严治党主体责任。", "garbled"),
    ("发展全过程民主。", "official-term"),
    ("坚持人民当家做主。", "official-term"),
    ("监督一府两院工作。", "official-term"),
    # personal data
    ("身份证号11010519491231002X。", "personal-id"),
    ("联系电话13812345678。", "personal-phone"),
    ("联系电话138-1234-5678。", "personal-phone"),
    # HTML
    ("正文<script>alert(1)</script>", "unsafe-html"),
    ('<iframe src="https://example.com"></iframe>', "unsafe-html"),
    ('<img src="a.png" onerror="alert(1)">', "unsafe-html"),
    ("[点这里](javascript:alert(1))", "unsafe-html"),
    ('<a href="javascript:void(0)">链接</a>', "unsafe-html"),
    # law texts and citations of them
    ("依照本条例第12条的规定办理。", "article-number"),
    ("第一条 为了规范居家养老服务，制定本条例。", "article-space"),
    ("第一条\t为了规范居家养老服务，制定本条例。", "article-space"),
    ("根据中华人民共和国立法法的规定。", "law-title"),
    ("违反示例市城市绿化条例第十二条规定的。", "law-title"),
]

OK = [
    ("代表们深入基层了解情况。", "stray-space"),
    ("# 问需于民  问计于民", "stray-space"),
    ("年底，常委会会听取专项工作报告。", "repeated-word"),
    ("市人大代表汪德明说，他们每月巡河一次。", "homophone"),
    ("代表傅长林种菜。傅长林当代表以来关注菜价。如今，傅长林的合作社办起来了。", "homophone"),
    ("He said hello world.", "stray-space"),
    ("代表们\n深入基层。", "stray-space"),
    ("今年7月召开会议，使用App反映问题。", "cjk-latin-space"),
    ("共有1,600人参加，比分2:1，时间9:00，增长3.5%。", "halfwidth-punct"),
    ("参见 GB/T 15834-2011 (Punctuation), OK?", "halfwidth-punct"),
    ("问题很多……代表们一一记下。", "ellipsis"),
    ("真的吗？！", "repeated-punct"),
    ("他说：“这是‘小事’，也是大事。”", "ascii-quote"),
    ("It's a \"quoted\" English sentence.", "ascii-quote"),
    ("他说：“这是‘小事’，也是大事。”", "unbalanced-pair"),
    ("学习《中华人民共和国宪法》和〈立法法〉。", "unbalanced-pair"),
    ("1）加强学习；2）深入调研。", "unbalanced-pair"),
    ("“第一段引文。\n\n“第二段引文。”", "unbalanced-pair"),
    ("改革的目标——让群众满意。", "dash"),
    ("2025—2026年度，7—8月，北京—上海。", "dash"),
    ("一是加强学习，一盘棋，统一思想，一老一小，一村一品。", "dash-yi"),
    ("这一阶段，唯一的办法，第一次，之一，看一看，一到冬天就冷。", "dash-yi"),
    ("代表们把问题一一记录，一一落实。", "dash-yi"),
    ("人人参与，天天坚持，认认真真，的的确确，件件有着落，家家户户。", "repeated-word"),
    ("工作作风，人民民主，达到目的的手段，研究研究。", "repeated-word"),
    ("一步一步，一点一点地推进。", "repeated-word"),
    ("---\nsummary: 代表们深入基层了解民情，倾听群众呼声。\n---\n代表们深入基层了解民情，倾听群众呼声。", "repeated-sentence"),
    ("代表们深入基层了解民情。", "traditional-char"),
    ("乾隆年间，著名的瞭望塔。", "traditional-char"),
    ("会议于2025年召开。", "fullwidth-alnum"),
    ("代表人数为十名。", "lookalike-char"),
    ("引进人才，自己经常，资深人士，夜深人静。", "typo"),
    ("截至目前，已经办结。", "typo"),
    ("自己的事自己办，早已办结，候选项目，知己知彼。", "similar-char"),
    ("没人知道，有人说，进站入点，八点开会。", "similar-char"),
    ("有件必备、有备必审、有错必纠。办什么事由代表说了算，不知道找谁。", "similar-char"),
    ("遇到涉法涉诉问题的，引导群众依法解决；帮助农民卖果增收。", "homophone"),
    ("公交车在新修的道路上行驶，常委会依法行使职权，办理结果向代表反馈。", "homophone"),
    ("代表们深入基层，了解群众的意见和建议，推动问题解决。", "garbled"),
    ("代表履职从“一对一帮忙”延伸开来，一心一意，统一规划一体推进，进一步统一认识。", "dash-yi"),
    ("代表们走访了社区、\n社区卫生服务中心，研究、讨论、决定。", "repeated-word"),
    ("发展全过程人民民主，监督一府一委两院。", "official-term"),
    ("身份证号110105194912310021，编号11010519491231002X1。", "personal-id"),
    ("身份证号110105********002X。", "personal-id"),
    ("办公电话0354-3012345，热线12345。", "personal-phone"),
    ("订单号213812345678901。", "personal-phone"),
    ('<span class="note">说明</span>', "unsafe-html"),
    ("[网站](https://www.npc.gov.cn/)", "unsafe-html"),
    # law texts and citations of them
    ("依照本条例第十二条的规定办理。", "article-number"),
    ("第一条\u3000为了规范居家养老服务，制定本条例。", "article-space"),
    ("第一条\u3000为了规范居家养老服务，制定本条例。", "stray-space"),
    ("第一章\u3000总则", "stray-space"),
    ("根据《中华人民共和国立法法》的规定。", "law-title"),
    ("违反本条例规定的，依照有关法律处理。", "law-title"),
    ("本条例适用于本市行政区域内的居家养老服务。", "law-title"),
    ("根据宪法和法律，结合本市实际。", "law-title"),
]


@pytest.mark.parametrize("text,code", FLAGS)
def test_flags(codes_of, text, code):
    assert code in codes_of(text)


@pytest.mark.parametrize("text,code", OK)
def test_leaves_correct_copy(codes_of, text, code):
    assert code not in codes_of(text)


def test_every_code_is_tested():
    from congress_site.lint import CODES

    tested = {c for _t, c in FLAGS} | {c for _t, c in OK}
    untested = set(CODES) - tested - {"unsegmentable", "yaml-syntax", "encoding"}
    assert not untested


def test_space_house_switch(config):
    from dataclasses import replace

    from congress_site.lint import lint_text

    spaced = replace(config, cjk_latin_space="space")
    codes = [f.code for f in lint_text("今年7月使用App。", "t.md", spaced)]
    assert codes.count("cjk-latin-space") == 3  # 年|7 7|月 用|App
    assert not [f for f in lint_text("今年 7 月使用 App。", "t.md", spaced) if f.code == "cjk-latin-space"]
    off = replace(config, cjk_latin_space="off")
    assert not lint_text("今年 7 月", "t.md", off)


def test_unsegmentable_flags_garbage_not_prose(codes_of):
    assert "unsegmentable" in codes_of("代表们在会上说毳氄氅氆氇的问题。")
    assert "unsegmentable" not in codes_of("代表们深入基层，了解群众的意见和建议。")


def test_unsegmentable_run_of_exactly_three(config):
    """Three lone characters that are the whole run leave only two pairs
    that never join: the rule's short-cut must still look at them."""
    from congress_site.lint import lint_text

    spans = [(f.column, f.end_column) for f in lint_text("他说：毳氄氅。", "t.md", config) if f.code == "unsegmentable"]
    assert spans == [(4, 7)]


def test_resident_id_check_digit():
    from congress_site.lint.rules.privacy import id_check_digit, valid_resident_id

    assert id_check_digit("11010519491231002") == "X"
    assert valid_resident_id("11010519491231002X")
    assert not valid_resident_id("110105194912310021")
    assert not valid_resident_id("11010519491331002X")  # month 13


def test_repeats_across_breaks_are_found_as_trying_every_position_finds_them():
    """The repeat rule tries its line-break and comma patterns only near a
    break or a comma between Han characters; it must find what finditer
    finds, on the corpus, on the edge cases (one character, twelve, spaces
    around the break) and on random text dense in repeats."""
    import random
    from pathlib import Path

    from congress_site.lint.markdown import document_prose
    from congress_site.lint.rules import repeats

    def everywhere(text: str) -> list[tuple[int, int]]:
        across = [m.end() - len(m.group(1)) for m in repeats._ACROSS_LINE.finditer(text)]
        listed = [m.end() - len(m.group(1) or m.group(2)) for m in repeats._LISTED_TWICE.finditer(text)]
        ends = [m.end() for m in repeats._ACROSS_LINE.finditer(text)] + \
               [m.end() for m in repeats._LISTED_TWICE.finditer(text)]
        return list(zip(across + listed, ends, strict=True))

    corpus = Path(__file__).parent / "corpus"
    texts = [document_prose(p.read_text(encoding="utf-8"), "markdown")[0].text for p in sorted(corpus.rglob("*.md"))]
    twelve = "一二三四五六七八九十百千"
    texts += ["就餐、就餐等服务", "社区、社区", "代表社区、社区", f"{twelve}、{twelve}", f"{twelve}\n{twelve}",
              f"多{twelve}\n{twelve}", "甲\n甲", "就餐 \t\n  就餐", "就餐，\n就餐。", "就餐\n\n就餐"]
    rng = random.Random(5)
    pieces = ["就餐", "社区", "服务中心", "就", "餐", twelve, "、", "，", "\n", " ", "\t", "等", "和", "a", "。"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    found = 0
    for text in texts:
        expected = everywhere(text)
        assert [(hit.start, hit.end) for hit in repeats._across(text)] == expected, text
        found += len(expected)
    assert found > 100

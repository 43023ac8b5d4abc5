"""The lexicon is built once and read from disk afterwards; any change to
what it is derived from (the dictionary, the rule files, our prose) makes a
new one. Built here from small sources so each build takes milliseconds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from congress_site.lint import lexicon, lexicon_build, patterns


@pytest.fixture
def sources(tmp_path: Path) -> lexicon.Sources:
    src = tmp_path / "src"
    (src / "prose").mkdir(parents=True)
    (src / "dict.txt").write_text("深入 4933 v\n人 313209 n\n入 20209 v\n深 10646 a\n贯彻 3000 v\n"
                                  "聚焦 332 v\n聚 2492 v\n仁 4000 n\n", encoding="utf-8")
    (src / "TSCharacters.txt").write_text("報\t报\n於\t于 於\n", encoding="utf-8")
    (src / "shapes.txt").write_text("人 入\n焦 隹\n", encoding="utf-8")
    (src / "domain.txt").write_text("联络站\n", encoding="utf-8")
    (src / "pinyin.json").write_text(json.dumps({str(ord("人")): "rén", str(ord("仁")): "rén"}),
                                     encoding="utf-8")
    (src / "prose" / "a.md").write_text("代表们深入联络站。", encoding="utf-8")
    return lexicon.Sources(jieba_dict=src / "dict.txt", opencc_chars=src / "TSCharacters.txt",
                           wordfreq=None, pinyin=src / "pinyin.json", shapes=src / "shapes.txt",
                           domain_words=src / "domain.txt", prose=src / "prose")


def _counting(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = lexicon_build.build

    def build(sources):
        calls.append(1)
        return real(sources)

    monkeypatch.setattr(lexicon_build, "build", build)
    return calls


def test_built_once_then_read_from_disk(sources, tmp_path, monkeypatch):
    calls = _counting(monkeypatch)
    first = lexicon.load(sources, tmp_path / "cache")
    assert calls == [1] and first.path is not None and first.path.is_file()
    second = lexicon.load(sources, tmp_path / "cache")
    assert calls == [1], "the second load rebuilt the lexicon"
    assert second.path == first.path
    assert second.entry("深入") == first.entry("深入")
    assert second.entry("深入")[0] == 4933 and second.entry("深入")[1] == "v"
    assert second.entry("深人") is None
    assert second.logp("联络站") is not None  # a domain word, counted in our prose
    assert "入" in second.shapes["人"] and second.joins("深", "入")
    assert "仁" in second.homophones("人")
    assert second.traditional == ("報", "於")


@pytest.mark.parametrize("changed", ["shapes", "jieba_dict", "domain_words", "prose"])
def test_a_changed_source_makes_a_new_lexicon(sources, tmp_path, monkeypatch, changed):
    calls = _counting(monkeypatch)
    old = lexicon.load(sources, tmp_path / "cache")
    path = getattr(sources, changed)
    target = path / "b.md" if path.is_dir() else path
    with open(target, "a", encoding="utf-8") as fh:
        fh.write("己 已\n" if changed == "shapes" else "督办 199 v\n" if changed == "jieba_dict" else "督办\n")
    new = lexicon.load(sources, tmp_path / "cache")
    assert calls == [1, 1]
    assert new.path != old.path
    if changed == "shapes":
        assert "已" in new.shapes["己"]
    if changed in ("jieba_dict", "domain_words"):
        assert new.entry("督办") is not None and old.entry("督办") is None


def test_a_damaged_cache_is_rebuilt(sources, tmp_path, monkeypatch):
    calls = _counting(monkeypatch)
    built = lexicon.load(sources, tmp_path / "cache")
    built.path.write_bytes(b"not a lexicon")
    again = lexicon.load(sources, tmp_path / "cache")
    assert calls == [1, 1] and again.entry("深入") is not None


def test_an_unwritable_cache_folder_still_gives_a_lexicon(sources, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    lx = lexicon.load(sources, blocker / "cache")  # no folder can be made under a file
    assert lx.path is None and lx.entry("深入") is not None


def test_stored_patterns_match_as_re_does(tmp_path, monkeypatch):
    """A pattern compiled from its stored program behaves as re.compile's."""
    monkeypatch.setenv("CONGRESS_LEXICON_CACHE", str(tmp_path))
    monkeypatch.setattr(patterns, "_programs", None)
    pattern = "(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])|(?P<dash>--)"
    patterns.compile(pattern)
    patterns._save()
    monkeypatch.setattr(patterns, "_programs", None)
    stored = patterns.compile(pattern)
    assert (pattern, 0) in patterns._programs  # read back from the file
    plain = re.compile(pattern)
    text = "代表 们--深入 基层 ok go"
    assert [m.span() for m in stored.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert stored.groupindex == plain.groupindex


def test_preceding_is_following_read_backwards(sources, tmp_path):
    """The plausibility rule asks which candidates may stand before the next
    character in one look-up of that character: it must give exactly the
    pairs the following table gives, over the whole block."""
    lx = lexicon.load(sources, tmp_path / "cache")
    block = [chr(cp) for cp in range(0x4E00, 0xA000)]
    forward = {(a, b) for a in block for b in lx.following(a) if "\u4e00" <= b <= "\u9fff"}
    backward = {(a, b) for b in block for a in lx.preceding(b)}
    assert forward == backward
    assert ("深", "入") in backward and ("络", "站") in backward  # a dictionary word, a domain word
    assert lx.preceding("入") == "深" and lx.preceding("深") == ""


def test_joinable_says_for_each_pair_whether_it_joins(sources, tmp_path):
    lx = lexicon.load(sources, tmp_path / "cache")
    for text in ("深入基层", "络站深", "入深", "a深入x", "深", ""):
        assert lx.joinable(text) == bytes(lx.joins(a, b) for a, b in zip(text, text[1:], strict=False))
    assert lx.joinable("深入基层") == b"\1\0\0" and lx.joinable("入深") == b"\0"


def test_character_ngrams_from_a_corpus(sources, tmp_path):
    """Pairs and triples are counted from a segmented corpus (word/tag), and
    a character seen after its context is far likelier than one never seen."""
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("代表/n  们/k  对/p  办理/v  结果/n  表示/v  满意/a  。/w\n" * 20, encoding="utf-8")
    from dataclasses import replace

    lx = lexicon.load(replace(sources, corpus=corpus), tmp_path / "cache")
    assert lx.pair("结", "果")[0] >= 20 and lx.pair("结", "过") == (0, 0)
    assert lx.p3("理", "结", "果") > 100 * lx.p3("理", "结", "过")
    assert lx.context_gain("办理结过表示", 3, "果") > 2
    assert lx.context_gain("办理结果表示", 3, "过") < -2

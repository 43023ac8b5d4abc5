"""The bigram cut shared by index and query."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from congress_site.search.tokens import SPACE, decode, encode, normalize, query_terms

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
TEXT = st.text(alphabet=st.one_of(HAN, st.sampled_from(list("，。“”《》 \nQRkm2025"))), max_size=60)


def test_run_becomes_bigrams_and_its_last_character():
    assert encode("人民民主").split("\n") == ["人民", "民民", "民主", "主"]
    assert encode("民").split("\n") == ["民"]


def test_spaces_and_latin_words_survive_as_tokens():
    tokens = encode("张晓岚 代表，QR码 12 km").split("\n")
    assert tokens[:4] == ["张晓", "晓岚", "岚", SPACE]
    assert "QR" in tokens and "km" in tokens and "，" in tokens


def test_line_break_inside_chinese_is_no_space():
    assert normalize("全过程人民\n  民主 和\n代表") == "全过程人民民主 和代表"
    assert normalize("hello\nworld") == "hello world"


@given(TEXT)
def test_decode_inverts_encode(text):
    assert decode(encode(text)) == normalize(text)
    # Pagefind turns our line separators into spaces: decoding must not care.
    assert decode(encode(text).replace("\n", " ")) == normalize(text)


def test_query_terms_are_bigrams_of_each_phrase():
    q = query_terms("《澜川市青年》 民 QR")
    assert q.terms == ["澜川", "市青", "青年", "民", "qr"]  # 澜川·市青·青年 spell 澜川市青年
    assert q.phrases == ["澜川市青年"]
    assert q.offsets == [[0, 2, 3]]


def test_cover_spells_every_character_once_or_twice():
    from congress_site.search.tokens import cover

    for n in range(2, 12):
        offsets = cover(n)
        covered = {o + k for o in offsets for k in (0, 1)}
        assert covered == set(range(n)) and offsets[0] == 0 and offsets[-1] == n - 2
        assert len(offsets) <= n // 2 + 1


def test_punctuation_only_query_has_no_terms():
    assert query_terms("《》，。").terms == []


@given(st.text(alphabet=HAN, min_size=2, max_size=8), TEXT, TEXT)
def test_phrase_bigrams_sit_at_consecutive_positions(phrase, before, after):
    tokens = encode(before + phrase + after).split("\n")
    q = query_terms(phrase)
    offsets = q.offsets[0] if q.offsets else [0]
    starts = [p for p in range(len(tokens)) if all(tokens[p + o : p + o + 1] == [t] for o, t in zip(offsets, q.terms, strict=True))]
    assert starts, (tokens, q.terms)

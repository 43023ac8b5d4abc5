"""The faster mask choice and codeword placement draw exactly Segno's QR symbols."""

from __future__ import annotations

import io
import random

import segno

from congress_site.images.qr import make_qr
from congress_site.images.qrmask import fast_masks
from congress_site.images.qrplace import fast_placement


def svg(qr) -> bytes:
    out = io.BytesIO()
    qr.save(out, kind="svg", border=4)
    return out.getvalue()


def test_same_symbols_as_segno():
    rng = random.Random(5)
    urls = [f"https://example.gov.cn/stories/weichengnian-{i:05d}/" for i in range(40)]
    urls += ["https://example.gov.cn/" + "".join(rng.choice("abcdefghij-/0123456789") for _ in range(rng.randint(5, 180)))
             for _ in range(120)]
    urls.append("https://例子.gov.cn/代表/张晓岚/")
    reference = [segno.make(u, error="q", micro=False, boost_error=True) for u in urls]
    with fast_placement(), fast_masks():
        fast = [segno.make(u, error="q", micro=False, boost_error=True) for u in urls]
    assert len({q.mask for q in reference}) > 3          # the choice is actually exercised
    for a, b in zip(reference, fast, strict=True):
        assert (a.version, a.mask) == (b.version, b.mask)
        assert svg(a) == svg(b)


def test_same_symbols_with_a_given_mask():
    urls = [f"https://example.gov.cn/stories/jiuye-{i:05d}/" for i in range(16)]
    urls += ["https://example.gov.cn/" + "x" * n for n in (1, 60, 150, 300)]
    for mask in range(8):
        for u in urls:
            reference = segno.make(u, error="q", micro=False, boost_error=True, mask=mask)
            with fast_placement(), fast_masks():
                fast = segno.make(u, error="q", micro=False, boost_error=True, mask=mask)
            assert fast.mask == mask
            assert svg(reference) == svg(fast)


def test_make_qr_is_segnos_symbol_for_urls_of_any_length():
    rng = random.Random(9)
    urls = ["https://example.gov.cn/" + "".join(rng.choice("abcdefghij-/0123456789中?#=&") for _ in range(n))
            for n in range(0, 420, 7)]
    versions = set()
    for i, u in enumerate(urls):
        best = i % 3 != 0
        level = "q" if len(u) <= 120 else "m"
        reference = segno.make(u, error=level, micro=False, boost_error=True, mask=None if best else 0)
        ours = make_qr(u, best_mask=best)
        versions.add(ours.version)
        assert (ours.version, ours.error, ours.mask) == (reference.version, reference.error, reference.mask)
        assert ours.matrix == reference.matrix, u
    assert len(versions) > 10  # with and without version information and remainder bits


def test_patch_is_undone():
    import segno.encoder as enc

    before = enc.find_and_apply_best_mask, enc.add_codewords
    with fast_placement(), fast_masks():
        assert enc.find_and_apply_best_mask is not before[0] and enc.add_codewords is not before[1]
    assert (enc.find_and_apply_best_mask, enc.add_codewords) == before

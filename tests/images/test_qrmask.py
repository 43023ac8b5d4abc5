"""The faster mask choice draws exactly Segno's QR symbols."""

from __future__ import annotations

import io
import random

import segno

from congress_site.images.qrmask import fast_masks


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
    with fast_masks():
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
            with fast_masks():
                fast = segno.make(u, error="q", micro=False, boost_error=True, mask=mask)
            assert fast.mask == mask
            assert svg(reference) == svg(fast)


def test_patch_is_undone():
    import segno.encoder as enc

    before = enc.find_and_apply_best_mask
    with fast_masks():
        assert enc.find_and_apply_best_mask is not before
    assert enc.find_and_apply_best_mask is before

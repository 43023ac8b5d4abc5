"""Figures for the image pipeline on a site (the sample, or a synthetic
one generated with `--images N`): bytes a reader downloads against the
originals, and processing time cold (empty cache) and warm.

    congress-bench images [SITE_ROOT]

Uses a throw-away cache, so it never disturbs the site's own.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from congress_site.findings import CongressError, render
from congress_site.images.site import SiteImages
from congress_site.model import load_repository
from congress_site.settings import load_settings


def _kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def measure(root: Path) -> dict:
    settings, config = load_settings(root / "mkdocs.yml")
    layout = settings.layout
    repo = load_repository(layout)
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        timings, processed = [], []
        for _ in range(2):  # cold, then warm (a new SiteImages, as a new build would be)
            images = SiteImages(layout.root, Path(cache), config.get("site_url"))
            started = time.perf_counter()
            findings = images.check(repo)
            timings.append(time.perf_counter() - started)
            processed.append(images.pipeline.stats.processed + images.photo_pipeline.stats.processed)
        for kind, pictures in (("cover", images.covers), ("photo", images.photos)):
            for owner, pic in pictures.items():
                sizes = {Path(u).name: (Path(cache) / Path(u).name).stat().st_size for u in pic.uris}
                rows.append({
                    "kind": kind, "owner": owner, "original": pic.source_bytes,
                    "webp": {v.width: sizes[Path(v.uri).name] for v in pic.webp},
                    "jpeg": {v.width: sizes[Path(v.uri).name] for v in pic.jpeg},
                })
    return {"rows": rows, "cold": timings[0], "warm": timings[1], "findings": findings,
            "processed": processed}


def report(root: Path) -> int:
    """Print the figures of the site at `root`; 1 if it cannot be read."""
    root = root.resolve()
    try:
        result = measure(root)
    except CongressError as err:
        print(render(err.findings, "text"), file=sys.stderr)
        return 1
    total = {"original": 0, "webp_big": 0, "webp_mid": 0, "jpeg_big": 0, "all": 0}
    print(f"{'image':58} {'original':>10} {'webp max':>10} {'webp 2nd':>10} {'jpeg max':>10}")
    for r in result["rows"]:
        widths = sorted(r["webp"])
        big, mid = widths[-1], widths[-2] if len(widths) > 1 else widths[-1]
        total["original"] += r["original"]
        total["webp_big"] += r["webp"][big]
        total["webp_mid"] += r["webp"][mid]
        total["jpeg_big"] += r["jpeg"][big]
        total["all"] += sum(r["webp"].values()) + sum(r["jpeg"].values())
        print(f"{r['kind'] + ' ' + r['owner']:58} {_kb(r['original']):>10} {_kb(r['webp'][big]):>10} "
              f"{_kb(r['webp'][mid]):>10} {_kb(r['jpeg'][big]):>10}")
    o = total["original"] or 1
    print(f"{'total':58} {_kb(total['original']):>10} {_kb(total['webp_big']):>10} "
          f"{_kb(total['webp_mid']):>10} {_kb(total['jpeg_big']):>10}")
    print(f"saved per view: largest WebP {100 - 100 * total['webp_big'] / o:.0f}%, "
          f"second WebP (phones) {100 - 100 * total['webp_mid'] / o:.0f}%, "
          f"largest JPEG fallback {100 - 100 * total['jpeg_big'] / o:.0f}%; "
          f"all variants on disk {_kb(total['all'])}")
    cold, warm = result["processed"]
    print(f"cold (empty cache): {cold} images processed in {result['cold']:.2f}s; "
          f"warm: {warm} processed, {result['warm']:.3f}s; problems: {len(result['findings'])}")
    return 0


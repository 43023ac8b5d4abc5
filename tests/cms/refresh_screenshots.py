"""Copy the screenshots the browser test took (test-artifacts/cms/) to
docs/images/cms/, where CONTRIBUTING.md shows them, as small palette PNGs.
Run by `make cms-screenshots`, never by a test: tests do not write into the
repository."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "test-artifacts" / "cms"
TARGET = REPO / "docs" / "images" / "cms"
COLOURS = 64  # flat UI colours and anti-aliased CJK text stay legible


def main() -> int:
    shots = sorted(SOURCE.glob("*.png"))
    if not shots:
        print(f"没有找到截图：请先运行 pytest tests/cms/test_cms_browser.py（截图写在 {SOURCE}）", file=sys.stderr)
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    for shot in shots:
        with Image.open(shot) as image:
            small = image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
            small.save(TARGET / shot.name, optimize=True)
        print(f"{TARGET.relative_to(REPO) / shot.name}：{(TARGET / shot.name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

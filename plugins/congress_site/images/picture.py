"""The `<picture>` markup for a processed image: WebP for browsers that take
it, JPEG for the rest, every width in `srcset`, and the intrinsic width and
height so the page does not jump while the image loads."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# Story pages: full width on phones, the content column (about 800 CSS px) on desktops.
DEFAULT_SIZES = "(max-width: 840px) 100vw, 800px"
FALLBACK_WIDTH = 800


@dataclass(frozen=True)
class Variant:
    uri: str  # site-relative, e.g. "media/3f2a9c0d1e4b-800.webp"
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    key: str
    width: int  # of the largest variant
    height: int
    webp: tuple[Variant, ...]
    jpeg: tuple[Variant, ...]
    source_bytes: int = 0

    @property
    def uris(self) -> list[str]:
        return [v.uri for v in self.webp + self.jpeg]

    def fallback(self) -> Variant:
        """The JPEG an old browser that knows no `srcset` gets: the largest
        one not wider than the content column."""
        fitting = [v for v in self.jpeg if v.width <= FALLBACK_WIDTH]
        return fitting[-1] if fitting else self.jpeg[0]

    def src(self, base: str = "") -> str:
        return _join(base, self.fallback().uri)

    def srcset(self, fmt: str = "webp", base: str = "") -> str:
        items = self.webp if fmt == "webp" else self.jpeg
        return ", ".join(f"{_join(base, v.uri)} {v.width}w" for v in items)

    def html(self, alt: str, sizes: str = DEFAULT_SIZES, lazy: bool = True,
             css_class: str | None = None, base: str = "", high_priority: bool = False) -> str:
        """Markup for this image. `base` is the way from the page to the site
        root (MkDocs' `base_url`, e.g. "../.."), since the URIs are
        site-relative. `css_class` goes on the `<img>`. The first image a
        reader sees should be `lazy=False` (and `high_priority=True` for a
        cover); everything below the fold lazy."""
        attrs = [
            f'src="{escape(self.src(base))}"',
            f'srcset="{escape(self.srcset("jpg", base))}"',
            f'sizes="{escape(sizes)}"',
            f'width="{self.width}"',
            f'height="{self.height}"',
            f'alt="{escape(alt or "")}"',
        ]
        if css_class:
            attrs.append(f'class="{escape(css_class)}"')
        if lazy:
            attrs.append('loading="lazy"')
        elif high_priority:
            attrs.append('fetchpriority="high"')
        attrs.append('decoding="async"')
        return (
            "<picture>"
            f'<source type="image/webp" srcset="{escape(self.srcset("webp", base))}" sizes="{escape(sizes)}">'
            f"<img {' '.join(attrs)}>"
            "</picture>"
        )

    def to_dict(self) -> dict:
        return {
            "key": self.key, "width": self.width, "height": self.height, "source_bytes": self.source_bytes,
            "variants": [{"name": v.uri.rsplit("/", 1)[-1], "width": v.width, "height": v.height}
                         for v in self.webp + self.jpeg],
        }

    @classmethod
    def from_dict(cls, data: dict, prefix: str) -> Picture:
        webp, jpeg = [], []
        for v in data["variants"]:
            item = Variant(f"{prefix}{v['name']}", int(v["width"]), int(v["height"]))
            (webp if v["name"].endswith(".webp") else jpeg).append(item)
        if not webp or not jpeg:
            raise ValueError("a picture needs at least one WebP and one JPEG variant")
        webp.sort(key=lambda v: v.width)
        jpeg.sort(key=lambda v: v.width)
        return cls(key=data["key"], width=int(data["width"]), height=int(data["height"]),
                   webp=tuple(webp), jpeg=tuple(jpeg), source_bytes=int(data.get("source_bytes", 0)))


def _join(base: str, uri: str) -> str:
    if not base:
        return uri
    return base.rstrip("/") + "/" + uri

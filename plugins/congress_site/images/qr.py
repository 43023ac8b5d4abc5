"""代表码: the QR code on a representative's page and on the station's
printed cards. It encodes the page's canonical URL, so it must be built from
`site_url` and the stable route, never from a relative link."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

import segno

from ..findings import CongressError, Finding
from . import qrcache, qrsvg
from .qrmask import fast_masks
from .qrplace import fast_placement

# Q (25% recovery) survives a creased, sun-faded printed card; M is denser-friendly
# for long URLs. Segno's boost_error may raise M to Q when it costs no extra size.
ERROR_LEVEL = "q"
QUIET_ZONE = 4  # modules, the minimum ISO/IEC 18004 asks for


def canonical_url(site_url: str | None, route: str, config_file: str = "mkdocs.yml") -> str:
    """The absolute URL of a site-relative `route` (e.g. "profiles/zhang-xiaolan/")."""
    parts = urlsplit(site_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CongressError(Finding(config_file, 1, 1, "site-url-missing",
                                    "没有设置网站地址 site_url，无法生成代表码",
                                    fix="在 mkdocs.yml 中加一行 site_url: https://…/（本网站的正式地址）"))
    return site_url.rstrip("/") + "/" + route.lstrip("/")


def make_qr(url: str, best_mask: bool = True) -> segno.QRCode:
    """The QR symbol for `url`. `qr_svg` draws exactly this matrix, so a test
    can decode a raster of the same object. Choosing the best of the eight
    mask patterns is most of the cost; `best_mask=False` takes pattern 0,
    which every reader decodes, for codes nobody prints on a card."""
    level = ERROR_LEVEL if len(url) <= 120 else "m"
    with fast_placement(), fast_masks():  # same symbol as Segno's, made faster (one code per page)
        return segno.make(url, error=level, micro=False, boost_error=True, mask=None if best_mask else 0)


def qr_svg(url: str, title: str | None = None, size: int | None = None,
           css_class: str = "congress-qr", best_mask: bool = True) -> str:
    """An inline SVG QR code for `url`: white background, quiet zone,
    viewBox only (scales to whatever CSS gives it, crisp at any print size),
    with a title and an accessible name."""
    # drawn once per argument set, kept across builds (qrcache.py)
    return qrcache.cached(_draw_svg, url, **svg_options(title, size, css_class, best_mask))


def svg_options(title: str | None = None, size: int | None = None, css_class: str = "congress-qr",
                best_mask: bool = True) -> dict:
    """The arguments of one drawing as `qr_svg` keys it, for drawing ahead."""
    return {"title": title, "size": size, "css_class": css_class, "best_mask": best_mask}


def draw_ahead(requests: list[tuple[str, dict]]) -> int:
    """Draw the codes of (url, svg_options) in a worker while the build
    renders (qrcache.prefetch); returns how many it will draw."""
    return qrcache.prefetch(_draw_svg, requests)


def _draw_svg(url: str, title: str | None, size: int | None, css_class: str, best_mask: bool = True) -> str:
    qr = make_qr(url, best_mask)
    label = title or f"二维码：{url}"
    svg = qrsvg.svg(qr, QUIET_ZONE, label, css_class)
    extra = f'role="img" aria-label="{escape(label)}" shape-rendering="crispEdges"'
    if size:
        extra += f' width="{size}" height="{size}"'
    return svg.replace("<svg ", f"<svg {extra} ", 1)

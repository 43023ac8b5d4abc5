"""Images for the site: safe loading, metadata-free responsive variants with
a content-hash cache, `<picture>` markup, drawn placeholders and QR codes.
No MkDocs import here: `plugin.py` calls these."""

from .body import rewrite_body_images
from .picture import DEFAULT_SIZES, Picture, Variant
from .pipeline import MEDIA_PREFIX, ImagePipeline, Stats
from .placeholder import placeholder_svg
from .qr import canonical_url, make_qr, qr_svg
from .safety import MAX_BYTES, MAX_PIXELS, resolve_inside
from .site import SiteImages, mark_markdown_images

__all__ = [
    "DEFAULT_SIZES", "MAX_BYTES", "MAX_PIXELS", "MEDIA_PREFIX", "ImagePipeline", "Picture", "Stats",
    "SiteImages", "Variant", "canonical_url", "mark_markdown_images", "make_qr", "placeholder_svg", "qr_svg", "resolve_inside",
    "rewrite_body_images",
]

"""Turn a checked image into clean web variants.

Order matters: orientation comes from EXIF, so it is applied before the
metadata is thrown away; colours are converted to sRGB while the ICC profile
is still known; then every variant is encoded from pixels alone, so no EXIF,
GPS, XMP or ICC block can survive into what the public downloads.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

WIDTHS = (480, 800, 1200)
WEBP_QUALITY = 80
JPEG_QUALITY = 82
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Encoded:
    width: int
    height: int
    fmt: str  # "webp" or "jpg"
    data: bytes


def target_widths(width: int, widths: tuple[int, ...] = WIDTHS) -> list[int]:
    """The widths to produce for an image `width` pixels wide: every
    configured width below it, and the image's own width capped at the
    largest configured one. Never upscale."""
    top = min(width, max(widths))
    return sorted({w for w in widths if w < top} | {top})


def draft_for_widths(im: Image.Image, widths: tuple[int, ...]) -> None:
    """Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while decoding: a
    6000-pixel phone photo then costs a fraction of the memory and time.
    Must be called before the pixels are loaded."""
    if im.format not in ("JPEG", "MPO"):
        return
    w, h = im.size
    # The shown width may be the stored height once EXIF rotation is applied.
    need = max(widths)
    shown_w = h if _swaps_axes(im) else w
    if shown_w <= need:
        return
    scale = need / shown_w
    im.draft("RGB" if im.mode != "CMYK" else "CMYK", (max(1, int(w * scale) + 1), max(1, int(h * scale) + 1)))


def _swaps_axes(im: Image.Image) -> bool:
    try:
        return im.getexif().get(0x0112) in (5, 6, 7, 8)
    except Exception:  # noqa: BLE001 - broken EXIF only loses the hint
        return False


def normalise(im: Image.Image) -> Image.Image:
    """Upright, sRGB, mode RGB or RGBA (alpha only if some pixel uses it),
    and with an empty `info` so nothing from the file rides along."""
    icc = im.info.get("icc_profile")
    try:
        im = ImageOps.exif_transpose(im)
    except Exception:  # noqa: BLE001 - an unreadable orientation tag is ignored
        im = im.copy()
    im = _to_srgb(im, icc)
    if im.mode != "RGBA" or im.getchannel("A").getextrema() == (255, 255):
        im = im.convert("RGB")
    clean = Image.new(im.mode, im.size)
    clean.paste(im)
    return clean


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit and float greys: scale to 8 bits instead of clipping to white.
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    has_alpha = im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        im.mode == "P" and "transparency" in im.info) or (
        im.mode in ("L", "RGB") and "transparency" in im.info)
    if icc:
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if im.mode == "CMYK":
                return ImageCms.profileToProfile(im, src, _SRGB, outputMode="RGB")
            if im.mode in ("RGB", "RGBA", "L", "LA"):
                base = im.convert("RGBA" if has_alpha else "RGB")
                if base.mode == "RGBA":
                    alpha = base.getchannel("A")
                    rgb = ImageCms.profileToProfile(base.convert("RGB"), src, _SRGB, outputMode="RGB")
                    rgb.putalpha(alpha)
                    return rgb
                return ImageCms.profileToProfile(base, src, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to reading the numbers as sRGB
    return im.convert("RGBA" if has_alpha else "RGB")


def flatten(im: Image.Image, background: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """JPEG has no alpha: compose on white, as a page background would."""
    if im.mode != "RGBA":
        return im
    base = Image.new("RGB", im.size, background)
    base.paste(im, mask=im.getchannel("A"))
    return base


def resize_to(im: Image.Image, width: int) -> Image.Image:
    if width >= im.width:
        return im
    height = max(1, round(im.height * width / im.width))
    return im.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def encode(im: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "webp":
        # No exif/icc_profile/xmp arguments: Pillow writes none.
        im.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        flatten(im).save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def variants(im: Image.Image, widths: tuple[int, ...] = WIDTHS) -> list[Encoded]:
    """Every (width, format) the page offers, from a normalised image.
    Sizes are made largest first, each from the previous one, which is much
    cheaper than resampling the full original every time."""
    out: list[Encoded] = []
    current = im
    for w in sorted(target_widths(im.width, widths), reverse=True):
        current = resize_to(current, w)
        for fmt in ("webp", "jpg"):
            out.append(Encoded(current.width, current.height, fmt, encode(current, fmt)))
    return out

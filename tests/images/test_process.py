"""What comes out: upright, sRGB, responsive, and carrying no metadata."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from imagekit import encode, phone_jpeg, two_tone
from PIL import Image, ImageCms

from congress_site.images import ImagePipeline, Picture


def riff_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    kinds, at = [], 12
    while at + 8 <= len(data):
        kind, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        kinds.append(kind)
        at += 8 + size + (size & 1)
    return kinds


def jpeg_markers(data: bytes) -> list[int]:
    """The segment markers before the image data (APPn, DQT, SOF…)."""
    assert data[:2] == b"\xff\xd8"
    markers, at = [], 2
    while at < len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the rest is image data
            break
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return markers


def assert_clean(data: bytes) -> None:
    """No EXIF, GPS, XMP or ICC anywhere in an output file."""
    im = Image.open(io.BytesIO(data))
    assert not im.getexif(), "EXIF survived"
    assert "icc_profile" not in im.info and "exif" not in im.info and "xmp" not in im.info
    for needle in (b"Exif", b"GPS", b"secret-home-address", b"ICC_PROFILE", b"PhoneMaker", b"xmpmeta"):
        assert needle not in data
    if data[:4] == b"RIFF":
        assert set(riff_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
    else:
        # APP0 (JFIF) only: no APP1 (EXIF/XMP) or APP2 (ICC).
        assert [m for m in jpeg_markers(data) if 0xE1 <= m <= 0xEF] == []


def publish(repo: Path, pipeline: ImagePipeline, name: str, data: bytes | None = None) -> Picture:
    path = repo / "stories" / "2025" / "images" / name
    if data is not None:
        path.write_bytes(data)
    return pipeline.publish(path, "stories/2025/x.md")


def read(pipeline: ImagePipeline, uri: str) -> bytes:
    return pipeline.outputs()[uri].read_bytes()


def test_phone_photo_is_upright_and_metadata_free(repo: Path, pipeline: ImagePipeline) -> None:
    src = phone_jpeg(repo / "stories" / "2025" / "images" / "phone.jpg", size=(1600, 1000), orientation=6)
    raw = Image.open(src)
    assert raw.getexif().get_ifd(0x8825), "the fixture must carry GPS"
    pic = pipeline.publish(src, "s.md")
    # Stored 1600×1000 and tagged "rotate 90° clockwise": shown 1000 wide, 1600 high.
    assert (pic.width, pic.height) == (1000, 1600)
    assert [v.width for v in pic.webp] == [480, 800, 1000]
    assert [v.width for v in pic.jpeg] == [480, 800, 1000]
    for uri in pic.uris:
        data = read(pipeline, uri)
        assert_clean(data)
        out = Image.open(io.BytesIO(data)).convert("RGB")
        w, h = out.size
        assert h > w
        # The stored left half (red) is on top after the rotation, blue below.
        top, bottom = out.getpixel((w // 2, h // 8)), out.getpixel((w // 2, h * 7 // 8))
        assert top[0] > 150 and top[2] < 100, top
        assert bottom[2] > 150 and bottom[0] < 100, bottom


@pytest.mark.parametrize("orientation,shown", [(1, (1200, 750)), (3, (1200, 750)), (8, (1000, 1600))])
def test_other_orientations(repo: Path, pipeline: ImagePipeline, orientation: int, shown) -> None:
    src = phone_jpeg(repo / "stories" / "2025" / "images" / f"o{orientation}.jpg", (1600, 1000), orientation)
    pic = pipeline.publish(src, "s.md")
    assert (pic.width, pic.height) == shown


def test_large_photo_is_decoded_reduced_and_never_upscaled(repo: Path, pipeline: ImagePipeline) -> None:
    pic = publish(repo, pipeline, "wide.jpg", encode(two_tone((6000, 4000)), "JPEG", quality=80))
    assert [v.width for v in pic.webp] == [480, 800, 1200]
    assert [(v.width, v.height) for v in pic.jpeg] == [(480, 320), (800, 533), (1200, 800)]
    small = publish(repo, pipeline, "small.png", encode(two_tone((300, 200)), "PNG"))
    assert [v.width for v in small.webp] == [300] and small.height == 200


def test_cmyk_becomes_rgb_with_the_right_colour(repo: Path, pipeline: ImagePipeline) -> None:
    cmyk = Image.new("CMYK", (900, 600), (0, 255, 255, 0))  # pure red ink
    pic = publish(repo, pipeline, "print.jpg", encode(cmyk, "JPEG", quality=95))
    assert pic.uris, "no variant was written"
    for uri in pic.uris:
        out = Image.open(io.BytesIO(read(pipeline, uri)))
        assert out.mode == "RGB"
        r, g, b = out.getpixel((100, 100))
        assert r > 200 and g < 60 and b < 60


def test_icc_profile_is_applied_then_dropped(repo: Path, pipeline: ImagePipeline) -> None:
    # A non-sRGB profile: its colours must be converted, and the profile not embedded.
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    rgb = Image.new("RGB", (600, 400), (255, 128, 128))
    pic = publish(repo, pipeline, "lab.png", encode(rgb, "PNG", icc_profile=lab))
    assert pic.uris, "no variant was written"
    for uri in pic.uris:
        assert_clean(read(pipeline, uri))


def test_alpha_png_keeps_alpha_in_webp_and_is_flattened_on_white_in_jpeg(
        repo: Path, pipeline: ImagePipeline) -> None:
    im = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    im.paste((0, 128, 0, 255), (300, 0, 600, 400))
    pic = publish(repo, pipeline, "logo.png", encode(im, "PNG"))
    webp = Image.open(io.BytesIO(read(pipeline, pic.webp[-1].uri)))
    assert webp.mode == "RGBA"
    assert webp.getpixel((50, 200))[3] == 0 and webp.getpixel((550, 200))[3] == 255
    jpeg = Image.open(io.BytesIO(read(pipeline, pic.jpeg[-1].uri)))
    assert jpeg.mode == "RGB"
    assert min(jpeg.getpixel((50, 200))) > 245  # transparent → white, not black
    g = jpeg.getpixel((550, 200))
    assert g[1] > 100 and g[0] < 40


def test_opaque_alpha_channel_is_dropped(repo: Path, pipeline: ImagePipeline) -> None:
    pic = publish(repo, pipeline, "opaque.png", encode(two_tone((500, 300)).convert("RGBA"), "PNG"))
    assert Image.open(io.BytesIO(read(pipeline, pic.webp[0].uri))).mode == "RGB"


def test_palette_and_grey_alpha_modes(repo: Path, pipeline: ImagePipeline) -> None:
    p = two_tone((500, 300)).convert("P")
    p.info["transparency"] = p.getpixel((10, 10))
    pic = publish(repo, pipeline, "palette.png", encode(p, "PNG", transparency=p.info["transparency"]))
    webp = Image.open(io.BytesIO(read(pipeline, pic.webp[-1].uri)))
    assert webp.mode == "RGBA" and webp.getpixel((10, 10))[3] == 0 and webp.getpixel((490, 10))[3] == 255
    la = Image.new("LA", (500, 300), (90, 255))
    la.paste((90, 0), (0, 0, 100, 300))
    pic = publish(repo, pipeline, "grey.png", encode(la, "PNG"))
    assert Image.open(io.BytesIO(read(pipeline, pic.webp[-1].uri))).getpixel((10, 10))[3] == 0
    deep = Image.new("I;16", (500, 300), 40000)
    pic = publish(repo, pipeline, "deep.png", encode(deep, "PNG"))
    grey = Image.open(io.BytesIO(read(pipeline, pic.jpeg[-1].uri))).convert("L").getpixel((5, 5))
    assert 140 < grey < 175  # 40000/65535 of white, not clipped to 255


def test_animated_gif_becomes_its_first_frame(repo: Path, pipeline: ImagePipeline) -> None:
    frames = [Image.new("RGB", (500, 300), c) for c in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert Image.open(io.BytesIO(data)).n_frames == 3
    pic = publish(repo, pipeline, "anim.gif", data)
    assert pic.uris, "no variant was written"
    for uri in pic.uris:
        out = Image.open(io.BytesIO(read(pipeline, uri)))
        assert getattr(out, "n_frames", 1) == 1
        r, g, b = out.convert("RGB").getpixel((20, 20))
        assert r > 150 and g < 60 and b < 60


def test_outputs_are_smaller_than_a_big_original(repo: Path, pipeline: ImagePipeline) -> None:
    import os

    noise = Image.frombytes("RGB", (2400, 1600), os.urandom(2400 * 1600 * 3)).resize((3000, 2000))
    data = encode(noise, "JPEG", quality=95)
    pic = publish(repo, pipeline, "big.jpg", data)
    served = len(read(pipeline, pic.webp[1].uri))  # what a phone downloads (800w)
    assert served < len(data) / 4

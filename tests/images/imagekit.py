"""Images made on the spot: every odd thing a phone, a scanner or a careless
copy can produce, so the tests never depend on binary fixtures; and a small
rasteriser for the QR codes segno draws as SVG."""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

from PIL import ExifTags, Image, ImageCms

GPS = {1: "N", 2: (39.0, 54.0, 26.0), 3: "E", 4: (116.0, 23.0, 0.0)}
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>secret-home-address</rdf:RDF></x:xmpmeta>'


def two_tone(size: tuple[int, int], left=(220, 20, 20), right=(20, 20, 220)) -> Image.Image:
    """Left half one colour, right half another: shows which way a rotation went."""
    im = Image.new("RGB", size, right)
    im.paste(left, (0, 0, size[0] // 2, size[1]))
    return im


def phone_jpeg(path: Path, size=(1600, 1000), orientation: int = 6) -> Path:
    """Like a phone photo: stored sideways with an EXIF orientation tag, GPS
    coordinates, camera make, XMP and an ICC profile."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update(GPS)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    two_tone(size).save(path, "JPEG", quality=92, exif=exif, xmp=XMP, icc_profile=icc)
    return path


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(path: Path, width: int, height: int) -> Path:
    """A few hundred bytes that declare `width`×`height` pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * 3 * min(width, 64)
    idat = zlib.compress(row * 4, 9)
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def encode(im: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **kw)
    return out.getvalue()


SVG = "{http://www.w3.org/2000/svg}"


def rasterise(svg: str, scale: int = 8) -> tuple[Image.Image, list[list[bool]]]:
    """Draw segno's SVG path (horizontal unit-width strokes) onto a bitmap.
    Small on purpose: it understands exactly the commands segno writes and
    fails loudly on anything else."""
    root = ET.fromstring(svg)
    _, _, w, h = (int(float(v)) for v in root.attrib["viewBox"].split())
    grid = [[False] * w for _ in range(h)]
    dark = [p for p in root.iter(f"{SVG}path") if p.attrib.get("stroke")]
    assert len(dark) == 1
    x = y = 0.0
    for cmd, args in re.findall(r"([MmHhVvZz])([^MmHhVvZz]*)", dark[0].attrib["d"]):
        nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if cmd == "M":
            x, y = nums
        elif cmd == "m":
            x, y = x + nums[0], y + nums[1]
        elif cmd == "h":
            for i in range(int(nums[0])):
                grid[int(y)][int(x) + i] = True
            x += nums[0]
        else:
            raise AssertionError(f"unexpected path command {cmd}")
    img = Image.new("L", (w * scale, h * scale), 255)
    for r, row in enumerate(grid):
        for c, on in enumerate(row):
            if on:
                img.paste(0, (c * scale, r * scale, (c + 1) * scale, (r + 1) * scale))
    return img, grid

"""Images made on the spot: every odd thing a phone, a scanner or a careless
copy can produce, so the tests never depend on binary fixtures."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms

from congress_site.images import ImagePipeline

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


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "stories" / "2025" / "images").mkdir(parents=True)
    (root / "profiles").mkdir()
    return root


@pytest.fixture
def pipeline(repo: Path, tmp_path: Path) -> ImagePipeline:
    return ImagePipeline(repo, tmp_path / "cache")

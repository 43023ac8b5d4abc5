"""Trust nothing about an image a correspondent sends: not its path, not its
extension, not the dimensions it declares.

`resolve_inside` keeps every reference inside the repository; `open_checked`
reads the bytes once, sniffs the real format with Pillow and refuses oversize
files, decompression bombs and truncated data before any pixel is processed.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

from ..findings import CongressError, Finding

MAX_BYTES = 20 * 1024 * 1024
# Below Pillow's own warning threshold (89 Mpx) so our message comes first;
# a 48 Mpx phone photo still passes.
MAX_PIXELS = 80_000_000
# Register every plugin now: Image.open(formats=...) only knows those loaded.
Image.init()
# What phones and cameras produce (multi-picture phone JPEGs open through the
# JPEG plugin; AVIF only where this Pillow was built with it).
FORMATS = tuple(f for f in ("JPEG", "MPO", "PNG", "WEBP", "GIF", "AVIF") if f in Image.OPEN)
FORMAT_FIX = "请另存为 JPEG、PNG 或 WebP 格式的照片后重新引用（苹果手机可在“设置—相机—格式”选“兼容性最佳”）"


def _finding(display: str, line: int, column: int, code: str, message: str, fix: str) -> CongressError:
    return CongressError(Finding(path=display, line=line, column=column, code=code, message=message, fix=fix))


def resolve_inside(root: Path, base_file: Path, relative: str, display: str, line: int = 1,
                   column: int = 1) -> Path:
    """The file that `relative` (as written in `base_file`) names, refusing
    anything that would leave `root`: absolute paths, `..` climbing out,
    remote URLs and symlinks whose target lies outside."""
    ref = (relative or "").strip()
    if not ref:
        raise _finding(display, line, column, "image-missing", "图片路径为空",
                       "请填写相对于本文件的图片路径，例如 images/photo.jpg")
    scheme = urlsplit(ref).scheme.lower()
    if len(scheme) == 1 or ref.startswith("\\"):  # C:\照片\a.jpg, \\server\share
        raise _finding(display, line, column, "image-outside", f"图片路径“{ref}”是本机的绝对路径",
                       "请把图片复制到稿件旁的 images/ 文件夹，写相对路径，例如 images/photo.jpg")
    if scheme == "data":
        raise _finding(display, line, column, "image-format", "不支持内嵌（data:）图片",
                       "请把图片保存为文件放进仓库，再用相对路径引用")
    if scheme in ("http", "https", "ftp") or ref.startswith("//"):
        raise _finding(display, line, column, "image-outside", f"图片“{ref}”来自外部网站",
                       "网站不得从第三方网站加载图片：请下载后放进仓库，用相对路径引用")
    if scheme:
        raise _finding(display, line, column, "image-outside", f"图片地址“{ref}”不是仓库中的文件",
                       "请写相对于本文件的路径，例如 images/photo.jpg")
    # Windows users type backslashes; a query or fragment is never part of a file name.
    text = unquote(ref.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    pure = PurePosixPath(text)
    if pure.is_absolute():
        raise _finding(display, line, column, "image-outside", f"图片路径“{ref}”是绝对路径",
                       "请写相对于本文件的路径，例如 images/photo.jpg")
    root_real = root.resolve()
    base_dir = base_file.resolve().parent if base_file.is_absolute() else (root / base_file).resolve().parent
    # Lexical check first: `..` may only move within the repository.
    lexical = Path(os.path.normpath(base_dir / pure))
    if not lexical.is_relative_to(root_real):
        raise _finding(display, line, column, "image-outside", f"图片路径“{ref}”指向仓库以外",
                       "请把图片放进仓库（例如本文件旁的 images/ 文件夹），不要用 .. 跳出仓库")
    if not lexical.exists() and not lexical.is_symlink():
        raise _finding(display, line, column, "image-missing", f"找不到图片“{ref}”",
                       "请核对文件名（区分大小写）和路径，路径相对于本文件")
    real = lexical.resolve()
    if not real.is_relative_to(root_real):
        raise _finding(display, line, column, "image-outside",
                       f"图片“{ref}”是指向仓库以外的符号链接",
                       "请把图片文件本身复制进仓库，不要用链接")
    if any(part.startswith(".") for part in real.relative_to(root_real).parts):
        # .git, .venv, .cache…: tooling, never content, often not in the repository at all.
        raise _finding(display, line, column, "image-outside", f"图片“{ref}”位于隐藏目录中",
                       "请把图片放在稿件旁的 images/ 文件夹里")
    if not real.is_file():
        raise _finding(display, line, column, "image-missing", f"“{ref}”不是图片文件",
                       "请引用一个图片文件，而不是文件夹")
    return real


@dataclass
class Checked:
    """A decoded image that passed every check, and the bytes it came from."""

    image: Image.Image
    data: bytes
    format: str


def read_limited(path: Path, display: str, line: int = 1, column: int = 1,
                 max_bytes: int = MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
    except OSError:
        raise _finding(display, line, column, "image-missing", f"无法读取图片“{path.name}”",
                       "请确认文件存在且可读") from None
    if size > max_bytes:
        raise _finding(display, line, column, "image-too-large",
                       f"图片“{path.name}”有 {size / 1048576:.1f} MB，超过上限 {max_bytes / 1048576:.0f} MB",
                       "请先缩小照片（长边 3000 像素左右即可）再提交")
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we looked
        raise _finding(display, line, column, "image-too-large",
                       f"图片“{path.name}”超过上限 {max_bytes / 1048576:.0f} MB", "请先缩小照片再提交")
    return data


def _what_is_it(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<head", b"<body")) or b"<html" in head:
        return "网页（HTML）文件"
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return "SVG 矢量图"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc", b"ftypavif"):
        return "HEIC 照片（苹果手机默认格式）"
    if data[:4] == b"%PDF":
        return "PDF 文件"
    if data[:2] == b"BM" or data[:4] in (b"II*\x00", b"MM\x00*"):
        return "BMP/TIFF 图片"
    if not data:
        return "空文件"
    return "无法识别的文件"


def open_checked(data: bytes, name: str, display: str, line: int = 1, column: int = 1,
                 max_pixels: int = MAX_PIXELS,
                 prepare: Callable[[Image.Image], None] | None = None) -> Checked:
    """Decode `data` (the bytes of a file called `name`) only if it is a real
    JPEG/PNG/WebP/GIF of sane size. The pixels are loaded here, so a truncated
    file fails now rather than half-way through resizing. `prepare` runs
    after the header checks and before decoding."""
    with warnings.catch_warnings():
        # Pillow warns (not raises) between its limit and twice it; we refuse both.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(io.BytesIO(data), formats=FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _bomb(display, line, column, name, None, max_pixels) from None
        except UnidentifiedImageError:
            raise _finding(display, line, column, "image-format",
                           f"“{name}”不是可用的图片：内容是{_what_is_it(data)}，与扩展名无关",
                           FORMAT_FIX) from None
        except Exception as exc:  # noqa: BLE001 - any parser failure is bad input
            raise _decode_error(display, line, column, name, exc) from None
        w, h = im.size
        if w <= 0 or h <= 0 or w * h > max_pixels:
            raise _bomb(display, line, column, name, (w, h), max_pixels)
        try:
            if getattr(im, "n_frames", 1) > 1:
                im.seek(0)  # animated GIF/WebP: the first frame stands for the image
            if prepare is not None:
                prepare(im)  # e.g. ask the JPEG decoder for a reduced size
            im.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _bomb(display, line, column, name, (w, h), max_pixels) from None
        except Exception as exc:  # noqa: BLE001
            raise _decode_error(display, line, column, name, exc) from None
    return Checked(image=im, data=data, format=im.format or "")


def _bomb(display: str, line: int, column: int, name: str, size: tuple[int, int] | None,
          limit: int) -> CongressError:
    dims = f"声明的尺寸为 {size[0]}×{size[1]} 像素，" if size else ""
    return _finding(display, line, column, "image-bomb",
                    f"图片“{name}”{dims}超过 {limit / 1_000_000:g} 百万像素的安全上限（疑似“解压炸弹”）",
                    "请换用正常尺寸的照片（长边 3000 像素左右即可）")


def _decode_error(display: str, line: int, column: int, name: str, exc: Exception) -> CongressError:
    text = str(exc).lower()
    if isinstance(exc, EOFError) or "truncated" in text or "broken data stream" in text:
        return _finding(display, line, column, "image-truncated", f"图片“{name}”不完整（文件被截断）",
                        "请重新从原始来源复制或下载这张照片")
    return _finding(display, line, column, "image-format", f"图片“{name}”已损坏，无法解码",
                    "请用看图软件打开确认，并另存为 JPEG 或 PNG 后重新提交")

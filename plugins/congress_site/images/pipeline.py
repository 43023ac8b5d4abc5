"""`ImagePipeline`: from a file in the repository to a `Picture` whose
variants sit in the cache, ready for the site generator to copy."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..findings import CongressError, Finding
from . import process
from .cache import ImageCache, content_key
from .picture import Picture, Variant
from .safety import MAX_BYTES, MAX_PIXELS, open_checked, read_limited, resolve_inside

MEDIA_PREFIX = "media/"


@dataclass
class Stats:
    """What the pipeline did, for benchmarks and the build log."""

    processed: int = 0  # images encoded in this process
    cached: int = 0  # images found ready in the cache
    source_bytes: int = 0
    output_bytes: int = 0  # every variant written or reused
    seconds: float = 0.0


class ImagePipeline:
    """One per site build (or per `mkdocs serve` session: it remembers what
    it has seen, keyed by path, size and mtime, so a rebuild does not even
    re-read unchanged files)."""

    def __init__(self, root: Path, cache_dir: Path, widths: tuple[int, ...] = process.WIDTHS,
                 max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS):
        self.root = Path(root).resolve()
        self.cache = ImageCache(Path(cache_dir))
        self.widths = tuple(sorted(set(widths)))
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels
        self.stats = Stats()
        self._settings = (f"w={','.join(map(str, self.widths))};webp={process.WEBP_QUALITY};"
                          f"jpg={process.JPEG_QUALITY};max={max_pixels}")
        self._seen: dict[tuple[str, int, int], Picture] = {}
        self._outputs: dict[str, Path] = {}
        # publish() may run in threads (Pillow releases the GIL while it
        # decodes, resizes and encodes); the bookkeeping takes this lock.
        self._lock = threading.Lock()

    # ------------------------------------------------------------ public API

    def resolve(self, base_file: Path, relative: str, display: str, line: int = 1,
                column: int = 1) -> Path:
        return resolve_inside(self.root, base_file, relative, display, line, column)

    def publish_relative(self, base_file: Path, relative: str, display: str, line: int = 1,
                         column: int = 1) -> Picture:
        """`resolve_inside` then `publish`: for `cover:` and `photo:` fields."""
        return self.publish(self.resolve(base_file, relative, display, line, column), display, line, column)

    def publish(self, source: Path, display: str, line: int = 1, column: int = 1) -> Picture:
        """Validate and process `source` (cached) and return its Picture. Bad
        input raises CongressError whose finding points at `display`."""
        started = time.perf_counter()
        try:
            return self._publish(Path(source), display, line, column)
        finally:
            with self._lock:
                self.stats.seconds += time.perf_counter() - started

    def outputs(self) -> dict[str, Path]:
        """Every site-relative URI produced since `start_build()` → the cached
        file to copy there."""
        with self._lock:
            return dict(self._outputs)

    def start_build(self) -> None:
        """Forget which files the previous build used (the cache stays), so
        a serve rebuild does not keep publishing images nobody references."""
        with self._lock:
            self._outputs.clear()

    # -------------------------------------------------------------- workings

    def _publish(self, source: Path, display: str, line: int, column: int) -> Picture:
        real = source.resolve()
        if not real.is_relative_to(self.root):
            raise CongressError(Finding(display, line, column, "image-outside",
                                        f"图片“{source.name}”不在仓库内", fix="请把图片放进仓库后用相对路径引用"))
        try:
            st = real.stat()
        except OSError:
            raise CongressError(Finding(display, line, column, "image-missing", f"找不到图片“{source.name}”",
                                        fix="请核对文件名和路径")) from None
        memo_key = (str(real), st.st_size, st.st_mtime_ns)
        with self._lock:
            picture = self._seen.get(memo_key)
        if picture is None:
            data = read_limited(real, display, line, column, self.max_bytes)
            key = content_key(data, self._settings)
            picture = self._cached(key)
            fresh = picture is None
            if fresh:
                picture = self._process(data, key, source.name, display, line, column)
            written = sum(self.cache.file(u.rsplit("/", 1)[-1]).stat().st_size for u in picture.uris)
            with self._lock:
                self._seen[memo_key] = picture
                if fresh:
                    self.stats.processed += 1
                else:
                    self.stats.cached += 1
                self.stats.source_bytes += len(data)
                self.stats.output_bytes += written
        with self._lock:
            for uri in picture.uris:
                self._outputs[uri] = self.cache.file(uri.rsplit("/", 1)[-1])
        return picture

    def _process(self, data: bytes, key: str, name: str, display: str, line: int, column: int) -> Picture:
        checked = open_checked(data, name, display, line, column, self.max_pixels,
                               prepare=lambda im: process.draft_for_widths(im, self.widths))
        try:
            clean = process.normalise(checked.image)
            encoded = process.variants(clean, self.widths)
        except (OSError, ValueError) as exc:
            raise CongressError(Finding(display, line, column, "image-format",
                                        f"图片“{name}”无法处理：{exc}",
                                        fix="请用看图软件另存为 JPEG 后重新提交")) from None
        finally:
            checked.image.close()
        files: dict[str, bytes] = {}
        webp: list[Variant] = []
        jpeg: list[Variant] = []
        for enc in encoded:
            fname = f"{key}-{enc.width}.{enc.fmt}"
            files[fname] = enc.data
            (webp if enc.fmt == "webp" else jpeg).append(Variant(MEDIA_PREFIX + fname, enc.width, enc.height))
        webp.sort(key=lambda v: v.width)
        jpeg.sort(key=lambda v: v.width)
        picture = Picture(key=key, width=webp[-1].width, height=webp[-1].height,
                          webp=tuple(webp), jpeg=tuple(jpeg), source_bytes=len(data))
        try:
            self.cache.store(key, files, picture.to_dict())
        except OSError as exc:
            raise CongressError(Finding(display, line, column, "image-cache",
                                        f"无法写入图片缓存目录 {self.cache.root}：{exc.strerror or exc}",
                                        fix="请检查磁盘空间和该目录的写入权限")) from None
        return picture

    def _cached(self, key: str) -> Picture | None:
        manifest = self.cache.load(key)
        if manifest is None:
            return None
        try:
            picture = Picture.from_dict(manifest, MEDIA_PREFIX)
        except (KeyError, TypeError, ValueError, IndexError):
            return None  # a damaged manifest is a cache miss
        self.cache.touch(key)  # still in use: keep it from being pruned
        return picture

"""A content-addressed store of processed images.

The key is a hash of the source bytes and of the settings that shape the
output, so an unchanged photo is processed once, ever: across builds,
`mkdocs serve` rebuilds and renames of the source file. A manifest written
last (atomically) marks an entry complete; a crash mid-way leaves no entry
that looks finished.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

# Bump when the processing changes in a way that should re-encode everything.
PIPELINE_VERSION = "1"


def content_key(data: bytes, settings: str) -> str:
    h = hashlib.sha256()
    h.update(f"congress-images:{PIPELINE_VERSION}:{settings}\0".encode())
    h.update(data)
    return h.hexdigest()[:12]


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ImageCache:
    """Files live flat in `root` as `<key>-<width>.<ext>`, which is also their
    name on the site, plus `<key>.json` describing the entry."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def file(self, name: str) -> Path:
        return self.root / name

    def manifest_path(self, key: str) -> Path:
        return self.root / f"{key}.json"

    def load(self, key: str) -> dict | None:
        """The manifest of a complete entry, or None (missing, damaged, or a
        file it lists has gone)."""
        try:
            manifest = json.loads(self.manifest_path(key).read_text("utf-8"))
            names = [v["name"] for v in manifest["variants"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not all(self.file(n).is_file() for n in names):
            return None
        return manifest

    def store(self, key: str, files: dict[str, bytes], manifest: dict) -> None:
        for name, data in files.items():
            write_atomic(self.file(name), data)
        write_atomic(self.manifest_path(key), json.dumps(manifest, ensure_ascii=False, indent=1).encode())

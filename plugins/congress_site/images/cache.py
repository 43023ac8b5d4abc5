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
import time
from pathlib import Path

from ..atomicfile import write_atomic

# Bump when the processing changes in a way that should re-encode everything.
PIPELINE_VERSION = "1"
# Entries no build has used for this long are deleted, so the cache does not
# keep every version of every photo ever committed.
MAX_AGE_DAYS = 30


def content_key(data: bytes, settings: str) -> str:
    h = hashlib.sha256()
    h.update(f"congress-images:{PIPELINE_VERSION}:{settings}\0".encode())
    h.update(data)
    return h.hexdigest()[:12]


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

    def touch(self, key: str) -> None:
        """Mark an entry as used now (its manifest's mtime is its last use)."""
        try:
            os.utime(self.manifest_path(key))
        except OSError:
            pass

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Delete entries unused for `max_age_days` and leftovers of crashed
        writes. Returns how many entries went."""
        if not self.root.is_dir():
            return 0
        now = time.time()
        removed = 0
        for manifest in self.root.glob("*.json"):
            try:
                if now - manifest.stat().st_mtime < max_age_days * 86400:
                    continue
                key = manifest.stem
                for variant in self.root.glob(f"{key}-*"):
                    variant.unlink(missing_ok=True)
                manifest.unlink(missing_ok=True)
                removed += 1
            except OSError:
                continue  # another build got there first
        for tmp in self.root.glob(".*.tmp"):  # left by a writer that was killed
            try:
                if now - tmp.stat().st_mtime > 86400:
                    tmp.unlink(missing_ok=True)
            except OSError:
                continue
        return removed

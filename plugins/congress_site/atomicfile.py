"""Replacing a file at once, for the caches and generated files that
several processes may write at the same time (`serve` and `congress
check`, two builds of one site)."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes | str) -> None:
    """Put `data` (text as UTF-8) at `path`, making its folder if need be.
    A reader sees the old file or the new one, never a part of either. Each
    writer writes a temporary file of its own, so two writers cannot mix
    their bytes; and a new file, never written through, since the old one
    may be a hard link into the published site. It gets the mode a plain
    `open` would give: the file may be published."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

"""Compressed copies of a built site's text files, made once at build time.

Compressing is the web server's job, but a server that compresses each
response spends its CPU on every request and, set up without it, sends
readers on slow phone networks three to five times the bytes. So each text
file gets `NAME.gz` and `NAME.br` (Brotli) beside it, and any static server
can send those as they are: nginx with `gzip_static on;` (and `brotli_static on;` where its Brotli module is
installed), Caddy with `precompressed`, Apache with rewrite rules.

The copies are byte-reproducible (no time stamp in the gzip header), and a
file that is byte-identical to the one in the previous site reuses that
site's copies instead of being compressed again.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import tree
from .atomic import rewrite, share

# Text that browsers fetch. Pagefind's own index files (.pf_*) are
# compressed by Pagefind already; images and fonts gain nothing; source
# maps are fetched only by a developer's tools.
TEXT_SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ics", ".webmanifest")
MIN_BYTES = 256  # below this the headers outweigh the saving
ENCODINGS = (".gz", ".br")
BEST_MAX_BYTES = 256 * 1024  # the stylesheets and scripts pages load; Material's unused search files are larger


@dataclass
class CompressReport:
    files: int = 0  # text files that have copies
    reused: int = 0  # of them, those whose copies came from the previous site


def precompress(site: Path, previous: Path | None = None, current: Collection[str] = (),
                found: list[tuple[str, str]] | None = None) -> CompressReport:
    """Write `.gz` and `.br` beside every text file of `site` that they
    make smaller; copies from `previous` (the site being replaced) are
    reused where its file has the same bytes. `current`: files (paths
    relative to `site`) whose copies are already beside them and current.
    `found`: the text files of `site` as tree.files lists them, when the
    caller has walked the site already. zlib and Brotli let go of the
    interpreter while they work, so threads use every core."""
    report = CompressReport()
    current = frozenset(current)
    todo = []
    for file in tree.files(site, TEXT_SUFFIXES) if found is None else found:
        if file[1] in current:  # most files of a publish: counted, never opened
            report.files += 1
            report.reused += 1
        else:
            todo.append(file)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for done in pool.map(partial(_one_file, previous), todo, chunksize=32):
            if done is not None:
                report.files += 1
                report.reused += done
    return report


def _one_file(previous: Path | None, found: tuple[str, str]) -> bool | None:
    """Copies of one file (`found`: its path and its path relative to the
    site): whether they were reused from `previous`, or None when no copy
    is smaller than the file."""
    full, rel_name = found
    path = Path(full)
    data = path.read_bytes()
    if len(data) < MIN_BYTES:
        _drop_stale(path, ENCODINGS)
        return None
    rel = Path(rel_name)
    if previous is not None and _take_over(previous / rel, data, path):
        return True
    packed = _compress(data, best=rel.parts[0] == "assets" and len(data) <= BEST_MAX_BYTES)
    kept = False
    for suffix, blob in packed.items():
        if len(blob) >= len(data):
            _drop_stale(path, (suffix,))  # a site built in place may hold an old one
            continue
        rewrite(path.with_name(path.name + suffix), blob)  # never into a reused page's linked copy
        kept = True
    return False if kept else None


def _compress(data: bytes, best: bool) -> dict[str, bytes]:
    """Stylesheets and scripts, loaded by every page, get the highest levels.
    Pages get levels that are 15 to 60 times faster (Brotli 11 manages under
    1 MB/s, and a province's archive is hundreds of MB) for 1 to 12 % more
    bytes: Brotli 5 still beats gzip's best by 8 %."""
    import brotli

    if best:
        return {".gz": gzip.compress(data, compresslevel=9, mtime=0), ".br": brotli.compress(data, quality=11)}
    return {".gz": gzip.compress(data, compresslevel=6, mtime=0), ".br": brotli.compress(data, quality=5)}


def _take_over(old: Path, data: bytes, path: Path) -> bool:
    """Put the previous build's copies of a file whose bytes did not change
    beside `path`, as hard links (atomic.share): neither read nor written
    again. False, and nothing placed, when there are none to take."""
    try:
        if old.stat().st_size != len(data) or old.read_bytes() != data:
            return False
        copies = [(old.with_name(old.name + suffix), path.with_name(path.name + suffix)) for suffix in ENCODINGS]
        if not all(published.is_file() for published, _ in copies):
            return False
        for published, staged in copies:
            share(published, staged)
        return True
    except OSError:
        return False


def _drop_stale(path: Path, suffixes: tuple[str, ...]) -> None:
    for suffix in suffixes:
        path.with_name(path.name + suffix).unlink(missing_ok=True)

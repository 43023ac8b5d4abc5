"""Reusing the previous build's pages whose inputs did not change.

An engine renders every page on every build; a site of 10,000 stories then
spends most of a publish re-rendering pages one new story never touched.
Each generated page gets a key: a content hash of what the page is made of
(its Markdown as the engine receives it, the page object its template
shows) and of what every page is made of (the site-wide `salt`: templates,
mkdocs.yml, hand-written pages, pictures, the build date, the versions of
this package and of the engine and theme). When the key equals the one of
the page in the published site, and that file is still the one that build
published (same size and modification time, as make and rsync judge it),
the file is taken over instead of rendered, with its compressed copies (a
hard link: see atomic.share): the output is the same bytes a full build
writes, and a large site's unchanged pages are never read.

The previous output is the cache: nothing is stored twice. The manifest
(key, digest, anchors, size and time per page) and, beside it, the census
of what the pages ask of the stylesheet (census.py) are written only when
a build was published, so they always describe the site on disk. Pages
are not reused when rendering them said anything (a warning, a finding),
so a problem is reported on every build, as before; nor when they carry
body images, whose files are published as a side effect of rendering.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ..atomicfile import write_atomic
from ..devserver.fingerprint import Fingerprinter
from ..findings import CongressError, Finding
from .assets import PublishedSheets
from .atomic import share
from .census import Census, page_digest

FORMAT = 2
COPIES = (".gz", ".br")  # compressed copies a published page may have beside it (output/compress.py)


@dataclass(frozen=True)
class Reused:
    path: str  # the published file, taken over when the page is written: a large site is not held in memory
    anchors: list[str]


class PageCache:
    def __init__(self, manifest: Path, previous_site: Path, salt: str) -> None:
        self.manifest = manifest
        self.previous_site = previous_site
        self._previous = str(previous_site) + os.sep  # lookup joins it with every page: no Path per page
        self.salt = salt
        self._fp = Fingerprinter(salt)
        old = _read(manifest)
        self._old: dict[str, list] = old["pages"]
        # What the published pages ask of the stylesheet (census.py), and
        # that of this build's pages once it is taken.
        self.last_census = Census.load(self._census_file)
        self._sheets = PublishedSheets(previous_site)
        self.census: Census | None = None
        self._new: dict[str, list] = {}
        self._reused: dict[str, Reused] = {}
        self._rewritten: set[str] = set()  # pages changed on disk after the engine (see rewritten)
        self._pending: dict[str, tuple[str, str]] = {}  # src_uri → (key, dest) of a page being rendered
        # Pages being rendered → the engine's warning count when their step
        # began; a page whose render said something is dropped from it.
        self._quiet: dict[str, int] = {}
        self.warnings = WarningCounter()
        self.quiet = QuietCopies(self)
        self._after_last_page = 0
        self.rendered = 0
        self.placed: set[str] = set()  # dests taken over with all their compressed copies
        self._folders: set[str] = set()  # folders of the staging site made so far
        self._vacated: list[tuple[str, str]] = []  # (staging folder, folder of a linked page removed there)

    @property
    def reused(self) -> int:
        return len(self._reused)

    def reused_page(self, src_uri: str) -> Reused | None:
        return self._reused.get(src_uri)

    def place(self, src_uri: str, dest: Path) -> None:
        """Write a reused page into the new build: the published file (never
        read here) and its compressed copies, which are then current too."""
        reused = self._reused[src_uri]
        try:
            complete = _link_page(reused.path, str(dest), self._folders)
        except OSError as exc:
            raise CongressError(Finding(reused.path, 1, 1, "published-page-changed",
                                        f"构建期间，已发布网站中的这个页面无法读取（{exc.strerror}）",
                                        "请不要在构建时修改网站目录，然后重新构建")) from exc
        self._taken(self._new[src_uri][1], complete)

    def _taken(self, dest: str, complete: bool) -> None:
        if complete:  # else the compressor looks at the page as at any other
            self.placed.add(dest)

    def settle(self, linked: dict[str, bool | None], staging: Path, taken_over: dict[str, str]) -> list[str]:
        """Before the engine writes anything: of the pages `prelink` linked
        into `staging`, those taken over (`taken_over`, src_uri: dest) stay,
        and every other is removed, so no write can go through a link into
        the published site. Returns the pages taken over still to be placed."""
        keep = {dest for dest in taken_over.values() if linked.get(dest) is not None}
        into = str(staging) + os.sep
        for dest in linked.keys() - keep:
            for name in (dest, *(dest + suffix for suffix in COPIES)):
                try:
                    os.unlink(into + name)
                except FileNotFoundError:
                    pass
            self._vacated.append((into, os.path.dirname(dest)))
        for dest in keep:
            self._taken(dest, bool(linked[dest]))
        return [uri for uri, dest in taken_over.items() if dest not in keep]

    def key(self, markdown: str, shown: Any) -> str:
        """The page's key from the Markdown the engine renders and the page
        object its template receives."""
        return self._fp.page(markdown, shown)

    def lookup(self, src_uri: str, key: str, dest: str) -> Reused | None:
        """The previous build's file of this page, if its key is unchanged and
        the file is still what that build wrote. Otherwise the page is to be
        rendered (its Markdown step begins with `markdown_begins`)."""
        entry = self._old.get(src_uri)
        path = self._previous + dest
        if entry is None or entry[0] != key or entry[1] != dest or _as_described(path, entry) is None:
            self._pending[src_uri] = (key, dest)
            self._quiet[src_uri] = self.warnings.count
            return None
        self._new[src_uri] = entry
        self._reused[src_uri] = reused = Reused(path, list(entry[3]))
        return reused

    def markdown_begins(self, src_uri: str) -> None:
        """The engine starts on a page to render: what is logged from now on
        is about it."""
        if src_uri in self._quiet:
            self._quiet[src_uri] = self.warnings.count

    def markdown_done(self, src_uri: str, *, said: bool) -> None:
        """The engine rendered the page's Markdown; `said`: we reported
        something about it, or published files on the way (body images)."""
        if src_uri in self._quiet and (said or self._quiet[src_uri] != self.warnings.count):
            del self._quiet[src_uri]

    def template_begins(self, src_uri: str) -> None:
        if src_uri in self._quiet:
            self._quiet[src_uri] = self.warnings.count

    def as_published(self, output: str) -> str:
        """A page as the engine would write it, naming the cut stylesheets
        the published site links instead of Material's (assets.lighten
        repoints it should this build's cut differ)."""
        return self._sheets.apply(output)

    @property
    def dropped_sheets(self) -> set[str]:
        """Kinds of sheet whose links `as_published` left out."""
        return self._sheets.dropped

    def rendered_page(self, src_uri: str, output: str, anchors: set[str] | None) -> None:
        """The page as the engine writes it; kept for reuse if nothing was
        said while rendering it."""
        self._after_last_page = self.warnings.count
        pending = self._pending.pop(src_uri, None)
        start = self._quiet.pop(src_uri, None)
        if pending is None:  # not a generated page (a hand-written one)
            return
        self.rendered += 1
        if start != self.warnings.count:
            return
        key, dest = pending
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        self._new[src_uri] = [key, dest, page_digest(data), sorted(anchors or ()), 0, 0]  # size, time: at save

    def pages_done(self) -> None:
        """After the engine's last page. Warnings since (its anchor checks)
        cannot be tied to a page: then none of the rendered pages is kept."""
        if self.warnings.count > self._after_last_page:
            self._new = {uri: entry for uri, entry in self._new.items() if uri in self._reused}
        # A page gone from the site leaves no folder behind, as in a full
        # build: a server answers an empty folder with 403, not 404.
        for into, folder in self._vacated:
            while folder:
                try:
                    os.rmdir(into + folder)
                except OSError:  # not empty (the page was rendered again), or gone
                    break
                folder = os.path.dirname(folder)

    @property
    def digests(self) -> dict[str, str]:
        """dest → digest of the page this build placed there: the published
        one for a page taken over, the engine's bytes for a page rendered."""
        return {entry[1]: entry[2] for entry in self._new.values()}

    def rewritten(self, digests: dict[str, str]) -> None:
        """Pages changed on disk after the engine wrote them (pointed at the
        cut stylesheets; dest → digest of the new bytes): the compressed
        copies placed with them are no longer current."""
        self.placed -= digests.keys()
        for uri, entry in self._new.items():
            if entry[1] in digests:
                entry[2] = digests[entry[1]]
                self._rewritten.add(uri)  # a file of its own now, no longer the published one

    def save(self, site: Path) -> None:
        """After the build was published into `site`: the manifest of the
        site now on disk, with each file's size and modification time. A
        page taken over is the published file itself (a hard link), whose
        size and time its entry already holds; should someone have changed
        that file meanwhile, the entry no longer matches it and the next
        build renders the page again."""
        for uri, entry in list(self._new.items()):
            if uri in self._reused and uri not in self._rewritten:
                continue
            try:
                st = (site / entry[1]).stat()
            except OSError:
                del self._new[uri]
                continue
            entry[4:] = [st.st_size, st.st_mtime_ns]
        write_atomic(self.manifest, json.dumps({"format": FORMAT, "salt": _digest(self.salt.encode()),
                                                "pages": self._new}, ensure_ascii=False, separators=(",", ":")))
        if self.census is not None:
            self.census.save(self._census_file)
        else:
            self._census_file.unlink(missing_ok=True)  # it would describe the site replaced

    @property
    def _census_file(self) -> Path:
        return self.manifest.with_name("census.json")


def claim(path: Path) -> bool:
    """Create `path` if nobody has: the worker and the build each try once,
    and only the first links pages ahead (the build, by placing them itself)."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    return True


def prelink(manifest: Path, published: Path, staging: Path, linking: Path,
            recycled: Path | None = None) -> dict[str, bool | None]:
    """For a worker process, while the build loads records and plans the
    site: each page of the published site's manifest that is still as that
    build wrote it, hard-linked into the fresh `staging` folder with its
    compressed copies. Returns dest → whether all copies were there, or
    None for a page linked only in part (it is removed, never kept). Most
    pages will be taken over unchanged; `PageCache.settle` removes the
    others before the engine writes a file. Nothing is linked if the build
    claimed `linking` first: it no longer waits for this.

    `recycled`: a replaced site (atomic.AtomicOutput.begin), moved into
    `staging` first. Most of its files are already links to the published
    pages, and its folders are the ones needed: those stay, and every other
    file it holds is removed, so `staging` ends as linking into an empty
    folder would leave it, at a fraction of the file operations."""
    linked: dict[str, bool | None] = {}
    if not claim(linking):
        return linked
    present, folders = _recycle(recycled, staging) if recycled is not None else ({}, [])
    made = set(folders)
    device = os.stat(staging).st_dev
    source, into = str(published) + os.sep, str(staging) + os.sep
    for entry in _read(manifest)["pages"].values():
        dest = entry[1] if isinstance(entry, list) and len(entry) == 6 else None
        page = _as_described(source + dest, entry) if _plain_page(dest) else None
        if page is None:
            continue
        linked[dest] = None
        try:
            linked[dest] = _link_page(source + dest, into + dest, made, present, device, page)
        except OSError:
            continue
    if present:
        _clear(present, folders)
    return linked


def _recycle(recycled: Path, staging: Path) -> tuple[dict[str, int], list[str]]:
    """Move what `recycled` holds into the empty `staging` folder. Returns
    its files (path → inode; -1 for a link or anything not a plain file,
    which is never kept) and its folders, each after its parent."""
    present: dict[str, int] = {}
    folders: list[str] = []
    try:
        children = list(os.scandir(recycled))
    except OSError:
        return present, folders
    for child in children:
        os.rename(child.path, os.path.join(staging, child.name))
    os.rmdir(recycled)
    stack = [str(staging)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    stack.append(entry.path)
                else:
                    present[entry.path] = entry.inode() if entry.is_file(follow_symlinks=False) else -1
    return present, folders


def _clear(stale: dict[str, int], folders: list[str]) -> None:
    """Remove the recycled files no published page kept, then the folders
    that leaves empty, deepest first, as a build into an empty folder
    would not have made them."""
    for path in stale:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
    for folder in reversed(folders):
        try:
            os.rmdir(folder)
        except OSError:  # not empty: the usual case
            pass


def _plain_page(dest: object) -> bool:
    """A page's path inside a site, as the engine writes it: relative, no
    step up, nothing odd. The manifest sits in a cache a CI run restores; a
    path outside the staging folder is never linked."""
    return (isinstance(dest, str) and dest.endswith(".html") and not dest.startswith("/")
            and posixpath.normpath(dest) == dest and not dest.startswith("../")
            and not any(c in dest for c in "\\\0"))


def _link_page(source: str, target: str, folders: set[str], present: dict[str, int] | None = None,
               device: int = -1, page: os.stat_result | None = None) -> bool:
    """A published page and its compressed copies into the staging folder
    (atomic.share); whether all copies were there. `folders`: those made.
    `present`: recycled files in the staging folder (see prelink); one that
    is already this published file stays, and leaves `present`. `page`:
    the published page's status, when the caller has it already."""
    folder = os.path.dirname(target)
    if folder not in folders:
        try:
            os.mkdir(folder)  # its parent is nearly always made already
        except FileExistsError:
            pass
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        folders.add(folder)
    _place(source, target, present, device, page)
    complete = True
    for suffix in COPIES:
        try:
            _place(source + suffix, target + suffix, present, device)
        except FileNotFoundError:
            complete = False
    return complete


def _place(published: str, staged: str, present: dict[str, int] | None, device: int,
           status: os.stat_result | None = None) -> None:
    inode = present.get(staged) if present is not None else None
    if inode is not None:
        if inode >= 0:
            st = status or os.stat(published)  # a missing published file raises, and `_clear` removes the recycled one
            if st.st_ino == inode and st.st_dev == device:
                del present[staged]
                return
        # Removed first, not by way of a link that fails on it: after a full
        # build, no recycled file is a published one.
        os.unlink(staged)
        del present[staged]
    share(published, staged)


def _read(manifest: Path) -> dict:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"pages": {}}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("pages"), dict):
        return {"pages": {}}
    return data


def _as_described(path: str, entry: list) -> os.stat_result | None:
    """The published file's status if it is the one the manifest
    describes, else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st if len(entry) == 6 and st.st_size == entry[4] and st.st_mtime_ns == entry[5] else None


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tree_digest(*paths: Path) -> str:
    """Content hash of files and folders (every file under a folder, by
    relative path), for the site-wide salt."""
    h = hashlib.blake2b(digest_size=16)
    for root in paths:
        if root.is_file():
            h.update(root.name.encode())
            h.update(root.read_bytes())
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def versions(*distributions: str) -> str:
    out = []
    for name in distributions:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=?")
    return ",".join(out)


class QuietCopies(logging.Filter):
    """A reused page is no news: the engine reports one left with it as a
    page with no output ("skipped"), and links to one it never saw as links
    to a page excluded from the site."""

    LINK = re.compile(r"Doc file '.*' contains a link to '(.*)' which is excluded from the built site\.")

    def __init__(self, cache: PageCache) -> None:
        super().__init__()
        self.cache = cache

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.msg
        if not isinstance(msg, str):
            return True
        if msg.startswith("Page skipped: '"):
            return self.cache.reused_page(msg[len("Page skipped: '"):].split("'", 1)[0]) is None
        if (m := self.LINK.fullmatch(msg)) is not None:
            return self.cache.reused_page(m.group(1)) is None
        return True


class WarningCounter(logging.Handler):
    """Counts warnings and errors the engine logs, so a page whose render
    said something is not reused (it must say it again next build)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def build_salt(settings, *, site: Any, menu: Any, theme_dirs: list[Path], config_file: Path | None,
               hand_pages: list[Path], pictures: dict) -> str:
    """What every generated page is made of besides its own record: the
    build date and settings, our templates and code, the engine's and
    theme's versions, mkdocs.yml, the menu and footer, the hand-written
    pages (their titles are in the menu), and covers and photos by content."""
    package = Path(__file__).resolve().parents[1]
    files = [p for p in (*theme_dirs, config_file, *hand_pages) if p is not None and p.exists()]
    images = sorted((str(k), p.key) for k, p in pictures.items())
    return repr((settings.today, settings.preview, settings.site_url, settings.site_name, settings.options,
                 versions("mkdocs", "mkdocs-material", "properdocs", "markdown", "pymdown-extensions", "jinja2"),
                 tree_digest(package), tree_digest(*files), site, menu, images))

"""All-or-nothing site output.

MkDocs empties `site_dir` before it builds, so a build that fails half way
leaves readers a half site. Instead the build writes into a fresh folder next
to `site_dir` (same file system, so renames are cheap) and only a build that
succeeded replaces the previous site; a failed one is thrown away and the
previous site stays as it was, byte for byte.

Deleting a replaced site takes as long as writing thousands of small files,
and nothing needs to wait for it: the replaced site is set aside as DONE
and the next build deletes it in a child process (`rm -r`, so the build's
own interpreter is not slowed) while it reads records and renders pages.
Its pages are mostly hard links shared with the new site, so keeping it
until then costs little disk. A build that takes pages over from the
published site recycles one such folder instead (`recycled`): its folders
and its links to pages still published are those the new build needs, so
they need neither deleting nor making again (pagecache.prelink).

Free of MkDocs: `output.run.BuildRun` begins it before pages are written and
commits or abandons it when the build has ended.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.congress")

PREFIX = ".congress-build-"
OLD = ".congress-old-"
DONE = ".congress-done-"  # replaced sites, deleted or recycled by the next build
RECYCLED = ".recycled"  # after the staging folder's name: the replaced site it recycles
STALE_SECONDS = 600.0


@dataclass
class AtomicOutput:
    target: Path
    staging: Path
    removal: subprocess.Popen | threading.Thread | None = field(default=None, compare=False)
    recycled: Path | None = None  # a replaced site set aside for this build to recycle

    @classmethod
    def begin(cls, site_dir: str | os.PathLike, recycle: bool = False) -> AtomicOutput:
        """Create the staging folder beside `site_dir`. Leftovers of builds
        that were killed (Ctrl-C) are removed first. Where nothing can be
        created beside it (a read-only parent), the build goes in place.
        `recycle`: set one replaced site aside for the build to recycle
        (pagecache.prelink); the others are deleted in the background."""
        target = Path(site_dir).resolve()
        parent = target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            sweep(target)
            staging = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{target.name}-", dir=parent))
        except OSError as exc:
            log.warning("无法在 %s 旁建立临时构建目录（%s），本次直接写入网站目录", target, exc.strerror)
            return cls(target, target)
        replaced = sorted(parent.glob(f"{DONE}{target.name}-*"))
        recycled = None
        if recycle and replaced:
            recycled = staging.with_name(staging.name + RECYCLED)  # named so, `sweep` finds it if the build dies
            try:
                os.rename(replaced[0], recycled)
                replaced = replaced[1:]
            except OSError:
                recycled = None
        return cls(target, staging, _remove_in_background(replaced), recycled)

    def _unrecycled(self) -> None:
        """A replaced site the build did not recycle is deleted: its pages
        were placed without linking ahead, as on a site small enough to be
        planned before the worker process had started."""
        recycled, self.recycled = self.recycled, None
        if recycled is not None:
            _remove(recycled)

    def _removed(self) -> None:
        """Wait for the deletion of replaced sites begun with this build."""
        removal, self.removal = self.removal, None
        if isinstance(removal, subprocess.Popen):
            removal.wait()
        elif removal is not None:
            removal.join()

    @property
    def in_place(self) -> bool:
        return self.staging == self.target

    def commit(self) -> None:
        """Put the finished build in place of the previous site. Two renames:
        the old site steps aside, the new one takes its name, then the old
        one is deleted; at no moment is a half-written site in place."""
        self._removed()
        self._unrecycled()
        if self.in_place or not self.staging.is_dir():
            return
        # mkdtemp makes the folder 0700; a published site must be readable.
        self.staging.chmod(0o755)
        aside = None
        if self.target.exists() or self.target.is_symlink():
            aside = Path(tempfile.mkdtemp(prefix=f"{OLD}{self.target.name}-", dir=self.target.parent))
            aside.rmdir()
            try:
                os.replace(self.target, aside)
            except OSError:  # e.g. site_dir is a mount point: it cannot move
                self._replace_contents()
                return
        try:
            os.replace(self.staging, self.target)
        except OSError:
            if aside is not None:  # put the previous site back
                os.replace(aside, self.target)
            raise
        if aside is not None:
            try:
                os.replace(aside, aside.with_name(DONE + aside.name.removeprefix(OLD)))
            except OSError:
                _remove(aside)

    def _replace_contents(self) -> None:
        """Where the site folder itself cannot be renamed, its contents are
        replaced instead: not atomic, but only a finished build gets here."""
        log.warning("网站目录 %s 无法整体替换，改为逐个替换其中的文件", self.target)
        for child in list(self.target.iterdir()):
            _remove(child)
        for child in list(self.staging.iterdir()):
            shutil.move(str(child), str(self.target / child.name))
        _remove(self.staging)

    def empty_staging(self) -> None:
        """Remove whatever the staging folder holds, keeping the folder."""
        if self.in_place:
            return
        for child in list(self.staging.iterdir()):
            _remove(child)

    def abandon(self) -> None:
        """Throw the unfinished build away; the previous site is untouched."""
        self._removed()
        self._unrecycled()
        if not self.in_place:
            _remove(self.staging)


def rewrite(path: Path, data: bytes) -> None:
    """Change a file of the staging folder. A page reused from the published
    site may be a hard link to the published file, and writing into it
    would change the live site (or a site a failed build must leave as it
    was): such a name gets a new file instead. A file no other name shares,
    as every page this build rendered, is written in place: removing and
    creating a file cost the kernel about nine times as much here, which
    after the last page of a large site was seconds of system time."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:  # no file yet, or a symbolic link: a new file either way
        path.unlink(missing_ok=True)
        path.write_bytes(data)
        return
    try:
        st = os.fstat(fd)
        alone = stat.S_ISREG(st.st_mode) and st.st_nlink == 1
        if alone:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.ftruncate(fd, len(data))
    finally:
        os.close(fd)
    if not alone:
        path.unlink()
        path.write_bytes(data)


def share(published: str | Path, staged: str | Path) -> None:
    """Put a published file, unchanged, into the staging folder: a hard link
    (one directory entry, no bytes copied) where the file system allows it,
    else a copy. Everything that changes a staged file goes through
    `rewrite`. A missing published file raises FileNotFoundError."""
    try:
        os.link(published, staged)
    except FileExistsError:
        os.unlink(staged)  # never write through what is there: replace it
        share(published, staged)
    except FileNotFoundError:
        raise
    except OSError:  # another file system, or links not allowed
        if os.path.lexists(staged):
            os.unlink(staged)
        shutil.copyfile(published, staged)


def sweep(target: Path, older_than: float = STALE_SECONDS) -> None:
    """Remove staging and set-aside folders a killed build left beside
    `target`. Recent ones may belong to a build still running, so they stay."""
    now = time.time()
    for pattern in (f"{PREFIX}{target.name}-*", f"{OLD}{target.name}-*"):
        for leftover in target.parent.glob(pattern):
            try:
                age = now - leftover.lstat().st_mtime
            except OSError:
                continue
            if age >= older_than:
                _remove(leftover)


def _remove_in_background(folders: list[Path]) -> subprocess.Popen | threading.Thread | None:
    """Start deleting replaced sites while the build goes on: `rm` in a
    child process where there is one (a thread of this interpreter would
    hold its lock between every two files), else a thread."""
    if not folders:
        return None
    rm = shutil.which("rm")
    if rm:
        try:
            return subprocess.Popen([rm, "-rf", "--", *map(str, folders)], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            pass
    thread = threading.Thread(target=lambda: [_remove(f) for f in folders], name="congress-remove-replaced")
    thread.start()
    return thread


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)

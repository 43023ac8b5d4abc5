"""Where the records of a site live. Plain paths, no record types: the
copy checker and the CLI need a Layout without loading the models."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    """Where the records of a site live."""

    root: Path
    docs_dir: Path
    stories_dir: Path
    profiles_dir: Path
    # The site's hand-written pages when they are not beside the records in
    # docs_dir (a site of a 站群 keeps its own, the records are shared).
    pages_dir: Path | None = None

    @classmethod
    def default(cls, root: Path) -> Layout:
        root = Path(root)
        return cls(root, root / "content", root / "stories", root / "profiles")

    @property
    def legislation_dir(self) -> Path:
        return self.docs_dir / "legislation"

    @property
    def plans_dir(self) -> Path:
        return self.legislation_dir / "plans"

    @property
    def stations_dir(self) -> Path:
        return self.docs_dir / "stations"

    @property
    def columns_file(self) -> Path:
        return self.docs_dir / "columns.yml"

    @property
    def regions_file(self) -> Path:
        return self.docs_dir / "regions.yml"

    @property
    def style_dir(self) -> Path:
        return self.docs_dir / "style"

    def is_record_source(self, src_uri: str) -> bool:
        """Whether a file of docs_dir (by its docs-relative path) is a record
        or a word list rather than a page to publish."""
        from .kinds import is_record_source  # the kinds load the record models: only when asked

        return is_record_source(src_uri)

    def display(self, path: Path | str) -> str:
        # The folders are resolved but not the file itself: a symlinked
        # record is named by its place in the repository, not its target.
        folder, name = _split(os.fspath(path))
        shown = self._shown_dir(folder)
        text = Path(path).as_posix() if shown is None else shown + name
        # A file name that is not UTF-8 (saved on an old Windows
        # machine) is shown with replacement marks: it must print and hash.
        if text.isascii():  # nearly every path: nothing to replace
            return text
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

    def inside(self, path: Path | str) -> bool:
        """Whether `path`, symlinks followed, lies within the repository."""
        if not os.path.islink(path):  # then it resolves to its resolved folder / its name
            return self._folder_inside(_split(os.fspath(path))[0])
        return Path(path).resolve().is_relative_to(self._root)

    # Every record file is displayed and checked: resolve the root and each
    # folder once per Layout (one per build), not several times per file.
    # The folders are keyed by their text: hashing a Path costs more than
    # the lookup saves.
    @cached_property
    def _root(self) -> Path:
        return self.root.resolve()

    @cached_property
    def _folders(self) -> dict[str, tuple[bool, str | None]]:
        return {}

    def _folder(self, folder: str) -> tuple[bool, str | None]:
        """Whether `folder` (resolved) lies within the repository, and what
        `display` puts before a file name in it: the resolved folder
        relative to the root, with a slash ("" for the root); None when it
        lies outside (its files are then shown as given)."""
        known = self._folders.get(folder)
        if known is None:
            resolved = Path(folder).resolve()
            try:
                rel = resolved.relative_to(self._root).as_posix()
                known = (True, "" if rel == "." else rel + "/")
            except ValueError:
                known = (False, None)
            self._folders[folder] = known
        return known

    def _folder_inside(self, folder: str) -> bool:
        return self._folder(folder)[0]

    def _shown_dir(self, folder: str) -> str | None:
        return self._folder(folder)[1]


def _split(text: str) -> tuple[str, str]:
    """A path's folder and name as Path.parent and Path.name give them,
    for a path as pathlib writes it ("." for a bare name)."""
    if text == ".":
        return ".", ""
    folder, name = os.path.split(text)
    return folder or ".", name

"""Making `mkdocs serve --dirty` correct for generated pages.

MkDocs 1.6 treats a file generated from in-memory content as always
modified, and a file backed by a path as modified when its source is newer
than the page it built last time. So in a dirty preview each generated
page is backed by a file in a private folder that is rewritten only when the
page's fingerprint (document + context + site-wide inputs) changes: MkDocs
then re-renders exactly the pages whose inputs changed, and serves the
others from the previous build.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .fingerprint import Fingerprinter


class DirtyPages:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="congress-pages-"))
        self._fingerprints: dict[str, str] = {}
        self.changed: list[str] = []

    def begin(self, salt: str = "") -> bool:
        """Start a build. True when the site-wide inputs (`salt`) changed
        since the last build: then hand-written pages need rendering too."""
        self._previous = set(self._fingerprints)
        self._seen: set[str] = set()
        self.changed = []
        changed = getattr(self, "_salt", None) not in (None, salt)
        self._salt = salt
        return changed

    def source_for(self, src_uri: str, document: str, fingerprint: str) -> Path:
        """The backing file of a generated page, rewritten only on change."""
        self._seen.add(src_uri)
        path = self.folder / src_uri
        if self._fingerprints.get(src_uri) != fingerprint or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(document, encoding="utf-8")
            self._fingerprints[src_uri] = fingerprint
            self.changed.append(src_uri)
        return path

    def gone(self) -> list[str]:
        """Pages generated last time and not this time (a story deleted or renamed)."""
        missing = sorted(self._previous - self._seen)
        for uri in missing:
            self._fingerprints.pop(uri, None)
            (self.folder / uri).unlink(missing_ok=True)
        return missing

    @staticmethod
    def remove_outputs(site_dir: Path, src_uris: list[str]) -> None:
        """Delete the built pages of these generated sources (…/index.md →
        …/index.html), so a dirty preview serves no stale page."""
        for uri in src_uris:
            (site_dir / (uri.removesuffix(".md") + ".html")).unlink(missing_ok=True)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def sources(self, pages: dict, salt: str) -> dict[str, Path]:
        """Backing files of every generated page (src_uri → Page),
        fingerprinted by the page's document and everything it shows plus
        `salt`."""
        fp = Fingerprinter(salt)
        out = {}
        for uri, page in pages.items():
            document = page.document()
            out[uri] = self.source_for(uri, document, fp.page(document, page))
        return out

    def refresh(self, pages: dict, salt: str, hand_outputs: list[Path], site_dir: Path) -> dict[str, Path]:
        """One preview rebuild: the backing files of `pages`, with stale
        output removed. When the site-wide inputs changed, the built
        `hand_outputs` (hand-written pages carry no fingerprint) are removed
        so that the engine renders them again."""
        if self.begin(salt):
            for path in hand_outputs:
                path.unlink(missing_ok=True)
        sources = self.sources(pages, salt)
        self.remove_outputs(site_dir, self.gone())
        return sources


def site_salt(*, today, preview: bool, columns: list, watched: list[Path], hand_pages: list[str],
              pictures: dict) -> str:
    """What every page shows, so a change re-renders them all: the nav
    (columns, hand-written pages), the build date, the preview switch, the
    newest change among `watched` files and folders (our templates and
    mkdocs.yml; Material's own theme only changes on upgrade), and covers
    and photos by content hash (body images are found while rendering)."""
    stamps = []
    for folder in watched:
        items = folder.rglob("*") if folder.is_dir() else [folder]
        stamps.append(max((q.stat().st_mtime_ns for q in items if q.is_file()), default=0))
    images = sorted((k, p.key) for k, p in pictures.items())
    return repr((today, preview, columns, stamps, sorted(hand_pages), images))

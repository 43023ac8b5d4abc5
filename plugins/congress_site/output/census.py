"""What a site's pages ask of Material's stylesheet, counted page by page.

Cutting the stylesheet (assets.py) needs every class, id, element,
attribute and attribute value that some page uses, and every script some
page loads; reading every page for that is a second or more per few
thousand pages on each build. Most of those words the stylesheet never asks
about (every link's address, every heading's id), so each start tag is
reduced to the words that occur in the stylesheet (the cut is the same:
a rule is only ever asked about its own words), and the census counts, for
each reduced tag, how many pages have it, and for each script how many
pages load it.

A build that takes pages over from the published site unchanged then reads
only the others: it adds the pages it wrote and subtracts the published
versions of the pages it replaced or dropped. The census lives in the page
cache's manifest, which describes the published site it counts; a census of
another stylesheet, or one that no longer adds up, is taken again from
every page.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from . import tree

_TAG = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")
_ATTR = re.compile(rb"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_TAG_BODY = re.compile(rb"<[a-zA-Z][^>]*>")
_SCRIPT_SRC = re.compile(rb"""<script\b[^>]*\ssrc=["']?([^"'\s>]+)""")
MAX_VALUE = 64  # longer attribute values are never a selector's


def loaded_scripts(site: Path, page: Path, html: bytes, exists: dict[Path, bool] | None = None) -> set[str]:
    """The site's script files a page loads (`<script src>`; only these can
    add classes to it), as paths relative to `site`. `exists` remembers
    which files are there: thousands of pages name the same few scripts."""
    exists = {} if exists is None else exists
    folder = tree.relative(site, page.parent)
    found = set()
    for src in _SCRIPT_SRC.findall(html):
        url = src.decode("utf-8", "replace").split("?")[0].split("#")[0]
        if "://" in url or url.startswith("//"):
            continue
        rel = posixpath.normpath(url.lstrip("/") if url.startswith("/") else posixpath.join(folder, url))
        if rel == ".." or rel.startswith("../"):
            continue  # outside the site
        path = site / rel
        if path not in exists:
            exists[path] = path.is_file()
        if exists[path]:
            found.add(rel)
    return found


def start_tags(html: bytes) -> set[bytes]:
    """The distinct start tags of a page, attributes and all."""
    return set(_TAG_BODY.findall(html))


def tag_words(tag: bytes) -> Iterator[str]:
    """The words of one start tag as the stylesheet cut reads them:
    `t:` element, `a:` attribute, `c:` class, `i:` id, `v:` value."""
    yield from ("t:" + name.decode().lower() for name in _TAG.findall(tag))
    for name, *quoted in _ATTR.findall(tag):
        name = name.decode("ascii", "replace").lower()
        yield "a:" + name
        value = next((v for v in quoted if v), b"").decode("utf-8", "replace")
        if not value:
            continue
        if name == "class":
            yield from ("c:" + c for c in value.split())
        elif name == "id":
            yield "i:" + value
        if len(value) <= MAX_VALUE:
            yield "v:" + value


def sheet_words(sheets: Iterable[str]) -> frozenset[str]:
    """Every identifier, hash and string in the stylesheets, as written and
    lower-cased: all a rule can ask a page about."""
    import tinycss2

    words: set[str] = set()

    def walk(tokens) -> None:
        for token in tokens:
            kind = token.type
            if kind in ("ident", "string", "hash"):
                words.add(token.value)
                words.add(token.value.lower())
            elif kind == "function":
                walk(token.arguments)
            elif kind in ("[] block", "() block", "{} block"):
                walk(token.content)

    for css in sheets:
        walk(tinycss2.parse_component_value_list(css, skip_comments=True))
    return frozenset(words)


class Census:
    """Reduced start tags and scripts of a site's pages, with the number of
    pages that have each; `sheets`: the cut stylesheet each kind of page
    links (None: the link was dropped), once the cut is made; `pages`: the
    pages counted (paths relative to the site), so that the next build
    knows which to subtract without walking the published site."""

    def __init__(self, words: str, tags: Counter, scripts: Counter, sheets: dict | None = None,
                 pages: list[str] | None = None) -> None:
        self.words = words  # digest of the stylesheet words the tags were reduced to
        self.tags = tags
        self.scripts = scripts
        self.sheets = sheets or {}
        self.pages = pages

    def tokens(self) -> set[str]:
        return {word for tag in self.tags for word in tag.split("\0") if word}

    def to_json(self) -> dict:
        return {"words": self.words, "tags": dict(sorted(self.tags.items())),
                "scripts": dict(sorted(self.scripts.items())), "sheets": self.sheets, "pages": self.pages}

    @classmethod
    def from_json(cls, data: object) -> Census | None:
        """The census a manifest holds, or None if it holds none that adds up."""
        if not isinstance(data, dict):
            return None
        words, tags, scripts, sheets, pages = (data.get(k) for k in ("words", "tags", "scripts", "sheets", "pages"))
        if not (isinstance(words, str) and isinstance(tags, dict) and isinstance(scripts, dict)
                and isinstance(sheets, dict) and isinstance(pages, list)):
            return None  # an earlier version's census without its pages: taken again once
        counts = [*tags.values(), *scripts.values()]
        if not all(isinstance(n, int) and n > 0 for n in counts) or \
                not all(isinstance(k, str) for k in [*tags, *scripts]):
            return None
        if not all(isinstance(v, str) or v is None for v in sheets.values()) or \
                not all(isinstance(page, str) for page in pages):
            return None
        return cls(words, Counter(tags), Counter(scripts), dict(sheets), pages)


class _Reader:
    """A page's reduced start tags and scripts; each distinct tag reduced once."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.key = hashlib.blake2b("\n".join(sorted(words)).encode(), digest_size=16).hexdigest()
        self._memo: dict[bytes, str] = {}
        self._files: dict[Path, bool] = {}

    def page(self, site: Path, path: Path) -> tuple[set[str], set[str]]:
        html = path.read_bytes()
        raw = start_tags(html)
        memo = self._memo
        for tag in raw.difference(memo):  # a set less a dict: looks up each tag, never walks the memo
            memo[tag] = "\0".join(sorted({w for w in tag_words(tag) if w[2:] in self.words}))
        tags = set(map(memo.__getitem__, raw))
        tags.discard("")
        return tags, loaded_scripts(site, path, html, self._files)


def take_census(site: Path, pages: list[Path], words: frozenset[str], *, previous: Path | None = None,
                last: Census | None = None, unchanged: Collection[str] = ()) -> Census:
    """The census of `pages` (the built site's). With the census of the
    published site `previous` (`last`) and the pages taken over from it
    unchanged, only the other pages, old and new, are read: the old ones
    are those `last` counted, not whatever the published folder holds now."""
    reader = _Reader(words)
    rels = [tree.relative(site, page) for page in pages]
    todo = pages
    tags: Counter = Counter()
    scripts: Counter = Counter()
    if last is not None and previous is not None and last.words == reader.key and last.pages is not None \
            and unchanged:
        tags, scripts = Counter(last.tags), Counter(last.scripts)
        try:
            for rel in last.pages:
                if rel not in unchanged:
                    old_tags, old_scripts = reader.page(previous, previous / rel)
                    tags.subtract(old_tags)
                    scripts.subtract(old_scripts)
            adds_up = all(n >= 0 for n in tags.values()) and all(n >= 0 for n in scripts.values())
        except OSError:  # a page it counted is gone: it no longer describes that site
            adds_up = False
        if adds_up:
            todo = [page for page, rel in zip(pages, rels, strict=True) if rel not in unchanged]
        else:
            tags, scripts = Counter(), Counter()  # count again
    for page in todo:
        new_tags, new_scripts = reader.page(site, page)
        tags.update(new_tags)
        scripts.update(new_scripts)
    return Census(reader.key, +tags, +scripts, pages=sorted(rels))

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

A build then reads only the pages that differ from the ones counted: it
adds the pages it wrote anew and subtracts the published versions of the
pages it replaced or dropped. Pages taken over from the published site are
not read at all, and a page written again byte for byte (most pages of a
full build, when only the build date or this package changed) is known by
the digest the census keeps of every page. The census is kept beside the
page cache's manifest (`census.json`), written when the site it counts is
published; a census of another stylesheet, one whose published pages are
no longer the bytes it counted, or one that does not add up is taken
again from every page.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ..atomicfile import write_atomic
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
    pages counted (paths relative to the site) with a digest of the bytes
    counted, so that the next build knows which to subtract without walking
    the published site, and which pages it wrote again unchanged."""

    def __init__(self, words: str, tags: Counter, scripts: Counter, sheets: dict | None = None,
                 pages: dict[str, str] | None = None) -> None:
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
        """The census a file holds, or None if it holds none that adds up."""
        if not isinstance(data, dict):
            return None
        words, tags, scripts, sheets, pages = (data.get(k) for k in ("words", "tags", "scripts", "sheets", "pages"))
        if not (isinstance(words, str) and isinstance(tags, dict) and isinstance(scripts, dict)
                and isinstance(sheets, dict) and isinstance(pages, dict)):
            return None  # an earlier version's census without its pages: taken again once
        counts = [*tags.values(), *scripts.values()]
        if not all(isinstance(n, int) and n > 0 for n in counts) or \
                not all(isinstance(k, str) for k in [*tags, *scripts]):
            return None
        if not all(isinstance(v, str) or v is None for v in sheets.values()) or \
                not all(isinstance(v, str) for v in pages.values()):
            return None
        return cls(words, Counter(tags), Counter(scripts), dict(sheets), pages)

    @classmethod
    def load(cls, path: Path) -> Census | None:
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, RecursionError):
            return None

    def save(self, path: Path) -> None:
        write_atomic(path, json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")))


class _Reader:
    """A page's reduced start tags and scripts; each distinct tag reduced once."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.key = hashlib.blake2b("\n".join(sorted(words)).encode(), digest_size=16).hexdigest()
        self._memo: dict[bytes, str] = {}
        self._files: dict[Path, bool] = {}

    def page(self, site: Path, path: Path, html: bytes | None = None) -> tuple[set[str], set[str]]:
        html = path.read_bytes() if html is None else html
        raw = start_tags(html)
        memo = self._memo
        for tag in raw.difference(memo):  # a set less a dict: looks up each tag, never walks the memo
            memo[tag] = "\0".join(sorted({w for w in tag_words(tag) if w[2:] in self.words}))
        tags = set(map(memo.__getitem__, raw))
        tags.discard("")
        return tags, loaded_scripts(site, path, html, self._files)


def take_census(site: Path, pages: list[Path], words: frozenset[str], *, previous: Path | None = None,
                last: Census | None = None, known: Mapping[str, str] | None = None) -> Census:
    """The census of `pages` (the built site's). With the census of the
    published site `previous` (`last`), only the pages whose bytes differ
    from the ones `last` counted are read for their tags, old and new. The
    old pages are those `last` counted, not whatever the published folder
    holds now. `known`: the digests of pages the caller knows without
    reading them back (a page taken over is the published file; a page the
    engine wrote was hashed as it was written); a page whose known digest
    is the one `last` counted is not read at all."""
    reader = _Reader(words)
    usable = last is not None and previous is not None and last.words == reader.key and last.pages is not None
    counted = last.pages if usable else {}
    known = known or {}
    digests: dict[str, str] = {}
    added: Counter = Counter()
    added_scripts: Counter = Counter()
    for page in pages:
        rel = tree.relative(site, page)
        digest = known.get(rel)
        if digest is not None and counted.get(rel) == digest:
            digests[rel] = digest  # as counted: never read
            continue
        html = page.read_bytes()
        digests[rel] = digest = page_digest(html)
        if counted.get(rel) != digest:
            new_tags, new_scripts = reader.page(site, page, html)
            added.update(new_tags)
            added_scripts.update(new_scripts)
    if not any(counted.get(rel) == digest for rel, digest in digests.items()):
        return Census(reader.key, +added, +added_scripts, pages=dict(sorted(digests.items())))  # every page read
    tags, scripts = Counter(last.tags), Counter(last.scripts)
    try:
        for rel, digest in counted.items():
            if digests.get(rel) == digest:
                continue  # counted as it is
            html = (previous / rel).read_bytes()
            if page_digest(html) != digest:
                raise ValueError(rel)  # not the page it counted
            old_tags, old_scripts = reader.page(previous, previous / rel, html)
            tags.subtract(old_tags)
            scripts.subtract(old_scripts)
    except (OSError, ValueError):  # a page it counted is gone or changed: it no longer describes that site
        return take_census(site, pages, words)
    if any(n < 0 for n in tags.values()) or any(n < 0 for n in scripts.values()):
        return take_census(site, pages, words)  # it does not add up: count again
    return Census(reader.key, +(tags + added), +(scripts + added_scripts), pages=dict(sorted(digests.items())))


def page_digest(html: bytes) -> str:
    """What the census knows a counted page by."""
    return hashlib.blake2b(html, digest_size=16).hexdigest()

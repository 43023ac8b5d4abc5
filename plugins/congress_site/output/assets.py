"""Lighter stylesheets and scripts in a built site.

Our own CSS and JavaScript are minified (rcssmin, rjsmin); the theme keeps
the readable sources. Material's stylesheets carry rules for every feature
Material has, most of which this site never shows, and every page waits for
them before it paints: they are cut down to the rules whose classes, ids,
elements and attributes occur somewhere in the built HTML or in a script the
site ships (which may add them later, e.g. Material's tooltips). A rule is
dropped only when something it requires occurs nowhere, so a page the build
did not look at closely (a story with a table, an admonition) keeps its
styles. The cut stylesheet gets a new name from its content and every page
is pointed at it, so a browser that cached the full sheet under Material's
name never mixes the two.

Run on the finished output of a production build, never in `serve`, where
an editor's next edit may need a rule this build had no use for.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import tree
from .atomic import rewrite
from .census import Census, page_digest, sheet_words, start_tags, tag_words, take_census
from .cutmemo import CutMemo, vocabulary_key

# Material's own compiled sheets: `main.<hash>.min.css`, `palette.<hash>.min.css`.
MATERIAL_SHEET = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
# Folders of Material's search, which this site turns off: left as they are.
SKIPPED_DIRS = ("assets/javascripts/lunr", "assets/javascripts/workers")

_WORD = re.compile(r"[A-Za-z_][-\w]*")
_SELECTOR_LISTS = ("is", "where", "matches", "-webkit-any", "-moz-any")


def _link_pattern(kinds: str) -> str:
    """A link to one of Material's sheets or to a cut of it, as Material
    writes it: group 1 the path up to the site's root, group 2 the kind of
    sheet, one of `kinds` (a pattern). It starts with a literal, so a search
    skips ahead (a leading [ \t]* made it crawl)."""
    return r'<link rel="stylesheet" href="([^"]*)assets/stylesheets/(' + kinds + r')\.[0-9a-f]{8}\.min\.css">'


_MAIN_LINK = re.compile(_link_pattern("main").encode())


@dataclass
class Vocabulary:
    """Every class, id, element, attribute and attribute value the site's
    pages use or its scripts may set."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)

    def add_words(self, words: Iterable[str]) -> None:
        """Words as census.tag_words writes them (`c:md-nav`, `t:a`, …)."""
        sets = {"t:": self.tags, "a:": self.attributes, "c:": self.classes, "i:": self.ids, "v:": self.values}
        for word in words:
            sets[word[:2]].add(word[2:])

    def add_html(self, html: bytes) -> None:
        for tag in start_tags(html):
            self.add_words(tag_words(tag))

    def add_script(self, text: str) -> None:
        """Any word in a script may become a class, id, element or attribute."""
        words = set(_WORD.findall(text))
        self.classes |= words
        self.ids |= words
        self.tags |= {w.lower() for w in words}
        self.attributes |= {w.lower() for w in words}
        self.values |= words


@dataclass
class AssetReport:
    minified: dict[str, tuple[int, int]] = field(default_factory=dict)  # path: (before, after)
    purged: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # old path: (new path, before, after)
    rewritten: list[str] = field(default_factory=list)  # pages pointed at the cut sheets
    census: Census | None = None  # of the pages as published, for the next build

    @property
    def saved(self) -> int:
        return sum(b - a for b, a in self.minified.values()) + sum(b - a for _, b, a in self.purged.values())


def lighten(site: Path, *, previous: Path | None = None, census: Census | None = None,
            known: Mapping[str, str] | None = None, memo: CutMemo | None = None,
            dropped: Collection[str] = (), pages: list[Path] | None = None) -> AssetReport:
    """Minify our stylesheets and scripts, cut Material's stylesheets down
    to the rules this site can use, and point every page at the cut ones.
    `previous`, `census`, `known`: the published site this build replaces,
    its census (census.py) and the digests of the pages as this build
    placed them, where known without reading them (take_census). `memo`:
    the stylesheet work of earlier builds (cutmemo.py). `dropped`: the kinds
    of sheet (`palette`) whose links the pages were written without, as the
    published site's cut had left nothing of them (PublishedSheets). `pages`: the site's
    HTML files, when the caller has walked the site already."""
    import rcssmin
    import rjsmin

    report = AssetReport()
    assets = site / "assets"
    if not assets.is_dir():
        return report
    for path in _own_files(site, (".css", ".js")):
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text) if path.suffix == ".css" else rjsmin.jsmin(text)
        if len(small) < len(text):
            path.write_text(small, encoding="utf-8")
            report.minified[path.relative_to(site).as_posix()] = (len(text.encode()), len(small.encode()))
    shipped = _shipped_sheets()
    sheets = sorted(p for p in (assets / "stylesheets").glob("*.css") if MATERIAL_SHEET.match(p.name))
    for stale in [p for p in sheets if p.name not in shipped]:  # an earlier cut, in a site built in place
        stale.unlink()
    texts = {p: p.read_text(encoding="utf-8") for p in sheets if p.name in shipped}
    if not texts:
        return report
    if pages is None:
        pages = [Path(path) for path, _rel in tree.files(site, (".html",))]
    memo = memo or CutMemo(None)
    counted = take_census(site, pages, memo.words(texts.values(), sheet_words), previous=previous, last=census,
                          known=known)
    vocabulary = Vocabulary()
    vocabulary.add_words(counted.tokens())
    for script in sorted(counted.scripts):
        path = site / script
        if path.is_file():
            vocabulary.add_script(path.read_text(encoding="utf-8", errors="replace"))
    cut_names: dict[bytes, bytes | None] = {}
    asked = vocabulary_key([vocabulary.classes, vocabulary.ids, vocabulary.tags, vocabulary.attributes,
                            vocabulary.values])
    for sheet, text in texts.items():
        cut = memo.cut(text, asked, lambda text=text: purge_css(text, vocabulary))
        kind = sheet.name.split(".")[0]
        new = sheet.with_name(f"{kind}.{hashlib.sha256(cut.encode()).hexdigest()[:8]}.min.css")
        sheet.unlink()
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)  # it maps the full sheet
        if cut:
            new.write_text(cut, encoding="utf-8")
        cut_names[kind.encode()] = new.name.encode() if cut else None
        counted.sheets[kind] = new.name if cut else None
        report.purged[sheet.relative_to(site).as_posix()] = (
            new.relative_to(site).as_posix() if cut else "", len(text.encode()), len(cut.encode()))
    # Pages as published (taken over, or written again byte for byte) already
    # name the cut sheets when the cut came out as last time.
    skip: Collection[str] = frozenset()
    if census is not None and census.sheets == counted.sheets and census.pages is not None:
        skip = {rel for rel, digest in counted.pages.items() if census.pages.get(rel) == digest}
    stale = [page for page in pages if tree.relative(site, page) not in skip]
    restore = {kind.encode(): cut_names[kind.encode()] for kind in dropped if cut_names.get(kind.encode())}
    if restore:  # the guess was wrong: no page may be skipped
        stale = pages
    for page, digest in _repoint(stale, cut_names, restore).items():
        rel = tree.relative(site, page)
        report.rewritten.append(rel)
        counted.pages[rel] = digest  # its tags are the same, but the census knows a page by its published bytes
    report.census = counted
    return report


class PublishedSheets:
    """How the pages of a published site link Material's stylesheets: the
    cut sheet in place of each, or no link where nothing was left of it.
    A page of the next build named so from the start is not rewritten
    after the cut, if the cut comes out the same (`_repoint` mends it if
    not)."""

    def __init__(self, site: Path) -> None:
        shipped = sorted(n for n in _shipped_sheets() if MATERIAL_SHEET.match(n))
        found: dict[str, list[str]] = {}
        folder = site / "assets" / "stylesheets"
        for path in folder.glob("*.min.css") if folder.is_dir() else []:
            if MATERIAL_SHEET.match(path.name) and path.name not in shipped:
                found.setdefault(path.name.split(".")[0], []).append(path.name)
        self.renamed: dict[str, str] = {}
        # Kinds whose link `apply` did leave out of some page: lighten links
        # them again should this build's cut have rules for them.
        self.dropped: set[str] = set()
        dropped = []
        if found:  # the site was cut (else it links Material's sheets as they are)
            for name in shipped:
                kind = name.split(".")[0]
                cut = found.get(kind, [])
                if len(cut) == 1:
                    self.renamed[f"assets/stylesheets/{name}"] = f"assets/stylesheets/{cut[0]}"
                elif not cut:
                    dropped.append(kind)
        # as `_repoint` drops it
        self._dropped = re.compile(_link_pattern("|".join(dropped)) + "\n?") if dropped else None

    def apply(self, html: str) -> str:
        for shipped, cut in self.renamed.items():
            html = html.replace(shipped, cut)
        return self._dropped.sub(self._leave_out, html) if self._dropped is not None else html

    def _leave_out(self, link: re.Match) -> str:
        self.dropped.add(link.group(2))
        return ""


def _shipped_sheets() -> set[str]:
    """The names of Material's compiled stylesheets as the theme ships them."""
    import material

    return {p.name for p in (Path(material.__file__).parent / "templates/assets/stylesheets").glob("*.css")}


def _own_files(site: Path, suffixes: tuple[str, ...]) -> Iterable[Path]:
    for path in sorted((site / "assets").rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix in suffixes and ".min." not in path.name and path.is_file() and not rel.startswith(SKIPPED_DIRS):
            yield path


def _repoint(pages: list[Path], cut_names: dict[bytes, bytes | None],
             restore: dict[bytes, bytes] | None = None) -> dict[Path, str]:
    """Every page names the cut sheets, whichever Material sheet or earlier
    cut it named (a page reused from the previous build names that build's
    cut), and no longer links a sheet that nothing was left in. `restore`:
    kinds of sheet the pages were written without that have rules again,
    linked after the main sheet where a page lacks them. Returns the pages
    whose bytes changed, with the digest of their new bytes."""
    kinds = b"|".join(re.escape(k) for k in cut_names)
    sheet = re.compile(rb"assets/stylesheets/(" + kinds + rb")\.[0-9a-f]{8}\.min\.css")
    empty = re.compile(_link_pattern(kinds.decode()).encode() + rb"\n?")
    changed = {}
    for page in pages:
        html = page.read_bytes()
        new = empty.sub(lambda m: m.group(0) if cut_names[m.group(2)] else b"", html)
        new = sheet.sub(lambda m: b"assets/stylesheets/" + cut_names[m.group(1)] if cut_names[m.group(1)]
                        else m.group(0), new)
        for kind, name in (restore or {}).items():
            if b"assets/stylesheets/" + kind + b"." not in new:
                new = _MAIN_LINK.sub(lambda m, name=name: m.group(0) + b'\n<link rel="stylesheet" href="'
                                     + m.group(1) + b"assets/stylesheets/" + name + b'">', new, count=1)
        if new != html:
            rewrite(page, new)
            changed[page] = page_digest(new)
    return changed


def purge_css(css: str, vocabulary: Vocabulary) -> str:
    """The stylesheet without the rules no element of the site can match."""
    import tinycss2

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_serialize(rule) for rule in _keep_rules(rules, vocabulary))


def _keep_rules(rules: list, vocabulary: Vocabulary) -> list:
    import tinycss2

    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split(rule.prelude) if _may_match(s, vocabulary)]
            if selectors:
                rule.prelude = _join(selectors)
                kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports", "container", "layer") \
                and rule.content is not None:
            inner = _keep_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                vocabulary)
            if inner:
                rule.content = inner
                kept.append(rule)
        elif rule.type in ("at-rule", "qualified-rule"):
            kept.append(rule)  # @font-face, @keyframes, @page, @import: kept whole
    return kept


def _serialize(rule) -> str:
    import tinycss2

    if rule.type == "at-rule" and isinstance(rule.content, list) and rule.content \
            and getattr(rule.content[0], "type", "") in ("qualified-rule", "at-rule"):
        prelude = tinycss2.serialize(rule.prelude).strip()
        body = "".join(_serialize(r) for r in rule.content)
        return f"@{rule.at_keyword} {prelude}{{{body}}}"
    return tinycss2.serialize([rule])


def _split(tokens: list) -> list[list]:
    """A selector list at its top-level commas."""
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [_strip(p) for p in parts if _strip(p)]


def _strip(tokens: list) -> list:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type in ("whitespace", "comment"):
        start += 1
    while end > start and tokens[end - 1].type in ("whitespace", "comment"):
        end -= 1
    return tokens[start:end]


def _join(selectors: list[list]) -> list:
    import tinycss2.ast

    out: list = []
    for i, selector in enumerate(selectors):
        if i:
            out.append(tinycss2.ast.LiteralToken(0, 0, ","))
        out.extend(selector)
    return out


def _may_match(tokens: list, vocabulary: Vocabulary) -> bool:
    """False only when the selector needs a class, id, element, attribute
    or attribute value that the site never has. Pseudo-classes, :not() and
    :has() are ignored (they only narrow a match); :is() and its kin need
    one of their selectors to be possible."""
    i, n = 0, len(tokens)
    compound_start = True
    while i < n:
        token = tokens[i]
        kind = token.type
        if kind == "whitespace" or (kind == "literal" and token.value in (">", "+", "~", "||")):
            compound_start = True
            i += 1
            continue
        if kind == "literal" and token.value == "." and i + 1 < n and tokens[i + 1].type == "ident":
            if tokens[i + 1].value not in vocabulary.classes:
                return False
            i += 2
        elif kind == "hash":
            if token.value not in vocabulary.ids:
                return False
            i += 1
        elif kind == "ident" and compound_start:
            if token.value.lower() not in vocabulary.tags:
                return False
            i += 1
        elif kind == "[] block":
            if not _attribute_possible(token.content, vocabulary):
                return False
            i += 1
        elif kind == "literal" and token.value == ":":
            i += 1
            if i < n and tokens[i].type == "literal" and tokens[i].value == ":":
                i += 1  # a pseudo-element
            if i < n and tokens[i].type == "function":
                if tokens[i].lower_name in _SELECTOR_LISTS and \
                        not any(_may_match(s, vocabulary) for s in _split(tokens[i].arguments)):
                    return False
            i += 1
        else:
            i += 1  # `*`, `|` and anything unforeseen: assume it can match
        compound_start = False
    return True


def _attribute_possible(content: list, vocabulary: Vocabulary) -> bool:
    parts = [t for t in content if t.type not in ("whitespace", "comment")]
    if not parts or parts[0].type != "ident":
        return True
    if parts[0].value.lower() not in vocabulary.attributes:
        return False
    exact = len(parts) >= 3 and parts[1].type == "literal" and parts[1].value == "="
    if exact and parts[2].type in ("ident", "string"):
        flags = [t.value.lower() for t in parts[3:] if t.type == "ident"]
        if "i" in flags:
            return True
        return parts[2].value in vocabulary.values
    return True


_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_SVG_ATTR = re.compile(r"""\b(width|height|viewBox)\s*=\s*["']([^"']*)["']""")


def image_size(name: str, folders: Iterable[str | Path]) -> tuple[int, int] | None:
    """Width and height of a theme image (the logo) found in the first of
    `folders` that has it: an SVG's own width and height, else its viewBox;
    a bitmap's pixels. None when unknown: the page then goes without."""
    for folder in folders:
        path = Path(folder) / name
        if path.is_file():
            break
    else:
        return None
    if path.suffix.lower() == ".svg":
        root = _SVG_ROOT.search(path.read_text(encoding="utf-8", errors="replace"))
        attrs = dict(_SVG_ATTR.findall(root.group(0))) if root else {}
        try:
            if "width" in attrs and "height" in attrs:
                size = float(attrs["width"].removesuffix("px")), float(attrs["height"].removesuffix("px"))
            else:
                size = tuple(float(v) for v in attrs.get("viewBox", "").replace(",", " ").split()[2:4])
        except ValueError:
            return None
        return (round(size[0]), round(size[1])) if len(size) == 2 and all(v > 0 for v in size) else None
    from PIL import Image

    try:
        with Image.open(path) as image:  # the header only: no pixels are decoded
            return image.size
    except (OSError, Image.DecompressionBombError):
        return None

"""From a Markdown or YAML file to the text a reader sees, with a map back to
the original file.

Rules run on `Prose.text`: prose only, with Markdown syntax dropped, and code,
URLs, HTML tags and link targets replaced by one placeholder character each.
`Prose.orig(i)` gives the offset in the original file of prose index `i`, so
every finding points into the file the correspondent edits.

Markup the scanner meets on the way (HTML tags, link targets) is kept in
`Prose.tags` / `Prose.links` for the unsafe-HTML rule, which must look at
exactly what the prose hides.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from ..findings import CongressError
from ..model.source import refuse_deep_nesting
from . import patterns
from .chars import PLACEHOLDER

try:  # the C parser is much faster; it ships in the PyYAML wheels
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


@dataclass
class Prose:
    """Checkable text plus a piecewise map to original offsets."""

    source: str
    text: str = ""
    starts: list[int] = field(default_factory=list)  # prose index where a piece starts
    origins: list[int] = field(default_factory=list)  # original offset of that index
    tags: list[tuple[int, str]] = field(default_factory=list)  # (offset, raw HTML tag)
    links: list[tuple[int, str]] = field(default_factory=list)  # (offset, link target)
    yaml_error: tuple[int, str] | None = None  # (offset, problem) when YAML did not parse
    # Prose index where the Markdown body starts (after front matter values);
    # None for YAML files, whose values are separate fields.
    body_start: int | None = 0
    # Original ranges no fix may touch (YAML escapes such as \" and '').
    frozen: list[tuple[int, int]] = field(default_factory=list)

    def orig(self, i: int) -> int:
        """Original offset of prose index `i`."""
        if not self.starts:
            return 0
        j = bisect_right(self.starts, i) - 1
        if j < 0:
            return self.origins[0]
        return self.origins[j] + (i - self.starts[j])

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a prose span; end is exclusive."""
        if end <= start:
            o = self.orig(start)
            return o, o
        return self.orig(start), self.orig(end - 1) + 1

    def same_in_source(self, start: int, end: int) -> bool:
        """True when the prose span is a verbatim copy of the original: only
        then may a fix be applied to the file mechanically."""
        o_start, o_end = self.orig_span(start, end)
        if any(a < max(o_end, o_start + 1) and o_start < b for a, b in self.frozen):
            return False
        return self.source[o_start:o_end] == self.text[start:end]


class _Builder:
    def __init__(self, source: str):
        self.prose = Prose(source=source)
        self.parts: list[str] = []
        self.length = 0
        self._next_orig = -1  # original offset that would continue the last piece
        self.root = None  # the YAML node tree of the last yaml_prose call

    def keep(self, start: int, end: int) -> None:
        if end <= start:
            return
        if start != self._next_orig:
            self.prose.starts.append(self.length)
            self.prose.origins.append(start)
        self.parts.append(self.prose.source[start:end])
        self.length += end - start
        self._next_orig = end

    def placeholder(self, start: int) -> None:
        self.prose.starts.append(self.length)
        self.prose.origins.append(start)
        self.parts.append(PLACEHOLDER)
        self.length += 1
        self._next_orig = -1

    def virtual(self, text: str, at: int) -> None:
        """Text that is in no file (separators between YAML values)."""
        self.prose.starts.append(self.length)
        self.prose.origins.append(at)
        self.parts.append(text)
        self.length += len(text)
        self._next_orig = -1

    def finish(self) -> Prose:
        self.prose.text = "".join(self.parts)
        return self.prose


# ------------------------------------------------------------------ inline

_URL = r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|www\.[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+"
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"

# One alternation, tried left to right at each position: what to hide, drop
# or keep of a line of Markdown.
_INLINE = patterns.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<autolink><(?:https?|ftp|mailto):[^>\s]*>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>)"
    r"|(?P<img>!\[)"
    r"|(?P<target>\]\((?P<href>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\))"
    r"|(?P<refend>\]\[[^\]\n]*\])"
    r"|(?P<footref>\[\^[^\]\s]+\])"
    r"|(?P<attr>\{:?\s*[#.][^{}\n]*\})"
    r"|(?P<url>" + _URL + ")"
    r"|(?P<email>" + _EMAIL + ")"
    r"|(?P<entity>&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);)"
    r"|(?P<escape>\\[\\`*_{}\[\]()#+\-.!<>|~\"'])"
    r"|(?P<emph>\*{1,3}|~~|==|\^\^)"
    r"|(?P<icon>:[a-z0-9]+(?:[-_+][a-z0-9]+)+:)"
    r"|(?P<open>\[)",
    re.S,
)


def _inline(b: _Builder, start: int, end: int, plain: bool = False) -> None:
    """Copy source[start:end] into the prose, hiding non-prose inline bits.
    `plain` (YAML values) hides only URLs and e-mail addresses."""
    src = b.prose.source
    # Only a URL or an e-mail address can begin with a letter or a digit,
    # and neither is there without its marks: most lines of prose have
    # digits (2025年) and no address.
    linked = any(src.find(mark, start, end) >= 0 for mark in _LINK_MARKS)
    if plain:
        pattern, lead = _PLAIN, _PLAIN_LEAD if linked else None
    else:
        pattern, lead = _INLINE, _INLINE_LEAD if linked else _MARKUP_LEAD
    pos = start
    for m in _matches(pattern, lead, src, start, end) if lead is not None else ():
        kind = m.lastgroup
        if kind == "ticks":
            kind = "code"
        b.keep(pos, m.start())
        pos = m.end()
        if kind in ("code", "comment", "autolink", "url", "email", "attr", "footref", "icon"):
            b.placeholder(m.start())
        elif kind == "tag":
            b.prose.tags.append((m.start(), m.group()))
            b.placeholder(m.start())
        elif kind == "entity":
            b.placeholder(m.start())
        elif kind == "target":
            b.prose.links.append((m.start("href"), m.group("href")))
        elif kind == "escape":
            b.keep(m.start() + 1, m.end())
        # img, open, refend, emph: dropped markup
    b.keep(pos, end)


def _matches(pattern: re.Pattern, lead: re.Pattern, text: str, start: int, end: int) -> Iterator[re.Match]:
    """What pattern.finditer(text, start, end) finds, tried only where
    `lead` (every character a match can begin with) is. `re` tries an
    alternation at every position, and in Chinese prose almost none can
    begin one: jumping between the few that can is five times faster."""
    search, match = lead.search, pattern.match
    pos = start
    while (at := search(text, pos, end)) is not None:
        found = match(text, at.start(), end)
        if found is None:
            pos = at.start() + 1
        else:
            yield found
            pos = found.end()


_PLAIN = patterns.compile(r"(?P<url>" + _URL + r")|(?P<email>" + _EMAIL + ")")
# The characters each pattern's matches can begin with: its alternatives'
# first characters (a URL begins with a letter, an e-mail address with any
# of _EMAIL's first class).
_PLAIN_LEAD = patterns.compile(r"[A-Za-z0-9._%+\-]")
_INLINE_LEAD = patterns.compile(r"[A-Za-z0-9._%+\-`<!\]\[{&\\*~=^:]")
# What a URL (://, www.) or an e-mail address (@) cannot be without; where
# none is, no match begins with _PLAIN_LEAD's characters, and these begin
# the rest.
_LINK_MARKS = ("@", "://", "www.")
_MARKUP_LEAD = patterns.compile(r"[`<!\]\[{&\\*~=^:]")


# ------------------------------------------------------------------- blocks

_FENCE = patterns.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_HEADING = patterns.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_TAIL = patterns.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = patterns.compile(r"^(?:[ \t]{0,3}>[ \t]?)+")
_LIST = patterns.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?[ \t]+")
_HR = patterns.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_TABLE_SEP = patterns.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_FOOTDEF = patterns.compile(r"[ \t]{0,3}\[\^[^\]\s]+\]:[ \t]*")
_REFDEF = patterns.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S")
_ADMONITION = patterns.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===)[ \t]*[A-Za-z0-9_-]*(?:[ \t]+[A-Za-z0-9_ -]*)?")
_ADMON_TITLE = patterns.compile(r"[ \t]*\"([^\"]*)\"[ \t]*$")
_RAW_BLOCK = patterns.compile(
    r"^[ \t]*<(script|style|pre|textarea)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I | re.M
)
_INDENT = patterns.compile(r"^(?: {4}|\t)")


def _raw_blocks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Multi-line spans never checked as prose: script/style/pre blocks and
    HTML comments, as (start, end, raw)."""
    return [(m.start(), m.end(), m.group()) for m in _RAW_BLOCK.finditer(text, start, end)]


def markdown_prose(text: str, start: int = 0, b: _Builder | None = None) -> Prose:
    """Prose of the Markdown in text[start:]."""
    b = b or _Builder(text)
    b.prose.body_start = b.length
    raw = _raw_blocks(text, start, len(text))
    raw_i = 0
    fence: str | None = None
    prev_blank = True
    container = False  # inside a list item or admonition: indented lines are prose
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        next_pos = n if nl < 0 else nl + 1
        # A raw block (script, style, comment…) is one placeholder; its tag
        # stays visible to the unsafe-HTML rule.
        while raw_i < len(raw) and raw[raw_i][0] < pos:
            raw_i += 1
        if fence is None and raw_i < len(raw) and raw[raw_i][0] == pos:
            r_start, r_end, r_text = raw[raw_i]
            if not r_text.startswith("<!--"):
                b.prose.tags.append((r_start, r_text))
            b.placeholder(r_start)
            pos = r_end
            raw_i += 1
            continue
        if fence is None and raw_i < len(raw) and raw[raw_i][0] < line_end:
            # the block starts inside this line: check the line up to it
            line_end = next_pos = raw[raw_i][0]
        line = text[pos:line_end]
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) <= set(fence[0]):
                fence = None
            b.keep(line_end, next_pos)
            pos = next_pos
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
            b.keep(line_end, next_pos)
            pos = next_pos
            prev_blank = False
            continue
        if not line.strip():
            b.keep(pos, next_pos) if line == "" else b.keep(line_end, next_pos)
            prev_blank = True
            pos = next_pos
            continue
        if _INDENT.match(line) and prev_blank and not container:
            # An indented code block.
            b.keep(line_end, next_pos)
            pos = next_pos
            continue
        if not _INDENT.match(line) and not _LIST.match(line) and not prev_blank:
            pass  # a lazy continuation line keeps the container
        elif not _INDENT.match(line) and not _LIST.match(line):
            container = False
        prev_blank = False
        cut = pos
        if _HR.match(line) or _TABLE_SEP.match(line) or _REFDEF.match(line):
            b.keep(line_end, next_pos)
            pos = next_pos
            continue
        m = _ADMONITION.match(line)
        if m and line.lstrip()[:3] in ("!!!", "???", "==="):
            container = True
            t = _ADMON_TITLE.search(line, m.end())
            if t:
                _inline(b, pos + t.start(1), pos + t.end(1))
            b.keep(line_end, next_pos)
            pos = next_pos
            continue
        m = _QUOTE.match(line)
        if m:
            cut = pos + m.end()
        m = _LIST.match(text, cut, line_end) or _FOOTDEF.match(text, cut, line_end)
        if m:
            container = True
            cut = m.end()
        elif _INDENT.match(line):
            cut = pos + len(line) - len(line.lstrip())
        m = _HEADING.match(text, cut, line_end)
        end = line_end
        if m:
            cut = m.end()
            t = _HEADING_TAIL.search(text, cut, line_end)
            if t:
                end = t.start()
        else:
            cut = cut + len(text[cut:line_end]) - len(text[cut:line_end].lstrip(" \t"))
        if "|" in text[cut:end] and text[cut:end].lstrip().startswith("|"):
            _table_row(b, cut, end)
        else:
            _inline(b, cut, end)
        b.keep(line_end, next_pos)
        pos = next_pos
    return b.finish()


def _table_row(b: _Builder, start: int, end: int) -> None:
    """Cells of a table row, with a placeholder between cells."""
    src = b.prose.source
    cell = start
    for i in range(start, end):
        if src[i] == "|" and (i == start or src[i - 1] != "\\"):
            _inline(b, cell, i)
            b.placeholder(i)
            cell = i + 1
    _inline(b, cell, end)


# --------------------------------------------------------------------- YAML

def _scalar_values(node, out: list, seen: set[int] | None = None) -> None:
    # An alias shares its anchored node: each node is visited
    # once, so "billion laughs" aliases cost their size in the file, not 10^9.
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for _key, value in node.value:  # keys are never prose
            _scalar_values(value, out, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _scalar_values(item, out, seen)
    elif isinstance(node, yaml.ScalarNode):
        out.append(node)


# What YAML counts as a line break: its marks' line numbers follow these, so
# a U+2028 inside a value moves every later mark down a line.
_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    offsets.extend(m.end() for m in _YAML_BREAK.finditer(text))
    return offsets


def yaml_prose(text: str, start: int = 0, end: int | None = None, b: _Builder | None = None) -> Prose:
    """Prose of the scalar values (never the keys) of the YAML in
    text[start:end]. Values are checked as plain text."""
    b = b or _Builder(text)
    end = len(text) if end is None else end
    chunk = text[start:end]
    try:
        refuse_deep_nesting(chunk, "")  # the C composer crashes on hostile nesting
        root = yaml.compose(chunk, Loader=_Loader)
    except CongressError as exc:  # nesting refused above: report, do not parse
        b.prose.yaml_error = (start, exc.findings[0].message)
        return b.finish()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        offset = start
        if mark is not None:
            lines = _line_offsets(chunk)
            offset = start + lines[min(mark.line, len(lines) - 1)] + mark.column
        b.prose.yaml_error = (offset, str(getattr(exc, "problem", "") or exc))
        return b.finish()
    b.root = root
    nodes: list = []
    if root is not None:
        _scalar_values(root, nodes)
    lines = _line_offsets(chunk)
    for node in nodes:
        if not isinstance(node.value, str) or not node.value.strip():
            continue
        s = start + lines[node.start_mark.line] + node.start_mark.column
        e = start + lines[node.end_mark.line] + node.end_mark.column
        _scalar_source(b, text, s, e, node.style)
        b.virtual("\n\n", e)
    return b.finish()


def _scalar_source(b: _Builder, text: str, s: int, e: int, style: str | None) -> None:
    """Copy a scalar's characters as written, without quotes, block headers
    or indentation."""
    if style in ("'", '"'):
        s, e = s + 1, e - 1
    elif style in ("|", ">"):
        nl = text.find("\n", s, e)
        if nl < 0:
            return
        s = nl + 1
    first = style not in ("|", ">")
    pos = s
    while pos < e:
        nl = text.find("\n", pos, e)
        line_end = e if nl < 0 else nl
        lstart = pos
        if not first:
            while lstart < line_end and text[lstart] in " \t":
                lstart += 1
        if style in ("'", '"'):
            _quoted_line(b, text, lstart, line_end, style)
        else:
            _inline(b, lstart, line_end, plain=True)
        if nl < 0:
            break
        b.keep(nl, nl + 1)
        pos = nl + 1
        first = False


_ESCAPE = {'"': patterns.compile(r'\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)'),
           "'": patterns.compile("''")}
_UNESCAPE = {"0": "", "a": "", "b": "", "t": "\t", "n": "\n", "r": "", "e": "", "N": "", "_": "\u00a0",
             "L": "", "P": "", " ": " ", "/": "/", "\\": "\\", '"': '"'}


def _quoted_line(b: _Builder, text: str, start: int, end: int, style: str) -> None:
    """A line of a quoted YAML scalar. An escape (\" or '') is checked as
    the character it stands for, mapped so that no fix is ever written
    into the middle of an escape."""
    pos = start
    for m in _ESCAPE[style].finditer(text, start, end):
        _inline(b, pos, m.start(), plain=True)
        raw = m.group()
        char = "'" if style == "'" else _UNESCAPE.get(raw[1:], "")
        b.prose.frozen.append((m.start(), m.end()))
        if char:
            b.virtual(char, m.start())
        else:
            b.placeholder(m.start())
        pos = m.end()
    _inline(b, pos, end, plain=True)


# ------------------------------------------------------------ front matter

def _options(root) -> dict | None:
    """The `lint:` entry of front matter, built from the node tree we already
    have (no second parse)."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "lint":
            try:
                return {"lint": yaml.SafeLoader("").construct_object(value, deep=True)}
            except yaml.YAMLError:
                return None
    return {}


FRONT_MATTER = patterns.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def document_prose(text: str, kind: str = "markdown") -> tuple[Prose, dict | None]:
    """Prose of a whole file and its front matter data (for per-file options)."""
    b = _Builder(text)
    if kind == "yaml":
        prose = yaml_prose(text, 0, len(text), b)
        prose.body_start = None
        return prose, None
    m = FRONT_MATTER.match(text)
    data = None
    body_start = 0
    if m:
        fm_start = m.start(1) if m.group(1) is not None else m.end()
        fm_end = m.end(1) if m.group(1) is not None else m.end()
        yaml_prose(text, fm_start, fm_end, b)
        data = _options(b.root)
        body_start = m.end()
    return markdown_prose(text, body_start, b), data if isinstance(data, dict) else None

"""Exceptions an editor accepts on purpose: inline comments that switch a
rule off for a line or a block, and per-file options in front matter.

    <!-- congress-disable-line dash-yi -->           this line
    <!-- congress-disable-next-line typo -->         the next line
    <!-- congress-disable rare-char -->  …  <!-- congress-enable rare-char -->
    # congress-disable-line typo                     the same, in YAML files
    ---
    lint: {disable: [cjk-latin-space]}               the whole file
    ---

No code after the directive means every rule; a reason may follow the
codes, e.g. `<!-- congress-disable-line typo -- 引用原文 -->`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from . import patterns

_DIRECTIVE = patterns.compile(
    r"(?:<!--|#)[ \t]*congress-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)[ \t]*(?:-->|$)",
    re.M,
)
ALL = "*"


_CODE = patterns.compile(r"[a-z][a-z0-9-]*$")


def _codes(raw: str) -> frozenset[str]:
    """Rule codes named after a directive; words that are not codes (a
    reason, in Chinese or after `--`) are ignored. None named means all."""
    raw = raw.split(" -- ", 1)[0]
    codes = frozenset(c for c in re.split(r"[\s,，]+", raw.strip()) if _CODE.match(c))
    return codes or frozenset({ALL})


@dataclass
class Suppressions:
    file_codes: frozenset[str] = frozenset()
    # (first line, last line, codes), lines 1-based and inclusive
    ranges: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)

    def hides(self, code: str, line: int) -> bool:
        if code in self.file_codes or ALL in self.file_codes:
            return True
        for first, last, codes in self.ranges:
            if first <= line <= last and (code in codes or ALL in codes):
                return True
        return False


def parse(text: str, line_starts: list[int], front_matter: dict | None, line_offset: int = 0) -> Suppressions:
    sup = Suppressions(file_codes=_file_codes(front_matter))
    open_blocks: dict[str, int] = {}

    def line_of(offset: int) -> int:
        return bisect_right(line_starts, offset) + line_offset

    for m in _DIRECTIVE.finditer(text):
        verb, codes = m.group(1), _codes(m.group(2))
        line = line_of(m.start())
        if verb == "disable-line":
            sup.ranges.append((line, line, codes))
        elif verb == "disable-next-line":
            sup.ranges.append((line + 1, line + 1, codes))
        elif verb == "disable":
            for c in codes:
                open_blocks.setdefault(c, line)
        else:
            for c in codes if ALL not in codes else list(open_blocks):
                if c in open_blocks:
                    sup.ranges.append((open_blocks.pop(c), line, frozenset({c})))
    for c, first in open_blocks.items():
        sup.ranges.append((first, 10**9, frozenset({c})))
    return sup


def _file_codes(front_matter: dict | None) -> frozenset[str]:
    if not front_matter:
        return frozenset()
    opts = front_matter.get("lint")
    if not isinstance(opts, dict):
        return frozenset()
    disable = opts.get("disable") or []
    if isinstance(disable, str):
        disable = [disable]
    codes = frozenset(str(c) for c in disable)
    return frozenset({ALL}) if "all" in codes else codes

"""The editable lists in content/style/: reading them, and reporting a bad
line as a finding rather than failing.

Format of a replacement list (confusions.txt, terms.txt), one entry a line:

    错误写法 → 正确写法 | 例外：词语一 词语二 | 级别：警告 | 说明：……

`->` or `=>` may stand for the arrow; everything after `#` is a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding, Severity
from . import patterns

ARROW = patterns.compile(r"\s*(?:→|->|=>|⇒)\s*")
SEVERITY_WORDS = {
    "错误": Severity.ERROR, "error": Severity.ERROR,
    "警告": Severity.WARNING, "warning": Severity.WARNING,
    "提示": Severity.INFO, "info": Severity.INFO,
}


@dataclass(frozen=True)
class Replacement:
    wrong: str
    right: str
    exceptions: tuple[str, ...] = ()
    severity: Severity = Severity.ERROR
    note: str = ""


@dataclass
class ListProblems:
    findings: list[Finding] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    i = line.find("#")
    return (line if i < 0 else line[:i]).strip()


def read_lines(path: Path) -> list[tuple[int, str]]:
    """Non-empty, comment-free lines with their 1-based numbers."""
    text = path.read_text(encoding="utf-8-sig")
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw)
        if line:
            out.append((n, line))
    return out


def parse_replacements(path: Path, problems: ListProblems,
                       default: Severity = Severity.ERROR) -> list[Replacement]:
    out: list[Replacement] = []
    for n, line in read_lines(path):
        head, *opts = [part.strip() for part in line.split("|")]
        pair = ARROW.split(head)
        if len(pair) != 2 or not pair[0] or not pair[1] or pair[0] == pair[1]:
            problems.findings.append(Finding(
                path=str(path), line=n, column=1, code="style-list",
                message=f"词表这一行看不懂：“{line}”",
                fix="请写成“错误写法 → 正确写法”", severity=Severity.WARNING))
            continue
        exceptions: tuple[str, ...] = ()
        severity = default
        note = ""
        for opt in opts:
            key, value = _kv(opt)
            if key in ("例外", "exceptions"):
                exceptions = tuple(w for w in re.split(r"[\s,，、]+", value) if w)
            elif key in ("级别", "severity") and value in SEVERITY_WORDS:
                severity = SEVERITY_WORDS[value]
            elif key in ("说明", "note"):
                note = value
        out.append(Replacement(pair[0], pair[1], exceptions, severity, note))
    return out


def _kv(opt: str) -> tuple[str, str]:
    """`例外：甲 乙` -> ("例外", "甲 乙"); full- or half-width colon."""
    key, _, value = opt.replace("：", ":").partition(":")
    return key.strip(), value.strip()


def parse_words(path: Path) -> list[str]:
    """A plain list: one word (or number) a line."""
    return [line for _n, line in read_lines(path)]

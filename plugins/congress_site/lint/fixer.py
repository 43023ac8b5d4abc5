"""`congress fix`: apply the safe mechanical fixes (spacing, punctuation
width, quotes, ellipsis, dash, full-width digits, look-alike characters,
traditional characters OpenCC is sure of). Anything that needs judgement
stays a finding."""

from __future__ import annotations

from .config import LintConfig
from .engine import lint_text

# One fix can reveal another (a comma fixed, then its space), and a run of
# doubled marks (": : : :") gives up one mark a round; the bound only stops a
# rule that would undo another's fix from looping.
MAX_ROUNDS = 64


def edits(text: str, config: LintConfig, kind: str = "markdown") -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, replacement) edits, in order."""
    out: list[tuple[int, int, str]] = []
    last_end = -1
    candidates = sorted(
        (f.extra["start"], f.extra["end"], f.extra["replacement"])
        for f in lint_text(text, "", config, kind)
        if "replacement" in f.extra
    )
    for start, end, repl in candidates:
        if start < last_end or (start == last_end and end == start and out and out[-1][0] == start):
            continue
        out.append((start, end, repl))
        last_end = end
    return out


def fix_text(text: str, config: LintConfig, kind: str = "markdown") -> str:
    """The text with every safe fix applied."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for _ in range(MAX_ROUNDS):
        todo = edits(text, config, kind)
        if not todo:
            break
        parts = []
        pos = 0
        for start, end, repl in todo:
            parts.append(text[pos:start])
            parts.append(repl)
            pos = end
        parts.append(text[pos:])
        text = "".join(parts)
    return text

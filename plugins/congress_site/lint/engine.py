"""Running the rules over one text and turning their hits into findings with
positions in the original file."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from ..findings import CongressError, Finding, Severity
from . import patterns
from .config import LintConfig
from .markdown import Prose, document_prose
from .rules import CHECKS, plausibility
from .rules.base import Context, Hit
from .rules.html import check_markup
from .suppress import parse as parse_suppressions

# Findings that words in allow.txt may silence: judgements about words,
# never personal data or unsafe HTML.
ALLOW_CODES = frozenset({"rare-char", "unsegmentable", "repeated-word", "typo", "similar-char", "official-term",
                         "dash-yi", "traditional-char", "homophone", "garbled"})
_LINE = patterns.compile("\n")


class _Lines:
    def __init__(self, text: str, line_offset: int):
        self.starts = [0] + [m.end() for m in _LINE.finditer(text)]
        self.offset = line_offset

    def where(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an offset."""
        i = bisect_right(self.starts, offset) - 1
        return i + 1 + self.offset, offset - self.starts[i] + 1


def _hits(prose: Prose, config: LintConfig) -> list[Hit]:
    ctx = Context(prose, config)
    out: list[Hit] = []
    for check in CHECKS:
        out.extend(check(ctx))
    # A sharper finding on the same spot makes the vaguer one noise: a list
    # entry beats the look-alike guess, a traditional character is no
    # "rare character" or "unsegmentable run".
    for sharp, vague in (("typo", ("similar-char", "homophone", "garbled")),
                         ("garbled", ("similar-char", "homophone", "rare-char", "unsegmentable")),
                         ("traditional-char", ("rare-char", "unsegmentable"))):
        spans = [(h.start, h.end) for h in out if h.code == sharp]
        if spans:
            out = [h for h in out if h.code not in vague
                   or not any(a < h.end and h.start < b for a, b in spans)]
    return out


def _allowed_spans(prose: Prose, allow: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for word in allow:
        i = prose.text.find(word)
        while i >= 0:
            spans.append((i, i + len(word)))
            i = prose.text.find(word, i + 1)
    return spans


# Texts checked together where many are (the copy gate, a folder): the
# look-alike check costs much less per text in a batch (look_ahead), and a
# batch's texts are held meanwhile.
LOOK_AHEAD = 64


def look_ahead(texts: list[str], config: LintConfig) -> None:
    """Before `texts` are checked one by one (lint_text), do at once the
    work that costs less for many texts together."""
    plausibility.look_ahead(texts, config.similar_chars)


def lint_text(text: str, path: str, config: LintConfig, kind: str = "markdown",
              line_offset: int = 0) -> list[Finding]:
    """Check the copy in `text` (the content of file `path`). `kind` is
    "markdown" (front matter optional), "yaml" (scalar values only, never
    keys) or "text". Lines are reported `line_offset` lines further down,
    for text cut out of a larger file."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "text":
        from .markdown import _Builder, _inline

        b = _Builder(text)
        _inline(b, 0, len(text), plain=True)
        prose, front = b.finish(), None
    else:
        prose, front = document_prose(text, "yaml" if kind == "yaml" else "markdown")
    lines = _Lines(text, line_offset)
    sup = parse_suppressions(text, lines.starts, front, line_offset)
    allowed = _allowed_spans(prose, config.allow)
    findings: dict[tuple, Finding] = {}

    def add(o_start: int, o_end: int, code: str, message: str, advice: str | None,
            severity: Severity, replacement: str | None) -> None:
        if code in config.disabled:
            return
        line, col = lines.where(o_start)
        if sup.hides(code, line):
            return
        end_line, end_col = lines.where(o_end)
        severity = config.severity.get(code, severity)
        key = (o_start, o_end, code)
        if key in findings:
            return
        extra = {"start": o_start, "end": o_end}
        if replacement is not None:
            extra["replacement"] = replacement
        findings[key] = Finding(path=path, line=line, column=col, code=code, message=message,
                                fix=advice, severity=severity, end_line=end_line,
                                end_column=end_col, extra=extra)

    for hit in _hits(prose, config):
        if allowed and hit.code in ALLOW_CODES and any(a <= hit.start and hit.end <= b for a, b in allowed):
            continue
        o_start, o_end = prose.orig_span(hit.start, hit.end)
        replacement = hit.replacement
        if replacement is not None and not prose.same_in_source(hit.start, hit.end):
            replacement = None  # markup inside the span: advise, do not rewrite
        add(o_start, o_end, hit.code, hit.message, hit.advice, hit.severity, replacement)
    for o_start, o_end, code, message, advice, severity in check_markup(prose.tags, prose.links):
        add(o_start, o_end, code, message, advice, severity, None)
    if prose.yaml_error is not None:
        offset, problem = prose.yaml_error
        add(offset, offset, "yaml-syntax", f"YAML 无法解析，未能检查其中的文字：{problem}",
            "请先修正格式（可运行 congress check 查看详情）", Severity.ERROR, None)
    return sorted(findings.values(), key=lambda f: (f.line, f.column, f.code))


def kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        return "yaml"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def lint_file(path: Path, display: str, config: LintConfig) -> list[Finding]:
    """Check one Markdown, YAML or text file. Unreadable files become
    findings, never exceptions."""
    text = _read(path, display)
    return text if isinstance(text, list) else lint_text(text, display, config, kind_of(Path(path)))


def lint_batch(batch: list[tuple[str, str, str]], config: LintConfig) -> list[list[Finding]]:
    """lint_text for each (text, path, kind) of a batch, with look_ahead
    done for all of them first."""
    if len(batch) > 1:
        look_ahead([text for text, _, _ in batch], config)
    return [lint_text(text, path, config, kind) for text, path, kind in batch]


def lint_files(files: list[tuple[Path, str]], config: LintConfig) -> list[Finding]:
    """lint_file for each (path, display) in turn, LOOK_AHEAD files at a
    time (see look_ahead)."""
    findings: list[Finding] = []
    for i in range(0, len(files), LOOK_AHEAD):
        read = [(path, display, _read(path, display)) for path, display in files[i:i + LOOK_AHEAD]]
        checked = iter(lint_batch([(text, display, kind_of(Path(path))) for path, display, text in read
                                   if isinstance(text, str)], config))
        for _, _, text in read:
            findings += text if isinstance(text, list) else next(checked)
    return findings


def _read(path: Path, display: str) -> str | list[Finding]:
    """A file's text, or the findings that say why it cannot be read."""
    from ..model.source import read_text

    try:
        return read_text(Path(path), display)
    except CongressError as exc:
        return exc.findings
    except OSError as exc:
        return [Finding(path=display, line=1, column=1, code="file-unreadable",
                        message=f"无法读取文件：{exc.strerror or exc}", fix="请确认文件存在且可读")]

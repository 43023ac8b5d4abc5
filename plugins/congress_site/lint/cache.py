"""The copy gate of the build: every record file checked, with results kept
by content hash so a rebuild (or `mkdocs serve` after one edit) checks only
the files that changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..atomicfile import write_atomic
from ..findings import Finding, Severity
from ..model.repository import Layout, record_paths
from ..model.source import MAX_RECORD_BYTES
from . import lexicon
from .config import LintConfig
from .engine import LOOK_AHEAD, kind_of, lint_batch

_FIELDS = ("path", "line", "column", "code", "message", "fix", "end_line", "end_column")


def _rules_key(layout: Layout) -> str:
    """Changes to the rules, to the editable lists or to anything the
    lexicon is derived from (dictionaries, our prose) invalidate the cache."""
    digest = hashlib.sha1(lexicon.lexicon_key(lexicon.Sources.installed(), lexicon.cache_dir()).encode())
    for folder, pattern in ((Path(__file__).parent, "**/*.py"), (Path(__file__).parent, "data/*"),
                            (layout.style_dir, "*")):
        for path in sorted(folder.glob(pattern)) if folder.is_dir() else []:
            if path.is_file():
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def record_files(layout: Layout) -> list[Path]:
    """The repository's record files in Markdown or YAML (a .docx saved by
    mistake is the loader's to report), and the hand-written pages."""
    files = [p for p in record_paths(layout) if kind_of(p) != "text"]
    pages = layout.pages_dir or layout.docs_dir
    if pages.is_dir():  # hand-written pages (and documents beside records, listed already)
        files += sorted(p for p in pages.rglob("*.md") if layout.style_dir not in p.parents)
    return list(dict.fromkeys(files))


class CopyGate:
    """Lints the record files of a site, remembering results between runs."""

    def __init__(self, layout: Layout, cache_file: Path | None):
        self.layout = layout
        self.cache_file = cache_file
        self.config = LintConfig.load(layout.style_dir)
        self.key = _rules_key(layout)
        self.entries: dict[str, list[dict]] = {}
        if cache_file and cache_file.is_file():
            try:
                data = json.loads(cache_file.read_text(encoding="utf-8"))
                if data.get("rules") == self.key:
                    self.entries = data.get("files", {})
            except (OSError, ValueError):
                self.entries = {}  # a damaged cache is only a slower run

    def check(self, files: list[Path] | None = None) -> list[Finding]:
        findings = list(self.config.problems)
        used: dict[str, list[dict]] = {}
        order: list[str] = []  # each file's key, for its findings in file order
        todo: list[tuple[str, str, str, str]] = []  # (key, text, display, kind) not checked yet
        for path in record_files(self.layout) if files is None else files:
            display = self.layout.display(path)
            try:
                # Never read outside the repository (a symlinked
                # record) nor a huge file: the record loader reports both.
                if not self.layout.inside(path) or path.stat().st_size > MAX_RECORD_BYTES:
                    continue
                raw = path.read_bytes()
            except OSError:
                continue  # the record loader reports unreadable files
            key = hashlib.sha1(display.encode() + b"\0" + raw).hexdigest()
            if key in self.entries:
                used[key] = self.entries[key]
            elif key not in used:
                try:
                    text = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    continue  # the record loader reports the encoding
                used[key] = []
                todo.append((key, text, display, kind_of(path)))
                if len(todo) == LOOK_AHEAD:
                    self._lint(todo, used)
            order.append(key)
        self._lint(todo, used)
        for key in order:
            findings.extend(_load(d) for d in used[key])
        self.entries = used  # forget files that are gone or changed
        return findings

    def _lint(self, todo: list[tuple[str, str, str, str]], results: dict[str, list[dict]]) -> None:
        """Check the files of `todo` (emptied) into `results`, as one batch
        (engine.lint_batch)."""
        checked = lint_batch([(text, display, kind) for _, text, display, kind in todo], self.config)
        for (key, *_), findings in zip(todo, checked, strict=True):
            results[key] = [_dump(f) for f in findings]
        todo.clear()

    def save(self) -> None:
        if not self.cache_file:
            return
        try:
            write_atomic(self.cache_file, json.dumps({"rules": self.key, "files": self.entries}, ensure_ascii=False))
        except OSError:
            pass  # no cache, no harm


def _dump(f: Finding) -> dict:
    data = {k: getattr(f, k) for k in _FIELDS}
    data["severity"] = str(f.severity)
    return data


def _load(data: dict) -> Finding:
    fields = dict(data)
    return Finding(severity=Severity(fields.pop("severity", "error")), **fields)


def check_site_copy(layout: Layout, cache_file: Path | None) -> list[Finding]:
    """One whole run of the gate, for a worker process: the build hands the
    copy check to the second core while MkDocs renders on the first."""
    gate = CopyGate(layout, cache_file)
    findings = gate.check()
    gate.save()
    return findings

"""One shape for every problem any check reports: records, copy, links, images.

Every command prints findings the same ways (text, JSON, GitHub
annotations, a GitLab code-quality report), so a correspondent sees one
format whatever found the problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at a place in a file. Lines and columns are 1-based and
    columns count Unicode characters, not bytes."""

    path: str
    line: int
    column: int
    code: str
    message: str
    fix: str | None = None
    severity: Severity = Severity.ERROR
    end_line: int | None = None
    end_column: int | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        data["severity"] = str(self.severity)
        data["end_line"] = self.end_line if self.end_line is not None else self.line
        data["end_column"] = self.end_column if self.end_column is not None else self.column
        keys = ["path", "line", "column", "end_line", "end_column", "code", "severity", "message", "fix"]
        return {k: data[k] for k in keys}


class CongressError(Exception):
    """Raised for bad input we understand. Carries findings, never a traceback
    for the reader."""

    def __init__(self, findings: Finding | Iterable[Finding]):
        self.findings = [findings] if isinstance(findings, Finding) else list(findings)
        super().__init__("\n".join(format_text(f) for f in self.findings))


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def format_text(f: Finding) -> str:
    where = f"{f.path}:{f.line}:{f.column}"
    text = f"{where}: {SEVERITY_ZH[f.severity]} [{f.code}] {f.message}"
    if f.fix:
        text += f"（建议：{f.fix}）"
    return text


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(f: Finding) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}[str(f.severity)]
    props = [f"file={_gh_escape(f.path, True)}", f"line={f.line}", f"col={f.column}"]
    if f.end_line:
        props.append(f"endLine={f.end_line}")
    if f.end_column:
        props.append(f"endColumn={f.end_column}")
    props.append(f"title={_gh_escape(f.code, True)}")
    msg = f.message + (f"（建议：{f.fix}）" if f.fix else "")
    return f"::{level} {','.join(props)}::{_gh_escape(msg)}"


# GitLab ranks code-quality issues info < minor < major < critical < blocker.
_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def format_gitlab(items: list[Finding]) -> str:
    """GitLab's code-quality report (a subset of the Code Climate format):
    the merge request shows each finding on its file and line. The
    fingerprint names one finding at one place, so two alike on different
    lines both show."""
    import hashlib  # here, as json below: a one-file lint printing text needs neither

    issues = []
    for f in items:
        key = "\0".join((f.path, str(f.line), str(f.column), f.code, f.message))
        issues.append({
            "description": f.message + (f"（建议：{f.fix}）" if f.fix else ""),
            "check_name": f.code,
            "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
            "severity": _GITLAB_SEVERITY[str(f.severity)],
            "location": {"path": f.path, "lines": {"begin": f.line}},
        })
    import json

    return json.dumps(issues, ensure_ascii=False, indent=2)


# The output formats every command offers (--format).
FORMATS = ("text", "json", "github", "gitlab")


def render(findings: Iterable[Finding], fmt: str = "text") -> str:
    """Render findings as `text`, `json`, `github` or `gitlab`."""
    items = sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code))
    if fmt == "json":
        import json

        return json.dumps([f.to_dict() for f in items], ensure_ascii=False, indent=2)
    if fmt == "gitlab":
        return format_gitlab(items)
    if fmt == "github":
        return "\n".join(format_github(f) for f in items)
    return "\n".join(format_text(f) for f in items)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == Severity.ERROR for f in findings)

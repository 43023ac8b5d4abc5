"""House style for the copy checker: the editable word lists and switches in
content/style/, with built-in defaults so the checker works without them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import CongressError, Finding, Severity
from ..model.source import decode, load_yaml
from .wordlists import ListProblems, Replacement, parse_replacements, parse_words

CONFUSIONS = "confusions.txt"
TERMS = "terms.txt"
PUBLIC_PHONES = "public-phones.txt"
ALLOW = "allow.txt"
SIMILAR = "similar-chars.txt"
HOUSE = "house.yml"

SPACE_MODES = ("none", "space", "off")


_DATA = Path(__file__).resolve().parent / "data"


def _builtin(name: str) -> Path:
    # a plain path, not importlib.resources: that module alone imports
    # tempfile and shutil, a tenth of a one-file lint
    return _DATA / name


@dataclass
class LintConfig:
    """Everything a lint run needs besides the text."""

    confusions: list[Replacement] = field(default_factory=list)
    terms: list[Replacement] = field(default_factory=list)
    public_phones: frozenset[str] = frozenset()
    allow: tuple[str, ...] = ()
    similar_chars: tuple[tuple[str, ...], ...] = ()
    # Spaces between Chinese and Latin letters or digits: "none" (house
    # default, as in most Chinese papers), "space", or "off" (not checked).
    cjk_latin_space: str = "none"
    disabled: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    # Problems found in the style files themselves.
    problems: list[Finding] = field(default_factory=list)

    @classmethod
    def load(cls, style_dir: Path | None = None) -> LintConfig:
        """Read content/style/ (any file may be missing: the built-in list of
        the same name is used instead)."""
        problems = ListProblems()

        def pick(name: str) -> Path:
            if style_dir is not None and (Path(style_dir) / name).is_file():
                path = Path(style_dir) / name
                try:  # a list in the wrong encoding: say so, use the built-in one
                    decode(path.read_bytes(), str(path))
                    return path
                except CongressError as exc:
                    problems.findings.extend(exc.findings)
                except OSError:
                    pass
            return _builtin(name)

        cfg = cls(
            confusions=parse_replacements(pick(CONFUSIONS), problems),
            terms=parse_replacements(pick(TERMS), problems),
            public_phones=frozenset(_digits(p) for p in parse_words(pick(PUBLIC_PHONES))),
            allow=tuple(parse_words(pick(ALLOW))),
            similar_chars=tuple(tuple(line.split()) for line in parse_words(pick(SIMILAR))),
        )
        house = pick(HOUSE)
        if house.is_file():
            cfg._apply_house(house, problems)
        cfg.problems = problems.findings
        return cfg

    def _apply_house(self, path: Path, problems: ListProblems) -> None:
        def bad(message: str, fix: str) -> None:
            problems.findings.append(Finding(path=str(path), line=1, column=1, code="style-list",
                                             message=message, fix=fix, severity=Severity.WARNING))

        try:  # the same safe loading as the records (no aliases, no deep nesting)
            data = load_yaml(decode(path.read_bytes(), str(path)), str(path)).data or {}
        except (CongressError, OSError):
            bad("house.yml 无法解析", "请对照 content/style/README.md 检查格式")
            return
        if not isinstance(data, dict):
            bad("house.yml 应为“字段: 值”的形式", "请对照 content/style/README.md")
            return
        mode = data.get("cjk_latin_space", "none")
        if mode in SPACE_MODES:
            self.cjk_latin_space = mode
        else:
            bad(f"cjk_latin_space 的值“{mode}”无效", "可选 none、space 或 off")
        self.disabled = frozenset(str(c) for c in data.get("disable") or [])
        for code, level in (data.get("severity") or {}).items():
            if str(level) in ("error", "warning", "info"):
                self.severity[str(code)] = Severity(str(level))
            else:
                bad(f"规则 {code} 的级别“{level}”无效", "可选 error、warning 或 info")


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)

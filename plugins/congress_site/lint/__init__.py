"""The copy checker: house style for Chinese copy (GB/T 15834, GB/T 15835),
typos and official terms from editable lists, personal data and unsafe HTML.

    config = LintConfig.load(Path("content/style"))
    findings = lint_text(text, "stories/2025/07-05-x.md", config)
    fixed = fix_text(text, config)
"""

from __future__ import annotations

from ..findings import Finding
from . import patterns

patterns.import_module("yaml")  # before the modules below import it
from .config import LintConfig  # noqa: E402
from .engine import lint_file, lint_text  # noqa: E402
from .fixer import fix_text  # noqa: E402
from .rules import CODES  # noqa: E402

__all__ = ["CODES", "Finding", "LintConfig", "fix_text", "lint_file", "lint_text"]

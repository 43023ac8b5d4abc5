from __future__ import annotations

from pathlib import Path

import pytest

from congress_site.lint import LintConfig

ROOT = Path(__file__).resolve().parents[2]
STYLE = ROOT / "content" / "style"


@pytest.fixture(scope="session")
def config() -> LintConfig:
    return LintConfig.load(STYLE)


@pytest.fixture(scope="session")
def codes_of(config):
    from congress_site.lint import lint_text

    def run(text: str, kind: str = "markdown") -> list[str]:
        return [f.code for f in lint_text(text, "t.md", config, kind)]

    return run

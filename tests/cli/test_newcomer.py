"""From `congress new story` to a passing `make check` (congress check,
mkdocs build --strict, congress links site/), on a copy-free small site."""

from __future__ import annotations

import pytest

from congress_site.cli import main
from sitekit import build, minimal_site

pytestmark = pytest.mark.slow


def test_new_story_to_passing_make_check(tmp_path, monkeypatch, capsys):
    root = minimal_site(tmp_path / "site", stories=2)
    monkeypatch.chdir(root)
    assert main(["new", "story", "--title", "代表走进联络站听民意", "--column", "基层传真", "--date", "2025-09-01",
                 "--representatives", "赵明远", "--slug", "lianluozhan-minyi", "--no-input"]) == 0
    path = root / capsys.readouterr().out.strip()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("请在这里撰写正文，每段之间空一行。", "赵明远代表在联络站接待群众，记下了十多条意见。"),
                    encoding="utf-8")
    assert main(["check"]) == 0, capsys.readouterr()
    site = build(root, root / "site", today="2026-11-22", strict=True)
    page = (site / "stories/lianluozhan-minyi/index.html").read_text(encoding="utf-8")
    assert "代表走进联络站听民意" in page and "记下了十多条意见" in page
    assert "lianluozhan-minyi" in (site / "profiles/zhao-mingyuan/index.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["links", str(site)]) == 0, capsys.readouterr()

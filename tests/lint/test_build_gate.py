"""The copy checker inside the build: errors fail `mkdocs build --strict`,
warnings do not, and unchanged files are not checked again."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from congress_site.lint.cache import CopyGate
from congress_site.model import Layout
from sitekit import build, minimal_site, write_story


def test_copy_error_fails_the_strict_build(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    write_story(root, "2025/07-05-typo.md", body="代表们深人社区，倾听民意。\n")
    with pytest.raises(Abort):
        build(root, tmp_path / "site", strict=True)


def test_clean_copy_passes_the_strict_build(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    write_story(root, "2025/07-05-clean.md", body="代表们深入社区，倾听民意。\n")
    assert (build(root, tmp_path / "site", strict=True) / "stories/clean/index.html").is_file()


def test_gate_reuses_results_for_unchanged_files(tmp_path, monkeypatch):
    root = minimal_site(tmp_path / "src", stories=2)
    write_story(root, "2025/07-05-typo.md", body="代表们深人社区。\n")
    cache = tmp_path / "lint.json"
    first = CopyGate(Layout.default(root), cache)
    found = first.check()
    first.save()
    assert any(f.code == "typo" and f.path == "stories/2025/07-05-typo.md" for f in found)

    calls = []
    import congress_site.lint.engine as engine  # the gate checks its files through engine.lint_batch

    real = engine.lint_text
    monkeypatch.setattr(engine, "lint_text", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    again = CopyGate(Layout.default(root), cache)
    assert [f.to_dict() for f in again.check()] == [f.to_dict() for f in found]
    assert calls == []
    write_story(root, "2025/07-05-typo.md", body="代表们深入社区。\n")
    assert not any(f.code == "typo" for f in again.check())
    assert calls == ["stories/2025/07-05-typo.md"]

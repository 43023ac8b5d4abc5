"""Fixtures for the image tests (the images themselves: imagekit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from congress_site.images import ImagePipeline


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "stories" / "2025" / "images").mkdir(parents=True)
    (root / "profiles").mkdir()
    return root


@pytest.fixture
def pipeline(repo: Path, tmp_path: Path) -> ImagePipeline:
    return ImagePipeline(repo, tmp_path / "cache")

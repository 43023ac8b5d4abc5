"""Fixtures for the feeds and open-data tests (the site itself: datakit.py)."""

from __future__ import annotations

import pytest
from datakit import TODAY, make_site

from congress_site.model import Layout, Repository, load_repository


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Repository:
    root = make_site(tmp_path_factory.mktemp("site"))
    repo = load_repository(Layout.default(root), today=TODAY)
    assert repo.errors() == [], repo.errors()
    return repo

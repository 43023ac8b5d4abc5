"""The 站群 sample (sites.yml, sites/) built once per session from a copy of
the repository, as `make sites` builds it: districts in parallel processes,
the hub last, everything assembled into build/sites/."""

from __future__ import annotations

from pathlib import Path

import pytest
from federationkit import congress, copy_federation


@pytest.fixture(scope="session")
def federation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy's root; its build/<name>/ and build/sites/ are built."""
    root = copy_federation(tmp_path_factory.mktemp("federation") / "src")
    done = congress(root, "sites", "--jobs", "2", "--strict")
    assert done.returncode == 0, done.stderr[-3000:]
    return root

"""The 站群 sample (sites.yml, sites/) built once per session from a copy of
the repository, as `make sites` builds it: districts in parallel processes,
the hub last, everything assembled into build/sites/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sitekit

FEDERATION_PARTS = (*sitekit.SAMPLE_PARTS, "sites", "sites.yml")


def copy_federation(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in FEDERATION_PARTS:
        source = sitekit.REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns(".cache"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def congress(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONGRESS_TODAY": sitekit.SAMPLE_TODAY, "NO_MKDOCS_2_WARNING": "1"}
    exe = Path(sys.executable).parent / "congress"
    return subprocess.run([str(exe), *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def federation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy's root; its build/<name>/ and build/sites/ are built."""
    root = copy_federation(tmp_path_factory.mktemp("federation") / "src")
    done = congress(root, "sites", "--jobs", "2", "--strict")
    assert done.returncode == 0, done.stderr[-3000:]
    return root

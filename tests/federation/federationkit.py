"""Helpers of the 站群 tests: a copy of the repository's 站群 sample and the
`congress` command run in it on the sample's build date."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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

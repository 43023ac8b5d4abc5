"""`congress import suggestions`: an XLSX or CSV with Chinese headers comes
back as the same year of records, a bad sheet is refused row by row and
column by column, and nothing is written unless every row passes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml
from dutykit import HEADERS, PEOPLE, YEAR, duty_site, sheet_rows, suggestion_rows, write_xlsx

from congress_site.cli import main
from congress_site.findings import Severity
from congress_site.importing import import_suggestions
from congress_site.model import Layout, load_repository
from congress_site.model.suggestions import load_suggestion_year

TODAY = dt.date(2026, 11, 22)


def records(path: Path) -> list[dict]:
    """A year file as validated records: the semantic content, not the text."""
    return [s.model_dump() for s in load_suggestion_year(path, path.name).items]


@pytest.fixture
def site(tmp_path) -> Path:
    return duty_site(tmp_path / "site")


def run_import(site: Path, sheet: Path, **options):
    repo = load_repository(Layout.default(site), TODAY)
    return import_suggestions(repo, sheet, sheet.name, **options)


def errors(findings):
    return [f for f in findings if f.severity == Severity.ERROR]


def test_xlsx_reproduces_the_year(site, tmp_path):
    target = site / f"content/suggestions/{YEAR}.yml"
    before = records(target)
    sheet = write_xlsx(tmp_path / "export.xlsx", sheet_rows(suggestion_rows(), PEOPLE))
    target.unlink()
    result, findings = run_import(site, sheet)
    assert errors(findings) == []
    assert result.written and result.count == 22 and result.year == YEAR
    assert records(target) == before
    assert result.ignored == ["联系电话"]  # a private column is never imported
    assert "0123" not in target.read_text(encoding="utf-8")


def test_reimport_updates_by_number_and_keeps_what_the_sheet_lacks(site, tmp_path):
    rows = suggestion_rows()
    fields = [f for f in HEADERS if f not in ("stories", "reply")]
    changed = [dict(r) for r in rows]
    changed[5] = {**changed[5], "status": "已答复", "answer": "B", "answered": f"{YEAR}-10-20",
                  "satisfaction": "满意"}
    sheet = write_xlsx(tmp_path / "again.xlsx", sheet_rows(changed, PEOPLE, fields))
    result, findings = run_import(site, sheet)
    assert errors(findings) == []
    assert result.updated == [changed[5]["number"]] and result.added == [] and result.removed == []
    assert sorted(result.kept) == ["reply", "stories"]
    after = {s["number"]: s for s in records(site / f"content/suggestions/{YEAR}.yml")}
    assert after["1"]["stories"] == ["item-0"]  # not in the sheet: kept
    assert after[changed[5]["number"]]["status"] == "已答复"


def test_csv_in_gb18030_as_excel_saves_it(site, tmp_path):
    import csv
    import io

    table = sheet_rows(suggestion_rows(), PEOPLE)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in table:
        writer.writerow(["" if v is None else (v.date().isoformat() if isinstance(v, dt.datetime) else v)
                         for v in line])
    sheet = tmp_path / "export.csv"
    sheet.write_bytes(buffer.getvalue().encode("gb18030"))
    before = records(site / f"content/suggestions/{YEAR}.yml")
    result, findings = run_import(site, sheet)
    assert errors(findings) == [] and result.encoding == "GB18030"
    assert records(site / f"content/suggestions/{YEAR}.yml") == before


def unchanged(site: Path):
    """Asserts, after the block, that the year file was not touched."""
    target = site / f"content/suggestions/{YEAR}.yml"
    return target, target.read_bytes()


def test_missing_columns_are_findings_and_nothing_is_written(site, tmp_path):
    target, before = unchanged(site)
    fields = [f for f in HEADERS if f not in ("status", "unit")]
    sheet = write_xlsx(tmp_path / "short.xlsx", sheet_rows(suggestion_rows(), PEOPLE, fields))
    result, findings = run_import(site, sheet)
    assert result is None and target.read_bytes() == before
    got = sorted((f.code, f.line, f.message) for f in findings)
    assert got == [("sheet-missing-column", 2, "第2行的表头中缺少“主办单位”列"),
                   ("sheet-missing-column", 2, "第2行的表头中缺少“办理状态”列")]


def test_merged_header_cells_are_findings(site, tmp_path):
    from openpyxl import load_workbook

    target, before = unchanged(site)
    sheet = write_xlsx(tmp_path / "merged.xlsx", sheet_rows(suggestion_rows(), PEOPLE))
    book = load_workbook(sheet)
    book.active.merge_cells("J2:K2")  # 交办日期 and 办理状态 under one header
    book.save(sheet)
    result, findings = run_import(site, sheet)
    assert result is None and target.read_bytes() == before
    merged = [f for f in findings if f.code == "sheet-merged-header"]
    assert [(f.line, f.column) for f in merged] == [(2, 10)]
    assert "第2行第J至K列的表头是合并单元格" in merged[0].message
    # The title row above the header is merged too, and that is fine.
    assert all(f.line != 1 for f in findings)


def test_merged_cells_among_the_rows_are_findings(site, tmp_path):
    from openpyxl import load_workbook

    sheet = write_xlsx(tmp_path / "merged-rows.xlsx", sheet_rows(suggestion_rows(), PEOPLE))
    book = load_workbook(sheet)
    book.active.merge_cells("H5:H6")  # one 主办单位 for two suggestions
    book.save(sheet)
    result, findings = run_import(site, sheet)
    assert result is None
    assert [(f.code, f.line, f.column) for f in errors(findings)] == [("sheet-merged-cells", 5, 8)]


def test_bad_cells_are_named_by_row_and_column(site, tmp_path):
    target, before = unchanged(site)
    rows = suggestion_rows()
    table = sheet_rows(rows, PEOPLE)
    col = {h: i for i, h in enumerate(table[0])}
    table[3][col["办理状态"]] = "已立案"                      # sheet row 5 (title, header, rows from 3)
    table[4][col["领衔代表"]] = "张无名"                      # row 6
    table[5][col["领衔代表"]] = "方宁"                        # row 7: two representatives share the name
    done = next(i for i, r in enumerate(rows) if r["status"] == "已办结" and i > 6)
    table[done + 1][col["答复类别"]] = None                   # 已办结 without 答复类别
    pending = next(i for i, r in enumerate(rows) if r["status"] == "办理中" and i > done)
    table[pending + 1][col["代表满意度"]] = "满意"             # a verdict before the reply
    table[19][col["编号"]] = table[18][col["编号"]]           # a duplicate 编号, rows 20 and 21
    assert pending < 17
    sheet = write_xlsx(tmp_path / "bad.xlsx", table)
    result, findings = run_import(site, sheet)
    assert result is None and target.read_bytes() == before
    got = {(f.code, f.line, f.column) for f in findings}
    letters = {h: i + 1 for i, h in enumerate(table[0])}
    assert got == {
        ("bad-value", 5, letters["办理状态"]),
        ("unknown-profile", 6, letters["领衔代表"]),
        ("unknown-profile", 7, letters["领衔代表"]),
        ("answer-missing", done + 3, letters["办理状态"]),
        ("satisfaction-early", pending + 3, letters["代表满意度"]),
        ("duplicate-number", 21, letters["编号"]),
    }
    by_code = {f.code: f for f in findings}
    assert by_code["bad-value"].message == "第5行“办理状态”列的值“已立案”不在可选范围内"
    assert by_code["answer-missing"].message.startswith(f"第{done + 3}行“办理状态”列：")
    assert "“答复类别”列是空的" in by_code["answer-missing"].message
    assert "fang-ning、fang-ning-2" in [f for f in findings if f.line == 7][0].message
    assert all(f.path == "bad.xlsx" for f in findings)


def test_mapping_names_other_headers(site, tmp_path):
    table = sheet_rows(suggestion_rows(), PEOPLE)
    table[0] = [{"标题": "建议标题", "主办单位": "承办部门"}.get(h, h) for h in table[0]]
    sheet = write_xlsx(tmp_path / "other.xlsx", table)
    result, findings = run_import(site, sheet)
    assert result is None and {f.code for f in findings} == {"sheet-missing-column"}
    from congress_site.importing.suggestions import parse_mapping

    result, findings = run_import(site, sheet, columns=parse_mapping(["标题=建议标题", "unit=承办部门"]))
    assert errors(findings) == [] and result.count == 22


def test_the_command(site, tmp_path, capsys):
    sheet = write_xlsx(tmp_path / "export.xlsx", sheet_rows(suggestion_rows(), PEOPLE))
    target = site / f"content/suggestions/{YEAR}.yml"
    before = records(target)
    target.unlink()
    cwd = os.getcwd()
    os.chdir(site)
    try:
        assert main(["import", "suggestions", str(sheet), "--check"]) == 0
        assert not target.exists()  # --check writes nothing
        assert main(["import", "suggestions", str(sheet)]) == 0
        err = capsys.readouterr().err
        assert f"已写入 content/suggestions/{YEAR}.yml：{YEAR}年22件建议（新增22件，更新0件）" in err
        assert records(target) == before
        shutil.copy(sheet, tmp_path / "broken.xlsx")
        from openpyxl import load_workbook

        book = load_workbook(tmp_path / "broken.xlsx")
        book.active["J4"] = "已立案"
        book.save(tmp_path / "broken.xlsx")
        assert main(["import", "suggestions", str(tmp_path / "broken.xlsx")]) == 1
        out = capsys.readouterr()
        assert "第4行“办理状态”列的值“已立案”不在可选范围内" in out.out
        assert "没有写入任何文件" in out.err
        assert main(["import", "suggestions", str(sheet), "--map", "标题"]) == 2
        assert "不是“字段=表头”" in capsys.readouterr().err
    finally:
        os.chdir(cwd)


def test_old_spreadsheet_formats_are_refused_with_a_fix(site, tmp_path):
    sheet = tmp_path / "export.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0")
    result, findings = run_import(site, sheet)
    assert result is None
    [f] = findings
    assert f.code == "sheet-format" and "另存为" in f.fix


def test_a_damaged_xlsx_is_a_finding(site, tmp_path):
    sheet = tmp_path / "export.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really a workbook")
    result, findings = run_import(site, sheet)
    assert result is None and [f.code for f in findings] == ["sheet-unreadable"]


def test_the_written_file_is_what_the_site_loads(site, tmp_path):
    sheet = write_xlsx(tmp_path / "export.xlsx", sheet_rows(suggestion_rows(), PEOPLE))
    run_import(site, sheet)
    text = (site / f"content/suggestions/{YEAR}.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert [d["number"] for d in data] == [str(n) for n in range(1, 23)]
    assert text.startswith("# yaml-language-server: $schema=") is False  # no site_url given here
    repo = load_repository(Layout.default(site), TODAY)
    assert repo.findings == []

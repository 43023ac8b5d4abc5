"""A spreadsheet as rows of cells: XLSX through openpyxl (which also tells
merged cells), CSV through the csv module. Row and column numbers are the
ones the office sees in Excel or WPS (1-based)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import CongressError, Finding

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200


@dataclass
class Sheet:
    path: str  # as findings name it
    rows: list[list[Any]]  # rows[0] is row 1
    # Merged ranges as (first row, first column, last row, last column).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    encoding: str | None = None  # of a CSV file


def _fail(display: str, code: str, message: str, fix: str | None = None) -> CongressError:
    return CongressError(Finding(display, 1, 1, code, message, fix))


def read_sheet(path: Path, display: str, sheet: str | None = None) -> Sheet:
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _fail(display, "unreadable", f"文件无法读取：{exc.strerror}") from None
    if size > MAX_BYTES:
        raise _fail(display, "file-too-large", f"表格文件过大（{size // 1024} KB），不得超过 {MAX_BYTES // 1024} KB",
                    "请只导出一个年度的建议")
    if suffix == ".xlsx":
        return _read_xlsx(path, display, sheet)
    if suffix == ".csv":
        return _read_csv(path, display)
    if suffix in (".xls", ".et", ".wps"):
        raise _fail(display, "sheet-format", f"不支持旧版表格格式“{suffix}”",
                    "请在 Excel 或 WPS 中“另存为”.xlsx（Excel 工作簿）或 .csv 后再导入")
    raise _fail(display, "sheet-format", f"“{path.name}”不是 .xlsx 或 .csv 表格", "请从办理系统导出为 .xlsx 或 .csv")


def _read_xlsx(path: Path, display: str, sheet: str | None) -> Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read-only: only a full load tells merged cells.
        book = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _fail(display, "sheet-unreadable", "无法读取这个 .xlsx 文件（可能已损坏，或其实是别的格式）",
                    "请用 Excel 或 WPS 打开后重新“另存为”.xlsx") from None
    if sheet is not None and sheet not in book.sheetnames:
        raise _fail(display, "sheet-missing", f"找不到工作表“{sheet}”", f"工作表有：{'、'.join(book.sheetnames)}")
    ws = book[sheet] if sheet else book.worksheets[0]
    if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
        raise _fail(display, "sheet-too-large", f"工作表有 {ws.max_row} 行、{ws.max_column} 列，超出导入上限",
                    f"一次最多导入 {MAX_ROWS} 行、{MAX_COLUMNS} 列")
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    return Sheet(display, rows, merged)


def _read_csv(path: Path, display: str) -> Sheet:
    raw = path.read_bytes()
    # Excel on a Chinese Windows saves CSV as GB18030 (GBK); others as UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise _fail(display, "encoding", "无法识别 CSV 文件的编码", "请另存为 UTF-8 编码的 CSV")
    if "\x00" in text:
        raise _fail(display, "encoding", "CSV 文件中含有空字符，可能是 UTF-16 编码或二进制文件",
                    "请在 Excel 中“另存为”CSV UTF-8（逗号分隔）")
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    if len(rows) > MAX_ROWS or any(len(r) > MAX_COLUMNS for r in rows):
        raise _fail(display, "sheet-too-large", "表格超出导入上限", f"一次最多导入 {MAX_ROWS} 行、{MAX_COLUMNS} 列")
    return Sheet(display, rows, [], encoding="UTF-8" if encoding == "utf-8-sig" else "GB18030")

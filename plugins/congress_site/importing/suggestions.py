"""`congress import suggestions`: a year of 代表建议 from the spreadsheet a
建议办理 system exports, into `content/suggestions/<year>.yml`.

The sheet has Chinese column headers (the defaults below, or the office's
own through a mapping); representatives are named as the system names them
(by name, or by id where two share a name). Every row is validated with the
same model the site loads; any problem is a finding naming the row and the
column, and then nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..atomicfile import write_atomic
from ..findings import CongressError, Finding, Severity
from ..model.duty import suggestions_dir
from ..model.errors import translate
from ..model.repository import Repository, _suggest
from ..model.source import Source
from ..model.suggestions import Suggestion, load_suggestion_year
from ..model.vocab import ANSWER_CLASSES
from ..scaffold.modeline import modeline
from .sheet import Sheet, read_sheet

# Field → the header a 建议办理 system's export uses, then other headers seen
# for the same column. A mapping given by the office replaces the list.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("编号", "建议编号", "建议号"),
    "session": ("会次", "届次会次", "提出会次"),
    "title": ("标题", "建议标题", "案由"),
    "lead": ("领衔代表", "领衔人", "提出代表"),
    "cosigners": ("附议代表", "联名代表", "附议人"),
    "category": ("类别", "建议类别", "分类"),
    "unit": ("主办单位", "承办单位"),
    "co_units": ("会办单位", "协办单位"),
    "assigned": ("交办日期", "交办时间"),
    "status": ("办理状态", "状态"),
    "answer": ("答复类别", "办复类别", "办理结果类别"),
    "answered": ("答复日期", "答复时间", "办复日期"),
    "reply": ("答复摘要", "答复内容摘要"),
    "satisfaction": ("代表满意度", "满意度", "代表评价"),
    "supervision": ("重点督办",),
    "led_by": ("领办",),
    "stories": ("相关报道",),
}
REQUIRED = ("number", "session", "title", "lead", "category", "unit", "assigned", "status")
LISTS = ("cosigners", "co_units", "stories")
DATES = ("assigned", "answered")
HEADER_SCAN = 20  # rows above the header (a sheet title, notes) are skipped

_SPLIT = re.compile(r"[、，,；;\s]+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_ANSWER_ALIASES = {"甲": "A", "乙": "B", "丙": "C", **{text: cls for cls, text in ANSWER_CLASSES.items()}}
_VERDICT_ALIASES = {"未评价": "未反馈", "未测评": "未反馈", "": "未反馈"}


@dataclass
class ImportResult:
    target: Path
    year: int
    count: int
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # columns carried over from the existing file
    ignored: list[str] = field(default_factory=list)  # sheet columns not imported
    encoding: str | None = None
    written: bool = False


def parse_mapping(items: list[str]) -> dict[str, tuple[str, ...]]:
    """`--map` values: `字段=表头` pairs (字段 a default header such as 标题, or
    a field name such as title), or a YAML file of such pairs."""
    pairs: dict[str, str] = {}
    for item in items:
        if "=" not in item and Path(item).suffix in (".yml", ".yaml") and Path(item).is_file():
            from ..model.source import load_yaml, read_text

            data = load_yaml(read_text(Path(item), item), item).data or {}
            if not isinstance(data, dict):
                raise _cli_error("bad-map", f"对照文件 {item} 应是“字段: 表头”的列表", "例如 标题: 建议标题")
            pairs.update({str(k): str(v) for k, v in data.items()})
            continue
        key, sep, header = item.partition("=")
        if not sep or not key.strip() or not header.strip():
            raise _cli_error("bad-map", f"“{item}”不是“字段=表头”", "例如 --map 标题=建议标题")
        pairs[key.strip()] = header.strip()
    out: dict[str, tuple[str, ...]] = {}
    for key, header in pairs.items():
        fld = key if key in DEFAULT_COLUMNS else next((f for f, h in DEFAULT_COLUMNS.items() if h[0] == key), None)
        if fld is None:
            known = "、".join(h[0] for h in DEFAULT_COLUMNS.values())
            raise _cli_error("bad-map", f"对照中的“{key}”不是可导入的字段", f"可用：{known}")
        out[fld] = (header,)
    return out


def _cli_error(code: str, message: str, fix: str | None) -> CongressError:
    return CongressError(Finding("congress import", 1, 1, code, message, fix))


# ------------------------------------------------------------------ header

@dataclass
class _Header:
    row: int  # 1-based
    columns: dict[str, int]  # field → 1-based column
    names: dict[str, str]  # field → the header text in the sheet
    ignored: list[str]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _find_header(sheet: Sheet, columns: dict[str, tuple[str, ...]]) -> tuple[_Header | None, list[Finding]]:
    wanted = {h: f for f, headers in columns.items() for h in headers}
    best, best_hits = None, 0
    for r, row in enumerate(sheet.rows[:HEADER_SCAN], start=1):
        hits = sum(1 for cell in row if _text(cell) in wanted)
        if hits > best_hits:
            best, best_hits = r, hits
    path = sheet.path
    if best is None or best_hits < 3:
        return None, [Finding(path, 1, 1, "sheet-no-header", f"前{HEADER_SCAN}行中找不到表头（如“编号”“标题”“办理状态”）",
                              "请确认这是办理系统导出的建议表；表头名称不同时，用 --map 字段=表头 对照")]
    findings: list[Finding] = []
    found: dict[str, int] = {}
    names: dict[str, str] = {}
    ignored: list[str] = []
    for c, cell in enumerate(sheet.rows[best - 1], start=1):
        text = _text(cell)
        fld = wanted.get(text)
        if fld is None:
            if text:
                ignored.append(text)
            continue
        if fld in found:
            findings.append(Finding(path, best, c, "sheet-duplicate-column",
                                    f"第{best}行：表头“{text}”与第{found[fld]}列的“{names[fld]}”是同一项",
                                    "请删去重复的一列"))
            continue
        found[fld], names[fld] = c, text
    for lo_r, lo_c, hi_r, hi_c in sheet.merged:
        if lo_r <= best <= hi_r:
            label = _text(sheet.rows[best - 1][lo_c - 1]) if lo_c - 1 < len(sheet.rows[best - 1]) else ""
            findings.append(Finding(path, best, lo_c, "sheet-merged-header",
                                    f"第{best}行第{_letters(lo_c)}至{_letters(hi_c)}列的表头是合并单元格"
                                    + (f"（“{label}”）" if label else ""),
                                    "请取消合并，让每一列都有自己的表头"))
    for fld in REQUIRED:
        if fld not in found:
            findings.append(Finding(path, best, 1, "sheet-missing-column",
                                    f"第{best}行的表头中缺少“{columns[fld][0]}”列",
                                    "请从办理系统导出含这一列的表格；表头名称不同时，用 --map "
                                    f"{DEFAULT_COLUMNS[fld][0]}=表头 对照"))
    return _Header(best, found, names, ignored), findings


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


# ------------------------------------------------------------------- cells

def _cell(value: Any, fld: str) -> Any:
    """A cell as the record wants it; what cannot be converted is passed on
    as text for the model to refuse with its own message."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if fld in DATES:
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        m = _DATE.match(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return text
        return text or None
    text = _text(value)
    if fld in LISTS:
        return [part for part in _SPLIT.split(text) if part]
    if fld == "answer":
        plain = text.removesuffix("类").strip()
        return _ANSWER_ALIASES.get(plain, plain.upper()) if plain else None
    if fld == "satisfaction":
        return _VERDICT_ALIASES.get(text, text)
    return text or None


class _People:
    """Representatives named in a sheet: by id, or by a name only one has."""

    def __init__(self, repo: Repository):
        self.ids = set(repo.profiles)
        self.by_name: dict[str, list[str]] = {}
        for p in sorted(repo.profiles.values(), key=lambda p: p.id):
            self.by_name.setdefault(p.name, []).append(p.id)

    def resolve(self, value: str) -> tuple[str | None, str | None, str | None]:
        """(id, message, fix)."""
        if value in self.ids:
            return value, None, None
        ids = self.by_name.get(value, [])
        if len(ids) == 1:
            return ids[0], None, None
        if ids:
            return None, f"有{len(ids)}位代表叫“{value}”（{'、'.join(ids)}）", "请在这一格改填代表编号，以区分同名代表"
        return None, f"代表“{value}”不在代表名录中", _suggest(value, list(self.by_name) + sorted(self.ids))


# ------------------------------------------------------------------ import

def import_suggestions(repo: Repository, file: Path, display: str, *, year: int | None = None,
                       columns: dict[str, tuple[str, ...]] | None = None, sheet_name: str | None = None,
                       write: bool = True, site_url: str | None = None) -> tuple[ImportResult | None, list[Finding]]:
    """Read, validate and (when every row passes and `write`) write the
    year's file. Returns the result (None when nothing could be read) and
    the findings; any error finding means nothing was written."""
    columns = {**DEFAULT_COLUMNS, **(columns or {})}
    try:
        sheet = read_sheet(file, display, sheet_name)
    except CongressError as err:
        return None, err.findings
    header, findings = _find_header(sheet, columns)
    if header is None or any(f.severity == Severity.ERROR for f in findings):
        return None, findings
    before = len(findings)
    entries, lines = _rows(sheet, header, repo, findings)
    reported = {(f.line, f.column) for f in findings[before:]}
    src = Source(path=display, data=entries, lines=lines)
    items: list[Suggestion] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        row = lines[(i,)][0]
        try:
            item = Suggestion.model_validate(entry)
        except ValidationError as exc:
            found = translate(exc, src, Suggestion, (i,), _label_of(header))
            # A cell already reported (a name not in the directory) is not reported twice.
            findings.extend(_in_row(f, row, header) for f in found if (f.line, f.column) not in reported)
            continue
        if item.number in seen:
            at, col = src.where((i, "number"))
            findings.append(Finding(display, at, col, "duplicate-number",
                                    f"第{row}行“{header.names['number']}”列：建议编号“{item.number}”与第{seen[item.number]}行重复",
                                    "同一年的建议编号不能重复"))
            continue
        seen[item.number] = row
        items.append(item)
    year = year or _year_of(items, display, findings)
    if any(f.severity == Severity.ERROR for f in findings) or year is None:
        return None, findings
    target = suggestions_dir(repo.layout) / f"{year}.yml"
    result = ImportResult(target=target, year=year, count=len(items), ignored=header.ignored, encoding=sheet.encoding)
    old = _existing(target, repo)
    missing = [f for f in DEFAULT_COLUMNS if f not in header.columns and f not in REQUIRED]
    records = []
    for item in items:
        data = _plain(item)
        before = old.get(item.number)
        if before is not None:
            # What the system does not export (related stories, a reply
            # summary written by the office) stays as it was.
            for fld in missing:
                if fld in before and fld not in data:
                    data[fld] = before[fld]
                    if fld not in result.kept:
                        result.kept.append(fld)
            if before != data:
                result.updated.append(item.number)
        else:
            result.added.append(item.number)
        records.append(data)
    result.removed = [n for n in old if n not in seen]
    text = dump_year(records, source=file.name, site_url=site_url)
    # The text must load back cleanly with the site's own loader, else nothing is written.
    check = _load_back(text, target, repo)
    if check:
        return None, check
    if write:
        write_atomic(target, text)
        result.written = True
    return result, findings


def _rows(sheet: Sheet, header: _Header, repo: Repository, findings: list[Finding]):
    people = _People(repo)
    stories = {s.slug for s in repo.stories}
    entries: list[dict] = []
    lines: dict[tuple, tuple[int, int]] = {}
    merged_rows = [(lo_r, lo_c, hi_r, hi_c) for lo_r, lo_c, hi_r, hi_c in sheet.merged if hi_r > header.row]
    for lo_r, lo_c, hi_r, hi_c in merged_rows:
        findings.append(Finding(sheet.path, max(lo_r, header.row + 1), lo_c, "sheet-merged-cells",
                                f"第{lo_r}至{hi_r}行、第{_letters(lo_c)}至{_letters(hi_c)}列是合并单元格，合并后只有第一格有值",
                                "请取消合并，并在每一行填上各自的值"))
    for r in range(header.row + 1, len(sheet.rows) + 1):
        row = sheet.rows[r - 1]
        if not any(_text(cell) for cell in row):
            continue  # blank lines at the end of an export
        i = len(entries)
        entry: dict[str, Any] = {}
        lines[(i,)] = (r, 1)
        for fld, c in header.columns.items():
            raw = row[c - 1] if c - 1 < len(row) else None
            lines[(i, fld)] = (r, c)
            value = _cell(raw, fld)
            if value in (None, []):
                continue
            if fld in ("lead", "cosigners"):
                value = _people(value, fld, people, sheet.path, r, c, header.names[fld], findings)
                if value is None:
                    continue
            if fld == "stories":
                for slug in value:
                    if slug not in stories:
                        findings.append(Finding(sheet.path, r, c, "unknown-story",
                                                f"第{r}行“{header.names[fld]}”列：稿件“{slug}”不存在",
                                                _suggest(slug, stories)))
            entry[fld] = value
        entries.append(entry)
    return entries, lines


def _people(value, fld: str, people: _People, path: str, r: int, c: int, name: str, findings: list[Finding]):
    names = [value] if isinstance(value, str) else value
    out = []
    for text in names:
        pid, message, fix = people.resolve(text)
        if pid is None:
            findings.append(Finding(path, r, c, "unknown-profile", f"第{r}行“{name}”列：{message}", fix))
            return None
        out.append(pid)
    return out[0] if isinstance(value, str) else out


def _label_of(header: _Header):
    def label(fld: str) -> str:
        return f"“{header.names.get(fld, DEFAULT_COLUMNS.get(fld, (fld,))[0])}”列"
    return label


# The handling rules (model.suggestions.Suggestion) in the words of the sheet.
SHEET_RULES = {
    "answer-missing": ("办理状态为已答复或已办结，但“{answer}”列是空的",
                       "请填写 A、B 或 C：A 所提问题已经解决或基本解决；B 正在解决或已列入计划逐步解决；"
                       "C 因条件限制或其他原因需以后解决或作为参考"),
    "answer-early": ("建议尚未答复（办理状态为已交办或办理中），“{answer}”列应为空", "答复后再填写，并把办理状态改为已答复"),
    "satisfaction-early": ("建议尚未答复，代表不可能已作评价，“{satisfaction}”列应为空或“未反馈”",
                           "请核对办理状态和代表满意度"),
    "answered-early": ("建议尚未答复，“{answered}”列应为空", "请核对办理状态和答复日期"),
    "answered-before-assigned": ("答复日期早于交办日期", "请核对“{assigned}”和“{answered}”两列"),
    "lead-cosigns": ("领衔代表又出现在“{cosigners}”列中", "请从附议代表中删去领衔代表"),
    "unit-twice": ("主办单位又出现在“{co_units}”列中", "请从会办单位中删去主办单位"),
    "bad-session": ("会次应写成“十届五次会议”这样以“会议”结尾的名称，或“闭会期间”", None),
}


def _in_row(f: Finding, row: int, header: _Header) -> Finding:
    """A model finding in the words of the sheet: 第12行“办理状态”列：…"""
    name = next((header.names[fld] for fld, c in header.columns.items() if c == f.column), None)
    message, fix = f.message, f.fix
    if f.code == "missing-field" and name:
        message, fix = f"“{name}”列是空的", "请在表格中填写这一格，或在办理系统中补全后重新导出"
    elif f.code in SHEET_RULES:
        names = {fld: header.names.get(fld, DEFAULT_COLUMNS[fld][0]) for fld in DEFAULT_COLUMNS}
        message, fix = (text.format(**names) if text else text for text in SHEET_RULES[f.code])
    if message.startswith("“") and "”列" in message:
        message = f"第{row}行{message}"
    elif name:
        message = f"第{row}行“{name}”列：{message}"
    else:
        message = f"第{row}行：{message}"
    return Finding(f.path, f.line, f.column, f.code, message, fix, f.severity)


def _year_of(items: list[Suggestion], display: str, findings: list[Finding]) -> int | None:
    years = Counter(s.assigned.year for s in items)
    if len(years) == 1:
        return next(iter(years))
    listed = "、".join(f"{y}年{n}件" for y, n in sorted(years.items())) or "没有建议"
    findings.append(Finding(display, 1, 1, "import-year", f"无法从交办日期判断年度（{listed}）",
                            "请用 --year 年份 指定写入哪一年的建议文件"))
    return None


def _existing(target: Path, repo: Repository) -> dict[str, dict]:
    """The year file as it is, by 编号 (empty when it does not load)."""
    if not target.is_file():
        return {}
    try:
        loaded = load_suggestion_year(target, repo.layout.display(target))
    except CongressError:
        return {}
    return {s.number: _plain(s) for s in loaded.items}


# -------------------------------------------------------------------- YAML

FIELD_ORDER = tuple(Suggestion.model_fields)


def _plain(item: Suggestion) -> dict:
    """A suggestion as the year file writes it: defaults left out."""
    data = item.model_dump(exclude_defaults=True)
    if "satisfaction" not in data and item.is_answered:
        data["satisfaction"] = item.satisfaction
    return {k: data[k] for k in FIELD_ORDER if k in data}


class _Dumper(yaml.SafeDumper):
    pass


def _list(dumper, data):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(list, _list)


def dump_year(records: list[dict], source: str | None = None, site_url: str | None = None) -> str:
    """The year file's text: one block per suggestion, lists on one line."""
    head = modeline(site_url, "suggestions") + "# 代表建议（每年一个文件）。字段说明见 CONTRIBUTING.md“代表建议”一节。\n"
    if source:
        head += f"# 由 congress import suggestions 从“{source}”生成；再次导入时按编号更新。\n"
    if not records:
        return head + "[]\n"
    blocks = []
    for record in records:
        lines = yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                          default_flow_style=False).splitlines()
        blocks.append("\n".join(["- " + lines[0], *("  " + line for line in lines[1:])]) + "\n")
    # A blank line between suggestions keeps a long file readable.
    return head + "\n".join(blocks)


def _load_back(text: str, target: Path, repo: Repository) -> list[Finding]:
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / target.name
        probe.write_text(text, encoding="utf-8")
        try:
            loaded = load_suggestion_year(probe, repo.layout.display(target))
        except CongressError as err:
            return err.findings
    return list(loaded.findings)



"""`congress import suggestions FILE`: a year of 代表建议 from the CSV or XLSX
a 建议办理 system exports, validated row by row and written all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from ..findings import Severity, render
from ..importing.suggestions import DEFAULT_COLUMNS, import_suggestions, parse_mapping
from ..model import load_repository
from ..settings import load_settings

FIELD_ZH = {"cosigners": "附议代表", "co_units": "会办单位", "reply": "答复摘要", "stories": "相关报道",
            "answered": "答复日期", "supervision": "重点督办", "led_by": "领办", "answer": "答复类别",
            "satisfaction": "代表满意度"}


def register(sub) -> None:
    p = sub.add_parser("import", help="从办理系统导出的表格导入记录（代表建议）")
    kinds = p.add_subparsers(dest="kind", required=True)
    s = kinds.add_parser("suggestions", help="导入一个年度的代表建议（.xlsx 或 .csv，中文表头）",
                         description="表头默认为：" + "、".join(h[0] for h in DEFAULT_COLUMNS.values())
                         + "。逐行校验，全部通过才写入 content/suggestions/年份.yml。")
    s.add_argument("file", type=Path, help="办理系统导出的 .xlsx 或 .csv 文件")
    s.add_argument("--year", type=int, default=None, help="写入哪一年的文件（默认按交办日期判断）")
    s.add_argument("--map", action="append", default=[], metavar="字段=表头",
                   help="表头与默认不同时的对照，如 --map 标题=建议标题；可重复，也可给一个 YAML 对照文件")
    s.add_argument("--sheet", default=None, help="工作表名称（默认第一个）")
    s.add_argument("--check", action="store_true", help="只校验，不写入")
    s.add_argument("--format", choices=("text", "json", "github"), default="text")
    s.add_argument("--config", type=Path, default=None, help="mkdocs.yml 的路径")
    s.set_defaults(handler=run)


def run(args) -> int:
    settings, _ = load_settings(args.config)
    columns = parse_mapping(args.map)
    repo = load_repository(settings.layout, settings.today)
    file = args.file
    display = settings.layout.display(file.resolve()) if file.exists() else str(file)
    if not file.is_file():
        print(f"找不到文件 {file}", file=sys.stderr)
        return 2
    result, findings = import_suggestions(repo, file, display, year=args.year, columns=columns,
                                          sheet_name=args.sheet, write=not args.check,
                                          site_url=settings.site_url)
    if findings:
        print(render(findings, args.format))
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    if result is None or errors:
        print(f"导入未完成：{errors}个错误，没有写入任何文件。请改正表格后重新导入。", file=sys.stderr)
        return 1
    where = settings.layout.display(result.target)
    if result.encoding:
        print(f"CSV 按 {result.encoding} 编码读取。", file=sys.stderr)
    if result.ignored:
        print(f"未导入的列：{'、'.join(result.ignored)}", file=sys.stderr)
    if result.kept:
        print(f"表格中没有的列，保留了原文件中的内容：{'、'.join(FIELD_ZH.get(f, f) for f in result.kept)}",
              file=sys.stderr)
    change = f"新增{len(result.added)}件，更新{len(result.updated)}件"
    if result.removed:
        change += f"，原文件中有而表格中没有、已删去的{len(result.removed)}件：{'、'.join(result.removed)}"
    verb = "已写入" if result.written else "校验通过（未写入）"
    print(f"{verb} {where}：{result.year}年{result.count}件建议（{change}）。", file=sys.stderr)
    return 0

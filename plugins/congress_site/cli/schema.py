"""`congress schema [--out DIR]`: JSON Schemas of every record type,
generated from the models. The site publishes the same files under
/schemas/; editors with a YAML language server use them for completion."""

from __future__ import annotations

import sys
from pathlib import Path

from ..scaffold.schemas import dumps, record_schemas
from ..settings import load_settings


def register(sub) -> None:
    p = sub.add_parser("schema", help="生成各类记录的 JSON Schema（供编辑器补全和校验）")
    p.add_argument("--out", type=Path, default=None, help="输出目录（默认站点根目录下的 schemas/）")
    p.add_argument("--config", type=Path, default=None, help="mkdocs.yml 的路径")
    p.set_defaults(handler=run)


def run(args) -> int:
    settings, _ = load_settings(args.config)
    out = args.out or settings.root / "schemas"
    base = settings.site_url.rstrip("/")
    try:
        out.mkdir(parents=True, exist_ok=True)
        for kind, schema in record_schemas(base + "/" if base else "").items():
            path = out / f"{kind}.schema.json"
            path.write_text(dumps(schema), encoding="utf-8")
            print(path)
    except OSError as exc:
        print(f"congress schema：无法写入 {out}：{exc.strerror}", file=sys.stderr)
        return 1
    return 0

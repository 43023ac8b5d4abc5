"""A plain synthetic site for timing the preview when the benchmark
generator (`congress bench generate`) is not available: N stories over a
few columns, profiles, stations and laws, all valid."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

COLUMNS = [("jiceng", "基层传真"), ("fengcai", "代表风采"), ("lifa", "立法聚焦"), ("lilun", "理论实践")]
SENTENCES = [
    "代表们走进联络站，面对面听取群众的意见和建议。", "常委会组织代表开展专题调研，形成调研报告。",
    "社区议事会上，居民代表围绕停车难问题各抒己见。", "相关部门现场答复，并明确了办理时限。",
    "代表建议被列为重点督办件，办理情况定期向社会公开。", "基层立法联系点收集到的意见被吸纳进法规草案。",
]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_site(root: Path, stories: int, *, theme_dir: Path, profiles: int = 100, seed: int = 1) -> Path:
    rnd = random.Random(seed)
    root = Path(root)
    config = {"site_name": "预览计时站", "site_url": "https://example.gov.cn/", "docs_dir": "content",
              "theme": {"name": "material", "custom_dir": str(theme_dir), "language": "zh", "font": False},
              "plugins": ["congress"], "markdown_extensions": ["toc", "tables", "attr_list"],
              "validation": {"nav": {"omitted_files": "ignore"}}}
    _write(root / "mkdocs.yml", yaml.safe_dump(config, allow_unicode=True))
    _write(root / "content/columns.yml", yaml.safe_dump(
        [{"id": cid, "name": name, "order": i} for i, (cid, name) in enumerate(COLUMNS)], allow_unicode=True))
    _write(root / "content/stations/zhan-1.yml", "id: zhan-1\nname: 第一代表联络站\nlevel: 站\n")
    _write(root / "content/legislation/tiaoli-1.yml",
           "id: tiaoli-1\ntitle: 《示例市文明行为促进条例》\nbody: 示例市人大常委会\n"
           "stages:\n  - {stage: 立项, date: 2024-01-10}\n  - {stage: 一审, date: 2024-05-10}\n")
    for i in range(profiles):
        _write(root / f"profiles/daibiao-{i}.yml",
               f"id: daibiao-{i}\nname: 代表{i}号\nlevels: [区]\nstation: zhan-1\n")
    first = dt.date(2016, 1, 1)
    for i in range(stories):
        day = first + dt.timedelta(days=i * 3650 // max(stories, 1))
        body = "\n\n".join("".join(rnd.choice(SENTENCES) for _ in range(4)) for _ in range(6))
        meta = {"title": f"第{i}篇履职故事", "date": day, "column": COLUMNS[i % len(COLUMNS)][0],
                "authors": ["通讯员"], "representatives": [f"daibiao-{rnd.randrange(profiles)}"],
                "legislation": ["tiaoli-1"] if i % 10 == 0 else [], "tags": [f"标签{i % 30}"],
                "summary": "代表履职的一个片段。",
                # Bodies are drawn from a few sentences: repeats are expected here.
                "lint": {"disable": ["repeated-sentence"]}}
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        _write(root / f"stories/{day.year}/{day:%m-%d}-story-{i}.md", f"---\n{head}---\n\n{body}\n")
    return root

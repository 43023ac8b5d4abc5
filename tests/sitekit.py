"""Helpers for tests: write a small site in a folder, copy the sample site
to one, build it with MkDocs (in this process) or with either engine's
command (in a child process)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
THEME = REPO / "theme"
# What the sample site is made of: its settings, records, pages and theme.
SAMPLE_PARTS = ("mkdocs.yml", "content", "stories", "profiles", "theme")
SAMPLE_TODAY = "2026-11-22"  # the build date of every test build of the sample site


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def mkdocs_yml(root: Path, **plugin_options) -> Path:
    config = {
        "site_name": "测试站",
        "site_url": "https://example.gov.cn/",
        "docs_dir": "content",
        "theme": {"name": "material", "custom_dir": str(THEME), "language": "zh", "font": False},
        "extra_css": ["assets/stylesheets/congress.css"],
        "plugins": [{"congress": plugin_options} if plugin_options else "congress"],
        "markdown_extensions": ["toc", "tables", "attr_list"],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    root.mkdir(parents=True, exist_ok=True)
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    return path


# The small sites' jurisdiction: a city, a district, two streets and a town.
REGIONS = """
    - id: shili-shi
      name: 示例市
      children:
        - id: wangshu-qu
          name: 望舒区
          children:
            - {id: shiyuan-jiedao, name: 柿园街道}
            - {id: dongmen-jiedao, name: 东门街道}
        - id: qingtang-xian
          name: 青棠县
          children:
            - {id: lichuan-zhen, name: 梨川镇}
"""


def minimal_site(root: Path, stories: int = 1, column: str = "jiceng") -> Path:
    """A valid site: one column, one profile, one station, one law, N stories."""
    mkdocs_yml(root)
    write(root / "content/columns.yml", f"""
        - {{id: {column}, name: 基层传真, description: 基层人大工作动态, editor: 编辑部, order: 1}}
        - {{id: empty, name: 空栏目, order: 2}}
    """)
    write(root / "content/regions.yml", REGIONS)
    write(root / "content/stations/shiyuan.yml", """
        id: shiyuan
        name: 柿园社区代表联络站
        type: 代表联络站
        region: shiyuan-jiedao
        phone: 0123-5550100
        receptions: [{weekday: 2, start: "09:00", end: "11:30"}]
    """)
    write(root / "profiles/zhao-mingyuan.yml", """
        id: zhao-mingyuan
        name: 赵明远
        levels: [县（市、区）]
        station: shiyuan
    """)
    write(root / "content/legislation/cunluo.yml", """
        id: cunluo
        title: 《石岭市传统村落保护条例》
        body: 石岭市人大常委会
        origin: {type: 代表议案, proposers: [zhao-mingyuan]}
        stages:
          - {stage: 立项, date: 2024-01-10}
          - {stage: 一审, date: 2024-05-10}
    """)
    for i in range(stories):
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        write_story(root, f"2025/{month:02d}-{day:02d}-item-{i}.md", title=f"第{i}篇稿件",
                    date=f"2025-{month:02d}-{day:02d}", column=column)
    return root


def write_story(root: Path, rel: str, body: str = "正文第一段。\n", **fields) -> Path:
    meta = {"title": "稿件", "date": "2025-07-05", "column": "jiceng", "authors": ["通讯员"],
            "representatives": ["zhao-mingyuan"], "legislation": ["cunluo"], "tags": ["联络站"]}
    meta.update(fields)
    head = "\n".join(f"{k}: {v if not isinstance(v, list) else '[' + ', '.join(v) + ']'}" for k, v in meta.items())
    return write(root / "stories" / rel, f"---\n{head}\n---\n{body}")


def copy_sample(dest: Path) -> Path:
    """The repository's sample site copied to `dest`: a build of the copy
    keeps its caches (.cache/congress/ beside mkdocs.yml) there, and nothing
    is ever written into the repository."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SAMPLE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    return dest


def build(root: Path, site_dir: Path, today: str = "2026-11-22", strict: bool = False, serve: bool = False) -> Path:
    """Build with the real MkDocs, as `mkdocs build` (or serve's preview) would."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ["CONGRESS_TODAY"] = today
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
        mkdocs_build(config)
    finally:
        os.environ.pop("CONGRESS_TODAY", None)
    return site_dir


def engine_build(config: Path, site: Path, *args: str, engine: str = "mkdocs", cwd: Path | None = None,
                 **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build` or `properdocs build` in a child process, on a fixed
    build date; the caller checks the exit code."""
    environ = {**os.environ, "CONGRESS_TODAY": SAMPLE_TODAY, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", engine, "build", "-q", "-f", str(config), "-d", str(site), *args],
                          env=environ, capture_output=True, text=True, timeout=300, cwd=cwd)


def snapshot(site: Path) -> dict[str, str]:
    """Every file of a built site, by path, as a digest of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def fresh_python(code: str, *args: str, hashseed: str) -> str:
    """stdout of `python -c code args` in a new interpreter with its own
    PYTHONHASHSEED: for values that must come out the same in every run."""
    out = subprocess.run([sys.executable, "-c", code, *args], env={**os.environ, "PYTHONHASHSEED": hashseed},
                         capture_output=True, text=True, timeout=60, check=True)
    return out.stdout.strip()

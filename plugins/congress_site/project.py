"""Finding a site's folders from its mkdocs.yml, for commands run outside
MkDocs (`congress check`, `congress new`, …)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .findings import CongressError, Finding
from .model import Layout


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may carry tags such as `!!python/name:` (Material's emoji
    options) and `!ENV`; we need plain keys only, so a tag reads as nothing
    (or `!ENV`'s default) instead of running anything."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        return items[-1] if len(items) > 1 else None  # !ENV [NAME, default]
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_mkdocs_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data; an unreadable or malformed file is a finding."""
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CongressError(Finding(display, 1, 1, "config-unreadable",
                                    f"无法读取配置文件：{exc.strerror or exc}",
                                    "检查 --config 指向的 mkdocs.yml 路径")) from None
    except UnicodeDecodeError:
        raise CongressError(Finding(display, 1, 1, "encoding", "配置文件不是 UTF-8 编码",
                                    "请把 mkdocs.yml 另存为 UTF-8 编码")) from None
    try:
        data = yaml.load(text, Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise CongressError(Finding(display, line, col, "yaml-syntax", "配置文件的 YAML 格式有误",
                                    "检查缩进和冒号")) from None
    if not isinstance(data, dict):
        raise CongressError(Finding(display, 1, 1, "not-a-mapping", "配置文件应是“键: 值”的字段组",
                                    "请对照 MkDocs 的配置格式"))
    return data


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "mkdocs.yml"
        if candidate.is_file():
            return candidate
    return None


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The `congress` plugin's options, whether plugins is a list or a mapping."""
    plugins = config.get("plugins")
    entries = [plugins] if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []
    for entry in entries:
        if isinstance(entry, dict) and "congress" in entry:
            options = entry["congress"]
            return options if isinstance(options, dict) else {}
    return {}


def load_layout(config_file: Path | None = None) -> tuple[Layout, dict[str, Any]]:
    """The site's Layout and its mkdocs.yml as plain data; defaults when
    there is no mkdocs.yml."""
    config_file = config_file or find_config()
    if config_file is None:
        return Layout.default(Path.cwd()), {}
    config = read_mkdocs_config(config_file)
    root = config_file.parent
    options = plugin_options(config)
    layout = Layout(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        stories_dir=root / options.get("stories_dir", "stories"),
        profiles_dir=root / options.get("profiles_dir", "profiles"),
    )
    return layout, config

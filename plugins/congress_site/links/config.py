"""Link-check settings from mkdocs.yml: the site URL and, in the `congress`
plugin's options, `links_ignore` (patterns) and `links_cache` (a path).

    plugins:
      - congress:
          links_ignore:
            - "https://www.example.gov.cn/*"   # shell-style pattern
            - "re:^https?://[^/]*\\.weixin\\.qq\\.com/"  # or a regular expression
          links_cache: .cache/congress/links.json

mkdocs.yml may carry tags such as `!!python/name:` and `!ENV`; we read it
with a safe loader that turns those into nothing instead of running them.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..findings import CongressError, Finding

DEFAULT_CACHE = Path(".cache") / "congress" / "links.json"
PLUGIN = "congress"


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads unknown tags as null rather than failing."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return None
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        # !ENV [NAME, default]: the default is the best we can do offline
        return items[-1] if len(items) > 1 else None
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass
class LinkConfig:
    site_url: str | None = None
    ignore: list[str] = field(default_factory=list)
    cache: Path | None = None  # absolute, or None for the default
    root: Path = field(default_factory=Path.cwd)  # project folder: sources and cache live here

    def cache_path(self) -> Path:
        path = self.cache or DEFAULT_CACHE
        return path if path.is_absolute() else self.root / path


def _plugin_options(plugins) -> dict:
    if isinstance(plugins, dict):
        opts = plugins.get(PLUGIN)
        return opts if isinstance(opts, dict) else {}
    if isinstance(plugins, list):
        for item in plugins:
            if isinstance(item, dict) and PLUGIN in item:
                opts = item[PLUGIN]
                return opts if isinstance(opts, dict) else {}
    return {}


def load_config(path: Path) -> LinkConfig:
    """Read the settings; a missing or unreadable file is a finding."""
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
    opts = _plugin_options(data.get("plugins"))
    ignore = opts.get("links_ignore") or []
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(p, str) for p in ignore):
        raise CongressError(Finding(display, 1, 1, "bad-option", "links_ignore 应是由文字组成的列表",
                                    '例如 links_ignore: ["https://example.com/*"]'))
    cache = opts.get("links_cache")
    site_url = data.get("site_url")
    return LinkConfig(
        site_url=site_url if isinstance(site_url, str) and site_url else None,
        ignore=list(ignore),
        cache=Path(cache) if isinstance(cache, str) and cache else None,
        root=path.resolve().parent,
    )


class IgnoreList:
    """Patterns of URLs not to check. Shell-style patterns (`*`, `?`) match
    the whole URL as written on the page; a pattern starting `re:` is a
    regular expression searched anywhere in it."""

    def __init__(self, patterns: list[str] | tuple[str, ...] = ()):
        parts: list[str] = []
        for pattern in patterns:
            if pattern.startswith("re:"):
                parts.append(f"(?:.*?(?:{pattern[3:]}))")
            else:
                parts.append(f"(?:{fnmatch.translate(pattern)})")
        try:
            self._re = re.compile("|".join(parts)) if parts else None
        except re.error as exc:
            raise CongressError(Finding("mkdocs.yml", 1, 1, "bad-option",
                                        f"links_ignore 中的正则表达式有误：{exc}",
                                        "检查以 re: 开头的模式")) from None

    def __bool__(self) -> bool:
        return self._re is not None

    def match(self, url: str) -> bool:
        return self._re is not None and self._re.match(url) is not None

"""Link-check settings from mkdocs.yml: the site URL and, in the `congress`
plugin's options, `links_ignore` (patterns) and `links_cache` (a path).

    plugins:
      - congress:
          links_ignore:
            - "https://www.example.gov.cn/*"   # shell-style pattern
            - "re:^https?://[^/]*\\.weixin\\.qq\\.com/"  # or a regular expression
          links_cache: .cache/congress/links.json

mkdocs.yml is read by `project.read_mkdocs_config`, which never runs its tags.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import CongressError, Finding
from ..project import plugin_options, read_mkdocs_config

DEFAULT_CACHE = Path(".cache") / "congress" / "links.json"


@dataclass
class LinkConfig:
    site_url: str | None = None
    ignore: list[str] = field(default_factory=list)
    cache: Path | None = None  # absolute, or None for the default
    root: Path = field(default_factory=Path.cwd)  # project folder: sources and cache live here

    def cache_path(self) -> Path:
        path = self.cache or DEFAULT_CACHE
        return path if path.is_absolute() else self.root / path


def load_config(path: Path) -> LinkConfig:
    """Read the settings; a missing or unreadable file is a finding."""
    display = str(path)
    data = read_mkdocs_config(path)
    opts = plugin_options(data)
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

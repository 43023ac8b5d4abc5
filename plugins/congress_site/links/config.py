"""Link-check settings, taken from the site's `settings.Settings`: the site
URL and, in the `congress` plugin's options, `links_ignore` (patterns) and
`links_cache` (a path).

    plugins:
      - congress:
          links_ignore:
            - "https://www.example.gov.cn/*"   # shell-style pattern
            - "re:^https?://[^/]*\\.weixin\\.qq\\.com/"  # or a regular expression
          links_cache: .cache/congress/links.json
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import CongressError, Finding
from ..settings import Options, Settings, load_settings, make_settings


@dataclass
class LinkConfig:
    site_url: str | None = None
    ignore: list[str] = field(default_factory=list)
    root: Path = field(default_factory=Path.cwd)  # project folder: sources and cache live here
    settings: Settings | None = None

    def cache_path(self) -> Path:
        settings = self.settings or make_settings(self.root, "content", "site", Options())
        return settings.links_cache

    @classmethod
    def from_settings(cls, settings: Settings) -> LinkConfig:
        return cls(site_url=settings.site_url or None, ignore=list(settings.options.links_ignore),
                   root=settings.root.resolve(), settings=settings)


def load_config(path: Path) -> LinkConfig:
    """Read the settings; a missing or unreadable file is a finding."""
    settings, _ = load_settings(path)
    return LinkConfig.from_settings(settings)


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

"""Finding a site's folders from its mkdocs.yml, for commands run outside
MkDocs (`congress check`, `congress new`, …)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .model import Layout


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may carry !!python/name tags (Material's emoji options);
    we only need plain keys, so unknown tags read as None."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "mkdocs.yml"
        if candidate.is_file():
            return candidate
    return None


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if entry == "congress":
            return {}
        if isinstance(entry, dict) and "congress" in entry:
            return entry["congress"] or {}
    return {}


def load_layout(config_file: Path | None = None) -> tuple[Layout, dict[str, Any]]:
    """The site's Layout and its mkdocs.yml as plain data; defaults when
    there is no mkdocs.yml."""
    config_file = config_file or find_config()
    if config_file is None:
        return Layout.default(Path.cwd()), {}
    with open(config_file, encoding="utf-8") as fh:
        config = yaml.load(fh, Loader=_LenientLoader) or {}
    root = config_file.parent
    options = plugin_options(config)
    layout = Layout(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        stories_dir=root / options.get("stories_dir", "stories"),
        profiles_dir=root / options.get("profiles_dir", "profiles"),
    )
    return layout, config

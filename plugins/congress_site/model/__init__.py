"""Records of the site: typed models, safe loading, and the repository that
holds them with their cross-references.

Names are imported on first use: `congress lint` needs `Layout` and the safe
YAML loader, not the pydantic models (which take longer to import than a
whole one-file lint)."""

from __future__ import annotations

from importlib import import_module

_WHERE = {
    "Column": "records", "LegislationRecord": "records", "Profile": "records", "Station": "records",
    "Story": "records", "Held": "repository", "Repository": "repository",
    "load_repository": "repository", "Layout": "layout",
}

__all__ = [
    "Column", "Held", "Layout", "LegislationRecord", "Profile", "Repository", "Station", "Story",
    "load_repository",
]

def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

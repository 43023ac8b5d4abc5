"""Records of the site: typed models, safe loading, and the repository that
holds them with their cross-references."""

from .records import Column, LegislationRecord, Profile, Station, Story
from .repository import Held, Layout, Repository, load_repository

__all__ = [
    "Column", "Held", "Layout", "LegislationRecord", "Profile", "Repository", "Station", "Story",
    "load_repository",
]

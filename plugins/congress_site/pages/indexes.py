"""Reverse indexes over the visible stories, built once per build in linear
time: who is cited where, what each column, tag and year holds."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..model import Repository, Story


@dataclass
class Indexes:
    stories: list[Story]
    by_column: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    by_profile: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    by_legislation: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    by_tag: dict[str, list[Story]] = field(default_factory=lambda: defaultdict(list))
    by_year: dict[int, list[Story]] = field(default_factory=lambda: defaultdict(list))
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    proposed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    neighbours: dict[str, tuple[Story | None, Story | None]] = field(default_factory=dict)
    # Meetings and oversight with what they concern (pages.institution.InstitutionIndex).
    institution: Any = None


def build_indexes(repo: Repository, stories: list[Story]) -> Indexes:
    """`stories` are newest first; every list here keeps that order."""
    ix = Indexes(stories)
    for story in stories:
        ix.by_column[story.column].append(story)
        ix.by_year[story.date.year].append(story)
        for pid in dict.fromkeys(story.representatives):
            ix.by_profile[pid].append(story)
        for lid in dict.fromkeys(story.legislation):
            ix.by_legislation[lid].append(story)
        for tag in dict.fromkeys(story.tags):
            ix.by_tag[tag].append(story)
    for column_stories in ix.by_column.values():
        for i, story in enumerate(column_stories):
            newer = column_stories[i - 1] if i > 0 else None
            older = column_stories[i + 1] if i + 1 < len(column_stories) else None
            ix.neighbours[story.slug] = (older, newer)
    for profile in repo.profiles.values():
        if profile.station:
            ix.members[profile.station].append(profile.id)
    for record in repo.legislation.values():
        for pid in record.origin.proposers:
            ix.proposed[pid].append(record.id)
    from .institution import index_institution  # it builds on this module

    ix.institution = index_institution(repo, stories)
    return ix

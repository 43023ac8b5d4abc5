"""The duty records kept one file per year — 代表建议 and 民生实事项目 — as
the repository loads and cross-checks them. A bad entry is a finding and is
held back on its own; the rest of its year is published."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .projects import load_project_year
from .suggestions import SuggestionYear, load_suggestion_year

if TYPE_CHECKING:
    from .layout import Layout
    from .repository import Repository

SUGGESTIONS = "suggestions"
PROJECTS = "projects"


def suggestions_dir(layout: Layout) -> Path:
    return layout.docs_dir / SUGGESTIONS


def projects_dir(layout: Layout) -> Path:
    return layout.docs_dir / PROJECTS


def duty_files(layout: Layout) -> list[Path]:
    from .repository import _record_files

    return _record_files(suggestions_dir(layout)) + _record_files(projects_dir(layout))


def load_duty(repo: Repository, cache=None) -> None:
    from .repository import Held, _attempt

    for path in duty_files(repo.layout):
        loader = load_suggestion_year if path.parent.name == SUGGESTIONS else load_project_year
        loaded = _attempt(repo, path, loader, cache)
        if loaded is None:
            continue
        repo.findings.extend(loaded.findings)
        what = "建议" if isinstance(loaded, SuggestionYear) else "候选项目"
        repo.failed.extend(Held(loaded.src.path, f"第{line}行的{what}有错误") for line in loaded.bad_lines)
        repo.sources[loaded.src.path] = loaded.src
        repo.lists.append(loaded.src.path)
        if isinstance(loaded, SuggestionYear):
            repo.suggestions[loaded.year] = list(loaded.items)
        else:
            repo.projects[loaded.year] = loaded.record


def check_duty(repo: Repository) -> None:
    """People and stories the duty records name must exist; an entry with a
    broken reference is held back, never published half-linked. (The loaded
    records may be shared with the preview's cache: they are filtered into
    new lists, never changed.)"""
    from .repository import Held, _ref_error

    stories = {s.slug for s in repo.stories}
    for year, items in repo.suggestions.items():
        src = repo.sources[_path_of(repo, SUGGESTIONS, year)]
        kept = []
        for item in items:
            before = len(repo.findings)
            for j, pid in enumerate(item.people()):
                if pid not in repo.profiles:
                    key = ("lead",) if j == 0 else ("cosigners", j - 1)
                    _ref_error(repo, src, (item.index, *key), "unknown-profile", "代表编号", pid, repo.profiles)
            for j, slug in enumerate(item.stories):
                if slug not in stories:
                    _ref_error(repo, src, (item.index, "stories", j), "unknown-story", "稿件", slug, stories)
            if len(repo.findings) > before:
                repo.failed.append(Held(src.path, f"第{item.line}行的建议引用有错误"))
            else:
                kept.append(item)
        repo.suggestions[year] = kept
    for year, record in repo.projects.items():
        src = repo.sources[_path_of(repo, PROJECTS, year)]
        kept = []
        for candidate in record.candidates:
            before = len(repo.findings)
            for j, step in enumerate(candidate.progress):
                if step.story and step.story not in stories:
                    _ref_error(repo, src, ("candidates", candidate.index, "progress", j, "story"), "unknown-story",
                               "稿件", step.story, stories)
            if len(repo.findings) > before:
                repo.failed.append(Held(src.path, f"第{candidate.line}行的候选项目引用有错误"))
            else:
                kept.append(candidate)
        if len(kept) < len(record.candidates):
            repo.projects[year] = record.with_candidates(kept)


def _path_of(repo: Repository, folder: str, year: int) -> str:
    return repo.layout.display(repo.layout.docs_dir / folder / f"{year}.yml")


__all__ = ["check_duty", "duty_files", "load_duty"]

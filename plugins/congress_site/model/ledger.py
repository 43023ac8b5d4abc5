"""Nothing lost: every record file is either published or held back for a
stated reason. The build logs this ledger; `congress held` prints it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .repository import Held, Repository


@dataclass(frozen=True)
class Ledger:
    published: list[str]
    held: list[Held]

    @property
    def total(self) -> int:
        return len(self.published) + len(self.held)

    def reasons(self) -> Counter:
        return Counter(h.reason for h in self.held)


def ledger(repo: Repository) -> Ledger:
    """What a production build publishes and what it holds back. Preview
    shows drafts and embargoed stories, but they still count as held back:
    they are not on the public site."""
    held = repo.held_back()
    held_paths = {h.path for h in held}
    published = [s.path for s in repo.stories if s.path not in held_paths]
    published += list(repo.sources_by_id.values())
    published += [doc.source for docs in repo.documents.values() for doc in docs]
    published += [plan.path for plan in repo.plans.values() if plan.path not in held_paths]
    for single in (repo.layout.columns_file, repo.layout.regions_file):
        shown = repo.layout.display(single)
        if shown in repo.sources and shown not in held_paths:
            published.append(shown)
    published += [path for path in repo.lists if path not in held_paths]
    return Ledger(sorted(published), sorted(held, key=lambda h: (h.path, h.reason)))


def ledger_line(repo: Repository, preview: bool = False) -> str:
    """One line for the build log."""
    book = ledger(repo)
    text = f"记录清点：共 {book.total} 个记录文件，发布 {len(book.published)} 个，未发布 {len(book.held)} 个"
    if book.held:
        parts = "，".join(f"{reason} {n} 个" for reason, n in sorted(book.reasons().items()))
        text += f"（{parts}）"
    if preview:
        text += "；预览中草稿和未到发布日期的稿件也会显示"
    return text

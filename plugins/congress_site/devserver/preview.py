"""Pages that exist only in the editor's preview.

- An error page at the URL a broken record would have had, listing its
  findings in Chinese, so the editor sees why instead of a silent 404.
- The editors' page (/editors/): drafts, embargoed stories, records held
  back and every open finding, grouped by file.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from ..findings import Finding, Severity
from ..model import Repository
from ..model.kinds import RECORD_KINDS
from ..model.loader import STORY_NAME
from ..pages import routes
from ..pages.types import EditorsPage, Page, RecordErrorPage

EDITORS_URL = "editors/"


def url_of_record(repo: Repository, path: str) -> str | None:
    """The URL a record file would be published at, from its path alone
    (a broken record has no model to ask)."""
    p = PurePosixPath(path)
    lay = repo.layout
    parent = (lay.root / path).parent.resolve()
    m = STORY_NAME.match(p.name)
    if m and parent.parent == lay.stories_dir.resolve():
        return routes.story(m.group(3))
    laws = lay.legislation_dir.resolve()
    if parent.parent == laws and p.suffix == ".md":  # a document beside a law
        return f"{routes.legislation(parent.name)}{p.stem}/"
    if parent == lay.plans_dir.resolve() and p.stem.isdigit():
        return routes.plan(int(p.stem))
    if p.suffix in (".yml", ".yaml"):
        for kind in RECORD_KINDS:
            if parent == kind.folder(lay).resolve() and kind.attr in routes.RECORD_PAGES:
                return routes.RECORD_PAGES[kind.attr](p.stem)
    return None


def findings_by_path(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for f in sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code)):
        grouped[f.path].append(f)
    return dict(grouped)


def error_pages(repo: Repository, taken: set[str]) -> list[Page]:
    """One error page per record held back for errors, at its URL unless a
    good record already has that URL (e.g. the first of two duplicates)."""
    grouped = findings_by_path(repo.findings)
    out, seen = [], set(taken)
    for held in repo.failed:
        url = url_of_record(repo, held.path)
        if url is None or url in seen:
            continue
        seen.add(url)
        found = grouped.get(held.path, [])
        out.append(RecordErrorPage(url=url, title=f"有错误：{held.path}", source=held.path, banner="记录有错误",
                                   path=held.path, reason=held.reason, findings=found))
    return out


def editors_page(repo: Repository) -> EditorsPage:
    drafts = [s for s in repo.stories if s.draft]
    embargoed = [s for s in repo.stories if not s.draft and s.date > repo.today]
    grouped = findings_by_path(repo.findings)
    errors = sum(1 for f in repo.findings if f.severity == Severity.ERROR)
    failed = [(h, url_of_record(repo, h.path)) for h in repo.failed]
    return EditorsPage(url=EDITORS_URL, title="编辑工作台", drafts=drafts, embargoed=embargoed, failed=failed,
                       findings=grouped, errors=errors, warnings=len(repo.findings) - errors, today=repo.today)


def preview_pages(repo: Repository, taken: set[str]) -> list[Page]:
    """The preview-only pages, beside the site's pages at the URLs `taken`."""
    return [*error_pages(repo, taken), editors_page(repo)]

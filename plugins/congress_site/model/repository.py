"""All records of a site, their cross-references and reverse indexes.

`load_repository` never raises for bad records: every problem becomes a
finding and the bad record is listed as held back, so nothing disappears
silently and a preview keeps running.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..collector import no_cycle_collection
from ..findings import CongressError, Finding, Severity
from .documents import Document, attach_documents, document_files
from .duty import check_duty, duty_files, load_duty
from .institution import check_institution
from .kinds import KIND_BY_ATTR, RECORD_KINDS, RecordKind
from .layout import Layout
from .loader import file_suffix, load_columns, load_story
from .meetings import Meeting
from .network import check_network
from .oversight import Oversight
from .plans import LegislativePlan, load_plans, plan_files
from .projects import ProjectYear
from .records import Column, LegislationRecord, Profile, Station, Story
from .regions import RegionTree, load_regions
from .source import Source
from .suggestions import Suggestion
from .vocab import LAW_TEXT_KINDS


@dataclass
class Held:
    path: str
    reason: str


@dataclass
class Repository:
    layout: Layout
    today: dt.date
    profiles: dict[str, Profile] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)
    legislation: dict[str, LegislationRecord] = field(default_factory=dict)
    columns: dict[str, Column] = field(default_factory=dict)
    stations: dict[str, Station] = field(default_factory=dict)
    regions: RegionTree = field(default_factory=RegionTree)
    # Documents beside records, by (kind attr, record id); plans by year.
    documents: dict[tuple[str, str], list[Document]] = field(default_factory=dict)
    plans: dict[int, LegislativePlan] = field(default_factory=dict)
    # 代表建议 and 民生实事项目, by year (model/duty.py).
    suggestions: dict[int, list[Suggestion]] = field(default_factory=dict)
    projects: dict[int, ProjectYear] = field(default_factory=dict)
    # Files holding a list of records (besides columns.yml), for the ledger.
    lists: list[str] = field(default_factory=list)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    oversight: dict[str, Oversight] = field(default_factory=dict)
    # The name of the place whose 人大 this is (示例市), for meeting titles:
    # the plugin option `jurisdiction`, else read from the laws' bodies.
    jurisdiction: str = ""
    sources: dict[str, Source] = field(default_factory=dict)
    sources_by_id: dict[tuple[str, str], str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    failed: list[Held] = field(default_factory=list)

    # ------------------------------------------------------------ views

    def visible_stories(self, preview: bool) -> list[Story]:
        """Stories that appear on the site, newest first. Preview shows drafts
        and embargoed stories too."""
        return [s for s in self.stories if preview or s.held_back(self.today) is None]

    def held_back(self) -> list[Held]:
        """Every record not published, with the reason: nothing is dropped silently."""
        held = [Held(s.path, s.held_back(self.today)) for s in self.stories if s.held_back(self.today)]
        return held + self.failed

    @property
    def place(self) -> str:
        """The jurisdiction's name: configured, else the place in the name
        of the body that enacts most of the laws (示例市人大常委会 → 示例市)."""
        if self.jurisdiction:
            return self.jurisdiction
        bodies = Counter(r.body for r in self.legislation.values())
        for body, _ in bodies.most_common():
            for ending in ("人民代表大会常务委员会", "人大常委会", "人民代表大会"):
                if body.endswith(ending) and len(body) > len(ending):
                    return body[: -len(ending)]
        return ""

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]


def _suggest(value: str, known) -> str:
    near = difflib.get_close_matches(value, list(known), n=3, cutoff=0.5)
    return f"是否想写：{'、'.join(near)}？" if near else "请先建立对应的记录，或检查拼写"


# Files a correspondent may have meant as a record: picked up so that the
# loader says what is wrong instead of the file being skipped unseen.
TEXT_SUFFIXES = (".txt", ".text", ".doc", ".docx", ".wps", ".rtf", ".odt", ".pages")
STORY_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn") + TEXT_SUFFIXES
RECORD_SUFFIXES = (".yml", ".yaml") + TEXT_SUFFIXES


def _listed_file(entry: os.DirEntry) -> bool:
    """A file, or a symlink to anything (the loader then says what is wrong
    with it). Asked in this order, a dangling or looping link is never
    followed."""
    return entry.is_symlink() or entry.is_file()


# Both listings walk with os.scandir and plain strings: pathlib's glob,
# sorting and relative paths cost more than loading a story from the
# parsed cache, and a site has tens of thousands of them.

def _record_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if file_suffix(e.name).lower() in RECORD_SUFFIXES
                       and _listed_file(e) and not e.name.startswith("."))
    return [folder / name for name in names]


def _story_files(folder: Path) -> list[Path]:
    return [Path(path) for path in _story_paths(folder)]


def _story_paths(folder: Path) -> list[str]:
    """Every Markdown (or would-be story) file under stories/, at any
    depth: one in the wrong place or format is reported by the loader
    instead of being skipped unseen. Hidden files and folders are left out,
    symlinked folders are not entered, and a folder that may not be read
    is passed over (as Path.rglob does); sorted as Paths sort."""
    if not folder.is_dir():
        return []
    found: list[tuple[tuple[str, ...], str]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(str(folder), ())]
    while pending:
        here, rel = pending.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except PermissionError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, (*rel, name)))
            elif (file_suffix(name).lower() in STORY_SUFFIXES and name.lower() != "readme.md"
                  and _listed_file(entry)):
                found.append(((*rel, name), entry.path))
    found.sort()
    return [path for _, path in found]


# The folder beside the legislation records that holds the 立法计划.
PLANS = "plans"


def record_paths(layout: Layout) -> list[Path]:
    """Every file the repository loads (and so every file whose copy is
    checked): stories, the records of every kind, and columns."""
    files = _story_files(layout.stories_dir)
    for kind in RECORD_KINDS:
        files += _record_files(kind.folder(layout))
    files += document_files(KIND_BY_ATTR["legislation"].folder(layout), reserved=(PLANS,))
    files += document_files(KIND_BY_ATTR["meetings"].folder(layout))
    files += document_files(KIND_BY_ATTR["oversight"].folder(layout))
    files += plan_files(layout.plans_dir)
    for single in (layout.columns_file, layout.regions_file):
        if single.is_file():
            files.append(single)
    return files + duty_files(layout)


def load_repository(layout: Layout, today: dt.date | None = None, cache=None, jurisdiction: str = "") -> Repository:
    """`cache(path, display, loader)`, when given, may answer with a result
    remembered from an earlier load (the preview's devserver.RecordCache).
    `jurisdiction`: the place whose 人大 this is, for meeting titles."""
    repo = Repository(layout=layout, today=today or dt.date.today(), jurisdiction=jurisdiction)
    with no_cycle_collection():
        _load_all(repo, cache)
    _check_references(repo)
    return repo


def _attempt(repo: Repository, path: Path | str, loader, cache=None):
    display = repo.layout.display(path)
    if not repo.layout.inside(path):
        repo.findings.append(Finding(display, 1, 1, "outside-repo",
                                     "这个文件是指向仓库以外的链接（符号链接），不予读取",
                                     "请把文件本身放进仓库，不要用链接"))
        repo.failed.append(Held(display, "指向仓库以外"))
        return None
    try:
        return cache(path, display, loader) if cache else loader(path, display)
    except CongressError as exc:
        repo.findings.extend(exc.findings)
        repo.failed.append(Held(display, "记录有错误"))
    except OSError as exc:
        repo.findings.append(Finding(display, 1, 1, "unreadable", f"文件无法读取：{_os_reason(exc)}",
                                     "请检查这个文件是否完整、是否允许读取（例如 chmod 644），或重新保存一次"))
        repo.failed.append(Held(display, "文件无法读取"))
    return None


def _os_reason(exc: OSError) -> str:
    """Why the system refused a file, in words a correspondent reads."""
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(exc, FileNotFoundError):
        return "文件不存在（可能是失效的链接）"
    return f"系统错误（{exc.strerror or exc}）"


def _duplicate(repo: Repository, src: Source, kind: str, ident: str, other: str) -> None:
    line, col = src.where(("id",))
    repo.findings.append(Finding(src.path, line, col, "duplicate-id",
                                 f"{kind}编号“{ident}”与 {other} 重复", "两个不同的人或记录须用不同编号"))
    repo.failed.append(Held(src.path, "编号重复"))


def _load_kind(repo: Repository, kind: RecordKind, cache=None) -> None:
    target = getattr(repo, kind.attr)
    for path in _record_files(kind.folder(repo.layout)):
        loaded = _attempt(repo, path, kind.load, cache)
        if not loaded:
            continue
        record, src = loaded
        if record.id in target:
            _duplicate(repo, src, kind.label, record.id, repo.sources_by_id[(kind.label, record.id)])
            continue
        target[record.id] = record
        repo.sources[src.path] = src
        repo.sources_by_id[(kind.label, record.id)] = src.path


def _load_all(repo: Repository, cache=None) -> None:
    lay = repo.layout
    if lay.columns_file.is_file():
        display = lay.display(lay.columns_file)
        try:
            columns, src, findings = load_columns(lay.columns_file, display)
            repo.findings.extend(findings)
            # A bad entry is dropped from the site: list it as held back too.
            for line in sorted({f.line for f in findings}):
                repo.failed.append(Held(display, f"第{line}行的栏目有错误"))
            repo.sources[display] = src
            repo.columns = {c.id: c for c in sorted(columns, key=lambda c: (c.order, c.id))}
        except CongressError as exc:
            repo.findings.extend(exc.findings)
            repo.failed.append(Held(display, "栏目文件有错误"))

    if lay.regions_file.is_file():
        _load_regions(repo)

    for kind in RECORD_KINDS:
        _load_kind(repo, kind, cache)
    attach_documents(repo, KIND_BY_ATTR["legislation"], LAW_TEXT_KINDS, reserved=(PLANS,))
    attach_documents(repo, KIND_BY_ATTR["meetings"])
    attach_documents(repo, KIND_BY_ATTR["oversight"])
    load_plans(repo, lay.plans_dir)
    load_duty(repo, cache)

    slugs: dict[str, str] = {}
    for path in _story_paths(lay.stories_dir):
        loaded = _attempt(repo, path, load_story, cache)
        if not loaded:
            continue
        story, src = loaded
        if story.slug in slugs:
            repo.findings.append(Finding(src.path, 1, 1, "duplicate-url",
                                         f"网址 /stories/{story.slug}/ 与 {slugs[story.slug]} 重复",
                                         "请给文件名换一个不同的英文短名"))
            repo.failed.append(Held(src.path, "网址重复"))
            continue
        slugs[story.slug] = src.path
        repo.stories.append(story)
        repo.sources[src.path] = src
    repo.stories.sort(key=lambda s: (s.date, s.slug), reverse=True)


def _load_regions(repo: Repository) -> None:
    lay = repo.layout
    display = lay.display(lay.regions_file)
    try:
        repo.regions, src, findings = load_regions(lay.regions_file, display)
    except CongressError as exc:
        repo.findings.extend(exc.findings)
        repo.failed.append(Held(display, "地区文件有错误"))
        return
    repo.findings.extend(findings)
    for line in sorted({f.line for f in findings}):
        repo.failed.append(Held(display, f"第{line}行的地区有错误"))
    repo.sources[display] = src


def _region_error(repo: Repository, src: Source, value: str, place: bool = False) -> None:
    line, col = src.where(("region",))
    repo.findings.append(Finding(src.path, line, col, "unknown-region", f"地区“{value}”不在地区表中",
                                 repo.regions.suggest(value, place)))


def _ref_error(repo: Repository, src: Source, loc: tuple, code: str, what: str, value: str, known) -> None:
    line, col = src.where(loc)
    repo.findings.append(Finding(src.path, line, col, code, f"{what}“{value}”不存在", _suggest(value, known)))


def _check_references(repo: Repository) -> None:
    check_institution(repo)  # first: a story citing a held-back meeting is held back too
    held_stations = check_network(repo)
    bad_stories: set[str] = set()
    for story in repo.stories:
        src = repo.sources[story.path]
        before = len(repo.findings)
        if story.column not in repo.columns:
            _ref_error(repo, src, ("column",), "unknown-column", "栏目", story.column, repo.columns)
        if story.region and story.region not in repo.regions:
            _region_error(repo, src, story.region, place=True)
        for i, pid in enumerate(story.representatives):
            if pid not in repo.profiles:
                _ref_error(repo, src, ("representatives", i), "unknown-profile", "代表编号", pid, repo.profiles)
        for i, lid in enumerate(story.legislation):
            if lid not in repo.legislation:
                _ref_error(repo, src, ("legislation", i), "unknown-legislation", "法规编号", lid, repo.legislation)
        for i, mid in enumerate(story.meetings):
            if mid not in repo.meetings:
                _ref_error(repo, src, ("meetings", i), "unknown-meeting", "会议编号", mid, repo.meetings)
        for i, oid in enumerate(story.oversight):
            if oid not in repo.oversight:
                _ref_error(repo, src, ("oversight", i), "unknown-oversight", "监督记录编号", oid, repo.oversight)
        if story.cover:
            cover = (repo.layout.root / Path(story.path).parent / story.cover)
            lexical = Path(os.path.normpath(cover))
            if (Path(story.cover.replace("\\", "/")).is_absolute()
                    or not lexical.is_relative_to(Path(os.path.normpath(repo.layout.root)))
                    or (lexical.exists() and not repo.layout.inside(lexical))):
                line, col = src.where(("cover",))
                repo.findings.append(Finding(src.path, line, col, "image-outside",
                                             f"封面图“{story.cover}”指向仓库以外",
                                             "请把图片放进仓库（例如稿件旁的 images/ 文件夹），用相对路径引用"))
            elif not cover.is_file():
                line, col = src.where(("cover",))
                repo.findings.append(Finding(src.path, line, col, "missing-image", f"封面图“{story.cover}”找不到",
                                             "路径相对于稿件文件，例如 images/xxx.jpg"))
        if len(repo.findings) > before:
            bad_stories.add(story.path)
    if bad_stories:
        # A story with a broken reference is held back, never published half-linked.
        repo.stories = [s for s in repo.stories if s.path not in bad_stories]
        repo.failed.extend(Held(p, "引用有错误") for p in sorted(bad_stories))

    for profile in repo.profiles.values():
        src = repo.sources[repo.sources_by_id[("代表", profile.id)]]
        if profile.station in held_stations:
            line, col = src.where(("station",))
            repo.findings.append(Finding(src.path, line, col, "station-held",
                                         f"联络站“{profile.station}”有错误，暂未发布", "请先改正该联络站记录的错误",
                                         Severity.WARNING))
        elif profile.station and profile.station not in repo.stations:
            _ref_error(repo, src, ("station",), "unknown-station", "联络站编号", profile.station, repo.stations)
        if profile.region and profile.region not in repo.regions:
            _region_error(repo, src, profile.region)
    for record in repo.legislation.values():
        src = repo.sources[repo.sources_by_id[("法规", record.id)]]
        for i, pid in enumerate(record.origin.proposers):
            if pid not in repo.profiles:
                _ref_error(repo, src, ("origin", "proposers", i), "unknown-profile", "提出人编号", pid, repo.profiles)
        for i, stage in enumerate(record.stages):
            for j, got in enumerate(stage.gathered):
                if got.station not in repo.stations and got.station not in held_stations:
                    _ref_error(repo, src, ("stages", i, "gathered", j, "station"), "unknown-station",
                               "联络站编号", got.station, repo.stations)
        _check_consultation(repo, record, src, held_stations)
    check_duty(repo)


def _check_consultation(repo: Repository, record: LegislationRecord, src: Source,
                        held_stations: set[str] = frozenset()) -> None:
    """A comment window's stations and documents name things that exist."""
    files = {d.file for d in record.documents}
    for i, stage in enumerate(record.stages):
        for j, sid in enumerate(stage.channels.stations if stage.channels else []):
            if sid not in repo.stations and sid not in held_stations:
                _ref_error(repo, src, ("stages", i, "channels", "stations", j), "unknown-station", "联络站编号",
                           sid, repo.stations)
        for loc, name in ((("document",), stage.document), (("feedback", "report"), stage.feedback and stage.feedback.report)):
            if name and name not in files:
                line, col = src.where(("stages", i) + loc)
                near = difflib.get_close_matches(name, sorted(files), n=1, cutoff=0.5)
                fix = (f"是否想写：{near[0]}？" if near else f"本记录列出的文件：{'、'.join(sorted(files))}"
                       ) if files else "请先在 documents 中列出这个文件"
                repo.findings.append(Finding(src.path, line, col, "unknown-document",
                                             f"文件“{name}”没有列在本记录的 documents 中", fix))

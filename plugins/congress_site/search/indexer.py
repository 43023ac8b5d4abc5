"""Build the Pagefind index of a built site.

Every page with `data-pagefind-body` becomes one Pagefind *custom record*
whose content is the bigram token stream of `tokens.encode`, in the neutral
language "und" so that neither Pagefind's jieba (at build) nor the browser's
segmenter (at query time) cuts the tokens again. Filters, meta and sort keys
come from the page's data-pagefind-* attributes (see `extract`).

A site of more than MAX_SHARD_PAGES pages is split in shards by year (see
`plan_shards`): each is indexed by its own Pagefind process, two at a
time, so peak memory is that of the two largest together; the browser
searches the newest part first and merges the others with Pagefind's mergeIndex.

Pagefind cannot update an index, but a shard is an index of its own: the
manifest keeps a digest of what each was made from, and a shard whose pages
are the same as in the previous index is taken over from it (hard links)
instead of indexed again. A year is never split across packs unless it is
larger than a shard, so a new story changes its year's shard, not every
shard after it. Pages whose files did not change since the previous index
are not even read (pagememory.py).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import multiprocessing
import os
import resource
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from ..findings import CongressError, Finding
from ..output.atomic import share
from . import pagememory
from .extract import PageRecord, extract, url_for
from .pagememory import Known, PageMemory, identity
from .tokens import encode

LANGUAGE = "und"
OUTPUT = "pagefind"
MANIFEST = "congress-search.json"
ENCODING = "bigram-v1"
# Records in flight to the Pagefind process at once: enough to keep it busy
# while Python parses the next pages, small enough to bound pipe buffers.
WINDOW = 64
# Pagefind's writer holds every (word, page) pair several times over. A
# shard of at most this many pages stays well under 1 GB (measured: about
# 400 MB for 600 bench pages of 800 to 3,000 characters); a year with more
# pages is split in parts.
MAX_SHARD_PAGES = 600
# Shards indexed at once. One Pagefind process leaves a core idle (while it
# is fed it waits for this process, while it writes its files this process
# waits for it); two keep both cores of a small runner busy, and memory is
# that of the two largest shards together.
PARALLEL_SHARDS = 2
# A site with this many pages is read by worker processes (`_read_all`);
# a smaller one is read faster than they start.
POOL_MIN_PAGES = 1000
POOL_CHUNK = 200
T = TypeVar("T")
# Pagefind's own search UIs: this site has its own search page.
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)


@dataclass
class IndexReport:
    pages: int
    index_bytes: int
    index_files: int
    seconds: float
    peak_rss_bytes: int | None  # largest Pagefind process (VmHWM), None if unknown
    python_peak_rss_bytes: int  # this Python process, whole lifetime
    output: str
    shards: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # pages that could not be read
    # Indexes ("" is the primary one) taken over from the previous index, unchanged.
    reused: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        peak = f"，索引进程峰值内存 {self.peak_rss_bytes / 2**20:.0f} MB" if self.peak_rss_bytes else ""
        return (
            f"搜索索引：{self.pages} 个页面，{self.index_bytes / 2**20:.1f} MB，"
            f"{len(self.shards) + 1} 个分片（其中沿用上次未变的 {len(self.reused)} 个），"
            f"用时 {self.seconds:.1f} 秒{peak}"
        )


def _pagefind():
    """Import lazily: a missing binary is a finding, not a traceback."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
        from pagefind.service import PagefindService, get_executable
    except ImportError as err:  # pragma: no cover - dependency of the package
        raise CongressError(_missing(str(err))) from err
    if get_executable() is None:
        raise CongressError(_missing("pagefind_bin_extended"))
    return IndexConfig, PagefindIndex, PagefindService


def _missing(what: str) -> Finding:
    return Finding(
        path="pyproject.toml", line=1, column=1, code="search-pagefind-missing",
        message=f"找不到 Pagefind 索引程序（{what}），无法生成站内搜索索引",
        fix="在虚拟环境中执行 pip install 'pagefind[extended]'",
    )


def _service_class():
    _, _, PagefindService = _pagefind()

    class FastService(PagefindService):
        """The stock client reads one reply per 0.1 s (a sleep in its poll
        loop): 10,000 pages would take 17 minutes. This one reads replies as
        they come; the protocol (base64 JSON, comma-terminated) is unchanged."""

        async def _wait_for_responses(self) -> None:
            assert self._backend.stdout is not None
            buffer = bytearray()
            while chunk := await self._backend.stdout.read(1 << 20):
                # Read in chunks and split at the commas here: the index's
                # files come back as one reply of several megabytes, more
                # than a StreamReader's line limit allows.
                buffer += chunk
                while (end := buffer.find(b",")) >= 0:
                    raw = bytes(buffer[:end])
                    del buffer[:end + 1]
                    self._answer(json.loads(base64.b64decode(raw)))
            for future in self._responses.values():  # it ended: nothing more will come
                if not future.done():
                    future.set_exception(RuntimeError("Pagefind 进程提前退出"))

        async def send(self, payload):
            # Checked in the same step as the question is registered: one
            # asked after the output ended would otherwise wait forever.
            if self._poll_task.done():
                raise RuntimeError("Pagefind 进程提前退出")
            return await super().send(payload)

        def _answer(self, reply: dict) -> None:
            if not reply:
                return
            msg_id = reply.get("message_id")
            payload = reply.get("payload") or {}
            if msg_id is None and payload.get("original_message"):
                msg_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.get(msg_id)
            if future is None or future.done():
                return
            if payload.get("type") == "Error":
                future.set_exception(RuntimeError(payload.get("message", "pagefind error")))
            else:
                future.set_result(payload)

        async def close(self) -> None:
            """Let Pagefind exit at the end of its input instead of being
            terminated; it has nothing left to write (see `_write_index`)."""
            await asyncio.gather(*self._responses.values(), return_exceptions=True)
            self._poll_task.cancel()
            self._backend.stdin.close()
            try:
                await asyncio.wait_for(self._backend.wait(), timeout=300)
            except TimeoutError:
                self._backend.terminate()
                await self._backend.wait()

    return FastService


def _peak_rss(pid: int | None) -> int | None:
    """VmHWM of a live process (Linux); None elsewhere."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def iter_records(site_dir: Path, skipped: list[str] | None = None) -> Iterator[PageRecord]:
    """Every indexable page of a built site, in a stable order."""
    for path in _page_paths(site_dir):
        record = _record(site_dir, path, skipped)
        if record is not None:
            yield record


def all_records(site_dir: Path, skipped: list[str] | None = None) -> list[PageRecord]:
    """`iter_records` as a list (read by worker processes for a big site)."""
    return [r for r in _read_all(site_dir, _page_paths(site_dir), skipped) if r is not None]


def _read_all(site_dir: Path, paths: list[Path], skipped: list[str] | None) -> list[PageRecord | None]:
    """The record of each page (None: not content, or unreadable), by one
    worker process per core when there are many: until the shards are
    planned, Pagefind has nothing to do and this process would read every
    page on one core."""
    workers = os.cpu_count() or 1
    if len(paths) < POOL_MIN_PAGES or workers < 2:
        return [_record(site_dir, path, skipped) for path in paths]
    chunks = [paths[i:i + POOL_CHUNK] for i in range(0, len(paths), POOL_CHUNK)]
    records: list[PageRecord | None] = []
    missed: list[str] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            for found, lost in pool.map(partial(_read_pages, site_dir), chunks):
                records += found
                missed += lost
    except (OSError, RuntimeError):  # no worker processes here: read them in this one
        return [_record(site_dir, path, skipped) for path in paths]
    if skipped is not None:
        skipped += missed
    return records


def _page_paths(site_dir: Path) -> list[Path]:
    return [path for path in sorted(site_dir.rglob("*.html"))
            if (rel := path.relative_to(site_dir)).parts[0] not in (OUTPUT, ".pagefind-tmp", ".pagefind-old")
            and rel.name != "404.html"]


def _record(site_dir: Path, path: Path, skipped: list[str] | None) -> PageRecord | None:
    try:
        html = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        if skipped is not None:
            skipped.append(path.relative_to(site_dir).as_posix())
        return None
    return extract(html, url_for(path, site_dir))


def _read_pages(site_dir: Path, paths: list[Path]) -> tuple[list[PageRecord | None], list[str]]:
    """One worker's share of `_read_all`."""
    skipped: list[str] = []
    return [_record(site_dir, path, skipped) for path in paths], skipped


def record_payload(record: PageRecord) -> dict:
    """Arguments of Pagefind's add_custom_record for one page."""
    meta = {"title": encode(record.title), **record.meta}
    if "weight" in record.meta:
        # The page *is* what its title names (a person, a law, a station):
        # its title also goes into "key", which the browser weights highly,
        # so the profile comes first for a name and the law for its title.
        meta["key"] = meta["title"]
    if "date" in record.sort and "date" not in meta:
        meta["date"] = record.sort["date"]
    return {
        "url": record.url,
        "content": encode(record.text),
        "language": LANGUAGE,
        "meta": meta,
        "filters": record.filters or None,
        "sort": record.sort or None,
    }


async def _write_index(records: Iterable[PageRecord], out_dir: Path, *, shard: bool = False) -> tuple[int, int | None]:
    """Index `records` with one Pagefind process into `out_dir`.

    The files are asked for and written here rather than by Pagefind: its
    writes are still in flight when it answers, and it exits at the end of
    its input without waiting for them (seen under load: a cut wasm file,
    an empty entry file, an index two files short)."""
    IndexConfig, _, _ = _pagefind()
    service = await _service_class()().launch()
    pid = getattr(getattr(service, "_backend", None), "pid", None)
    count = 0
    try:
        index = await service.create_index(IndexConfig(write_playground=False))
        pending: set[asyncio.Task] = set()
        for record in records:
            pending.add(asyncio.ensure_future(index.add_custom_record(**record_payload(record))))
            count += 1
            if len(pending) >= WINDOW:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    task.result()
        if pending:
            await asyncio.gather(*pending)
        files = await index.get_files()
        peak = _peak_rss(pid)
    finally:
        await service.close()
    # Thousands of small files: written on a thread, so that the loop goes
    # on feeding the other shard's Pagefind meanwhile.
    await asyncio.to_thread(_save, files, out_dir, shard)
    return count, peak


def _save(files: list[dict], out_dir: Path, shard: bool) -> None:
    """Write the files Pagefind handed over (paths relative to the index)."""
    made: set[Path] = set()  # thousands of files in a few folders: each folder made once
    for file in files:
        name = Path(file["path"])
        if name.is_absolute() or ".." in name.parts:
            raise RuntimeError(f"Pagefind 给出了索引目录之外的文件 {name}")
        if name.as_posix() in UNUSED or (shard and name.suffix in (".js", ".css", ".pagefind")):
            continue  # Pagefind's own UIs; a shard's browser code is the primary index's
        target = out_dir / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(file["content"])


def _year(record: PageRecord) -> str:
    years = record.filters.get("年份") or []
    return years[0] if years and years[0].isdigit() else ""


def plan_shards(records: list[T], mode: str, year: Callable[[T], str] = _year) -> list[tuple[str, list[T]]]:
    """(folder, records) of each index; folder "" is the primary one.
    `year`: a record's year, "" for none.

    Undated pages (profiles, laws, stations) come first, then years from the
    newest, packed in order into indexes of at most MAX_SHARD_PAGES pages:
    as few shards as memory allows, since every shard costs the browser
    requests on each query. A year goes whole into the pack it fits in, or
    starts the next one; a group larger than a shard (a big year, or more
    undated pages than a shard holds) has packs of its own. So a page added
    to one year moves pages within that year's packs only, and the other
    shards stay the same and are taken over by the next index."""
    if mode not in ("auto", "year"):
        raise CongressError(Finding(
            path="mkdocs.yml", line=1, column=1, code="search-shards-unknown",
            message=f"未知的搜索索引分片方式“{mode}”", fix="分片方式只能是 auto、year 或不设置",
        ))
    if mode == "auto" and len(records) <= MAX_SHARD_PAGES:
        return [("", records)]
    by_year: dict[str, list[T]] = {}
    for record in records:
        by_year.setdefault(year(record), []).append(record)
    order = sorted(by_year, key=lambda y: (y != "", -int(y) if y else 0))
    packs: list[tuple[list[str], list[T]]] = []
    shared = False  # whether the last pack may take the next year
    for when in order:
        group = by_year[when]
        if shared and len(packs[-1][1]) + len(group) <= MAX_SHARD_PAGES:
            packs[-1][1].extend(group)
        elif len(group) <= MAX_SHARD_PAGES:
            packs.append(([], list(group)))
        else:
            for at in range(0, len(group), MAX_SHARD_PAGES):
                packs.append(([when] if when else [], group[at:at + MAX_SHARD_PAGES]))
            shared = False
            continue
        if when:
            packs[-1][0].append(when)
        shared = True
    if not packs:
        return [("", [])]
    plan: list[tuple[str, list[T]]] = [("", packs[0][1])]
    seen: dict[str, int] = {}
    for years, pack in packs[1:]:
        # A pack of undated pages only (more profiles and laws than one shard holds) has no year.
        if not years:
            name = "shard-undated"
        else:
            name = f"shard-{years[-1]}" + (f"-{years[0]}" if years[0] != years[-1] else "")
        seen[name] = seen.get(name, 0) + 1
        plan.append((name + (f"-{seen[name]}" if seen[name] > 1 else "") + "/", pack))
    return plan


@cache
def _salt() -> bytes:
    """What an index is made with besides its pages: Pagefind's version and
    the code that turns a page into its record."""
    h = hashlib.blake2b(f"{ENCODING}|{LANGUAGE}".encode(), digest_size=16)
    for name in ("pagefind", "pagefind_bin_extended"):
        try:
            h.update(f"|{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"|{name}?".encode())
    here = Path(__file__).parent
    for name in ("indexer.py", "tokens.py", "extract.py"):
        h.update((here / name).read_bytes())
    return h.digest()


def record_digest(record: PageRecord) -> str:
    return hashlib.blake2b(json.dumps(asdict(record), ensure_ascii=False, sort_keys=True).encode("utf-8"),
                           digest_size=16).hexdigest()


def shard_digest(digests: Iterable[str]) -> str:
    """A content hash of exactly what an index is made from: its records'
    digests in order."""
    h = hashlib.blake2b(_salt(), digest_size=16)
    h.update("\n".join(digests).encode())
    return h.hexdigest()


def _previous_digests(previous: Path | None) -> dict[str, str]:
    """The digests of the indexes in `previous`, a published index folder."""
    if previous is None:
        return {}
    try:
        manifest = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))
        digests = manifest.get("digests") if isinstance(manifest, dict) else None
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(digests, dict):
        return {}
    return {k: v for k, v in digests.items() if isinstance(k, str) and isinstance(v, str)}


def _take_over(previous: Path, name: str, out: Path, shards: set[str]) -> bool:
    """Link an unchanged index's files from `previous` into `out`: a shard's
    folder, or for the primary index ("") every file of the folder but the
    shards' folders and the manifest. Whether it was whole there; if not,
    nothing of it is left in `out` (Pagefind must never write through a
    link into the published index)."""
    source = previous / name if name else previous
    if not (source / "pagefind-entry.json").is_file():
        return False
    made: list[Path] = []
    try:
        for folder, dirs, files in os.walk(source):
            rel = Path(folder).relative_to(source)
            if not name and rel == Path("."):
                dirs[:] = [d for d in dirs if d not in shards]
                files = [f for f in files if f not in (MANIFEST, pagememory.FILE)]  # written anew
            target = out / name / rel
            if not target.is_dir():
                target.mkdir(parents=True)
                made.append(target)
            for file in files:
                if not file.endswith((".gz", ".br")):  # compressed copies are the build's business
                    share(Path(folder) / file, target / file)
                    made.append(target / file)
    except OSError:
        for path in reversed(made):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        return False
    return True


@dataclass(frozen=True)
class _Page:
    path: Path
    year: str
    digest: str


def _survey(site_dir: Path, memory: PageMemory, skipped: list[str]) -> tuple[list[_Page], dict[Path, PageRecord]]:
    """Every indexed page with its year and record digest, in a stable
    order; the records read on the way. Pages whose files the memory knows
    are not read; the memory is brought up to date."""
    paths = _page_paths(site_dir)
    rels = {path: path.relative_to(site_dir).as_posix() for path in paths}  # once per page: 15,000 at 10,000 stories
    known: dict[Path, Known | None] = {}
    idents = {}
    for path, rel in rels.items():
        idents[path] = ident = identity(path)  # before reading: a file changed after it is read again next time
        known[path] = memory.recall(rel, ident)
    todo = [path for path in paths if known[path] is None]
    read = dict(zip(todo, _read_all(site_dir, todo, skipped), strict=True))
    lost = set(skipped)
    pages: list[_Page] = []
    for path, rel in rels.items():
        info = known[path]
        if info is None:
            if rel in lost:
                memory.pages.pop(rel, None)
                continue
            record = read[path]
            info = Known(_year(record), record_digest(record)) if record is not None else Known(None, None)
            if idents[path] is not None:
                memory.remember(rel, idents[path], info)
        if info.digest is not None:
            pages.append(_Page(path, info.year or "", info.digest))
    for rel in set(memory.pages) - set(rels.values()):
        del memory.pages[rel]  # pages no longer in the site
    return pages, {path: r for path, r in read.items() if r is not None}


async def _build(site_dir: Path, tmp: Path, shards: str | None, skipped: list[str],
                 previous: Path | None) -> tuple[int, int | None, list[str], dict[str, str], list[str]]:
    """(pages, peak memory, shard folders, digest per index, indexes taken over)."""
    if not shards:  # one index, fed as the pages are read
        count, peak = await _write_index(iter_records(site_dir, skipped), tmp)
        return count, peak, [], {}, []
    memory = PageMemory.read(previous, _salt().hex())
    pages, records = _survey(site_dir, memory, skipped)
    plan = plan_shards(pages, shards, year=lambda page: page.year)
    names = [name for name, _ in plan if name]
    digests = {name: shard_digest(page.digest for page in group) for name, group in plan}
    before = _previous_digests(previous)
    old_shards = {name.rstrip("/") for name in before if name}  # folders inside the previous primary's
    reused = [name for name, _ in plan
              if previous is not None and before.get(name) == digests[name]
              and _take_over(previous, name, tmp, old_shards)]
    # The pages of the indexes to make that were not read yet.
    unread = [page.path for name, group in plan if name not in reused for page in group if page.path not in records]
    records.update((path, r) for path, r in zip(unread, _read_all(site_dir, unread, skipped), strict=True)
                   if r is not None)
    slots = asyncio.Semaphore(min(PARALLEL_SHARDS, os.cpu_count() or 1))

    async def write(name: str, group: list[_Page]) -> tuple[int, int | None]:
        if name in reused:
            return len(group), None
        async with slots:
            return await _write_index([records[page.path] for page in group if page.path in records],
                                      tmp / name if name else tmp, shard=bool(name))

    # Shards write to folders of their own, so they may be written side by side.
    results = await asyncio.gather(*(write(name, group) for name, group in plan))
    total = sum(count for count, _ in results)
    known = [peak for _, peak in results if peak]
    tmp.mkdir(parents=True, exist_ok=True)
    memory.write(tmp)
    return total, (max(known) if known else None), names, digests, reused


def _run(make_coro):
    """asyncio.run, also when the caller's thread already runs an event loop
    (a server, Playwright): then the index is built on a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coro())
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coro())).result()


def index_site(site_dir: Path, *, shards: str | None = "auto", previous: Path | None = None) -> IndexReport:
    """Index the built site in `site_dir` into `site_dir/pagefind/`.

    shards: "auto" (one index up to MAX_SHARD_PAGES pages, else by year),
    "year" (always by year) or None (always one index, whatever its memory).
    previous: the index folder whose unchanged indexes may be taken over;
    by default the one being replaced, `site_dir/pagefind/`.

    Synchronous; call it from MkDocs' on_post_build. The new index replaces
    the old one only once complete, so a server never sees half an index."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise CongressError(Finding(
            path=str(site_dir), line=1, column=1, code="search-site-missing",
            message=f"网站目录 {site_dir} 不存在，无法生成搜索索引", fix="先执行 mkdocs build",
        ))
    start = time.perf_counter()
    tmp = site_dir / ".pagefind-tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    skipped: list[str] = []
    if previous is None and (site_dir / OUTPUT).is_dir():
        previous = site_dir / OUTPUT
    try:
        count, peak, names, digests, reused = _run(lambda: _build(site_dir, tmp, shards, skipped, previous))
    except CongressError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except Exception as err:  # the Pagefind process failed: say so in Chinese
        shutil.rmtree(tmp, ignore_errors=True)
        raise CongressError(Finding(
            path=str(site_dir), line=1, column=1, code="search-index-failed",
            message=f"生成搜索索引失败：{err}", fix="检查磁盘空间与内存后重新构建",
        )) from err
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / MANIFEST).write_text(json.dumps(
        {"encoding": ENCODING, "language": LANGUAGE, "pages": count, "shards": names, "digests": digests},
        ensure_ascii=False,
    ), encoding="utf-8")
    out = site_dir / OUTPUT
    old = site_dir / ".pagefind-old"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)
    files = [p for p in out.rglob("*") if p.is_file()]
    return IndexReport(
        pages=count,
        index_bytes=sum(p.stat().st_size for p in files),
        index_files=len(files),
        seconds=round(time.perf_counter() - start, 3),
        peak_rss_bytes=peak,
        python_peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        output=str(out),
        shards=names,
        skipped=skipped,
        reused=reused,
    )

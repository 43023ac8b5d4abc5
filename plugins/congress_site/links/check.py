"""The link check of a built site, start to finish: index the files, parse
each page once, resolve every URL, check #fragments against the target
page's ids, optionally check external URLs, and report findings.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from ..findings import CongressError, Finding, Severity
from .config import IgnoreList
from .external import PERMANENT, ExternalChecker, ExternalOptions, LinkCache, Result
from .internal import (
    EXTERNAL,
    FOUND,
    FRAGMENT,
    INTERNAL,
    MISSING,
    UNSAFE,
    Resolver,
    fragment_ok,
    page_dir,
)
from .locate import HtmlLocator, find_in_source
from .site import IMAGE_TAGS, Page, Ref, SiteIndex, parse_page
from .sites import OtherSites

FIX = {
    "missing-page": "核对网址拼写；若指向稿件、代表或法规页面，确认它已发布（不是草稿、未到发布日期或因错误被暂缓）",
    "missing-anchor": "锚点须与目标页面上小标题的编号一致，可在目标页面点小标题旁的 ¶ 复制正确链接",
    "missing-image": "确认图片文件存在且文件名（含大小写和扩展名）与链接一致；稿件配图放在稿件旁的 images 目录中",
    "missing-file": "确认文件已放入站点，文件名（含大小写和扩展名）与链接一致",
    "outside-site": "站内链接请用相对路径，或以站点根路径开头",
    "unsafe-url": "不要在链接中使用 javascript: 之类的脚本地址，请改为普通网址",
    "external-404": "对方网页已不存在，请换成有效地址或删去链接",
    "external-error": "稍后再试；若一直无法访问，请换成有效地址或删去链接",
    "redirect": "请把链接改为跳转后的新地址",
}
_ERRORS_ZH = {
    "timeout": "连接超时", "reset": "连接被对方重置", "refused": "连接被拒绝", "dns": "域名无法解析",
    "ssl": "HTTPS 证书或加密握手失败", "protocol": "对方的应答不合 HTTP 规范", "bad-url": "网址格式有误",
    "too-many-redirects": "跳转次数过多", "redirect-loop": "跳转形成循环",
}


@dataclass
class LinkOptions:
    site_url: str | None = None
    ignore: list[str] = field(default_factory=list)
    external: bool = False
    external_options: ExternalOptions = field(default_factory=ExternalOptions)
    cache_path: Path | None = None  # None: no cache file
    project_root: Path | None = None  # where the source files named in pages live
    jobs: int = 0  # processes for the internal check; 0: one per CPU core on large sites
    # The other sites of a 站群: URL → build folder (links/sites.py).
    sites: dict[str, Path] = field(default_factory=dict)


@dataclass
class LinkStats:
    pages: int = 0
    links: int = 0  # every URL looked at
    internal: int = 0
    external: int = 0  # occurrences
    external_unique: int = 0
    external_checked: int = 0  # unique URLs asked over the network this run
    external_cached: int = 0
    other: int = 0  # mailto:, tel:, data: …
    ignored: int = 0
    seconds: float = 0.0
    internal_seconds: float = 0.0
    jobs: int = 1

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.internal_seconds if self.internal_seconds else 0.0


@dataclass
class LinkReport:
    findings: list[Finding]
    stats: LinkStats


@dataclass(slots=True)
class _Broken:
    page: str
    ref: Ref
    code: str
    message: str
    severity: Severity = Severity.ERROR
    fragment: str = ""
    line: int = 1
    column: int = 1
    end_column: int = 1


@dataclass
class _Part:
    """One slice of pages scanned, as a worker process returns it."""

    ids: dict[str, set[str]]
    sources: dict[str, str]
    broken: list[_Broken]
    deferred: list[tuple[str, Ref, str, str]]
    external: dict[str, list[tuple[str, Ref]]]
    counts: tuple[int, int, int, int, int]


_WORKER: _Run | None = None
PARALLEL_FROM = 3000  # pages; below this, starting processes costs more than it saves


def _worker_init(index: SiteIndex, options: LinkOptions) -> None:
    global _WORKER
    _WORKER = _Run(index, options)


def _worker_scan(paths: list[str]) -> _Part:
    assert _WORKER is not None
    _WORKER.scan(paths)
    return _WORKER.take()


def _mp_context():
    # fork shares the file index without copying it; elsewhere spawn works too
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _jobs(requested: int, pages: int) -> int:
    if requested > 0:
        return requested
    if pages < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def _missing_code(ref: Ref, path: str) -> str:
    if ref.tag in IMAGE_TAGS or ref.attr in ("srcset", "poster"):
        return "missing-image"
    last = path.rstrip("/").rpartition("/")[2]
    if path.endswith("/") or path == "" or last.endswith((".html", ".htm")) or "." not in last:
        return "missing-page"
    return "missing-file"


class _Run:
    """One check of one site: the state that scanning pages builds up."""

    def __init__(self, index: SiteIndex, options: LinkOptions):
        self.index = index
        self.opt = options
        self.resolver = Resolver(index.files, options.site_url)
        self.ignore = IgnoreList(options.ignore)
        self.others = OtherSites(options.sites, options.site_url) if options.sites else None
        self.stats = LinkStats()
        self.ids: dict[str, set[str]] = {}
        self.sources: dict[str, str] = {}
        self.broken: list[_Broken] = []
        # cross-page fragments, checked once every page's ids are known
        self.deferred: list[tuple[str, Ref, str, str]] = []
        self.external: dict[str, list[tuple[str, Ref]]] = defaultdict(list)

    def scan(self, paths: list[str]) -> None:
        root = self.index.root
        for path in paths:
            try:
                data = (root / path).read_bytes()
            except OSError:
                continue  # vanished while we ran; nothing to link-check
            page = parse_page(path, data)
            self.ids[path] = page.ids
            if page.source:
                self.sources[path] = page.source
            found = self._check_page(page)
            if found:
                self._place(path, found, data)
                self.broken.extend(found)

    def take(self) -> _Part:
        """What scanning found so far, handed over and forgotten here."""
        s = self.stats
        part = _Part(self.ids, self.sources, self.broken, self.deferred, dict(self.external),
                     (s.links, s.internal, s.external, s.other, s.ignored))
        self.ids, self.sources, self.broken, self.deferred = {}, {}, [], []
        self.external = defaultdict(list)
        self.stats = LinkStats()
        return part

    def merge(self, part: _Part) -> None:
        self.ids.update(part.ids)
        self.sources.update(part.sources)
        self.broken.extend(part.broken)
        self.deferred.extend(part.deferred)
        for url, places in part.external.items():
            self.external[url].extend(places)
        s = self.stats
        links, internal, external, other, ignored = part.counts
        s.links += links
        s.internal += internal
        s.external += external
        s.other += other
        s.ignored += ignored

    def scan_all(self, jobs: int) -> None:
        html = self.index.html
        if jobs <= 1:
            self.scan(html)
        else:
            # Pages are independent until the cross-page fragment check, so
            # workers each take slices of pages and send back what they found.
            size = max(50, len(html) // (jobs * 8))
            chunks = [html[i:i + size] for i in range(0, len(html), size)]
            with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context(),
                                     initializer=_worker_init, initargs=(self.index, self.opt)) as pool:
                for part in pool.map(_worker_scan, chunks):
                    self.merge(part)
        self.stats.pages = len(html)
        self.stats.jobs = max(1, jobs)

    def _check_page(self, page: Page) -> list[_Broken]:
        resolver = self.resolver
        stats = self.stats
        ignore = self.ignore
        here = page.path
        base = page_dir(here)
        if page.base is not None:
            base = self._base_dir(here, page.base)
        found: list[_Broken] = []
        for ref in page.refs:
            stats.links += 1
            kind, url = resolver.classify(ref.url)
            if ignore and ignore.match(url):
                stats.ignored += 1
                continue
            if self.others and (problem := self.others.problem(url)) is not None:
                stats.internal += 1
                if problem:
                    found.append(_Broken(here, ref, "missing-page", problem))
                continue
            if kind == INTERNAL:
                stats.internal += 1
                res = resolver.resolve(base, url)
            elif kind == FRAGMENT:
                stats.internal += 1
                if not url:
                    if ref.attr != "href" and ref.tag in IMAGE_TAGS:
                        found.append(_Broken(here, ref, "missing-image", "图片地址为空"))
                    continue
                if page.base is None:
                    frag = url[1:]
                    if not fragment_ok(frag, page.ids) and not fragment_ok(_unquote(frag), page.ids):
                        found.append(_Broken(here, ref, "missing-anchor",
                                             f"本页没有锚点“#{_unquote(frag)}”", fragment=frag))
                    continue
                res = resolver.resolve(base, url)
            elif kind == EXTERNAL:
                stats.external += 1
                self.external[url.partition("#")[0]].append((here, ref))
                continue
            elif kind == UNSAFE:
                found.append(_Broken(here, ref, "unsafe-url", f"不安全的脚本链接：{_short(url)}"))
                continue
            else:
                stats.other += 1
                continue
            if res.outcome == FOUND:
                if res.fragment and res.path.endswith((".html", ".htm")):
                    if res.path == here:
                        if not fragment_ok(res.fragment, page.ids):
                            found.append(_Broken(here, ref, "missing-anchor",
                                                 f"本页没有锚点“#{res.fragment}”", fragment=res.fragment))
                    else:
                        self.deferred.append((here, ref, res.path, res.fragment))
            elif res.outcome == MISSING:
                code = _missing_code(ref, res.path)
                what = {"missing-page": "链接指向的页面不存在", "missing-image": "图片不存在",
                        "missing-file": "链接的文件不存在"}[code]
                found.append(_Broken(here, ref, code, f"{what}：{_short(url)}"))
            else:
                found.append(_Broken(here, ref, "outside-site",
                                     f"链接超出了站点根目录 {resolver.root_path}：{_short(url)}"))
        return found

    def _base_dir(self, here: str, base: str) -> str:
        kind, url = self.resolver.classify(base)
        if kind not in (INTERNAL, FRAGMENT):
            return page_dir(here)
        res = self.resolver.resolve(page_dir(here), url or "./")
        path = res.path
        return path if path.endswith("/") else page_dir(path)

    def check_fragments(self) -> None:
        late: dict[str, list[_Broken]] = defaultdict(list)
        for here, ref, target, fragment in self.deferred:
            ids = self.ids.get(target)
            if ids is None or fragment_ok(fragment, ids):
                continue
            shown = self.resolver.page_url(target)
            late[here].append(_Broken(here, ref, "missing-anchor",
                                      f"页面 {shown} 上没有锚点“#{fragment}”", fragment=fragment))
        for here, items in late.items():
            self._place(here, items, None)
            self.broken.extend(items)

    def check_external(self) -> None:
        urls = list(self.external)
        self.stats.external_unique = len(urls)
        if not (self.opt.external and urls):
            return
        ext = self.opt.external_options
        checker = ExternalChecker(ext, LinkCache(self.opt.cache_path, ext.ttl))
        results = checker.check_all(urls)
        self.stats.external_checked = sum(1 for r in results.values() if not r.cached)
        self.stats.external_cached = sum(1 for r in results.values() if r.cached)
        late: dict[str, list[_Broken]] = defaultdict(list)
        for url, places in self.external.items():
            problem = _external_problem(results[url])
            if problem is None:
                continue
            code, message, severity = problem
            for here, ref in places:
                late[here].append(_Broken(here, ref, code, message, severity))
        for here, items in late.items():
            self._place(here, items, None)
            self.broken.extend(items)

    def _place(self, page: str, items: list[_Broken], data: bytes | None) -> None:
        if data is None:
            try:
                data = (self.index.root / page).read_bytes()
            except OSError:
                data = b""
        locator = HtmlLocator(data.decode("utf-8", "replace"))
        for item in items:
            item.line, item.column, item.end_column = locator.find(item.ref.attr, item.ref.url)

    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        for item in self.broken:
            line, col, end = item.line, item.column, item.end_column
            source = self.sources.get(item.page)
            message = item.message + (f"（来源：{source}）" if source else "")
            out.append(Finding(item.page, line, col, item.code, message, FIX.get(item.code), item.severity,
                               end_line=line, end_column=end,
                               extra={"source": source, "url": item.ref.url, "fragment": item.fragment}))
        return out


def _unquote(text: str) -> str:
    return unquote(text) if "%" in text else text


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _external_problem(r: Result) -> tuple[str, str, Severity] | None:
    url = _short(r.url)
    if r.error and r.status is None or r.error in ("too-many-redirects", "redirect-loop"):
        reason = _ERRORS_ZH.get(r.error or "", r.error or "未知错误")
        return "external-error", f"外部链接无法访问（{reason}）：{url}", Severity.WARNING
    status = r.status or 0
    via = f"（经跳转到 {_short(r.final_url)}）" if r.redirects else ""
    if status in (404, 410):
        return "external-404", f"外部链接已失效（HTTP {status}）{via}：{url}", Severity.ERROR
    if status >= 400:
        return "external-error", f"外部链接返回 HTTP {status}{via}：{url}", Severity.WARNING
    if r.redirects:
        first = r.redirects[0][0]
        severity = Severity.WARNING if any(s in PERMANENT for s, _ in r.redirects) else Severity.INFO
        return ("redirect", f"外部链接已跳转（HTTP {first}）到 {_short(r.final_url)}：{url}", severity)
    return None


def check_site(site_dir: Path, options: LinkOptions | None = None) -> LinkReport:
    """Check every link of the built site in `site_dir`."""
    options = options or LinkOptions()
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise CongressError(Finding(str(site_dir), 1, 1, "no-site", f"站点目录不存在：{site_dir}",
                                    "先运行 mkdocs build 生成站点，再检查链接"))
    started = time.perf_counter()
    index = SiteIndex.scan(site_dir)
    if not index.html:
        raise CongressError(Finding(str(site_dir), 1, 1, "no-pages", f"站点目录中没有 HTML 页面：{site_dir}",
                                    "确认给出的是 mkdocs build 的输出目录（通常是 site/）"))
    run = _Run(index, options)
    run.scan_all(_jobs(options.jobs, len(index.html)))
    run.check_fragments()
    run.stats.internal_seconds = time.perf_counter() - started
    run.check_external()
    run.stats.seconds = time.perf_counter() - started
    return LinkReport(run.findings(), run.stats)


def _inside(source: str) -> bool:
    # the page names its source; only a path inside the project is followed
    parts = Path(source).parts
    return bool(parts) and not Path(source).is_absolute() and ".." not in parts


def for_source_files(findings: list[Finding], project_root: Path | None,
                     site_prefix: str = "") -> list[Finding]:
    """The same findings, each moved to the source file its page came from
    (where the page names one), at the best-guess line there; the built page
    and its line go into the message. For GitHub annotations, which can only
    mark files of the repository, and site/ is not one. A page without a
    source keeps its place, prefixed with `site_prefix` (e.g. "site/") so
    the path is relative to the repository too."""
    root = project_root or Path.cwd()
    texts: dict[str, str] = {}
    out: list[Finding] = []
    for f in findings:
        source = f.extra.get("source")
        if not source or not _inside(source):
            out.append(replace(f, path=site_prefix + f.path) if site_prefix else f)
            continue
        if source not in texts:
            try:
                texts[source] = (root / source).read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                texts[source] = ""
        line, col = find_in_source(texts[source], f.extra.get("url", ""), f.extra.get("fragment", ""))
        page = site_prefix + f.path
        message = f.message.replace(f"（来源：{source}）", "") + f"（构建页面 {page}:{f.line}:{f.column}）"
        out.append(Finding(source, line, col, f.code, message, f.fix, f.severity, extra=dict(f.extra, page=page)))
    return out

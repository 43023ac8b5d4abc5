"""Search measurements: synthetic story pages indexed by our Pagefind
indexer beside plain Material's search on the same text, and what a
reader's browser fetches per query.

    congress-bench search OUT --pages 1000 [--material] [--shards year] [--browser]

The pages come from the synthetic site's search form (dictionary prose with
the site's key phrases planted), written as finished HTML with the theme's
data-pagefind-* contract, so the measurement is of search alone, not of the
page build.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .static import served
from .synthetic import search_floor, search_pages

QUERIES = ["全过程人民民主", "民生实事", "联络站", "一老一小", "代表建议"]


def measure_material(root: Path) -> dict:
    """Plain Material's build with its own search plugin, in a child process:
    time, peak memory and the size of its one search index."""
    start = time.perf_counter()
    cmd = [sys.executable, "-c",
           "import resource,sys; from mkdocs.__main__ import cli; "
           "sys.argv=['mkdocs','build','-q','-f',sys.argv[1]];\n"
           "try: cli()\nexcept SystemExit: pass\n"
           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)", str(root / "mkdocs.yml")]
    out = subprocess.run(cmd, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""}, check=True)
    index = root / "site" / "search" / "search_index.json"
    data = index.read_bytes()
    return {"build_seconds": round(time.perf_counter() - start, 1),
            "build_peak_mb": round(int(out.stdout.strip().splitlines()[-1]) / 1024),
            "index_bytes": len(data), "index_gzip_bytes": len(gzip.compress(data, 6))}


def measure_pagefind(site: Path, shards: str | None) -> dict:
    """Index in a child process so its peak memory is measured alone."""
    cmd = [sys.executable, "-m", "congress_site.search", str(site), "--json"] + (["--shards", shards] if shards else [])
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    pf = site / "pagefind"
    data = [p for p in pf.rglob("*") if p.is_file() and p.suffix in (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")]
    report["wall_seconds"] = round(time.perf_counter() - start, 1)
    report["data_bytes"] = sum(p.stat().st_size for p in data)
    report["index_chunk_bytes"] = sum(p.stat().st_size for p in data if p.suffix == ".pf_index")
    report["fragment_bytes"] = sum(p.stat().st_size for p in data if p.suffix == ".pf_fragment")
    return report


def measure(out: Path, pages: int = 1000, seed: int = 1, material: bool = False, shards: str = "auto",
            browser: bool = False, search_page: Path | None = None) -> dict:
    """Write `pages` story pages under `out/site`, index them (and, with
    `material`, build the same stories with Material's search under
    `out/material`); figures go to `out/result.json` and are returned.
    `search_page` is a built site whose /search/ page and assets are
    copied in, for the browser measurement."""
    t = time.perf_counter()
    site = out / "site"
    stories = search_pages(site, pages, seed)
    result: dict = {"pages": pages, "chars": sum(len(p) for s in stories for p in s["body"]),
                    "generate_seconds": round(time.perf_counter() - t, 1)}
    if search_page:
        for name in ("assets", "search"):
            shutil.copytree(search_page / name, site / name, dirs_exist_ok=True)
    result["pagefind"] = measure_pagefind(site, shards)
    if material:
        search_floor(out / "material", stories)
        result["material"] = measure_material(out / "material")
    if browser:
        result["pagefind_browser"] = pagefind_costs(site, QUERIES)
        if material:
            result["material_browser"] = material_costs(out / "material" / "site", QUERIES)
    (out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


# ------------------------------------------------------------ browser costs

def _launch(pw, chromium: str):
    return pw.chromium.launch(executable_path=chromium, headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"])


@contextmanager
def _page_on(site: Path, chromium: str):
    """A browser page and the base URL of `site` served on 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as pw:
        browser = _launch(pw, chromium)
        try:
            yield browser.new_page(), base
        finally:
            browser.close()


def _track(page, prefix: str) -> list[tuple[str, int]]:
    """(url, bytes on the wire) of every finished request under `prefix`."""
    seen: list[tuple[str, int]] = []

    def done(request) -> None:
        if prefix in request.url:
            sizes = request.sizes()
            seen.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    page.on("requestfinished", done)
    return seen


def pagefind_costs(site: Path, queries: list[str], chromium: str = "/usr/bin/chromium") -> list[dict]:
    """Bytes fetched from /pagefind/ and time to first results, per query, in
    one page: the first query pays for the runtime, later ones only for data."""
    from urllib.parse import quote


    out = []
    with _page_on(site, chromium) as (page, base):
        seen = _track(page, "/pagefind/")
        settled = "window.__cxSearchTimings && window.__cxSearchTimings.runs >= %d"
        for n, q in enumerate(queries, start=1):
            before = len(seen)
            start = time.perf_counter()
            if n == 1:
                page.goto(f"{base}/search/?q={quote(q)}")
            else:
                page.fill("#cx-search-q", q)
                page.press("#cx-search-q", "Enter")
            page.wait_for_function(settled % n, timeout=60000)
            wall = time.perf_counter() - start
            page.wait_for_timeout(200)  # let late fragment requests finish
            fetched = seen[before:]
            out.append({"query": q, "bytes": sum(b for _, b in fetched), "requests": len(fetched),
                        "results": page.eval_on_selector("[data-cx-status]", "e => e.textContent"),
                        "ms_to_results": round(page.evaluate("window.__cxSearchTimings.last")),
                        "ms_wall": round(wall * 1000)})
    return out


def material_costs(site: Path, queries: list[str], chromium: str = "/usr/bin/chromium") -> list[dict]:
    """The same for Material's built-in search: its index and worker are
    fetched once; time is from typing to the first result shown. Material
    matches whole jieba words, so the query is typed cut by jieba (typed as
    one run, 民生实事 finds nothing there)."""
    import jieba

    out = []
    with _page_on(site, chromium) as (page, base):
        seen = _track(page, "/search/")
        workers = _track(page, "/workers/")
        page.goto(f"{base}/")
        # Only the first query: it pays for the whole index; later ones
        # fetch nothing more (Material keeps the index in its worker).
        q = queries[0]
        start = time.perf_counter()
        page.click("input.md-search__input")  # inline in the desktop header
        page.keyboard.type(" ".join(jieba.cut(q)))
        page.wait_for_selector(".md-search-result__item", timeout=300000)
        wall = time.perf_counter() - start
        out.append({"query": q, "bytes": sum(b for _, b in seen + workers),
                    "requests": len(seen) + len(workers), "ms_to_results": round(wall * 1000),
                    "results": page.inner_text(".md-search-result__meta")})
    return out

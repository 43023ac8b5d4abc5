"""Search benchmark: synthetic story pages → Pagefind (this package) beside
plain Material's search index on the same text.

    python -m congress_site.search.bench OUT --pages 1000 [--material] [--shards year]

Text is sampled from jieba's dictionary by word frequency, so bigram
statistics look like real Chinese (many distinct bigrams: the hard case for
index size), with the site's key phrases planted at known rates. Pages are
written as finished HTML with the same data-pagefind-* contract as the theme,
so the measurement is of search alone, not of the page build.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

PHRASES = ["全过程人民民主", "民生实事", "立法联系点", "一老一小", "联络站", "代表建议", "人大代表",
           "基层治理", "票决制", "接待选民", "履职", "乡村振兴", "养老服务", "营商环境"]
COLUMNS = ["主任笔谈", "理论·实践", "代表风采", "基层传真", "周刊专题", "立法聚焦"]
REGIONS = ["山西省晋中市榆次区", "新疆霍尔果斯市", "云南省大理市", "黑龙江省七台河市",
           "浙江省温州市", "河南省平顶山市", "安徽省亳州市"]


def _vocabulary() -> tuple[list[str], list[float]]:
    import jieba

    words, weights = [], []
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) < 2 or not parts[0] or len(parts[0]) > 4:
            continue
        if not all("\u4e00" <= ch <= "\u9fff" for ch in parts[0]):
            continue
        words.append(parts[0])
        weights.append(float(parts[1]) ** 0.75)  # flatten: more distinct words
    return words, weights


class Writer:
    def __init__(self, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.words, weights = _vocabulary()
        total = sum(weights)
        acc, self.cum = 0.0, []
        for w in weights:
            acc += w / total
            self.cum.append(acc)

    def sentence(self) -> str:
        rng = self.rng
        n = rng.randint(6, 16)
        words = rng.choices(self.words, cum_weights=self.cum, k=n)
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words) + 1), rng.choice(PHRASES))
        cut = rng.randrange(2, n) if n > 4 else None
        if cut:
            words.insert(cut, "，")
        return "".join(words) + "。"

    def body(self, chars: int) -> list[str]:
        paragraphs, size = [], 0
        while size < chars:
            p = "".join(self.sentence() for _ in range(self.rng.randint(3, 6)))
            paragraphs.append(p)
            size += len(p)
        return paragraphs

    def story(self, i: int) -> dict:
        rng = self.rng
        year = 2016 + i % 10
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = "".join(rng.choices(self.words, cum_weights=self.cum, k=rng.randint(3, 6)))
        if rng.random() < 0.3:
            title = rng.choice(PHRASES) + title
        return {"slug": f"s{i:05d}", "title": title, "date": date, "column": rng.choice(COLUMNS),
                "region": rng.choice(REGIONS), "body": self.body(rng.randint(1500, 3000))}


PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{title} - 人大代表履职网</title></head>
<body><header><nav>首页 栏目 人大代表 立法进程 联络站</nav></header>
<main><article data-pagefind-body>
<h1>{title}</h1><p><time datetime="{date}">{date}</time> {region}</p>
<span hidden data-pagefind-filter="类型">报道</span><span hidden data-pagefind-filter="栏目">{column}</span>
<span hidden data-pagefind-filter="地区">{region}</span><span hidden data-pagefind-filter="年份">{year}</span>
<span hidden data-pagefind-sort="date">{date}</span>
{paras}
</article></main><footer>人大常委会主办</footer></body></html>
"""


def write_pages(site: Path, stories: list[dict]) -> None:
    for s in stories:
        out = site / "stories" / s["slug"] / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in s["body"])
        out.write_text(PAGE.format(title=html.escape(s["title"]), date=s["date"], region=s["region"],
                                   column=s["column"], year=s["date"][:4], paras=paras), encoding="utf-8")


def write_material(root: Path, stories: list[dict]) -> None:
    """The same stories as a plain Material project with its search plugin."""
    docs = root / "docs"
    (docs / "stories").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    for s in stories:
        text = f"# {s['title']}\n\n{s['date']} {s['region']}\n\n" + "\n\n".join(s["body"]) + "\n"
        (docs / "stories" / f"{s['slug']}.md").write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 基准测试\nsite_url: https://example.gov.cn/\n"
        "theme: {name: material, language: zh, font: false}\n"
        "plugins: [search]\nvalidation: {nav: {omitted_files: ignore}}\n", encoding="utf-8")


def measure_material(root: Path) -> dict:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m congress_site.search.bench")
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--material", action="store_true", help="also build plain Material with its search")
    parser.add_argument("--shards", choices=["auto", "year", "none"], default="auto")
    parser.add_argument("--browser", action="store_true", help="measure per-query bytes and time in chromium")
    parser.add_argument("--search-page", type=Path, default=None,
                        help="a built site whose /search/ page and assets are copied in, for browser runs")
    args = parser.parse_args(argv)
    writer = Writer(args.seed)
    t = time.perf_counter()
    stories = [writer.story(i) for i in range(args.pages)]
    site = args.out / "site"
    write_pages(site, stories)
    result = {"pages": args.pages, "chars": sum(len(p) for s in stories for p in s["body"]),
              "generate_seconds": round(time.perf_counter() - t, 1)}
    if args.search_page:
        import shutil
        for name in ("assets", "search"):
            shutil.copytree(args.search_page / name, site / name, dirs_exist_ok=True)
    result["pagefind"] = measure_pagefind(site, args.shards)
    if args.material:
        write_material(args.out / "material", stories)
        result["material"] = measure_material(args.out / "material")
    if args.browser:
        queries = ["全过程人民民主", "民生实事", "联络站", "一老一小", "代表建议"]
        result["pagefind_browser"] = pagefind_costs(site, queries)
        if args.material:
            result["material_browser"] = material_costs(args.out / "material" / "site", queries)
    (args.out / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())


# ------------------------------------------------------------ browser costs

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")


def _serve(root: Path):
    """A static server on 127.0.0.1 that gzips text as production servers do."""
    import functools
    import http.server
    import io
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _launch(pw, chromium: str):
    return pw.chromium.launch(executable_path=chromium, headless=True, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"])


@contextmanager
def _page_on(site: Path, chromium: str):
    """A browser page and the base URL of `site` served on 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    server, base = _serve(site)
    try:
        with sync_playwright() as pw:
            browser = _launch(pw, chromium)
            try:
                yield browser.new_page(), base
            finally:
                browser.close()
    finally:
        server.shutdown()


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

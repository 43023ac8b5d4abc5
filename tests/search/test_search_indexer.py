"""Indexing a built site with Pagefind, sharded or not, and in the background."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from congress_bench.synthetic import search_pages
from congress_site.findings import CongressError
from congress_site.search import BackgroundIndexer, index_site
from congress_site.search.extract import extract
from congress_site.search.indexer import MANIFEST, record_payload
from congress_site.search.tokens import decode


def _site(root: Path, n: int = 6) -> Path:
    search_pages(root, n, seed=5)
    (root / "index.html").write_text("<html><body><h1>首页</h1><p>最新稿件列表</p></body></html>", encoding="utf-8")
    return root


def test_index_written_with_manifest_and_report(tmp_path: Path):
    site = _site(tmp_path)
    report = index_site(site)
    assert report.pages == 6  # the home page has no data-pagefind-body
    out = site / "pagefind"
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"encoding": "bigram-v1", "language": "und", "pages": 6, "shards": [],
                        "digests": {"": manifest["digests"][""]}}
    assert len(manifest["digests"][""]) == 32
    entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["und"]
    assert len(list((out / "fragment").glob("*.pf_fragment"))) == 6
    assert (out / "pagefind.js").is_file() and not (out / "pagefind-ui.js").exists()
    assert report.index_bytes > 0 and report.seconds > 0
    assert report.peak_rss_bytes is None or report.peak_rss_bytes > 1_000_000
    assert not (site / ".pagefind-tmp").exists()


def test_every_file_of_the_index_is_whole(tmp_path: Path):
    """Each data file is a complete gzip stream in Pagefind's format, and the
    browser's code is the bytes this Pagefind ships, never a file cut short
    by its process ending."""
    import gzip

    from pagefind.index import IndexConfig

    from congress_site.search.indexer import _run, _service_class

    async def shipped() -> dict[str, bytes]:
        """The files of another index, asked for (never written anywhere)."""
        service = await _service_class()().launch()
        try:
            other = await service.create_index(IndexConfig(write_playground=False))
            await other.add_custom_record(url="/x/", content="别的 索引", language="und", meta={"title": "甲"})
            return {f["path"]: f["content"] for f in await other.get_files()}
        finally:
            await service.close()

    site = _site(tmp_path, 12)
    index_site(site)
    out = site / "pagefind"
    data = [p for p in out.rglob("*") if p.suffix.startswith(".pf_")]
    assert len(data) > 12
    for path in data:
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path
    own = _run(shipped)  # also when the session's browser runs a loop here
    for name in ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind"):
        assert (out / name).read_bytes() == own[name], name


def test_replies_larger_than_a_stream_line_are_read_whole():
    """The index's files come back from Pagefind as one reply of several
    megabytes, which arrives in pieces; replies are split at their commas.
    A question still open when Pagefind's output ends fails, never hangs."""
    import asyncio
    import base64

    from congress_site.search.indexer import _run, _service_class

    def encoded(message_id: int, payload: dict) -> bytes:
        return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","

    big = {"type": "GetFiles", "files": [{"path": "a", "content": "QUJD" * 2_000_000}]}
    stream = encoded(1, {"type": "IndexedFile"}) + encoded(2, big) + encoded(3, {"type": "Error", "message": "坏"})

    async def run():
        service = _service_class()()
        reader = asyncio.StreamReader(limit=2**16)
        for start in range(0, len(stream), 100_003):  # pieces that end inside a reply
            reader.feed_data(stream[start:start + 100_003])
        reader.feed_eof()
        service._backend = type("Backend", (), {"stdout": reader})()
        answers = {n: asyncio.get_running_loop().create_future() for n in (1, 2, 3, 4)}
        service._responses = answers
        await service._wait_for_responses()
        return answers

    answers = _run(run)
    assert answers[1].result() == {"type": "IndexedFile"}
    assert answers[2].result() == big
    assert str(answers[3].exception()) == "坏"
    assert "提前退出" in str(answers[4].exception())


def test_reindex_replaces_the_old_index(tmp_path: Path):
    site = _site(tmp_path, 3)
    index_site(site)
    stale = site / "pagefind" / "fragment" / "stale.pf_fragment"
    stale.write_bytes(b"x")
    page = next((site / "stories").glob("*/index.html"))
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>补充</p></article>", 1), encoding="utf-8")
    assert index_site(site).reused == []  # a page changed: its index is made anew
    assert not stale.exists()
    assert not index_site(site, previous=tmp_path / "nowhere").reused


def test_shards_by_year(tmp_path: Path, monkeypatch):
    from congress_site.search import indexer

    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 1)  # one page per index
    site = _site(tmp_path, 4)  # the generator gives consecutive years
    report = index_site(site, shards="year")
    assert report.pages == 4
    # No undated page here: the newest year is the primary index, the rest shards.
    assert report.shards == ["shard-2018/", "shard-2017/", "shard-2016/"]
    manifest = json.loads((site / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["shards"] == report.shards
    assert (site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8").count('"page_count":1') == 1
    for shard in report.shards:
        assert (site / "pagefind" / shard / "pagefind-entry.json").is_file()
        assert not (site / "pagefind" / shard / "pagefind.js").exists()


def test_shards_are_indexed_two_at_a_time_into_folders_of_their_own(tmp_path: Path, monkeypatch):
    import os

    from congress_site.search import indexer

    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 1)
    running, most = 0, 0
    write = indexer._write_index

    async def counted(records, out_dir, **how):
        nonlocal running, most
        running += 1
        most = max(most, running)
        try:
            return await write(records, out_dir, **how)
        finally:
            running -= 1

    monkeypatch.setattr(indexer, "_write_index", counted)
    site = _site(tmp_path, 4)
    report = index_site(site, shards="year")
    assert most == min(indexer.PARALLEL_SHARDS, os.cpu_count() or 1) and len(report.shards) == 3
    # Each index whole, the primary's files beside the shards' folders.
    entries = [site / "pagefind" / shard / "pagefind-entry.json" for shard in ["", *report.shards]]
    assert all(json.loads(e.read_text(encoding="utf-8"))["languages"] for e in entries)


def test_worker_processes_read_the_same_records_in_the_same_order(tmp_path: Path, monkeypatch):
    from congress_site.search import indexer

    site = _site(tmp_path, 9)
    (site / "broken").mkdir()
    (site / "broken" / "index.html").write_bytes(b"\xff\xfe not utf-8")
    alone: list[str] = []
    expected = list(indexer.iter_records(site, alone))
    monkeypatch.setattr(indexer, "POOL_MIN_PAGES", 1)
    monkeypatch.setattr(indexer, "POOL_CHUNK", 2)  # several chunks, each read by a worker
    monkeypatch.setattr(indexer, "iter_records", None)  # reading them here instead would fail
    pooled: list[str] = []
    assert indexer.all_records(site, pooled) == expected and len(expected) == 9
    assert pooled == alone == ["broken/index.html"]


def test_shard_plan_packs_years_up_to_the_cap(monkeypatch):
    from congress_site.search import indexer
    from congress_site.search.extract import PageRecord

    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 3)

    def page(year):
        return PageRecord(f"/{year}/", "正文", "题", filters={"年份": [year]} if year else {})

    records = [page("")] + [page("2025")] * 4 + [page("2024"), page("2023"), page("2022"), page("2021")]
    plan = indexer.plan_shards(records, "auto")
    # A year bigger than a shard has packs of its own; smaller years go
    # whole into the pack they fit in, from the newest.
    assert [(name, len(group)) for name, group in plan] == [
        ("", 1), ("shard-2025/", 3), ("shard-2025-2/", 1), ("shard-2022-2024/", 3), ("shard-2021/", 1)]
    assert [r for _, group in plan for r in group] == records
    assert indexer.plan_shards(records[:3], "auto") == [("", records[:3])]  # small: one index
    # A page added to one year leaves the packs of the other years as they were.
    grown = indexer.plan_shards(records[:5] + [page("2024")] + records[5:], "auto")
    assert [(name, len(group)) for name, group in grown] == [
        ("", 1), ("shard-2025/", 3), ("shard-2025-2/", 1), ("shard-2023-2024/", 3), ("shard-2021-2022/", 2)]
    grown = indexer.plan_shards(records[:1] + [page("2025")] + records[1:], "auto")
    assert grown[3:] == plan[3:]


def test_payload_keeps_display_text_recoverable():
    page = ('<html><body><article data-pagefind-body><h1>张晓岚</h1><p>社区代表</p>'
            '<span data-pagefind-meta="weight:10"></span><span data-pagefind-sort="date:2025-07-05"></span>'
            '</article></body></html>')
    payload = record_payload(extract(page, "/profiles/x/"))
    assert payload["language"] == "und"
    assert decode(payload["meta"]["title"]) == "张晓岚"
    assert payload["meta"]["key"] == payload["meta"]["title"]  # weighted pages rank by title
    assert payload["meta"]["date"] == "2025-07-05"
    assert decode(payload["content"]) == "张晓岚 社区代表"


def test_missing_site_is_a_finding_not_a_traceback(tmp_path: Path):
    with pytest.raises(CongressError) as err:
        index_site(tmp_path / "nope")
    assert err.value.findings[0].code == "search-site-missing"
    assert "mkdocs build" in err.value.findings[0].fix


@pytest.mark.parametrize("dies", ["at once", "after the first page"])
def test_a_pagefind_that_dies_is_a_finding_not_a_hang(tmp_path: Path, monkeypatch, dies: str):
    """Killed (out of memory, say) before or while it is fed: the build
    reports it in Chinese instead of waiting forever for an answer."""
    import threading

    from congress_site.search import indexer

    make, payload = indexer._service_class, indexer.record_payload
    victims = []

    def dying():
        class Dying(make()):
            async def launch(self):
                started = await super().launch()
                victims.append(self._backend)
                if dies == "at once":
                    self._backend.kill()
                return started
        return Dying

    def fed(record):
        if dies != "at once" and len(victims) == 1 and victims[0].returncode is None:
            victims[0].kill()
        return payload(record)

    monkeypatch.setattr(indexer, "_service_class", dying)
    monkeypatch.setattr(indexer, "record_payload", fed)
    site = _site(tmp_path, 3)
    raised: list[CongressError] = []

    def run() -> None:
        try:
            index_site(site)
        except CongressError as err:
            raised.append(err)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "index_site still waits for a Pagefind that is gone"
    assert [err.findings[0].code for err in raised] == ["search-index-failed"]
    assert not (site / "pagefind").exists() and not (site / ".pagefind-tmp").exists()

def test_unknown_shard_mode(tmp_path: Path):
    with pytest.raises(CongressError) as err:
        index_site(_site(tmp_path, 1), shards="month")
    assert err.value.findings[0].code == "search-shards-unknown"


def test_background_runs_once_after_a_burst_of_rebuilds(tmp_path: Path):
    site = _site(tmp_path, 2)
    # Quiet time far longer than any pause between the requests below, even
    # with this process waiting for the CPU: a pause as long as the delay
    # would start a run, and the next request would make it a second one.
    indexer = BackgroundIndexer(delay=5.0)
    for _ in range(5):  # five rebuilds in quick succession
        indexer.request(site)
    assert indexer.wait(timeout=120)
    assert indexer.runs == 1 and indexer.last_returncode == 0
    assert (site / "pagefind" / MANIFEST).is_file()


def test_background_request_returns_before_indexing(tmp_path: Path):
    site = _site(tmp_path, 2)
    indexer = BackgroundIndexer(delay=0.2)
    indexer.request(site)
    assert indexer.runs == 0 and not (site / "pagefind").exists()
    assert indexer.wait(timeout=120)
    assert indexer.runs == 1


def test_index_site_inside_a_running_event_loop(tmp_path: Path):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    site = _site(tmp_path, 2)

    async def caller():
        return index_site(site)

    # On a thread of its own: the test session may run a loop (Playwright).
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(lambda: asyncio.run(caller())).result().pages == 2


def test_shard_plan_with_more_undated_pages_than_one_shard(monkeypatch):
    """2,000 profiles and 300 laws outnumber a shard: the overflow has no year."""
    from congress_site.search import indexer
    from congress_site.search.extract import PageRecord

    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 2)
    undated = [PageRecord(f"/p{i}/", "正文", "题", filters={}) for i in range(5)]
    dated = [PageRecord("/s/", "正文", "题", filters={"年份": ["2025"]})]
    plan = indexer.plan_shards(undated + dated, "auto")
    names = [name for name, _ in plan]
    assert names[0] == "" and "shard-undated/" in names and len(set(names)) == len(names)
    assert sum(len(g) for _, g in plan) == 6


def _fragments(index: Path) -> dict[str, set[str]]:
    """Per index folder ("" the primary), the names of its page fragments:
    Pagefind names each by a hash of the page's indexed content."""
    found: dict[str, set[str]] = {}
    for f in index.rglob("*.pf_fragment"):
        folder = f.parent.parent.relative_to(index).as_posix()
        found.setdefault("" if folder == "." else folder + "/", set()).add(f.name)
    return found


def test_unchanged_shards_are_taken_over_from_the_previous_index(tmp_path: Path, monkeypatch):
    from congress_site.search import indexer

    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 2)
    site = _site(tmp_path / "site", 6)  # six years, one page each: the primary and two shards of two years
    first = index_site(site, shards="year")
    assert first.reused == [] and len(first.shards) == 2
    again = index_site(site, shards="year")
    assert again.reused == ["", *first.shards]  # nothing changed: nothing indexed again

    # One page's text changes: only the index that holds it is made again.
    page = sorted((site / "stories").glob("*/index.html"))[0]
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", "<p>新增一段关于养老服务的内容</p></article>", 1), encoding="utf-8")
    changed = [name for name, group in indexer.plan_shards(indexer.all_records(site), "year")
               if any(r.url == indexer.url_for(page, site) for r in group)]
    assert len(changed) == 1
    after = index_site(site, shards="year")
    assert sorted(after.reused) == sorted(n for n in ["", *first.shards] if n not in changed)
    assert after.pages == first.pages
    # The same index as one made from scratch, page for page.
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("pagefind"))
    index_site(fresh, shards="year")
    assert _fragments(site / "pagefind") == _fragments(fresh / "pagefind")
    for name in ["", *after.shards]:
        assert (site / "pagefind" / name / "pagefind-entry.json").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_nothing_is_taken_over_from_an_index_made_otherwise(tmp_path: Path, monkeypatch):
    from congress_site.search import indexer

    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 2)
    site = _site(tmp_path, 6)
    index_site(site, shards="year")
    monkeypatch.setattr(indexer, "_salt", lambda: b"another Pagefind")
    assert index_site(site, shards="year").reused == []
    (site / "pagefind" / MANIFEST).write_text("{not json", encoding="utf-8")
    report = index_site(site, shards="year")
    assert report.reused == [] and report.pages == 6


def _counting_extract(monkeypatch) -> list[str]:
    from congress_site.search import indexer

    read: list[str] = []
    real = indexer.extract

    def extract(html: str, url: str):
        read.append(url)
        return real(html, url)

    monkeypatch.setattr(indexer, "extract", extract)  # the test sites are read in this process
    return read


def test_pages_whose_files_did_not_change_are_not_read_again(tmp_path: Path, monkeypatch):
    from congress_site.search import indexer

    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 2)
    site = _site(tmp_path / "site", 6)
    index_site(site, shards="year")
    read = _counting_extract(monkeypatch)
    assert index_site(site, shards="year").pages == 6
    assert read == []

    # One page changes: it is read, then the other page of its shard, which is indexed again.
    page = sorted((site / "stories").glob("*/index.html"))[-1]
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>补充</p></article>", 1),
                    encoding="utf-8")
    after = index_site(site, shards="year")
    url = indexer.url_for(page, site)
    assert read[0] == url and len(read) == 2 and len(after.reused) == 2
    assert after.pages == 6


def test_a_build_staging_its_site_beside_the_published_one_reads_only_new_pages(tmp_path: Path, monkeypatch):
    """A build stages the new site next to the published one, the pages it
    took over being hard links to the published files."""
    from congress_site.search import indexer
    from congress_site.search.pagememory import FILE

    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 2)
    published = _site(tmp_path / "published", 6)
    index_site(published, shards="year")
    memory = (published / "pagefind" / FILE).read_bytes()
    staged = tmp_path / "staged"
    shutil.copytree(published, staged, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    new = staged / "stories" / "xin-gao" / "index.html"
    new.parent.mkdir()
    new.write_text(next((published / "stories").glob("*/index.html")).read_text(encoding="utf-8")
                   .replace("<h1>", "<h1>新稿：", 1), encoding="utf-8")
    read = _counting_extract(monkeypatch)
    report = index_site(staged, shards="year", previous=published / "pagefind")
    assert read[0] == "/stories/xin-gao/" and report.pages == 7
    # Only pages of the indexes made anew were read; the taken-over ones' were not.
    monkeypatch.undo()
    monkeypatch.setattr(indexer, "MAX_SHARD_PAGES", 2)
    plan = indexer.plan_shards(indexer.all_records(staged), "year")
    taken = {r.url for name, group in plan if name in report.reused for r in group}
    assert report.reused and taken and not taken & set(read)
    assert len(read) == 7 - len(taken)
    assert "stories/xin-gao/index.html" in json.loads((staged / "pagefind" / FILE).read_text(encoding="utf-8"))["pages"]
    assert (published / "pagefind" / FILE).read_bytes() == memory  # never written through a link


def test_a_memory_made_by_other_code_is_not_trusted(tmp_path: Path, monkeypatch):
    from congress_site.search import indexer

    site = _site(tmp_path, 3)
    index_site(site)
    read = _counting_extract(monkeypatch)
    monkeypatch.setattr(indexer, "_salt", lambda: b"other code")
    index_site(site)
    assert sorted(read) == ["/", "/stories/s00000/", "/stories/s00001/", "/stories/s00002/"]  # all read again


@pytest.mark.parametrize("memory", ["{broken", '{"format": 1, "salt": "x", "pages": []}',
                                    '{"format": 1, "salt": "SALT", "pages": {"index.html": [1, "2", 3, null, null]}}'])
def test_a_damaged_memory_means_reading_every_page(tmp_path: Path, monkeypatch, memory: str):
    from congress_site.search import indexer
    from congress_site.search.pagememory import FILE

    site = _site(tmp_path, 3)
    index_site(site)
    (site / "pagefind" / FILE).write_text(memory.replace("SALT", indexer._salt().hex()), encoding="utf-8")
    read = _counting_extract(monkeypatch)
    assert index_site(site).pages == 3
    assert len(read) >= 3

"""The plugin runs on two engines: MkDocs 1.x and ProperDocs, its maintained
continuation. The sample site built by `mkdocs build` and by `properdocs
build` is the same site, file for file and byte for byte; only the
generator meta tag names the engine that built it."""

from __future__ import annotations

import gzip
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import brotli
import pytest

from congress_site.search.pagememory import FILE as PAGE_MEMORY
from sitekit import copy_sample, engine_build, minimal_site, snapshot, write_story

ENGINES = ("mkdocs", "properdocs")


def engine_version(engine: str) -> str:
    try:
        return version(engine)
    except PackageNotFoundError:
        message = f"未安装 {engine}，无法比较两种构建引擎"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message}（CI=true 时必须可用：pyproject.toml 的 test 依赖包含它）", pytrace=False)
        pytest.skip(f"!!! {message} —— 已跳过。安装方法：.venv/bin/pip install -e '.[test]'")


def generator_tag(engine: str) -> bytes:
    """Material writes `mkdocs-{{ mkdocs_version }}` into every page; ProperDocs
    sets that variable to "ProperDocs <its version>"."""
    name = "ProperDocs " if engine == "properdocs" else ""
    return f'<meta name="generator" content="mkdocs-{name}{engine_version(engine)},'.encode()


# Pagefind writes its filter chunks from unordered maps: their names and
# bytes change from one run to the next on the same input, and so do the
# metadata file and the entry file that name them. Every other file of the
# index (fragments, word chunks, scripts) is compared byte for byte.
def is_volatile_index_file(name: str) -> bool:
    return (name.startswith("pagefind/filter/") or name == "pagefind/pagefind-entry.json"
            or (name.startswith("pagefind/pagefind.") and name.endswith(".pf_meta")))


def site_files(site: Path, engine: str) -> dict[str, bytes]:
    """Every file of a built site with the engine's generator tag replaced by
    a neutral one; checks that each page names the engine that built it."""
    tag = generator_tag(engine)
    files = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name, data = path.relative_to(site).as_posix(), path.read_bytes()
        source = path.with_suffix("")
        if path.suffix in (".gz", ".br") and source.is_file():
            # A compressed copy must hold its file's bytes; the file itself is compared.
            unpacked = gzip.decompress(data) if path.suffix == ".gz" else brotli.decompress(data)
            assert unpacked == source.read_bytes(), f"{name}: 压缩副本与原文件不一致"
            continue
        # admin/ is the browser CMS's own page and the folders' forwarding
        # pages (pages/parents.py) are the plugin's too, not the engine's.
        forwarding = b'http-equiv="refresh"' in data
        if name.endswith(".html") and not name.startswith(("pagefind/", "admin/")) and not forwarding:
            assert data.count(tag) == 1, f"{name}: 没有 {engine} 的 generator 标记"
            data = data.replace(tag, b'<meta name="generator" content="ENGINE,')
        if name == f"pagefind/{PAGE_MEMORY}":
            data = _without_file_identities(data)
        files[name] = data
    return files


def _without_file_identities(data: bytes) -> bytes:
    """The index's memory of its pages (search/pagememory.py) names each
    page's file by inode and time, which differ from build to build; what
    it found in each page (year, record digest) is compared."""
    memory = json.loads(data)
    memory["pages"] = {rel: entry[3:] for rel, entry in memory["pages"].items()}
    return json.dumps(memory, sort_keys=True).encode()


@pytest.mark.slow
def test_the_sample_site_is_the_same_on_both_engines(sample_site, tmp_path):
    """MkDocs' build is the session's (`sample_site`, as `mkdocs build` does
    it, in this process); ProperDocs builds its own copy of the sample's
    sources (and so its own empty cache) on the same build date."""
    src = copy_sample(tmp_path / "src")
    # As `make build ENGINE=properdocs` and CI call it: a config path relative to the working folder.
    out = engine_build(Path("mkdocs.yml"), tmp_path / "site", engine="properdocs", cwd=src)
    assert out.returncode == 0, f"properdocs: {out.stderr[-2000:]}"
    first, second = site_files(sample_site, "mkdocs"), site_files(tmp_path / "site", "properdocs")
    assert len(first) > 100
    assert "index.html" in first and "sitemap.xml" in first

    volatile_a = sorted(n for n in first if is_volatile_index_file(n))
    volatile_b = sorted(n for n in second if is_volatile_index_file(n))
    assert volatile_a and len(volatile_a) == len(volatile_b)
    stable_a = {n: d for n, d in first.items() if not is_volatile_index_file(n)}
    stable_b = {n: d for n, d in second.items() if not is_volatile_index_file(n)}
    assert any(n.startswith("pagefind/fragment/") for n in stable_a)
    assert sorted(stable_a) == sorted(stable_b)
    differ = [n for n in stable_a if stable_a[n] != stable_b[n]]
    assert differ == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_refused_strict_build_keeps_the_previous_site(tmp_path, engine):
    """The plugin builds into a staging folder and swaps it in only if the
    engine will not abort the strict build afterwards; it must read that
    verdict from the engine actually running it."""
    engine_version(engine)
    root = minimal_site(tmp_path / "src", stories=2)
    site = tmp_path / "site"
    out = engine_build(root / "mkdocs.yml", site, "--strict", engine=engine)
    assert out.returncode == 0, out.stderr[-2000:]
    before = snapshot(site)
    assert "stories/item-0/index.html" in before
    write_story(root, "2025/07-05-broken.md", title="坏稿件", column="no-such-column")
    out = engine_build(root / "mkdocs.yml", site, "--strict", engine=engine)
    assert out.returncode != 0
    assert "原有的网站目录" in out.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "src"]   # no staging folder left

"""Exact phrases of 2–8 Chinese characters: every page containing the phrase
is found, and at least 95% of results contain it. Checked here on the token
streams with a model of Pagefind's matching; test_search_browser.py checks the real
Pagefind in chromium on the same kind of phrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from recallkit import ISSUE_PHRASES, PagefindModel, sample_phrases, score, truth

from congress_bench.synthetic import search_pages
from congress_site.search.indexer import MANIFEST, OUTPUT, iter_records


def _check(records, phrases):
    model = PagefindModel(records)
    worst_precision = 1.0
    for phrase in phrases:
        expected = truth(records, phrase)
        recall, precision = score(model.search(phrase), expected)
        assert recall == 1.0, f"“{phrase}”漏掉了 {len(expected) - round(recall * len(expected))} 个页面"
        worst_precision = min(worst_precision, precision)
    assert worst_precision >= 0.95


def test_the_build_indexes_every_page(sample_site: Path):
    """The plugin runs Pagefind in the build: the index the search page
    loads is there, covering every page meant to be found."""
    manifest = json.loads((sample_site / OUTPUT / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["pages"] == len(list(iter_records(sample_site))) > 30
    assert (sample_site / OUTPUT / "pagefind.js").is_file()


def test_sample_site_phrases(sample_site: Path):
    records = list(iter_records(sample_site))
    assert len(records) > 30
    _check(records, ISSUE_PHRASES + sample_phrases(records, 150))


@pytest.mark.slow
def test_generated_site_phrases(tmp_path: Path):
    search_pages(tmp_path, 300, seed=3)
    records = list(iter_records(tmp_path))
    assert len(records) == 300
    _check(records, ISSUE_PHRASES + sample_phrases(records, 200, seed=11))


def test_bigram_and_does_not_pass_for_a_phrase():
    """A page holding every bigram of the phrase but never the phrase itself
    is no result: the positions tell them apart."""
    from congress_site.search.extract import PageRecord

    records = [PageRecord("/a/", "民生问题很多，生实验，实事求是", "a"),
               PageRecord("/b/", "今年的民生实事项目", "b")]
    assert PagefindModel(records).search("民生实事") == {"/b/"}


def test_sparse_terms_must_each_sit_at_their_own_offset():
    """营商环境一样 is searched as 营商·环境·一样 at offsets 0, 2, 4: a page
    where some term (not 一样) sits at offset 4 is no result."""
    from congress_site.search.extract import PageRecord

    records = [PageRecord("/a/", "营商环境营商环境，一样", "a"),
               PageRecord("/b/", "这里的营商环境一样好", "b")]
    assert PagefindModel(records).search("营商环境一样") == {"/b/"}

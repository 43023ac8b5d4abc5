"""The parsed-records cache: a text parsed by an earlier build is read back
exactly as the parser made it, a changed text is parsed again, and nothing
but successful parses is kept."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from congress_site.findings import CongressError
from congress_site.model import source
from congress_site.model.parsecache import parsed_records
from congress_site.model.source import load_yaml
from sitekit import build, minimal_site, write_story

TEXT = """\
id: wang-xiaoyun
name: 王晓云
born: 1971-03-08
terms:
  - {congress: 16, from: 2022-01-05, role: 代表}
  - congress: 17
    committees: [财政经济委员会, 法制委员会]
note: null
share: 0.5
active: true
"""


def _parse(text: str, line_offset: int = 0):
    src = load_yaml(text, "profiles/wang.yml", line_offset)
    return src.data, src.lines


def test_a_cached_parse_is_the_parse(tmp_path):
    path = tmp_path / "parsed.json"
    fresh = _parse(TEXT, 1)
    with parsed_records(path) as cache:
        assert _parse(TEXT, 1) == fresh and cache.hits == 0
    with parsed_records(path) as cache:
        data, lines = _parse(TEXT, 1)
        assert cache.hits == 1
    assert (data, lines) == fresh
    assert type(data["born"]) is dt.date and type(data["terms"][0]["from"]) is dt.date
    assert lines[("terms", 1, "committees")] == fresh[1][("terms", 1, "committees")]
    # The same text under another line offset (front matter) is another entry.
    with parsed_records(path) as cache:
        assert _parse(TEXT, 0) == _parse(TEXT, 0) and cache.hits == 1, "a miss, then the entry it made"


def test_two_files_with_the_same_text_get_data_of_their_own(tmp_path):
    with parsed_records(tmp_path / "parsed.json"):
        _parse(TEXT)
    with parsed_records(tmp_path / "parsed.json"):
        first, _ = _parse(TEXT)
        second, _ = _parse(TEXT)
    first["terms"].append("changed")
    assert second["terms"] != first["terms"]


def test_a_broken_text_is_never_kept(tmp_path):
    path = tmp_path / "parsed.json"
    broken = "name: [王晓云\nborn: 1971-03-08\n"
    for _ in range(2):
        with parsed_records(path) as cache, pytest.raises(CongressError) as err:
            _parse(broken)
        assert err.value.findings[0].code == "yaml-syntax" and cache.hits == 0
    assert not path.exists() or json.loads(path.read_text(encoding="utf-8"))["entries"] == {}


def test_an_entry_that_does_not_decode_is_parsed_again(tmp_path):
    path = tmp_path / "parsed.json"
    with parsed_records(path):
        _parse(TEXT)
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["entries"] = {key: '[{"born": "not a date"}, [["born"]], []]' for key in stored["entries"]}
    path.write_text(json.dumps(stored), encoding="utf-8")
    fresh = _parse(TEXT)
    with parsed_records(path) as cache:
        assert _parse(TEXT) == fresh and cache.hits == 0
    assert source.PARSED is None, "the cache is active only inside the block"


def test_another_loader_version_does_not_read_the_entries(tmp_path, monkeypatch):
    path = tmp_path / "parsed.json"
    with parsed_records(path):
        _parse(TEXT)
    import congress_site.model.parsecache as parsecache

    monkeypatch.setattr(parsecache, "_code_version", lambda: b"another loader")
    with parsed_records(path) as cache:
        _parse(TEXT)
    assert cache.hits == 0


def test_a_build_reads_edited_records_again_and_keeps_the_rest(tmp_path):
    root = minimal_site(tmp_path / "src", stories=3)
    site = tmp_path / "site"
    build(root, site)
    cache = root / ".cache/congress/parsed.json"
    before = set(json.loads(cache.read_text(encoding="utf-8"))["entries"])
    assert len(before) >= 3
    write_story(root, "2025/01-01-item-0.md", title="改过标题的稿件", date="2025-01-01")
    build(root, site)
    after = set(json.loads(cache.read_text(encoding="utf-8"))["entries"])
    assert len(after - before) == 1 and len(before - after) == 1, "the edited front matter replaces its entry"
    page = (site / "stories/item-0/index.html").read_text(encoding="utf-8")
    assert "改过标题的稿件" in page

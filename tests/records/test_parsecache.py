"""The parsed-records cache: a text parsed by an earlier build is read back
exactly as the parser made it, a changed text is parsed again, nothing but
successful parses is kept, and a file that is not its database is replaced."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from congress_site.findings import CongressError
from congress_site.model import source
from congress_site.model.parsecache import parsed_records
from congress_site.model.source import load_yaml
from sitekit import build, minimal_site, write_story


def _entries(path) -> dict[str, str]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT key, entry FROM entries"))

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
    path = tmp_path / "parsed.sqlite3"
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
    with parsed_records(tmp_path / "parsed.sqlite3"):
        _parse(TEXT)
    with parsed_records(tmp_path / "parsed.sqlite3"):
        first, _ = _parse(TEXT)
        second, _ = _parse(TEXT)
    first["terms"].append("changed")
    assert second["terms"] != first["terms"]


def test_a_broken_text_is_never_kept(tmp_path):
    path = tmp_path / "parsed.sqlite3"
    broken = "name: [王晓云\nborn: 1971-03-08\n"
    for _ in range(2):
        with parsed_records(path) as cache, pytest.raises(CongressError) as err:
            _parse(broken)
        assert err.value.findings[0].code == "yaml-syntax" and cache.hits == 0
    assert not path.exists() or _entries(path) == {}


def test_an_entry_that_does_not_decode_is_parsed_again(tmp_path):
    path = tmp_path / "parsed.sqlite3"
    with parsed_records(path):
        _parse(TEXT)
    with sqlite3.connect(path) as db:
        db.execute("""UPDATE entries SET entry = '[{"born": "not a date"}, [["born"]], []]'""")
    fresh = _parse(TEXT)
    with parsed_records(path) as cache:
        assert _parse(TEXT) == fresh and cache.hits == 0
    assert source.PARSED is None, "the cache is active only inside the block"


def test_another_loader_version_does_not_read_the_entries(tmp_path, monkeypatch):
    path = tmp_path / "parsed.sqlite3"
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
    cache = root / ".cache/congress/parsed.sqlite3"
    before = set(_entries(cache))
    assert len(before) >= 3
    write_story(root, "2025/01-01-item-0.md", title="改过标题的稿件", date="2025-01-01")
    build(root, site)
    after = set(_entries(cache))
    assert len(after - before) == 1 and len(before - after) == 1, "the edited front matter replaces its entry"
    page = (site / "stories/item-0/index.html").read_text(encoding="utf-8")
    assert "改过标题的稿件" in page


@pytest.mark.parametrize("content", [b"{}", b"SQLite format 3\x00" + b"\x00" * 200, None])
def test_a_file_that_is_not_its_database_is_replaced(tmp_path, content):
    path = tmp_path / "parsed.sqlite3"
    if content is None:  # a database of another shape
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE entries (key)")
            db.execute("PRAGMA user_version = 3")
    else:
        path.write_bytes(content)
    fresh = _parse(TEXT)
    with parsed_records(path) as cache:
        assert _parse(TEXT) == fresh and cache.hits == 0
    with parsed_records(path) as cache:
        assert _parse(TEXT) == fresh and cache.hits == 1
    assert len(_entries(path)) == 1


def test_rows_hold_only_text_and_rows_of_other_types_are_misses(tmp_path):
    path = tmp_path / "parsed.sqlite3"
    with parsed_records(path):
        _parse(TEXT)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET entry = CAST(entry AS BLOB)")  # SQLite keeps any type in any column
    fresh = _parse(TEXT)
    with parsed_records(path) as cache:
        assert _parse(TEXT) == fresh and cache.hits == 0


def test_a_publish_writes_only_the_rows_that_changed(tmp_path):
    path = tmp_path / "parsed.sqlite3"
    other = TEXT.replace("王晓云", "王晓雨")
    with parsed_records(path):
        _parse(TEXT)
        _parse(other)
    with sqlite3.connect(path) as db:
        kept = db.execute("SELECT rowid, key FROM entries").fetchall()
    edited = TEXT.replace("0.5", "0.6")
    with parsed_records(path):
        _parse(edited)  # the first text was edited, the other is unchanged
        _parse(other)
    with sqlite3.connect(path) as db:
        now = db.execute("SELECT rowid, key FROM entries").fetchall()
    unchanged = [row for row in kept if row in now]
    assert len(unchanged) == 1 and len(now) == 2  # the other's row untouched, the edited one replaced


def test_the_json_file_of_earlier_versions_is_removed(tmp_path):
    (tmp_path / "parsed.json").write_text('{"format": 2, "entries": {}}', encoding="utf-8")
    with parsed_records(tmp_path / "parsed.sqlite3"):
        _parse(TEXT)
    assert not (tmp_path / "parsed.json").exists()

"""Record cross-references (model/repository.py `_check_references`): each
miss is reported at its file, line and column, with the nearest ids."""

from __future__ import annotations

import datetime as dt

import pytest

from congress_site.model import Layout, load_repository
from sitekit import minimal_site, write, write_story


def load(root):
    return load_repository(Layout.default(root), dt.date(2026, 11, 22))


def findings(repo, code):
    return [f for f in repo.findings if f.code == code]


# write_story puts: title 2, date 3, column 4, authors 5, representatives 6, legislation 7
@pytest.mark.parametrize("field, value, code, line, column", [
    ("column", "jicen", "unknown-column", 4, 1),  # a scalar field is marked at its key
    ("representatives", ["zhao-mingyuan", "zhao-mingyuann"], "unknown-profile", 6, 34),
    ("legislation", ["cunlou"], "unknown-legislation", 7, 15),
])
def test_story_reference_at_file_line_column(tmp_path, field, value, code, line, column):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/07-05-x.md", **{field: value})
    [f] = findings(load(tmp_path), code)
    assert (f.path, f.line, f.column) == ("stories/2025/07-05-x.md", line, column)
    text = (tmp_path / f.path).read_text(encoding="utf-8").splitlines()[line - 1]
    bad = value if isinstance(value, str) else value[-1]
    assert bad in text
    if isinstance(value, list):  # a list item is marked at the item itself
        assert text[column - 1:].startswith(bad)
    assert bad in f.message and "是否想写" in f.fix


def test_missing_cover_image_at_its_line(tmp_path):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/07-05-x.md", cover="images/nope.jpg", cover_alt="现场照片")
    repo = load(tmp_path)
    [f] = findings(repo, "missing-image")
    assert (f.path, f.line) == ("stories/2025/07-05-x.md", 9)
    assert "images/nope.jpg" in f.message
    # a story with a broken reference is held back, not published half-linked
    assert repo.stories == []


def test_cover_image_that_exists_is_fine(tmp_path):
    minimal_site(tmp_path, stories=0)
    write_story(tmp_path, "2025/07-05-x.md", cover="images/ok.jpg", cover_alt="现场照片")
    (tmp_path / "stories/2025/images").mkdir(parents=True)
    (tmp_path / "stories/2025/images/ok.jpg").write_bytes(b"\xff\xd8\xff")
    assert findings(load(tmp_path), "missing-image") == []


def test_profile_station_and_legislation_proposers(tmp_path):
    minimal_site(tmp_path, stories=0)
    write(tmp_path / "profiles/wang-li.yml", """
        id: wang-li
        name: 王丽
        levels: [设区的市（自治州）]
        station: shiyuann
    """)
    write(tmp_path / "content/legislation/tingche.yml", """
        id: tingche
        title: 《栖云市机动车停车条例》
        body: 栖云市人大常委会
        origin: {type: 代表议案, proposers: [wang-li, zhao-mingyuam]}
        stages:
          - {stage: 立项, date: 2024-01-10}
    """)
    repo = load(tmp_path)
    [station] = findings(repo, "unknown-station")
    assert (station.path, station.line) == ("profiles/wang-li.yml", 4) and "shiyuan" in station.fix
    [proposer] = findings(repo, "unknown-profile")
    assert (proposer.path, proposer.line) == ("content/legislation/tingche.yml", 4)
    assert "zhao-mingyuam" in proposer.message and "zhao-mingyuan" in proposer.fix

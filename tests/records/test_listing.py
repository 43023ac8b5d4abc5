"""Which files the loader picks up, and in which order: the listing walks
with os.scandir and plain strings, and must find exactly what a walk with
pathlib finds (the rule the copy check and the ledger were written for)."""

from __future__ import annotations

import gc
from pathlib import Path

from congress_site.model import Layout, load_repository
from congress_site.model.repository import (
    RECORD_SUFFIXES,
    STORY_SUFFIXES,
    _record_files,
    _story_files,
)
from sitekit import minimal_site, write


def _pathlib_story_files(folder: Path) -> list[Path]:
    """The listing as pathlib states it: every would-be story at any depth,
    hidden parts and READMEs left out, symlinked folders not entered."""
    found = []
    for p in folder.rglob("*"):
        if any(part.startswith(".") for part in p.relative_to(folder).parts) or p.name.lower() == "readme.md":
            continue
        if p.suffix.lower() in STORY_SUFFIXES and (p.is_file() or p.is_symlink()):
            found.append(p)
    return sorted(found)


def test_story_listing_is_the_pathlib_listing(tmp_path):
    stories = tmp_path / "stories"
    for rel in ("2025/07-05-a.md", "2025/07-05-b.MD", "2025/notes.txt", "2025/README.md", "Readme.md",
                "2025/.draft.md", ".hidden/2025/07-05-c.md", "2025/.old/07-05-d.md", "2025/x.md.bak",
                "a/x.md", "a-b/x.md", "a.b/x.md", "2024/deep/er/07-05-e.markdown", "2025/photo.jpg",
                "README.md/07-05-f.md", "2025/a."):
        write(stories / rel, "x\n")
    (stories / "2025/folder.md").mkdir()
    (stories / "2025/07-05-alias.md").symlink_to(stories / "2025/07-05-a.md")
    (stories / "2025/07-05-gone.md").symlink_to(tmp_path / "nowhere.md")
    (stories / "linked").symlink_to(stories / "2024")  # listed, never entered
    (stories / "linked.md").symlink_to(stories / "2024")
    (stories / "loop.md").symlink_to(stories / "loop.md")

    listed = _story_files(stories)
    assert listed == _pathlib_story_files(stories)
    names = [p.relative_to(stories).as_posix() for p in listed]
    assert "a/x.md" in names and names.index("a/x.md") < names.index("a-b/x.md"), "sorted as paths, not as text"
    assert "README.md/07-05-f.md" in names and "2025/README.md" not in names
    assert not any("deep" in n for n in names if n.startswith("linked"))


def test_record_listing_is_the_pathlib_listing(tmp_path):
    folder = tmp_path / "profiles"
    for name in ("b.yml", "a.yaml", "C.YML", "notes.txt", ".hidden.yml", "photo.jpg", "x.yml.bak"):
        write(folder / name, "id: x\n")
    (folder / "dir.yml").mkdir()
    (folder / "link.yml").symlink_to(tmp_path / "nowhere.yml")
    expected = sorted(p for p in folder.iterdir()
                      if p.suffix.lower() in RECORD_SUFFIXES and (p.is_file() or p.is_symlink())
                      and not p.name.startswith("."))
    assert _record_files(folder) == expected


def test_loading_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    layout = Layout.default(minimal_site(tmp_path, stories=2))
    assert gc.isenabled()
    assert len(load_repository(layout).stories) == 2
    assert gc.isenabled(), "the collector runs again after loading"
    gc.disable()
    try:
        load_repository(layout)
        assert not gc.isenabled(), "a caller that paused it keeps it paused"
    finally:
        gc.enable()

"""The sample site is one fictional place: no name of a real person or place
from the sample it replaced may come back (old_sample_names.txt beside this file)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from sitekit import REPO

DENYLIST = Path(__file__).with_name("old_sample_names.txt")
# Everything the sample is made of, plus the world bible that later records follow.
SAMPLE = [REPO / "content", REPO / "stories", REPO / "profiles", REPO / "mkdocs.yml", REPO / "docs" / "sample-world.md",
          REPO / "sites", REPO / "sites.yml"]
TEXT = {".md", ".yml", ".yaml", ".txt", ".json", ".csv"}


def denylist() -> tuple[list[str], list[str]]:
    names, tokens = [], []
    for line in DENYLIST.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("pinyin:"):
            tokens.append(line.removeprefix("pinyin:"))
        else:
            names.append(line)
    return names, tokens


def sample_files() -> list[Path]:
    files = []
    for root in SAMPLE:
        files += [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
    return sorted(files)


def offences(path: Path, names: list[str], tokens: list[str], rel: str) -> list[str]:
    found = [f"{rel}: file name has “{t}”" for t in tokens
             if t in re.split(r"[-_./]", rel.lower())]
    if path.suffix in TEXT:
        text = path.read_text(encoding="utf-8")
        found += [f"{rel}:{text.count(chr(10), 0, text.index(n)) + 1}: “{n}”" for n in names if n in text]
        found += [f"{rel}: id or slug has “{t}”" for t in tokens
                  if re.search(rf"(?<![a-z]){t}(?![a-z])", text)]
    return found


def test_the_denylist_covers_the_old_sample():
    names, tokens = denylist()
    # 19 people had profiles in the old sample, in 7 jurisdictions.
    assert len(names) >= 19 + 7 and len(tokens) >= 7
    assert "张慧娟" in names and "榆次" in names and "yuci" in tokens


def test_the_scan_finds_a_planted_name(tmp_path):
    names, tokens = denylist()
    planted = tmp_path / "stories" / "2025" / "07-05-yuci-visit.md"
    planted.parent.mkdir(parents=True)
    planted.write_text("---\ntitle: 走访\n---\n\n第一段。\n\n张慧娟代表走访居民。\n", encoding="utf-8")
    found = offences(planted, names, tokens, "stories/2025/07-05-yuci-visit.md")
    assert any("“张慧娟”" in f and ":7:" in f for f in found)
    assert any("file name has “yuci”" in f for f in found)


def test_no_old_real_name_in_the_sample():
    names, tokens = denylist()
    files = sample_files()
    assert len(files) > 100, "the sample should be here"
    found = [hit for path in files for hit in offences(path, names, tokens, path.relative_to(REPO).as_posix())]
    assert not found, "样例站中出现了旧样例里的真实人名或地名：\n" + "\n".join(found)


def test_no_old_real_name_anywhere_in_the_repository():
    # Fixtures, hints in messages and the benchmark's places are read by
    # people too: the old sample's real names stay out of them as well.
    names, tokens = denylist()
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    skip = {DENYLIST.relative_to(REPO).as_posix(), Path(__file__).relative_to(REPO).as_posix()}
    files = [REPO / rel for rel in tracked if rel not in skip and (REPO / rel).is_file()]
    assert len(files) > 500, "git ls-files should list the repository"
    found = [hit for path in files if path.suffix in TEXT | {".py", ".html", ".js", ".css", ".toml"}
             for hit in offences(path, names, tokens, path.relative_to(REPO).as_posix())]
    assert not found, "仓库中出现了旧样例里的真实人名或地名：\n" + "\n".join(found)

"""The whole corpus at once, through the two commands a pull request meets:
`congress check` and `mkdocs build`. Each runs in its own process, so a
crash (a segmentation fault in a C parser, the kernel killing a process
that ate all memory) fails the test instead of the test run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import corpuskit as corpus
import pytest

from sitekit import minimal_site, write


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory) -> Path:
    root = minimal_site(tmp_path_factory.mktemp("all") / "site", stories=2)
    placed: set[str] = set()
    for case in corpus.CASES:
        at = corpus.place(case)
        if at in placed or any(corpus.place(e) in placed for e in case.get("also", [])):
            continue
        placed.add(at)
        corpus.install(root, case)
    write(root / "profiles/laughs.yml", corpus.billion_laughs())
    (root / "stories/2025/07-06-deep.md").write_text(
        "---\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\n正文\n", encoding="utf-8")
    (root / "stories/2025/07-07-brackets.md").write_text(
        "---\ntitle: 方括号\ndate: 2025-07-07\ncolumn: jiceng\nauthors: [通讯员]\n---\n" + "[" * 50_000 + "\n",
        encoding="utf-8")
    secret = root.parent / "secret.md"
    secret.write_text("---\ntitle: 机密稿件ZZQX\ndate: 2025-07-08\ncolumn: jiceng\nauthors: [外人]\n---\n机密正文ZZQX\n",
                      encoding="utf-8")
    (root / "stories/2025/07-08-link.md").symlink_to(secret)
    with open(root / "stories/2025/07-09-big.md", "wb") as fh:
        fh.write(b"---\ntitle: big\n---\n" + "正文。".encode() * (3 * 1024 * 1024 // 9))
    return root


def run(args: list[str], cwd: Path, timeout: int = 240) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONGRESS_TODAY": "2026-11-22", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def test_congress_check_reports_every_bad_file(hostile_repo):
    out = run([sys.executable, "-c", "import sys; from congress_site.cli import main; sys.exit(main())",
               "check", "--format", "json"], hostile_repo)
    assert out.returncode == 1, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    findings = json.loads(out.stdout)
    paths = {f["path"] for f in findings}
    for case in corpus.CASES:
        at = corpus.place(case)
        if case["expect"] and (hostile_repo / at).exists():
            assert at in paths, at
    for name in ("07-06-deep", "07-07-brackets", "07-08-link", "07-09-big"):
        assert f"stories/2025/{name}.md" in paths
    assert "ZZQX" not in out.stdout          # nothing read through the symlink


def test_build_survives_the_corpus_and_strict_refuses_it(hostile_repo, tmp_path):
    site = tmp_path / "site"
    out = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], hostile_repo)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    assert (site / "stories/item-0/index.html").is_file()
    assert not any("ZZQX" in p.read_text(errors="replace") for p in site.rglob("*.html"))
    strict = run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)], hostile_repo)
    assert strict.returncode != 0 and "Traceback" not in strict.stderr
    assert (site / "stories/item-0/index.html").is_file()     # the previous site is still there


def test_hostile_style_lists_do_not_stop_the_copy_checker(tmp_path):
    """content/style/ is editable too: a list in GBK or a house.yml built to
    blow up is reported and the built-in rules apply."""
    from congress_site.lint import LintConfig, lint_text

    style = tmp_path / "style"
    style.mkdir()
    (style / "terms.txt").write_bytes("全过程人民民主\n".encode("gbk"))
    (style / "house.yml").write_text("disable: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    config = LintConfig.load(style)
    codes = sorted(f.code for f in config.problems)
    assert codes == ["encoding", "style-list"]
    assert config.terms                      # the built-in list instead
    assert isinstance(lint_text("正文。\n", "x.md", config), list)
    (style / "house.yml").write_text(corpus.billion_laughs().replace("id: laughs", "disable: [*a9]"),
                                     encoding="utf-8")
    assert [f.code for f in LintConfig.load(style).problems] == ["encoding", "style-list"]

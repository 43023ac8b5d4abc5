"""The corpus of bad records (corpus/cases.yml): each case, dropped into an
otherwise valid site, yields exactly the findings listed for it, at the
line listed, and the record is held back with a reason (or, where the case
says so, still published). Cases that cannot live as files (a 50 MB file,
hostile nesting, symlinks) are generated here."""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from corpuskit import CASES, CORPUS, billion_laughs, encoded, install, place

from congress_site.findings import CongressError
from congress_site.model import Layout, load_repository
from congress_site.model.ledger import ledger
from sitekit import minimal_site, write, write_story

TODAY = dt.date(2026, 11, 22)


def load(root: Path):
    return load_repository(Layout.default(root), TODAY)


def case_id(case: dict) -> str:
    return f"{case['file']}@{case.get('at', '')}:{case.get('encode', '')}".rstrip(":@")


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_corpus_case(tmp_path, case):
    root = minimal_site(tmp_path, stories=1)
    at = install(root, case)
    repo = load(root)
    got = sorted([f.code, f.line] for f in repo.findings if f.path == at)
    assert got == sorted(case["expect"]), [str(f) for f in repo.findings]
    # Every finding speaks Chinese and stays away from Python internals.
    for f in repo.findings:
        assert "Traceback" not in f.message and "pydantic" not in f.message.lower()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message)
    # The rest of the site is untouched by one bad file.
    assert {"stories/2025/01-01-item-0.md", "profiles/zhao-mingyuan.yml"} <= set(ledger(repo).published)
    held = {h.path: h.reason for h in repo.held_back()}
    book = ledger(repo)
    if case.get("published"):
        assert at in book.published and at not in held
    else:
        assert at in held and held[at], f"{at} must be held back with a reason"
        assert at not in book.published
    # Nothing lost: every record file is published or held back, once.
    records = record_files(root)
    accounted = set(book.published) | set(held)
    assert records == accounted


IMAGES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


def record_files(root: Path) -> set[str]:
    """Every file that is (or was meant to be) a record: not images."""
    found = {p for p in (root / "stories").rglob("*") if p.is_file() and p.suffix.lower() not in IMAGES}
    for folder in ("profiles", "content/stations", "content/suggestions", "content/projects"):
        found |= {p for p in (root / folder).glob("*") if p.is_file() and p.suffix.lower() not in IMAGES}
    # Laws, meetings and oversight, the documents beside them and the plans.
    for folder in ("content/legislation", "content/meetings", "content/oversight"):
        found |= {p for p in (root / folder).rglob("*") if p.is_file()}
    found.add(root / "content/columns.yml")
    found.add(root / "content/regions.yml")
    return {p.relative_to(root).as_posix() for p in found}


def test_accepted_encodings_read_the_same_text(tmp_path):
    """BOM, CRLF and lone CR are accepted, and the story reads exactly as
    the UTF-8 original (no stray \\r, no BOM in the title)."""
    texts = {}
    for how in (None, "utf-8-sig", "crlf", "cr", "utf-8-sig+crlf"):
        root = minimal_site(tmp_path / str(how), stories=0)
        install(root, {"file": "stories/encoded.md", "encode": how})
        repo = load(root)
        assert repo.findings == []
        [story] = repo.stories
        texts[how] = (story.title, story.body, story.body_line)
    assert len(set(texts.values())) == 1
    title, body, _ = texts[None]
    assert title == "编码测试稿件" and "\r" not in body


def test_whole_corpus_at_once_loses_nothing(tmp_path):
    """All cases in one site: no exception, every finding of every case,
    and every file either published or held back with its reason."""
    root = minimal_site(tmp_path, stories=2)
    expected = {}
    for case in CASES:
        at = place(case)
        if at in expected or any(place(e) in expected for e in case.get("also", [])):
            continue
        install(root, case)
        expected[at] = sorted(case["expect"])
    repo = load(root)
    for at, want in expected.items():
        got = sorted([f.code, f.line] for f in repo.findings if f.path == at)
        # Cross-file checks may add to a case here (a duplicate of another
        # case's slug), never take away.
        assert all(w in got for w in want), (at, got, want)
    book = ledger(repo)
    assert set(book.published) | {h.path for h in book.held} == record_files(root)
    assert set(book.published).isdisjoint({h.path for h in book.held if h.reason != "网址重复"})
    assert all(h.reason for h in book.held)


# ------------------------------------------------------ generated inputs

def test_fifty_megabyte_story_is_refused_without_reading_it(tmp_path):
    root = minimal_site(tmp_path, stories=0)
    path = root / "stories/2025/07-05-huge.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "---\ntitle: 很大的稿件\ndate: 2025-07-05\ncolumn: jiceng\nauthors: [通讯员]\n---\n"
    with open(path, "wb") as fh:
        fh.write(head.encode())
        chunk = ("这是一段很长的正文。" * 10000 + "\n").encode()
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    assert path.stat().st_size >= 50 * 1024 * 1024
    repo = load(root)
    [f] = [f for f in repo.findings if f.path == "stories/2025/07-05-huge.md"]
    assert (f.code, f.line) == ("file-too-large", 1)
    assert "KB" in f.message
    assert "stories/2025/07-05-huge.md" in {h.path for h in repo.held_back()}


@pytest.mark.parametrize("kind", ["profile", "story"])
def test_fifty_megabyte_record_of_nothing_but_yaml(tmp_path, kind):
    root = minimal_site(tmp_path, stories=0)
    rel = "profiles/big.yml" if kind == "profile" else "stories/2025/07-05-big.md"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(b"---\n" if kind == "story" else b"")
        fh.write(b"id: big\nname: big\nlevels: [\xe5\x8c\xba]\ngroups: [" + b"a, " * (17 * 1024 * 1024) + b"]\n")
    repo = load(root)
    assert [f.code for f in repo.findings if f.path == rel] == ["file-too-large"]


def test_billion_laughs_is_refused_quickly(tmp_path):
    import time

    root = minimal_site(tmp_path, stories=0)
    write(root / "profiles/laughs.yml", billion_laughs())
    started = time.perf_counter()
    repo = load(root)
    assert time.perf_counter() - started < 5
    [f] = [f for f in repo.findings if f.path == "profiles/laughs.yml"]
    assert (f.code, f.line) == ("yaml-alias", 4)


NESTING = {
    # The C composer recursed without limit here and crashed the process
    # (a segmentation fault, not even a traceback).
    "flow-sequence": ("a: " + "[" * 100_000 + "]" * 100_000, 1),
    "flow-mapping": ("a: " + "{a: " * 50_000 + "1" + "}" * 50_000, 1),
    "block": ("".join(" " * i + "a:\n" for i in range(1500)), 49),
    "block-with-blank-lines": ("".join(" " * i + "a:\n\n" for i in range(1500)), 97),
    "compact-sequences": ("- " * 20_000 + "x\n", 1),
    "moderate": ("a: " + "[" * 20 + "]" * 20, 1),
}


@pytest.mark.parametrize("name", NESTING)
def test_hostile_nesting_is_refused_in_a_separate_process(name):
    """Run in a child process: if the guard ever regresses, the crash takes
    the child down and this test fails, instead of killing the test run."""
    text, line = NESTING[name]
    code = textwrap.dedent("""
        import sys
        from congress_site.findings import CongressError
        from congress_site.model.source import load_yaml
        text = sys.stdin.read()
        try:
            load_yaml(text, "x.yml")
        except CongressError as err:
            f = err.findings[0]
            print(f.code, f.line)
        else:
            print("accepted")
    """)
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                         timeout=60, encoding="utf-8")
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.split() == ["yaml-too-deep", str(line)]


def test_reasonable_nesting_is_still_read():
    from congress_site.model.source import load_yaml

    src = load_yaml("a: [[1, 2], {b: [3, '[[[[']}]\nc:\n  - d: 1\n    e: [x]  # [[[[\n", "x.yml")
    assert src.data == {"a": [[1, 2], {"b": [3, "[[[["]}], "c": [{"d": 1, "e": ["x"]}]}


# -------------------------------------------------------------- symlinks

@pytest.fixture
def outside(tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def test_symlinked_story_outside_the_repository_is_refused(tmp_path, outside):
    root = minimal_site(tmp_path / "site", stories=0)
    secret = write_story(outside, "2025/07-05-secret.md", title="仓库以外的稿件")
    link = root / "stories/2025/07-05-secret.md"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    repo = load(root)
    [f] = [f for f in repo.findings if f.path == "stories/2025/07-05-secret.md"]
    assert f.code == "outside-repo"
    assert repo.stories == []
    assert {"stories/2025/07-05-secret.md": "指向仓库以外"}.items() <= {h.path: h.reason for h in repo.held_back()}.items()


def test_symlinked_profile_outside_the_repository_is_refused(tmp_path, outside):
    root = minimal_site(tmp_path / "site", stories=0)
    target = write(outside / "passwd.yml", "id: passwd\nname: 外部\nlevels: [县（市、区）]\n")
    (root / "profiles/passwd.yml").symlink_to(target)
    (root / "profiles/etc.yml").symlink_to("/etc/hostname")
    repo = load(root)
    codes = {f.path: f.code for f in repo.findings}
    assert codes["profiles/passwd.yml"] == "outside-repo"
    assert codes["profiles/etc.yml"] == "outside-repo"
    assert "passwd" not in repo.profiles


def test_symlinked_story_folder_outside_the_repository_is_refused(tmp_path, outside):
    root = minimal_site(tmp_path / "site", stories=0)
    write_story(outside, "2025/07-05-away.md")
    shutil.rmtree(root / "stories", ignore_errors=True)
    (root / "stories").symlink_to(outside / "stories")
    repo = load(root)
    assert repo.stories == []
    assert [f.code for f in repo.findings if f.path.endswith("07-05-away.md")] == ["outside-repo"]


def test_symlink_inside_the_repository_is_followed(tmp_path):
    root = minimal_site(tmp_path, stories=0)
    real = write_story(root, "2025/07-05-real.md", title="真实的稿件")
    (root / "stories/2025/07-05-alias.md").symlink_to(real)
    repo = load(root)
    assert sorted(s.slug for s in repo.stories) == ["alias", "real"]


def test_dangling_symlink_is_reported_not_crashed(tmp_path):
    root = minimal_site(tmp_path, stories=0)
    (root / "stories/2025").mkdir(parents=True, exist_ok=True)
    (root / "stories/2025/07-05-gone.md").symlink_to(root / "nowhere.md")
    repo = load(root)
    held = {h.path for h in repo.held_back()}
    assert "stories/2025/07-05-gone.md" in held
    assert [f.path for f in repo.findings] == ["stories/2025/07-05-gone.md"]


UNREADABLE = "stories/2025/01-01-item-0.md"

# Runs `congress check` in the site, as the user given by uid and gid. It
# first checks a readable twin of the site, so that every module the check
# needs is imported before it gives up root: the interpreter's own library
# may sit where nobody may look (a pyenv under /root); the records must not.
CHECK_AS = textwrap.dedent("""
    import contextlib, io, os, sys
    from congress_site.cli import main
    uid, gid, twin = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    with contextlib.redirect_stdout(io.StringIO()):
        if main(["check", "--format", "json", "--config", twin]) != 0:
            sys.exit("the readable twin of the site did not pass congress check")
    if os.geteuid() != uid:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    sys.exit(main(["check", "--format", "json"]))
""")


def test_unreadable_file_is_reported():
    """A record the build's user may not read (copied in with sudo, say) is a
    finding that names the file, never a crash. Root reads every file, so as
    root (CI runs as root) the check runs as the unprivileged user nobody, in
    a checkout nobody owns, on a file only root may read."""
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="congress-unreadable-"))  # not under pytest's 0700 folder
    try:
        base.chmod(0o755)
        twin = minimal_site(base / "twin", stories=1)
        root = minimal_site(base / "site", stories=1)
        path = root / UNREADABLE
        if as_root:
            nobody = pwd.getpwnam("nobody")
            uid, gid = nobody.pw_uid, nobody.pw_gid
            for item in [root, *root.rglob("*")]:
                os.chown(item, uid, gid)
            os.chown(path, 0, 0)
            path.chmod(0o600)
        else:
            uid, gid = os.geteuid(), os.getegid()
            path.chmod(0)
        out = subprocess.run([sys.executable, "-c", CHECK_AS, str(uid), str(gid), str(twin / "mkdocs.yml")],
                             cwd=root, capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    finally:
        shutil.rmtree(base)
    assert out.returncode == 1, out.stdout[-1000:] + out.stderr[-2000:]
    findings = json.loads(out.stdout)
    assert [(f["path"], f["code"]) for f in findings] == [(UNREADABLE, "unreadable")], findings
    assert findings[0]["message"] == "文件无法读取：没有读取权限" and findings[0]["fix"]


def test_loader_errors_are_congress_errors_only(tmp_path):
    """The loader functions raise our error type for every corpus file."""
    from congress_site.model.loader import load_profile, load_story

    for case in CASES:
        src = CORPUS / case["file"]
        try:
            if src.parts[-2] == "stories":
                dest = tmp_path / "2025" / "07-05-x.md"
                dest.parent.mkdir(exist_ok=True)
                dest.write_bytes(encoded(src.read_text(encoding="utf-8"), case.get("encode")))
                load_story(dest, "x.md")
            else:
                load_profile(src, "x.yml")
        except CongressError as err:
            assert err.findings


# ------------------------------------------------- bodies Markdown chokes on

BODIES = {
    # RecursionError inside Python-Markdown at a few hundred levels.
    "nested-lists": ("正文。\n\n" + "".join("    " * i + "- 一项\n" for i in range(300)), 3 + 32),
    "nested-quotes": ("正文。\n\n" + "> " * 200 + "引用\n", 3),
    # Quadratic in Python-Markdown: minutes for one paragraph.
    "brackets": ("正文。\n\n开头" + "[" * 50_000 + "\n", 3),
    "links": ("正文。\n\n" + "[a](" * 20_000 + "\n", 3),
    "unclosed-tags": ("正文。\n\n" + "<a " * 4_000 + "\n", 3),
}


@pytest.mark.parametrize("name", BODIES)
def test_bodies_that_would_stall_or_crash_markdown_are_refused(tmp_path, name):
    import time

    body, body_line = BODIES[name]
    root = minimal_site(tmp_path, stories=0)
    write_story(root, "2025/07-05-x.md", body=body)
    started = time.perf_counter()
    repo = load(root)
    assert time.perf_counter() - started < 5
    [f] = repo.findings
    # write_story puts 9 front-matter lines (with the two ---) before the body.
    assert (f.path, f.code, f.line) == ("stories/2025/07-05-x.md", "body-too-complex", 9 + body_line)
    assert repo.held_back()[0].path == "stories/2025/07-05-x.md"


def test_ordinary_nesting_and_links_pass(tmp_path):
    body = ("正文[链接](../x/)和[另一个](https://example.gov.cn/)。\n\n"
            + "".join("    " * i + "- 一项\n" for i in range(8)) + "\n> > 引用\n\n"
            + "<table>" + "<tr><td>格</td></tr>" * 300 + "</table>\n")
    root = minimal_site(tmp_path, stories=0)
    write_story(root, "2025/07-05-x.md", body=body)
    assert load(root).findings == []


@pytest.mark.parametrize("data, found", [
    (b"", [("empty-file", 1)]),
    ("jiceng: 基层传真\n".encode(), [("not-a-list", 1)]),
    ("- {id: jiceng, name: 基层传真}\n".encode("gbk"), [("encoding", 1)]),
    ("- {id: jiceng, name: 基层传真}\n- {id: Bad, name: 坏}\n- {name: 无编号}\n- 文字\n".encode(),
     [("bad-format", 2), ("missing-field", 3), ("not-a-mapping", 4)]),
    ("- {id: jiceng, name: 基层传真}\n- {id: jiceng, name: 重复}\n".encode(), [("duplicate-id", 2)]),
    # A column's description is its page's description: one or two sentences, never empty.
    ("- {id: jiceng, name: 基层传真}\n- id: long\n  name: 长\n  description: " + "栏目说明" * 60 + "\n",
     [("too-long", 4)]),
    ("- {id: jiceng, name: 基层传真}\n- {id: blank, name: 空, description: ''}\n", [("empty-field", 2)]),
])
def test_bad_columns_file(tmp_path, data, found):
    """A bad column entry drops only itself, and is listed as held back."""
    root = minimal_site(tmp_path, stories=1)
    (root / "content/columns.yml").write_bytes(data if isinstance(data, bytes) else data.encode())
    repo = load(root)
    assert sorted((f.code, f.line) for f in repo.findings if f.path == "content/columns.yml") == found
    held = [h.reason for h in repo.held_back() if h.path == "content/columns.yml"]
    assert held
    story_ok = any(c.id == "jiceng" for c in repo.columns.values())
    assert story_ok == (len(repo.stories) == 1)       # the story stands or falls with its column


def test_file_names_that_are_not_utf8(tmp_path):
    """Names saved by an old Windows machine (GBK bytes): reported with
    replacement marks, and every output format can print them."""
    from congress_site.findings import render

    root = minimal_site(tmp_path, stories=1)
    stories = os.fsencode(str(root / "stories/2025"))
    with open(os.path.join(stories, "07-05-新闻.md".encode("gbk")), "wb") as fh:
        fh.write(b"---\ntitle: x\n---\n")
    with open(os.path.join(os.fsencode(str(root / "profiles")), "赵明远.yml".encode("gbk")), "wb") as fh:
        fh.write("id: zhao-mingyuan2\nname: 赵明远\nlevels: [县（市、区）]\n".encode())
    repo = load(root)
    codes = sorted(f.code for f in repo.findings)
    assert codes == ["id-mismatch", "story-path"]
    for fmt in ("text", "json", "github"):
        render(repo.findings, fmt).encode("utf-8")          # no lone surrogates anywhere
    assert all("\ufffd" in f.path for f in repo.findings)
    assert len(repo.held_back()) == 2

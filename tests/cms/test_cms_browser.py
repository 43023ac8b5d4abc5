"""The browser CMS in local mode, driven in Debian's chromium: a person
writes a story in /admin/ with no account, it lands under stories/ with
valid front matter, `congress check` names the stray comma by file and
line, and /admin/ asks nothing of another host. Also: Decap accepts the
generated configuration and knows every widget in it, and our formats and
slug rule in the browser agree with the Python side.

Everything runs against a temporary copy of the sample: the site built
from it, served on 127.0.0.1, and Decap's local backend (npm decap-server)
writing into that copy. The screenshots of CONTRIBUTING.md are taken here,
into test-artifacts/cms/ (`make cms-screenshots` copies them to docs/)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from browserkit import HOST, free_ports, served, unavailable
from congress_site.cli import main
from congress_site.cli.admin import DECAP_SERVER, wait_for_backend
from congress_site.cms.admin import decap_files
from congress_site.model.loader import load_story
from congress_site.scaffold.slug import derive_slug
from sitekit import REPO, build, copy_sample

pytestmark = pytest.mark.browser

SHOTS = REPO / "test-artifacts" / "cms"
VIEWPORT = {"width": 1100, "height": 760}
TITLE = "望舒区代表联络站开展集中接待"
DATE = "2025-07-05"
# The stray half-width comma the copy checker must find.
BODY = ["7月5日上午,望舒区代表联络站迎来二十多位居民。", "代表们逐一记录大家的意见。"]


@dataclass
class LocalCms:
    root: Path  # the copy of the sample the local backend writes into
    site: Path
    url: str  # the built site, e.g. http://127.0.0.1:1234
    config: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def local_cms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCms]:
    node = shutil.which("node")
    if node is None or decap_files(REPO) is None or not (REPO / DECAP_SERVER).is_file():
        unavailable("未找到 node 或 node_modules 中的 decap-cms / decap-server（请运行 npm ci）")
    root = copy_sample(tmp_path_factory.mktemp("cms") / "repo")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    backend, backend_port = start_backend(node, root)
    try:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "  - congress:\n" in text
        config.write_text(text.replace("  - congress:\n", f"  - congress:\n      cms_local_port: {backend_port}\n", 1),
                          encoding="utf-8")
        site = build(root, root.parent / "site")
        with served(site) as url:
            yield LocalCms(root, site, url, yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8")))
    finally:
        backend.terminate()
        backend.wait(timeout=10)


def start_backend(node: str, root: Path) -> tuple[subprocess.Popen, int]:
    """decap-server writing into `root`, on a free port. It starts before
    the site is built, so that the port is taken at once; if another process
    took it first, the server exits and a new port is tried."""
    for _ in range(3):
        port, = free_ports()
        env = dict(os.environ, PORT=str(port), BIND_HOST=HOST, MODE="fs", GIT_REPO_DIRECTORY=str(root),
                   LOG_LEVEL="warn")
        backend = subprocess.Popen([node, str(REPO / DECAP_SERVER)], env=env, cwd=root)
        if wait_for_backend(f"http://{HOST}:{port}/api/v1", backend) and backend.poll() is None:
            return backend, port
        backend.terminate()
        backend.wait(timeout=10)
    raise AssertionError("decap-server 三次都没有启动")


@dataclass
class Session:
    page: object
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def cms(browser, local_cms: LocalCms) -> Iterator[Session]:
    """A fresh browser context in Beijing time (Decap's own path templates
    would name a story a day early there); any request to another host is
    recorded and refused."""
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", timezone_id="Asia/Shanghai")
    session = Session(context.new_page())

    def refuse(route) -> None:
        session.foreign.append(route.request.url)
        route.abort()

    context.route(lambda url: url.split("/")[2].split(":")[0] != HOST if "://" in url else False, refuse)
    session.page.on("pageerror", lambda exc: session.errors.append(str(exc)))
    yield session
    context.close()


def log_in(session: Session, url: str) -> object:
    page = session.page
    page.goto(url + "/admin/")
    page.get_by_role("button", name="登录").click()
    page.locator("a[href$='/collections/stories']").first.wait_for()
    return page


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def publish_now(page, name: str) -> None:
    """Publish the open entry and wait for Decap's answer: its notice that the
    entry was saved, or the error it shows instead. Decap refuses silently
    when a field does not validate; then no notice comes and the screenshot
    `name` in test-artifacts/cms/ shows the form."""
    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_role("menuitem", name="立即发布").click()
    notice = page.locator(".notif__container .Toastify__toast").first
    try:
        notice.wait_for(timeout=60_000)
    except Exception as exc:  # noqa: BLE001 - report Playwright's timeout with the form's state
        shot(page, name)
        raise AssertionError(f"点“立即发布”后 60 秒内 Decap 没有任何提示；表单截图：{SHOTS / name}") from exc
    text = notice.inner_text()
    if "Toastify__toast--success" not in (notice.get_attribute("class") or ""):
        shot(page, name)
        raise AssertionError(f"Decap 没有保存：{text}；截图：{SHOTS / name}")


def wait_for_file(pattern: str, folder: Path, done, within: float = 90.0) -> tuple[Path, str]:
    """The file matching `pattern` once its text satisfies `done`: the local
    backend writes in place, so a file may be seen empty or half written."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for path in sorted(folder.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            if done(text):
                return path, text
        time.sleep(0.1)
    raise AssertionError(f"{within} 秒内没有写完 {folder}/{pattern}")


def widgets_of(fields: list[dict]) -> Iterator[str]:
    for f in fields:
        yield f["widget"]
        yield from widgets_of(f.get("fields", []))
        if "field" in f:
            yield from widgets_of([f["field"]])


# -------------------------------------------------------------- the round trip

def test_a_story_written_in_the_browser_lands_in_stories_and_is_checked(cms, local_cms, capsys):
    page = cms.page
    page.goto(local_cms.url + "/admin/")
    page.get_by_role("button", name="登录").wait_for()
    shot(page, "01-login.png")
    page.get_by_role("button", name="登录").click()
    page.locator("a[href$='/collections/stories']").first.click()
    newest = max((REPO / "stories").glob("*/*.md")).read_text(encoding="utf-8")
    page.get_by_text(yaml.safe_load(newest.split("---\n")[1])["title"]).first.wait_for()
    shot(page, "02-stories.png")

    page.locator("a[href$='/collections/stories/new']").click()
    page.get_by_label("标题").fill(TITLE)
    page.locator("input[type=date]").fill(DATE)
    page.get_by_label("栏目").click()
    page.get_by_text("基层传真", exact=True).click()
    page.get_by_role("button", name="新增作者").click()
    page.get_by_label("作者", exact=True).last.fill("望舒区人大常委会办公室")
    page.locator("[data-slate-editor='true']").click()
    page.keyboard.type(BODY[0])
    page.keyboard.press("Enter")
    page.keyboard.type(BODY[1])
    page.get_by_label("标题").scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "03-new-story.png")
    page.get_by_role("button", name="发布", exact=True).click()
    page.get_by_role("menuitem", name="立即发布").wait_for()
    shot(page, "04-publish.png")
    page.keyboard.press("Escape")
    publish_now(page, "failed-new-story.png")
    page.wait_for_url(f"**/entries/{DATE[:4]}/{DATE[5:7]}-{DATE[8:]}-*")
    shot(page, "05-saved.png")

    # The file: where `congress new` would have put it, with the same slug.
    slug = derive_slug(TITLE, DATE)
    path, text = wait_for_file(f"{DATE[:4]}/{DATE[5:7]}-{DATE[8:]}-{slug}.md", local_cms.root / "stories",
                               lambda text: text.rstrip().endswith(BODY[-1]))
    display = path.relative_to(local_cms.root).as_posix()
    story, _ = load_story(path, display)
    assert (story.title, story.date.isoformat(), story.column) == (TITLE, DATE, "jiceng-chuanzhen")
    assert story.authors == ["望舒区人大常委会办公室"]
    assert story.body.split() == BODY
    assert "cx_" not in text  # the CMS's own keys stay out of the file

    # `congress check` names the comma by file, line and column.
    code = main(["check", "--config", str(local_cms.root / "mkdocs.yml"), "--format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1
    comma = [f for f in findings if f["code"] == "halfwidth-punct"]
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines, 1) if "," in t)
    assert [(f["path"], f["line"], f["column"]) for f in comma] == [(display, line, lines[line - 1].index(",") + 1)]
    assert "，" in comma[0]["fix"]

    assert not cms.foreign, f"/admin/ 请求了站外地址：{cms.foreign}"
    assert not cms.errors, cms.errors


def test_editing_a_story_keeps_everything_else_in_the_file(cms, local_cms):
    # A sample story with many keys: lists, a summary, a source.
    path = max(sorted((local_cms.root / "stories").glob("*/*.md")),
               key=lambda p: len(yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])))
    rel = path.relative_to(local_cms.root).as_posix()
    before = path.read_text(encoding="utf-8")
    old_meta = yaml.safe_load(before.split("---\n")[1])
    page = log_in(cms, local_cms.url)
    page.goto(local_cms.url + "/admin/#/collections/stories/entries/" + rel.removeprefix("stories/").removesuffix(".md"))
    title = page.get_by_label("标题")
    title.wait_for()
    # The field may show before the entry's text is in it.
    page.wait_for_function("([field, value]) => field.value === value", arg=[title.element_handle(), old_meta["title"]])
    title.fill(old_meta["title"] + "（修订）")
    assert title.input_value() == old_meta["title"] + "（修订）"
    publish_now(page, "failed-edit.png")
    body = before.split("---\n", 2)[2].strip()
    _, after = wait_for_file(rel, local_cms.root, lambda text: "（修订）" in text and text.rstrip().endswith(body[-20:]))
    new_meta = yaml.safe_load(after.split("---\n")[1])
    assert new_meta.pop("title") == old_meta.pop("title") + "（修订）"
    assert new_meta == old_meta  # every other key, dates and lists as PyYAML reads them
    assert after.split("---\n", 2)[2].strip() == before.split("---\n", 2)[2].strip()  # the body untouched
    load_story(path, rel)
    assert not cms.foreign


# ------------------------------------------------- Decap and the configuration

def test_decap_accepts_the_configuration_and_knows_every_widget(cms, local_cms):
    page = log_in(cms, local_cms.url)
    known = set(page.evaluate("window.CMS.getWidgets().map(w => w.name)"))
    used = {w for c in local_cms.config["collections"]
            for fields in [c.get("fields", []), *[f["fields"] for f in c.get("files", [])]]
            for w in widgets_of(fields)}
    assert used and used <= known, f"Decap 不认识的组件：{used - known}"
    # Every collection is listed, by its Chinese label, and nothing failed to load.
    for collection in local_cms.config["collections"]:
        page.locator(f"a[href$='/collections/{collection['name']}']").first.wait_for()
        assert collection["label"] in page.inner_text("nav, aside, body")
    body = page.inner_text("body")
    assert "Config Errors" not in body and "配置错误" not in body
    assert not cms.errors and not cms.foreign


def test_a_configuration_decap_refuses_is_shown_as_an_error(cms, local_cms):
    """The control for the test above: Decap's own schema check (there is
    no published JSON Schema of its configuration) does refuse a bad one."""
    broken = {**local_cms.config, "collections": [{"name": "stories", "folder": "stories"}]}
    cms.page.route("**/admin/config.yml", lambda route: route.fulfill(
        body=yaml.safe_dump(broken, allow_unicode=True), content_type="text/yaml"))
    cms.page.goto(local_cms.url + "/admin/")
    # Shown before the configuration could name a language: in English.
    cms.page.get_by_text("Config Errors").wait_for()
    assert "must have required property 'label'" in cms.page.inner_text("body")


def test_the_browser_agrees_with_the_python_side(cms, local_cms):
    """The slug rule of `congress new`, and every record file of the sample
    read and written again by our formats holding the same data for PyYAML,
    comments at the top kept."""
    cms.page.goto(local_cms.url + "/admin/")
    cms.page.evaluate("window.congressCms.ready")
    cases = [(TITLE, DATE), ("NPC Deputies Visit Liuxi", "2025-01-02"), ("第3届 APEC 论坛", "2024-12-31"),
             ("ab 中文 cd", "2025-07-05"), ("x" * 80, "2025-07-05"), ("“十四五”规划", "2026-02-28"),
             ("Ünïcödé café 2025", "2025-03-01")]
    got = cms.page.evaluate("cases => Promise.all(cases.map(([t, d]) => window.congressCms.deriveSlug(t, d)))",
                            cases)
    assert got == [derive_slug(t, d) for t, d in cases]

    # Every file the CMS edits, from each collection of the configuration.
    names = {"congress-yaml": "yamlObject", "congress-yaml-list": "yamlList", "congress-frontmatter": "frontMatter",
             "congress-markdown": "markdown"}
    files: list[tuple[str, Path]] = []
    for collection in local_cms.config["collections"]:
        nested = "/" in collection.get("path", "")
        paths = [REPO / f["file"] for f in collection.get("files", [])] or sorted(
            (REPO / collection["folder"]).glob(("*/*." if nested else "*.") + collection["extension"]))
        files += [(names[collection["format"]], path) for path in paths]
    assert {kind for kind, _ in files} == set(names.values()) and len(files) > 50
    script = """([kind, text]) => {
      const f = window.congressCms.formats[kind];
      const data = f.fromFile(text);
      return f.toFile(data, Object.keys(data));
    }"""

    def parts(kind: str, text: str) -> tuple:
        if kind == "frontMatter":
            _, head, body = text.split("---\n", 2)
            return yaml.safe_load(head), body.strip()
        return (text.strip(),) if kind == "markdown" else (yaml.safe_load(text),)

    for kind, path in files:
        text = path.read_text(encoding="utf-8")
        again = cms.page.evaluate(script, [kind, text])
        assert parts(kind, again) == parts(kind, text), path.name
        if text.startswith("#") and kind != "markdown":
            assert again.startswith(text.splitlines()[0]), path.name
    # Text that YAML 1.1 would read as something else stays text.
    tricky = {"title": "on", "start": "10:30", "note": "2025-07-05", "code": "0123", "empty": "",
              "date": "2025-07-05"}
    out = cms.page.evaluate("d => window.congressCms.formats.yamlObject.toFile(d, Object.keys(d))", tricky)
    assert yaml.safe_load(out) == {**{k: v for k, v in tricky.items() if v}, "date": dt.date(2025, 7, 5)}

"""The theme's templates are compiled once and the compiled code is kept in
the build cache: the next build compiles none of them again and writes the
same pages; a template compiled for another environment is not reused."""

from __future__ import annotations

import os
import time

import jinja2
import pytest

from congress_site.output.templatecache import MAX_AGE_DAYS, keep_compiled
from sitekit import build, minimal_site, snapshot


@pytest.fixture
def compiled(monkeypatch) -> list[str | None]:
    """The names of the templates Jinja compiles from now on."""
    names: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_the_next_build_compiles_no_template_and_writes_the_same_site(tmp_path, compiled, monkeypatch):
    monkeypatch.setenv("CONGRESS_TEMPLATE_CACHE", str(tmp_path / "templates"))
    root = minimal_site(tmp_path / "src", stories=3)
    site = tmp_path / "site"
    build(root, site, strict=True)
    first = _pages(site)
    from_files = [name for name in compiled if name is not None]
    assert "main.html" in from_files and len(from_files) > 20
    assert len(list((tmp_path / "templates").glob("*.jinja"))) >= len(set(from_files))
    assert not (root / ".cache/congress/templates").exists()  # never where a pull request could write

    compiled.clear()
    (root / ".cache/congress/pages.json").unlink()  # every page is rendered again
    build(root, site, strict=True)
    assert [name for name in compiled if name is not None] == []
    assert _pages(site) == first


def _pages(site) -> dict[str, str]:
    # The search index keeps each page file's inode and times: not what the templates wrote.
    return {path: digest for path, digest in snapshot(site).items() if not path.startswith("pagefind/")}


def _environment(folder, loud) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ word|loud }}"}))
    env.filters["loud"] = loud
    keep_compiled(env, folder)
    return env


def test_a_filter_that_now_takes_the_context_gets_code_compiled_for_it(tmp_path, compiled):
    def plain(word):
        return word.upper()

    @jinja2.pass_context
    def with_context(context, word):
        return f"{word.upper()}/{context['who']}"

    folder = tmp_path / "templates"
    assert _environment(folder, plain).get_template("page.html").render(word="ab") == "AB"
    assert _environment(folder, plain).get_template("page.html").render(word="ab") == "AB"
    assert compiled == ["page.html"]  # the second environment took the compiled code
    # Code compiled for the plain filter would call this one without the context.
    env = _environment(folder, with_context)
    assert env.get_template("page.html").render(word="ab", who="yz") == "AB/yz"
    assert compiled == ["page.html", "page.html"]


def test_an_edited_template_is_compiled_again(tmp_path, compiled):
    folder = tmp_path / "templates"
    assert _environment(folder, str.upper).get_template("page.html").render(word="ab") == "AB"
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "<{{ word|loud }}>"}))
    env.filters["loud"] = str.upper
    keep_compiled(env, folder)
    assert env.get_template("page.html").render(word="ab") == "<AB>"
    assert compiled == ["page.html", "page.html"]


def test_without_a_writable_folder_templates_are_compiled_as_before(tmp_path, compiled):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    env = _environment(blocker / "templates", str.upper)
    assert env.bytecode_cache is None
    assert env.get_template("page.html").render(word="ab") == "AB"

    # A cache folder removed while the build runs (`.cache` cleared during a preview)
    folder = tmp_path / "templates"
    env = _environment(folder, str.upper)
    folder.rmdir()
    assert env.get_template("page.html").render(word="ab") == "AB"
    assert compiled == ["page.html", "page.html"]


def test_the_same_template_elsewhere_is_the_same_code(tmp_path, compiled):
    folder = tmp_path / "templates"
    for copy in ("site-a", "site-b"):  # two checkouts, or a test's copy of the theme
        (tmp_path / copy).mkdir()
        (tmp_path / copy / "page.html").write_text("{{ word|upper }}", encoding="utf-8")
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / copy))
        keep_compiled(env, folder)
        assert env.get_template("page.html").render(word="ab") == "AB"
    assert compiled == ["page.html"]
    assert len(list(folder.glob("*.jinja"))) == 1


def test_code_no_build_used_for_a_month_is_dropped(tmp_path, compiled):
    folder = tmp_path / "templates"
    _environment(folder, str.upper).get_template("page.html")
    (entry,) = folder.glob("*.jinja")
    days_ago = time.time() - (MAX_AGE_DAYS - 2) * 86400
    os.utime(entry, (days_ago, days_ago))
    stale = folder / "0123456789abcdef.jinja"  # a template since edited
    stale.write_bytes(b"")
    month_ago = time.time() - (MAX_AGE_DAYS + 1) * 86400
    os.utime(stale, (month_ago, month_ago))

    # The next build drops the stale code, and takes the entry from the
    # cache, which makes it count as used again.
    _environment(folder, str.upper).get_template("page.html")
    assert compiled == ["page.html"]
    assert sorted(folder.glob("*.jinja")) == [entry]
    assert entry.stat().st_mtime > days_ago + 86400

"""Built sites, scanned: the sample site and a site made of hostile records
carry no script, handler, javascript:/data: URL, frame or inline style that
the theme did not put there; Jinja-looking text is shown, never evaluated;
story bodies are sanitised and what was removed is reported."""

from __future__ import annotations

import logging
import re

import pytest
from hostile_site import JINJA, JINJA_BLOCK, hostile_site
from pagescan import scan_page, scan_site, theme_inline_scripts
from selectolax.lexbor import LexborHTMLParser

from sitekit import build, minimal_site

LOGGER = "mkdocs.plugins.congress"


@pytest.fixture(scope="module")
def reference_scripts(tmp_path_factory) -> set[str]:
    """Inline scripts of a clean site: what the theme itself writes."""
    root = minimal_site(tmp_path_factory.mktemp("clean") / "src", stories=2)
    site = build(root, root.parent / "site")
    scripts = theme_inline_scripts(site)
    assert scripts, "the theme writes a few inline scripts; none found means the scan is blind"
    return scripts


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = hostile_site(tmp_path_factory.mktemp("hostile") / "src")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    logger = logging.getLogger(LOGGER)
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        site = build(root, root.parent / "site")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return root, site, [r.getMessage() for r in records]


def test_scan_catches_what_it_is_meant_to_catch(reference_scripts):
    """The scanner itself: each kind of injection is caught on a page."""
    page = """<html><head><script src="https://cdn.example/x.js"></script>
    <script>alert(1)</script><base href="https://evil/"></head><body>
    <a href="javascript:alert(1)">a</a><a href=" JAVA&#x09;SCRIPT:alert(1)">b</a>
    <img src="data:text/html,x"><img src="data:image/png;base64,AAAA" alt="ok">
    <p onclick="x()">c</p><iframe src="/x"></iframe><object data="x"></object><embed src="y">
    <div style="color:red">d</div><td style="text-align: center;">e</td>
    <img srcset="ok.jpg 1x, javascript:alert(1) 2x" alt="s">
    <meta http-equiv="refresh" content="0;url=javascript:alert(1)">
    </body></html>"""
    rules = sorted(p.rule for p in scan_page("x/index.html", page, reference_scripts))
    assert rules.count("script-src") == 1 and rules.count("inline-script") == 1
    assert rules.count("url-scheme") == 4      # two javascript: links, data:text/html, srcset
    assert rules.count("event-handler") == 1 and rules.count("style-attribute") == 1
    assert rules.count("forbidden-element") == 4  # base, iframe, object, embed
    assert rules.count("meta-refresh") == 1
    clean = '<script src="../assets/javascripts/bundle.min.js"></script><td style="text-align:left">x</td>'
    assert scan_page("x/index.html", clean, reference_scripts) == []
    assert [p.rule for p in scan_page("x/index.html", '<script src="../../../evil.js"></script>', None)] == ["script-src"]


def test_sample_site_scan(sample_site, reference_scripts):
    """The sample site that `make serve` shows, built for production."""
    scanned, problems = scan_site(sample_site, reference_scripts)
    assert scanned > 50
    assert problems == [], "\n".join(map(str, problems[:40]))


def test_hostile_site_scan(hostile, reference_scripts):
    root, site, _ = hostile
    scanned, problems = scan_site(site, reference_scripts)
    stories = list((site / "stories").glob("hostile-*/index.html"))
    assert len(stories) == 11 and scanned > 30
    assert problems == [], "\n".join(map(str, problems[:40]))


def test_template_syntax_is_shown_as_text_never_evaluated(hostile):
    _, site, _ = hostile
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "1337" not in everything
    page = (site / "stories/hostile-5/index.html").read_text(encoding="utf-8")
    assert f"<h1>标题{JINJA}</h1>" in page                         # title
    assert JINJA in page.split('class="cx-story__body"')[1]        # body heading
    assert JINJA_BLOCK.replace('"', "&#34;") in page or JINJA_BLOCK.replace('"', "&quot;") in page \
        or JINJA_BLOCK in page
    assert "{{ config.site_name }}" in page
    law = (site / "legislation/cunluo/index.html").read_text(encoding="utf-8")
    assert f"《保护条例{JINJA}》" in law


def test_hostile_text_stays_text(hostile):
    """Quotes in record text are escaped wherever they land (attributes
    included), so a value cannot open an attribute of its own."""
    _, site, _ = hostile
    for path in site.rglob("*.html"):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for node in tree.css("*"):
            assert not {"onmouseover", "onfocus", "autofocus"} & set(node.attributes), (path, node.html[:200])
    page = (site / "stories/hostile-1/index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>标题(&#34;|&quot;) onmouseover=(&#34;|&quot;)alert\(1\)", page)


def test_story_bodies_are_sanitised_and_removals_reported(hostile):
    _, site, messages = hostile
    tree = LexborHTMLParser((site / "stories/hostile-0/index.html").read_text(encoding="utf-8"))
    body = tree.css_first(".cx-story__body").html
    for gone in ("<script", "onerror", "onmouseover", "javascript:", "<iframe", "<object", "<embed",
                 "position:fixed", "<form", "<base", "ontoggle", "<style", "alert(13)"):
        assert gone not in body.lower(), gone
    assert "悬停段落" in body and "覆盖全页" in body          # the text survives, the markup does not
    assert 'style="text-align: center;"' in body            # table alignment from Markdown is kept
    assert 'href="https://example.com/"' in body
    # Image paths that leave the repository or the site are reported (by the
    # image pipeline) and no file from outside is ever copied into the site.
    outside = [m for m in messages if "hostile-0.md" in m and "image-outside" in m]
    assert len(outside) >= 4, outside
    assert not any("root:x:0:0" in p.read_text(errors="replace") for p in site.rglob("*") if p.is_file()
                   and p.stat().st_size < 1_000_000)
    removed = [m for m in messages if "unsafe-html-removed" in m]
    assert any(m.startswith("stories/2025/07-01-hostile-0.md:") for m in removed)
    for what in ("<script>", "onerror", "<iframe>", "style", "javascript:alert(1)"):
        assert any(what in m for m in removed if "hostile-0.md" in m), what


def test_settings_in_front_matter_never_reach_mkdocs(hostile):
    root, site, messages = hostile
    assert not (site / "stories/sets-template").exists()
    assert any("stories/2025/08-01-sets-template.md" in m and "unknown-field" in m and "template" in m
               for m in messages)
    assert any("未发布：stories/2025/08-01-sets-template.md" in m for m in messages)
    # The hostile stories use the story template, whatever they contain.
    page = (site / "stories/hostile-0/index.html").read_text(encoding="utf-8")
    assert 'class="cx-story"' in page


def test_build_log_lists_everything_held_back(hostile):
    _, _, messages = hostile
    [line] = [m for m in messages if m.startswith("记录清点")]
    # 11 hostile stories, a profile, a station, a law, columns.yml, regions.yml, a year of suggestions
    # and one of projects published; the smuggler held back.
    assert "共 19 个记录文件，发布 18 个，未发布 1 个（记录有错误 1 个）" in line


def test_cover_text_is_escaped(hostile):
    _, site, _ = hostile
    tree = LexborHTMLParser((site / "stories/hostile-cover/index.html").read_text(encoding="utf-8"))
    img = tree.css_first(".cx-cover img")
    assert img is not None and img.attributes["alt"] == "封面说明\" onmouseover=\"alert(1)\" x=\""
    assert "onmouseover" not in img.attributes
    assert tree.css_first(".cx-cover figcaption").text() == "图注' onfocus='alert(1)' autofocus='"


def test_feed_summaries_carry_no_markup(hostile):
    import xml.etree.ElementTree as ET

    _, site, _ = hostile
    for name in ("feed.xml", "atom.xml"):
        tree = ET.parse(site / name)
        texts = [el.text or "" for el in tree.iter() if el.tag.split("}")[-1] in ("description", "summary")]
        assert texts and all("<" not in t for t in texts), [t for t in texts if "<" in t]

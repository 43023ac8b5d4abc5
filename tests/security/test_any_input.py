"""Property-based tests: whatever bytes or text arrive, the record loader,
the body sanitiser, the copy checker and the link checker answer with our
own error type (or a result), never with anything else. Example counts are
kept modest so the whole hardening suite stays fast."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pagescan import scan_page

from congress_site import links, lint
from congress_site.findings import CongressError, Finding
from congress_site.model.loader import load_legislation, load_profile, load_story
from congress_site.model.source import decode, load_yaml
from congress_site.sanitize import sanitize_body

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that steer random text towards the interesting parts of YAML,
# front matter, Markdown and HTML.
YAML_BITS = ["---\n", "...\n", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: ", "!!python/name:x ",
             "!tag ", "? ", "|\n  ", ">\n  ", "'", '"', "\\", "#", "\t", "\n", "  ", "title", "date",
             "2025-02-30", "2025-07-05", "id", "levels", "[区]", "\ufeff", "\r\n", "\x00", "\x07", "%YAML 1.1\n",
             "标题", "～", "\u2028", "\ud7ff", "9" * 30, "1e999", ".nan", "~", "null", "true", "是"]
HTML_BITS = ["<", ">", "</", "/>", "<script>", "</script>", "<a href=\"", "\">", "<img src=", " onerror=",
             "javascript:", "java\tscript:", "data:text/html,", "data:image/png;base64,AA", "<iframe>", "<svg>",
             "<math>", "<style>", "style=\"", "<!--", "-->", "<![CDATA[", "&#x3C;", "&lt;", "&", "#", "?",
             "<table>", "<td style=\"text-align:center\">", "<noscript>", "<template>", "<p>", "</p>",
             "srcset=\"", " 2x, ", "<picture><source srcset=\"", "{{ 7*7 }}", "{% include %}", "\n", " ",
             "<a href=\"../x/#y\">", "<a href=\"mailto:a@b\">", "<base href=", "<object data=", "<embed src="]


def pieces(bits: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(bits), st.text(max_size=8)), max_size=40).map("".join)


yaml_text = st.one_of(st.text(max_size=200), pieces(YAML_BITS))
html_text = st.one_of(st.text(max_size=200), pieces(HTML_BITS))


def only_ours(call) -> object:
    try:
        return call()
    except CongressError as err:
        assert err.findings and all(isinstance(f, Finding) for f in err.findings)
        for f in err.findings:
            assert f.line >= 1 and f.column >= 1 and f.code and f.message
        return None


# ----------------------------------------------------------- record loader

@FAST
@given(yaml_text)
def test_load_yaml_raises_only_congress_error(text):
    src = only_ours(lambda: load_yaml(text, "x.yml"))
    if src is not None:
        assert isinstance(src.data, dict | list | str | int | float | bool | type(None)) or hasattr(src.data, "year")


@FAST
@given(st.binary(max_size=300))
def test_decode_raises_only_congress_error(raw):
    text = only_ours(lambda: decode(raw, "x.md"))
    if text is not None:
        assert "\r" not in text and "\x00" not in text


@FAST
@given(st.one_of(st.binary(max_size=300), yaml_text.map(lambda t: ("---\n" + t + "\n---\n正文").encode("utf-8", "surrogatepass"))))
def test_load_story_raises_only_congress_error(raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2025" / "07-05-x.md"
        path.parent.mkdir()
        path.write_bytes(raw)
        only_ours(lambda: load_story(path, "stories/2025/07-05-x.md"))


@FAST
@given(st.one_of(st.binary(max_size=300), yaml_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_load_profile_and_legislation_raise_only_congress_error(raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yml"
        path.write_bytes(raw)
        only_ours(lambda: load_profile(path, "profiles/x.yml"))
        only_ours(lambda: load_legislation(path, "content/legislation/x.yml"))


@SOME
@given(st.dictionaries(st.sampled_from(["title", "date", "column", "authors", "tags", "summary", "draft",
                                        "representatives", "cover", "cover_alt", "lint", "template"]),
                       st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                                              st.text(max_size=20), st.dates()),
                                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                                        st.text(max_size=5), inner, max_size=3), max_leaves=8)))
def test_story_front_matter_of_any_shape(meta):
    """Well-formed YAML of any shape in a story's front matter."""
    import yaml

    head = yaml.safe_dump(meta, allow_unicode=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2025" / "07-05-x.md"
        path.parent.mkdir()
        path.write_text(f"---\n{head}---\n正文。\n", encoding="utf-8")
        only_ours(lambda: load_story(path, "stories/2025/07-05-x.md"))


# ------------------------------------------------------------- sanitiser

@FAST
@given(html_text)
def test_sanitised_body_is_clean(html):
    clean, findings = sanitize_body(html, "stories/2025/07-05-x.md", html, 6)
    assert all(f.path == "stories/2025/07-05-x.md" and f.line >= 7 for f in findings)
    problems = scan_page("stories/x/index.html", clean, None)
    assert problems == [], problems
    # Cleaning is stable: a clean body has nothing left to remove.
    again, more = sanitize_body(clean, "x.md")
    assert again == clean and more == []


# ---------------------------------------------------------- copy checker

@pytest.fixture(scope="module")
def lint_config():
    return lint.LintConfig.load(None)


@SOME
@given(text=st.one_of(html_text, yaml_text, st.text(alphabet=st.characters(codec="utf-8"), max_size=200)),
       kind=st.sampled_from(["markdown", "yaml", "text"]))
def test_copy_checker_raises_only_congress_error(lint_config, text, kind):
    findings = only_ours(lambda: lint.lint_text(text, "stories/2025/07-05-x.md", lint_config, kind=kind))
    for f in findings or []:
        assert isinstance(f, Finding) and f.line >= 1 and f.column >= 1


@SOME
@given(text=st.one_of(html_text, yaml_text))
def test_copy_fixer_raises_only_congress_error(lint_config, text):
    fixed = only_ours(lambda: lint.fix_text(text, lint_config))
    assert fixed is None or isinstance(fixed, str)


# ----------------------------------------------------------- link checker

@SOME
@given(html_text)
def test_link_page_parser_raises_only_congress_error(html):
    from congress_site.links.site import parse_page

    only_ours(lambda: parse_page("stories/x/index.html", html))
    only_ours(lambda: parse_page("stories/x/index.html", html.encode("utf-8", "surrogatepass")))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=st.lists(html_text, min_size=1, max_size=3), name=st.sampled_from(["index.html", "a/index.html",
                                                                                   "a b/index.html", "x.html"]))
def test_link_checker_raises_only_congress_error(pages, name):
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for i, html in enumerate(pages):
            path = site / (name if i == 0 else f"p{i}/index.html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(html.encode("utf-8", "surrogatepass"))
        report = only_ours(lambda: links.check_site(site, links.LinkOptions()))
        if report is not None:
            assert all(isinstance(f, Finding) for f in report.findings)


# ------------------------------------------------ the bridge to MkDocs

@FAST
@given(title=st.one_of(st.text(max_size=60), pieces(["\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff",
                                                      "\ufffe", "𠀀", "\t", " ", "\\", '"', "---", "\n", "{{", ":",
                                                      "# ", "'", "&a", "*a", "!!python/name:x"])),
       body=st.text(max_size=60))
def test_generated_page_always_keeps_its_template_and_title(title, body):
    """Whatever a title holds (escaped control characters included), the
    page MkDocs reads keeps our template and the exact title: record text
    can never drop or choose the template."""
    from mkdocs.utils import meta

    from congress_site.pages.types import SearchPage

    page = SearchPage(url="search/", title=title, markdown=body)
    _, data = meta.get_data(page.document())
    assert data.get("template") == SearchPage.template
    assert data.get("title") == title

"""What a production build does to its output for readers' phones: the
stylesheet cut to the rules the pages can match, minified assets, and
.gz/.br copies a static server sends as they are. Screens are compared in
chromium by tests/browser/test_lean_assets.py; here the parts, on real
builds and on small inputs."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

import sitekit
from congress_site.output.assets import Vocabulary, image_size, purge_css
from congress_site.output.compress import MIN_BYTES, precompress
from sitekit import build, minimal_site, mkdocs_yml


def _vocabulary(html: str, script: str = "") -> Vocabulary:
    vocabulary = Vocabulary()
    vocabulary.add_html(html.encode())
    if script:
        vocabulary.add_script(script)
    return vocabulary


def test_a_rule_is_dropped_only_when_nothing_can_match_it():
    html = '<main id="top" class="md-content cx-card" data-md-state="open"><a href="/">x</a></main>'
    css = (".md-content{a:1}.md-dialog{a:2}#top a{a:3}#gone{a:4}nav{a:5}main>a{a:6}"
           "[data-md-state=open]{a:7}[data-md-state=shut]{a:8}[hidden]{a:9}"
           ":is(.md-dialog,.cx-card) a{a:10}:is(.md-dialog,.md-tooltip){a:11}"
           ".md-content:not(.md-dialog){a:12}.md-content::before{a:13}"
           "@media screen{.md-dialog{b:1}.cx-card{b:2}}@media print{.md-dialog{b:3}}"
           "@font-face{font-family:x}@keyframes spin{to{c:1}}.md-dialog,.cx-card{a:14}")
    kept = purge_css(css, _vocabulary(html))
    for value in ("a:1", "a:3", "a:6", "a:7", "a:10", "a:12", "a:13", "b:2", "a:14", "font-face", "keyframes"):
        assert value in kept, value
    for value in ("a:2", "a:4", "a:5", "a:8", "a:9", "a:11", "b:1", "b:3"):
        assert value not in kept, value
    assert "@media print" not in kept, "an at-rule left empty goes too"
    assert ".md-dialog,.cx-card{a:14}" not in kept and "}.cx-card{a:14}" in kept, "only the selectors that can match stay"


def test_a_class_a_script_may_add_keeps_its_rules():
    css = ".md-tooltip--active{a:1}.md-dialog{a:2}"
    kept = purge_css(css, _vocabulary("<p>x</p>", script='el.classList.add("md-tooltip--active")'))
    assert "a:1" in kept and "a:2" not in kept


def test_sizes_of_the_logo(tmp_path):
    from PIL import Image

    (tmp_path / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24"></svg>')
    (tmp_path / "b.svg").write_text('<svg width="40px" height="30" viewBox="0 0 1 1"></svg>')
    Image.new("RGB", (64, 32)).save(tmp_path / "c.png")
    (tmp_path / "d.svg").write_text("<svg></svg>")
    assert image_size("a.svg", [tmp_path / "missing", tmp_path]) == (48, 24)
    assert image_size("b.svg", [tmp_path]) == (40, 30)
    assert image_size("c.png", [tmp_path]) == (64, 32)
    assert image_size("d.svg", [tmp_path]) is None
    assert image_size("none.svg", [tmp_path]) is None


def test_copies_decompress_to_the_file_and_are_reproducible(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    page = site / "index.html"
    page.write_text("<p>代表联络站接待群众。</p>\n" * 200, encoding="utf-8")
    tiny = site / "robots.txt"
    tiny.write_text("User-agent: *\n")
    photo = site / "photo.jpg"
    photo.write_bytes(bytes(range(256)) * 20)
    (site / "old.html.br").write_bytes(b"stale")  # a copy whose file is gone is not ours to judge
    report = precompress(site)
    data = page.read_bytes()
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == data
    assert brotli.decompress((site / "index.html.br").read_bytes()) == data
    assert len((site / "index.html.br").read_bytes()) < len(data) / 5
    assert len(tiny.read_bytes()) < MIN_BYTES and not (site / "robots.txt.gz").exists()
    assert not (site / "photo.jpg.gz").exists()
    assert report.files == 1 and report.reused == 0

    again = tmp_path / "again"
    again.mkdir()
    (again / "index.html").write_bytes(data)
    precompress(again)
    assert (again / "index.html.gz").read_bytes() == (site / "index.html.gz").read_bytes()
    assert (again / "index.html.br").read_bytes() == (site / "index.html.br").read_bytes()


def test_unchanged_files_reuse_the_previous_copies_and_changed_ones_do_not(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for site in (old, new):
        site.mkdir()
        (site / "same.html").write_text("<p>没有改动的页面。</p>\n" * 100, encoding="utf-8")
    (old / "edited.html").write_text("<p>改动以前。</p>\n" * 100, encoding="utf-8")
    (new / "edited.html").write_text("<p>改动以后的页面。</p>\n" * 100, encoding="utf-8")
    precompress(old)
    (old / "same.html.gz").write_bytes(gzip.compress((old / "same.html").read_bytes(), mtime=0))  # recognisable
    report = precompress(new, previous=old)
    assert report.reused == 1 and report.files == 2
    assert (new / "same.html.gz").read_bytes() == (old / "same.html.gz").read_bytes()
    assert gzip.decompress((new / "edited.html.gz").read_bytes()) == (new / "edited.html").read_bytes()
    # taken over as links, neither read nor written again ...
    for suffix in (".gz", ".br"):
        assert (new / f"same.html{suffix}").samefile(old / f"same.html{suffix}")
    # ... and never written through: the published copies stay as they were
    published = (old / "same.html.br").read_bytes()
    (new / "same.html").write_text("<p>下一次构建改了这一页。</p>\n" * 100, encoding="utf-8")
    precompress(new)
    assert brotli.decompress((new / "same.html.br").read_bytes()) == (new / "same.html").read_bytes()
    assert (old / "same.html.br").read_bytes() == published


@pytest.fixture(scope="module")
def lean_site(tmp_path_factory):
    root = minimal_site(tmp_path_factory.mktemp("lean") / "src", stories=3)
    return build(root, root.parent / "site", strict=True)


def test_a_production_build_points_every_page_at_the_cut_stylesheet(lean_site):
    sheets = sorted((lean_site / "assets/stylesheets").glob("main.*.min.css"))
    assert len(sheets) == 1, sheets
    cut = sheets[0]
    assert not cut.with_name(cut.name + ".map").exists(), "a map of the full sheet would mislead"
    pages = sorted(lean_site.rglob("*.html"))
    assert pages
    for page in pages:
        named = set(re.findall(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", page.read_text(encoding="utf-8")))
        assert named <= {f"assets/stylesheets/{cut.name}"}, (page, named)
    home = (lean_site / "index.html").read_text(encoding="utf-8")
    assert f"assets/stylesheets/{cut.name}" in home
    assert gzip.decompress((lean_site / "index.html.gz").read_bytes()) == (lean_site / "index.html").read_bytes()


def test_our_own_assets_are_minified_and_material_sources_stay(lean_site):
    css = (lean_site / "assets/stylesheets/congress.css").read_text(encoding="utf-8")
    assert "/*" not in css and "\n\n" not in css
    js = (lean_site / "assets/javascripts/congress.js").read_text(encoding="utf-8")
    assert "\n  " not in js


def test_preview_keeps_the_files_as_the_theme_ships_them(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    site = build(root, tmp_path / "site", serve=True)
    assert not list(site.rglob("*.html.gz"))
    css = (site / "assets/stylesheets/congress.css").read_text(encoding="utf-8")
    assert "/*" in css


def test_the_option_turns_it_off(tmp_path):
    root = minimal_site(tmp_path / "src", stories=1)
    mkdocs_yml(root, optimize_assets=False)
    site = build(root, tmp_path / "site")
    assert not list(site.rglob("*.html.gz")) and not list(site.rglob("*.br"))
    assert list((site / "assets/stylesheets").glob("main.*.min.css.map")), "Material's sheet as shipped"


def test_the_sample_logo_is_sized_on_every_page(sample_site):
    size = image_size("assets/images/emblem.svg", [sitekit.REPO / "content", sitekit.REPO / "theme"])
    assert size, "the sample's emblem has a size"
    for page in ("index.html", "stations/index.html", "legislation/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        logos = re.findall(r'<img src="[^"]*emblem\.svg"[^>]*>', html)
        assert logos and all(f'width="{size[0]}" height="{size[1]}"' in tag for tag in logos), (page, logos)


@pytest.mark.parametrize("needs", [None, "palette toggle", "navigation.instant"])
def test_material_script_only_where_a_feature_needs_it(tmp_path, needs):
    import yaml

    root = minimal_site(tmp_path / "src", stories=1)
    path = root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    if needs == "palette toggle":
        config["theme"]["palette"] = [
            {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "深色"}},
            {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "浅色"}}]
    elif needs:
        config["theme"]["features"] = ["navigation.top", needs]
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    site = build(root, tmp_path / "site")
    bundles = re.findall(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"',
                         (site / "index.html").read_text(encoding="utf-8"))
    assert len(bundles) == (0 if needs is None else 1), needs


def test_the_stylesheet_work_is_remembered_and_redone_when_its_inputs_change(tmp_path, monkeypatch):
    """Material's sheet words and the cut are kept between builds under a
    digest of their inputs: the same inputs give the same cut without the
    work, a page using something new gets a new cut, a damaged memo is
    ignored."""
    import material

    from congress_site.output import assets
    from congress_site.output.cutmemo import CutMemo

    sheet = sorted((Path(material.__file__).parent / "templates/assets/stylesheets").glob("main.*.min.css"))[0]
    calls = {"purge": 0, "words": 0}
    purge, words = assets.purge_css, assets.sheet_words
    monkeypatch.setattr(assets, "purge_css", lambda *a: calls.__setitem__("purge", calls["purge"] + 1) or purge(*a))
    monkeypatch.setattr(assets, "sheet_words", lambda *a: calls.__setitem__("words", calls["words"] + 1) or words(*a))
    memo_file = tmp_path / "sheets.json"

    def built(name: str, extra: str = "") -> str:
        site = tmp_path / name
        (site / "assets/stylesheets").mkdir(parents=True)
        (site / "assets/stylesheets" / sheet.name).write_bytes(sheet.read_bytes())
        (site / "index.html").write_text(
            f'<link rel="stylesheet" href="assets/stylesheets/{sheet.name}">'
            f'<article class="md-content md-typeset"><p>代表联络站</p>{extra}</article>', encoding="utf-8")
        memo = CutMemo(memo_file)
        assets.lighten(site, memo=memo)
        memo.save()
        (cut,) = (site / "assets/stylesheets").glob("main.*.min.css")
        return cut.read_text(encoding="utf-8")

    first = built("first")
    assert calls == {"purge": 1, "words": 1}
    assert built("again") == first
    assert calls == {"purge": 1, "words": 1}, "the same sheet and pages: nothing is worked out again"
    bigger = built("button", '<a class="md-button">留言</a>')
    assert calls == {"purge": 2, "words": 1}
    assert ".md-button" in bigger and ".md-button" not in first
    memo_file.write_text("{not json", encoding="utf-8")
    assert built("damaged") == first
    assert calls == {"purge": 3, "words": 2}


def test_the_search_index_written_after_the_pages_gets_its_copies_too(sample_site):
    """Pages are compressed while the copy check may still run; Pagefind
    writes its files after that, and they are compressed on their own."""
    for name in ("pagefind/pagefind.js", "pagefind/pagefind-worker.js"):
        data = (sample_site / name).read_bytes()
        assert gzip.decompress((sample_site / f"{name}.gz").read_bytes()) == data
        assert brotli.decompress((sample_site / f"{name}.br").read_bytes()) == data
    assert (sample_site / "index.html.gz").is_file()


def test_pages_name_the_published_cut_sheets_and_are_repointed_only_when_the_cut_changes(tmp_path):
    """A page rendered again links the cut sheets the published site links
    (PublishedSheets), so the cut, if it comes out the same, rewrites no
    page; if it does not, the page is pointed at the new cut."""
    import material

    from congress_site.output import assets

    shipped = Path(material.__file__).parent / "templates/assets/stylesheets"
    main = sorted(shipped.glob("main.*.min.css"))[0]
    palette = sorted(shipped.glob("palette.*.min.css"))[0]

    def page(extra: str = "") -> str:
        return (f'<link rel="stylesheet" href="../assets/stylesheets/{main.name}">\n'
                f'<link rel="stylesheet" href="../assets/stylesheets/{palette.name}">\n'
                f'<article class="md-content md-typeset"><p>代表联络站</p>{extra}</article>')

    def staged(name: str, html: str) -> Path:
        site = tmp_path / name
        (site / "assets/stylesheets").mkdir(parents=True)
        for sheet in (main, palette):
            (site / "assets/stylesheets" / sheet.name).write_bytes(sheet.read_bytes())
        (site / "stories").mkdir()
        (site / "stories/index.html").write_text(html, encoding="utf-8")
        return site

    published = staged("published", page())
    # Material's palette sheet has nothing for these pages: its link is dropped.
    assert not assets.lighten(published).purged["assets/stylesheets/" + palette.name][0]
    (cut,) = (published / "assets/stylesheets").glob("main.*.min.css")
    assert cut.name != main.name
    sheets = assets.PublishedSheets(published)
    assert sheets.dropped == set()
    named = sheets.apply(page())
    assert named == (published / "stories/index.html").read_text(encoding="utf-8")
    assert assets.lighten(staged("same", named)).rewritten == []

    changed = sheets.apply(page('<a class="md-button">留言</a>'))
    site = staged("changed", changed)
    assert assets.lighten(site).rewritten == ["stories/index.html"]
    (new_cut,) = (site / "assets/stylesheets").glob("main.*.min.css")
    assert new_cut.name != cut.name and new_cut.name in (site / "stories/index.html").read_text(encoding="utf-8")

    # A page now asks for rules of the sheet the published cut left out (a
    # new colour in mkdocs.yml): its link, left out too, is put back.
    assert sheets.dropped == {"palette"}
    coloured = sheets.apply(page('<div data-md-color-primary="red">代表</div>'))
    assert palette.name not in coloured
    site = staged("coloured", coloured)
    assert assets.lighten(site, dropped=sheets.dropped).rewritten == ["stories/index.html"]
    (palette_cut,) = (site / "assets/stylesheets").glob("palette.*.min.css")
    html = (site / "stories/index.html").read_text(encoding="utf-8")
    assert f'href="../assets/stylesheets/{palette_cut.name}"' in html
    assert html.index("stylesheets/main.") < html.index(f"stylesheets/{palette_cut.name}"), "Material's order"

    # pages that never linked the palette sheet (no palette in mkdocs.yml)
    # are not given a link to it
    unlinked = assets.PublishedSheets(published)
    unlinked.apply(page().replace(f'<link rel="stylesheet" href="../assets/stylesheets/{palette.name}">\n', ""))
    assert unlinked.dropped == set()

    # a site that was never cut links Material's sheets: nothing to rename
    assert assets.PublishedSheets(staged("uncut", page())).apply(page()) == page()

"""A production build ships lighter assets (output/assets.py): Material's
stylesheet cut to the rules our pages use, our scripts and styles
minified, and no Material script bundle. That changes what a phone
downloads, never what a reader sees: every page type must look pixel for
pixel the same, at 375 px and 1280 px, as the same sample built with
`optimize_assets: false`. The features that lost Material's script (the
menu drawer, the back-to-top button) still work."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

import sitekit
from browserkit import served

from .conftest import ARTIFACTS, DESKTOP, PHONE, TRANSITIONS_DONE, scroll_through

pytestmark = pytest.mark.browser

KINDS = ["home", "story", "profile", "legislation", "column", "representatives", "tracker", "station",
         "stations", "tag", "archive", "search", "suggestion-year", "suggestion", "projects", "meeting",
         "oversight-list", "oversight"]


@pytest.fixture(scope="session")
def full_assets_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built with the theme's assets as they ship."""
    root = sitekit.copy_sample(tmp_path_factory.mktemp("full-assets") / "src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - congress:\n" in text, "样例 mkdocs.yml 里找不到 congress 插件"
    config.write_text(text.replace("  - congress:\n", "  - congress:\n      optimize_assets: false\n", 1),
                      encoding="utf-8")
    return sitekit.build(root, root.parent / "site", today=sitekit.SAMPLE_TODAY, strict=True)


@pytest.fixture(scope="session")
def full_assets_url(full_assets_site: Path) -> Iterator[str]:
    with served(full_assets_site) as url:
        yield url


def _sheet_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in (site / "assets/stylesheets").glob("*.css"))


def test_the_lean_build_ships_less(sample_site, full_assets_site):
    lean, full = _sheet_bytes(sample_site), _sheet_bytes(full_assets_site)
    assert lean < full * 0.6, f"样式表 {lean} 字节，完整的 {full} 字节：裁剪没有生效"
    assert not list((sample_site / "assets/javascripts").glob("bundle.*.js")) or \
        "bundle." not in (sample_site / "index.html").read_text(encoding="utf-8")
    assert list((sample_site / "assets/stylesheets").glob("congress.css.gz"))
    assert not list((full_assets_site / "assets/stylesheets").glob("*.gz"))


def _screenshot(browser, url: str, viewport: dict, mobile: bool) -> Image.Image:
    extra = {"is_mobile": True, "has_touch": True, "device_scale_factor": 1} if mobile else {}
    context = browser.new_context(viewport=viewport, locale="zh-CN", reduced_motion="reduce", **extra)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        scroll_through(page)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_function(TRANSITIONS_DONE)
        page.evaluate("document.fonts.ready")
        return Image.open(io.BytesIO(page.screenshot(full_page=True, animations="disabled"))).convert("RGB")
    finally:
        context.close()


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_type_looks_the_same_with_lean_assets(browser, site_url, full_assets_url, page_types, kind):
    path = page_types[kind]
    for name, viewport, mobile in (("phone", PHONE, True), ("desktop", DESKTOP, False)):
        lean = _screenshot(browser, site_url + path, viewport, mobile)
        full = _screenshot(browser, full_assets_url + path, viewport, mobile)
        box = ImageChops.difference(lean, full).getbbox() if lean.size == full.size else (0, 0, *lean.size)
        if box:
            folder = ARTIFACTS / "lean-assets"
            folder.mkdir(parents=True, exist_ok=True)
            lean.save(folder / f"{kind}-{name}-lean.png")
            full.save(folder / f"{kind}-{name}-full.png")
        assert box is None, (f"{path}（{name}）：精简资源后页面变了，区域 {box}，尺寸 {lean.size} 对 {full.size}；"
                             f"截图见 {ARTIFACTS / 'lean-assets'}")


def test_pages_load_no_material_bundle(open_page, page_types):
    visit = open_page(page_types["story"])
    scripts = [url for url in visit.requests if url.endswith(".js")]
    assert scripts, "页面应当加载本站的脚本"
    assert not [url for url in scripts if "/bundle." in url], scripts


def test_the_menu_drawer_opens_on_a_phone(open_page):
    page = open_page("/", viewport=PHONE, is_mobile=True, has_touch=True).page
    link = page.locator(".md-sidebar--primary a", has_text="人大概况").first
    on_screen = "el => { const r = el.getBoundingClientRect(); return r.right > 0 && r.left < innerWidth; }"
    assert not link.evaluate(on_screen), "the drawer starts closed, off the screen"
    page.locator('label.md-header__button[for="__drawer"]').tap()
    page.wait_for_function(f"() => ({on_screen})(document.querySelector('.md-sidebar--primary a[href*=renda-gaikuang]'))")
    page.wait_for_function(TRANSITIONS_DONE)
    link.tap()
    page.wait_for_url("**/renda-gaikuang/")


def scroll_to(page, y: int) -> None:
    """window.scrollTo(0, y), returning once the page's scroll listeners
    have run. scrollY changes at once, but the scroll event comes with the
    next frame: two scrolls before it are one event, and the page sees only
    the second position. A listener added now runs after the page's own."""
    page.evaluate("""y => new Promise(seen => {
        const before = window.scrollY;
        window.addEventListener("scroll", () => seen(), {once: true});
        window.scrollTo(0, y);
        if (window.scrollY === before) seen();  // nothing moved: no event comes
    })""", y)


def test_back_to_top_appears_when_scrolling_back_up(open_page, page_types):
    page = open_page(page_types["tracker"], viewport=PHONE, is_mobile=True, has_touch=True).page
    top = page.locator(".md-top")
    assert page.evaluate("document.documentElement.scrollHeight") > 3 * PHONE["height"], "need a long page to scroll"
    assert top.evaluate("b => b.hidden"), "hidden at the top of the page"
    scroll_to(page, 2000)
    page.wait_for_function("window.scrollY >= 1900")
    assert top.evaluate("b => b.hidden"), "reading on downwards: the button stays out of the way"
    scroll_to(page, 1500)
    page.wait_for_function("!document.querySelector('.md-top').hidden")
    page.wait_for_function(TRANSITIONS_DONE)
    top.tap()
    page.wait_for_function("window.scrollY === 0")
    assert top.evaluate("b => b.hidden")

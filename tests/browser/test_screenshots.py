"""Screenshots of every page type at phone and desktop width, saved as CI
artefacts under test-artifacts/screenshots/ for a human to look at."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, DESKTOP, PHONE, scroll_through

pytestmark = pytest.mark.browser

KINDS = ["home", "story", "profile", "legislation", "column", "representatives", "tracker", "station",
         "station-print", "stations", "tags", "tag", "archive", "year", "search"]

AIDS = {"home", "story", "profile", "tracker"}
# Pages that show representatives by design: there the photo check must see photos.
WITH_PHOTOS = {"profile", "representatives"}


@pytest.mark.parametrize("kind", KINDS)
def test_screenshots(open_page, page_types, kind):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for name, viewport, extra in (("phone", PHONE, {"is_mobile": True, "has_touch": True, "device_scale_factor": 1}),
                                  ("desktop", DESKTOP, {})):
        page = open_page(page_types[kind], viewport=viewport, **extra).page
        # Bring lazy photos in, as a reader scrolling down would.
        scroll_through(page)
        page.evaluate("window.scrollTo(0, 0)")
        path = folder / f"{kind}-{name}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        assert path.stat().st_size > 5000, f"{path} 是空白截图"
        # Photos and placeholders are drawn round: never squeezed into ovals.
        boxes = page.eval_on_selector_all(".cx-card .cx-photo, .cx-profile__head .cx-photo",
                                          "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
        assert boxes or kind not in WITH_PHOTOS, f"{kind}：页面上找不到代表照片"
        assert all(abs(w - h) < 2 for w, h in boxes), f"{kind}：代表照片被拉伸变形 {boxes}"
        # A rendered page has its heading on screen, in a CJK font (not tofu boxes).
        assert page.locator("h1").first.count() == 1
    if kind not in AIDS:
        return
    # The large-text, high-contrast phone view, which elders will actually use.
    page = open_page(page_types[kind], viewport=PHONE, is_mobile=True, has_touch=True).page
    page.click("button[data-cx-pref=text]")
    page.click("button[data-cx-pref=contrast]")
    page.screenshot(path=str(folder / f"{kind}-phone-aids.png"), full_page=False, animations="disabled")

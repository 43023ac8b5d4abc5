"""Shared browser fixtures: the session's build of the sample site
(`sample_site`, tests/conftest.py) served on 127.0.0.1 from a thread, and
one Debian chromium driven by Playwright.

Other test folders can reuse them with
``from browser.conftest import site_url, open_page, page_types  # noqa: F401``
(``tests/`` is on sys.path). Playwright never downloads a browser here: it
drives /usr/bin/chromium. Without chromium the tests are skipped locally and
fail loudly in CI (CI=true), so a broken CI image cannot pass silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import sitekit
from browserkit import CHROMIUM, HOST, LAUNCH_ARGS, served, unavailable  # noqa: E402,F401 - re-exported for other folders

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = sitekit.REPO / "test-artifacts"

# Conditions to wait for (page.wait_for_function), never a fixed pause:
# every shown image within a screen of the viewport has loaded (or failed),
# as after a reader's scroll brings lazy photos in;
IMAGES_NEAR_VIEW_LOADED = """() => [...document.images].every(img => {
    const r = img.getBoundingClientRect();
    return img.complete || !img.getClientRects().length || r.bottom < -innerHeight || r.top > 2 * innerHeight;
})"""
# no CSS transition is running (Material animates colour changes).
TRANSITIONS_DONE = """() => !document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running')"""


def scroll_through(page) -> None:
    """Scroll to the end, as a reader would, and wait for the lazy images
    that brings in. Under load Chromium has once run a script before the
    document had a body although the network was idle: the parsed
    document is waited for first."""
    page.wait_for_function("document.readyState === 'complete' && document.body !== null")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(IMAGES_NEAR_VIEW_LOADED)




@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of the built sample site on 127.0.0.1."""
    with served(sample_site) as url:
        yield url


@dataclass
class Visit:
    """A page loaded in its own context, with every request it made."""

    page: object
    requests: list = field(default_factory=list)  # every URL asked for, in order
    finished: list = field(default_factory=list)  # Playwright Request objects that completed

    def foreign(self) -> list[str]:
        return [url for url in self.requests if not _is_local(url)]


def _is_local(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return url.split("/")[2].split(":")[0] == HOST if "://" in url else False


@pytest.fixture
def open_page(browser, site_url: str) -> Iterator[Callable[..., Visit]]:
    """Factory: open_page("/stories/x/", viewport=PHONE, **context_options) -> Visit.

    Requests to any other host are recorded and then aborted, so a stray CDN
    link fails the independence test instead of hanging the suite.
    """
    contexts = []

    def _open(path: str, viewport: dict | None = None, wait: str = "load", **options) -> Visit:
        context = browser.new_context(viewport=viewport or DESKTOP, locale="zh-CN", **options)
        contexts.append(context)
        visit = Visit(page=context.new_page())
        visit.page.on("request", lambda request: visit.requests.append(request.url))
        visit.page.on("requestfinished", lambda request: visit.finished.append(request))
        context.route(lambda url: not _is_local(url), lambda route: route.abort())
        visit.page.goto(site_url + path, wait_until=wait)
        return visit

    yield _open
    for context in contexts:
        context.close()


def _first(site: Path, folder: str, preferred: tuple[str, ...]) -> str:
    for name in preferred:
        if (site / folder / name / "index.html").is_file():
            return f"/{folder}/{name}/"
    names = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
    assert names, f"样例站没有生成 /{folder}/ 下的页面"
    return f"/{folder}/{names[0]}/"


def _with(site: Path, folder: str, marker: str) -> tuple[str, ...]:
    """Names of pages under `folder` whose HTML contains `marker` (e.g. a profile with a duty table)."""
    return tuple(sorted(p.parent.name for p in (site / folder).glob("*/index.html")
                        if marker in p.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def page_types(sample_site: Path) -> dict[str, str]:
    """One URL path per page type of the sample site."""
    site = sample_site
    station = _first(site, "stations", ("fangji-lianluoshi",))
    tags = sorted(p.parent.name for p in (site / "tags").glob("*/index.html"))
    years = sorted(p.parent.name for p in (site / "archive").glob("*/index.html"))
    return {
        "home": "/",
        "story": _first(site, "stories", ("xueqianxiang-dudian",)),
        "profile": _first(site, "profiles", _with(site, "profiles", 'class="cx-table"')),
        "legislation": _first(site, "legislation", ("shili-jidongche-tingche",)),
        "column": _first(site, "columns", ("daibiao-fengcai",)),
        "representatives": "/representatives/",
        "tracker": "/legislation/",
        "station": station,
        "station-print": station + "print/",
        "stations": "/stations/",
        "tags": "/tags/",
        "tag": f"/tags/{tags[0]}/" if tags else "/tags/",
        "archive": "/archive/",
        "year": f"/archive/{years[-1]}/" if years else "/archive/",
        "search": "/search/",
        "meetings": "/meetings/",
        "meeting": _first(site, "meetings", ("changweihui-10-30",)),
        "oversight-list": "/oversight/",
        "oversight": _first(site, "oversight", ("nongchanpin-zhifa-jiancha-2026",)),
        **duty_pages(site),
    }


def duty_pages(site: Path) -> dict[str, str]:
    """代表建议 and 民生实事: the newest year of each and one page of each kind."""
    from urllib.parse import quote

    years = sorted(p.parent.name for p in (site / "suggestions").glob("[0-9]*/index.html"))
    assert years, "样例站没有生成 /suggestions/年度/ 页面"
    year = years[-1]
    number = sorted(p.parent.name for p in (site / "suggestions" / year).glob("*/index.html"))[0]
    units = sorted(p.parent.name for p in (site / "suggestions/units").glob("*/index.html"))
    projects = sorted(p.parent.name for p in (site / "projects").glob("[0-9]*/index.html"))
    assert units and projects, "样例站没有承办单位或民生实事项目页面"
    return {
        "suggestions": "/suggestions/",
        "suggestion-year": f"/suggestions/{year}/",
        "suggestion": f"/suggestions/{year}/{number}/",
        "suggestion-unit": f"/suggestions/units/{quote(units[0])}/",
        "projects": "/projects/",
        "projects-year": f"/projects/{projects[-1]}/",
    }

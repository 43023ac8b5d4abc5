"""The sample site that `make serve` shows: complete, strict-clean (the
session's `sample_site` is a strict build) and free of requests to any
third-party host."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from congress_site.model import Layout, load_repository
from sitekit import SAMPLE_TODAY

TODAY = dt.date.fromisoformat(SAMPLE_TODAY)


def test_sample_records_are_complete_and_clean(sample_source):
    repo = load_repository(Layout.default(sample_source), TODAY)
    assert repo.findings == []
    # Big enough to show every feature (the sample's brief in docs/sample-world.md).
    assert len(repo.profiles) >= 20
    assert len(repo.visible_stories(preview=False)) >= 40
    assert len({s.column for s in repo.stories}) >= 6
    assert len(repo.legislation) >= 8 and len(repo.stations) >= 6
    statuses = {r.status(TODAY) for r in repo.legislation.values()}
    assert statuses == {"立项起草", "征求意见", "审议中", "已通过", "已施行", "已废止"}
    current = {r.current(TODAY).label for r in repo.legislation.values()}
    # A law passed and sent to the province shows as 报请批准.
    assert {"起草", "征求意见", "二审", "报请批准", "公布", "施行", "执法检查", "废止"} <= current
    reached = {s.stage for r in repo.legislation.values() for s in r.reached(TODAY)}
    assert {"一审", "三审", "批准"} <= reached
    # One consultation stays open through the end of 2027, so the open state always shows.
    assert any(r.open_window(dt.date(2027, 12, 31)) for r in repo.legislation.values())
    # Public consultation: the open one has every channel and a draft of
    # about thirty articles; closed ones report feedback; a law has its
    # published text; this year's plan has eight items or more.
    from congress_site.model.consultation import all_consultations

    found = all_consultations(repo)
    [open_one] = [c for c in found if c.state == "open"]
    ch = open_one.channels
    assert ch.email and ch.post.postcode and ch.online and ch.phone and ch.fax and ch.stations
    assert 25 <= len(open_one.draft.text.articles) <= 40 and len(open_one.draft.text.chapters) >= 5
    assert any(c.feedback for c in found if c.state == "closed")
    kinds = {d.kind for docs in repo.documents.values() for d in docs}
    assert {"草案征求意见稿", "草案说明", "公布文本"} <= kinds
    assert len(repo.plans[TODAY.year].items) >= 8
    # Two namesakes with distinct ids.
    names = [p.name for p in repo.profiles.values()]
    assert len(names) > len(set(names))
    held = {h.reason for h in repo.held_back()}
    assert held == {"草稿", "未到发布日期"}


def test_every_page_type_exists(sample_source, sample_site):
    repo = load_repository(Layout.default(sample_source), TODAY)
    for url in ["", "representatives/", "legislation/", "stations/", "tags/", "archive/", "search/"]:
        assert (sample_site / url / "index.html").is_file(), url
    for story in repo.visible_stories(preview=False):
        assert (sample_site / "stories" / story.slug / "index.html").is_file()
    for kind, ids in (("profiles", repo.profiles), ("legislation", repo.legislation), ("stations", repo.stations),
                      ("columns", repo.columns)):
        for ident in ids:
            assert (sample_site / kind / ident / "index.html").is_file(), f"{kind}/{ident}"
    assert any((sample_site / "columns").glob("*/page/2/index.html")), "one column should paginate"


ATTR_URL = re.compile(r"""(?:src|href|srcset|action|poster|data)\s*=\s*["']\s*((?:https?:)?//[^"'\s>]+)""", re.I)
CSS_URL = re.compile(r"""(?:url\(|@import\s+)["']?((?:https?:)?//[^"')\s]+)""", re.I)


def test_no_asset_from_a_third_party_host(sample_site):
    """Links out are allowed (<a href>); anything the browser would fetch is not."""
    own = urlparse("https://example.gov.cn/").hostname
    offenders = set()
    for path in sample_site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found = CSS_URL.findall(text)
        if path.suffix == ".html":
            # <a href> and <link rel=alternate|canonical> are navigation, not fetched.
            text = re.sub(r"<a\s[^>]*>", "", text)
            text = re.sub(r"<link\s[^>]*rel=\"?(?:alternate|canonical|sitemap)[^>]*>", "", text)
            found += ATTR_URL.findall(text)
        for url in found:
            host = urlparse(url if "//" in url[:8] else "https:" + url).hostname
            if host and host != own and host != "www.w3.org":
                offenders.add((path.relative_to(sample_site).as_posix(), url))
    assert not offenders, sorted(offenders)[:20]

"""Every page says what it is: its own description, OpenGraph, and
schema.org JSON-LD per page type, read back from the built sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from congress_site.model.records import RESERVED_LAW_IDS
from congress_site.pages.metadata import PageMeta
from sitekit import build, minimal_site, write


@pytest.fixture()
def sample(sample_site: Path) -> Path:
    return sample_site


def head(site: Path, rel: str) -> dict:
    tree = HTMLParser((site / rel).read_text(encoding="utf-8"))
    meta = {m.attributes.get("property") or m.attributes.get("name"): m.attributes.get("content")
            for m in tree.css("head meta") if m.attributes.get("property") or m.attributes.get("name")}
    scripts = tree.css('script[type="application/ld+json"]')
    meta["jsonld"] = [json.loads(s.text()) for s in scripts]
    canonical = tree.css_first('link[rel="canonical"]')
    meta["canonical"] = canonical.attributes["href"] if canonical else None
    return meta


def one(site: Path, folder: str, want=lambda p: True) -> str:
    pages = sorted(p for p in (site / folder).glob("*/index.html") if want(p))
    assert pages, folder
    return pages[0].relative_to(site).as_posix()


def data_of(site: Path, rel: str, kind: str) -> dict:
    found = [d for d in head(site, rel)["jsonld"] if d.get("@type") == kind]
    assert len(found) == 1, (rel, head(site, rel)["jsonld"])
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


def has_cover(p: Path) -> bool:
    return 'class="cx-cover' in p.read_text(encoding="utf-8")


def test_story_is_a_news_article(sample):
    for rel in (one(sample, "stories", has_cover), one(sample, "stories", lambda p: not has_cover(p))):
        data = data_of(sample, rel, "NewsArticle")
        for key in ("headline", "datePublished", "dateModified", "author", "publisher"):
            assert data.get(key), (rel, key)
        assert data["publisher"]["name"] and data["author"][0]["name"]
        meta = head(sample, rel)
        assert meta["og:type"] == "article" and meta["og:url"] == meta["canonical"]
        assert data["headline"] == meta["og:title"]
        if has_cover(sample / rel):
            assert data["image"] == [meta["og:image"]]
            assert_published(sample, meta["og:image"])
        else:
            assert "image" not in data and "og:image" not in meta


def test_profile_is_a_person(sample):
    photo = one(sample, "profiles", lambda p: "/media/" in p.read_text(encoding="utf-8").split("cx-profile__head")[1][:2000])
    data = data_of(sample, photo, "Person")
    for key in ("name", "jobTitle", "memberOf", "image"):
        assert data.get(key), key
    assert data["memberOf"][0]["name"].endswith("人民代表大会")
    meta = head(sample, photo)
    assert data["image"] == meta["og:image"] and meta["og:type"] == "profile"
    assert_published(sample, data["image"])


def test_law_is_legislation(sample):
    # /legislation/consultations/ and /legislation/plans/ are no laws.
    laws = sorted(p for p in (sample / "legislation").glob("*/index.html")
                  if p.parent.name not in RESERVED_LAW_IDS)
    forces = set()
    for path in laws:
        rel = path.relative_to(sample).as_posix()
        data = data_of(sample, rel, "Legislation")
        for key in ("name", "legislationLegalForce", "legislationJurisdiction", "legislationType"):
            assert data.get(key), (rel, key)
        assert data["name"].startswith("《")
        assert data["legislationLegalForce"] in ("https://schema.org/InForce", "https://schema.org/NotInForce",
                                                 "https://schema.org/PartiallyInForce")
        forces.add(data["legislationLegalForce"])
        # Laws in force are dated and passed by a body; drafts are neither.
        if data["legislationLegalForce"].endswith("/InForce"):
            assert data["legislationDate"] and data["legislationPassedBy"]["name"], rel
        assert ("legislationDate" in data) == ("legislationPassedBy" in data), rel
    assert forces >= {"https://schema.org/InForce", "https://schema.org/NotInForce"}


def test_home_and_station(sample):
    home = data_of(sample, "index.html", "GovernmentOrganization")
    assert home["name"] and home["url"] == "https://example.gov.cn/" and home["address"]["postalCode"]
    station = data_of(sample, one(sample, "stations", lambda p: "/print/" not in p.as_posix()), "CivicStructure")
    assert station["name"] and station["url"].startswith("https://example.gov.cn/stations/")


def test_every_page_has_its_own_description(sample):
    seen: dict[str, str] = {}
    # Not pages of the site: the search index's files, the browser CMS
    # (/admin/, noindex) and the folders that forward a reader (pages/parents.py).
    pages = [p for p in sample.rglob("*.html")
             if p.name != "404.html" and "pagefind" not in p.parts and "admin" not in p.parts]
    forwarding = [p for p in pages if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")]
    assert forwarding and all(head(sample, p.relative_to(sample).as_posix())["robots"] == "noindex"
                              for p in forwarding)
    pages = [p for p in pages if p not in forwarding]
    assert len(pages) > 50
    for path in pages:
        rel = path.relative_to(sample).as_posix()
        meta = head(sample, rel)
        text = meta.get("description")
        assert text and len(text) <= 150, rel
        assert text not in seen, f"{rel} 与 {seen.get(text)} 的简介相同：{text}"
        seen[text] = rel
        assert meta["og:description"] == text and meta["og:title"]
        assert meta["og:url"].startswith("https://example.gov.cn/"), rel
    # The error page is kept out of search engines instead.
    assert head(sample, "404.html")["robots"] == "noindex"


def assert_published(site: Path, url: str) -> None:
    assert url.startswith("https://example.gov.cn/")
    assert (site / url.removeprefix("https://example.gov.cn/")).is_file(), url


def test_jsonld_cannot_close_its_script():
    meta = PageMeta(title="t", description="d", url=None, image=None, og_type="website",
                    data={"name": "</script><script>alert(1)</script>", "x": "a & b"})
    text = meta.jsonld
    assert "</script" not in text.lower() and "<" not in text and "&" not in text
    assert json.loads(text) == meta.data


def test_hand_page_description_from_front_matter_or_first_paragraph(tmp_path):
    root = minimal_site(tmp_path / "src")
    write(root / "content/about.md", "# 关于本站\n\n本站由示例市人大常委会主办，发布代表履职信息。\n")
    write(root / "content/contact.md", '---\ndescription: 联系"办公室"& 信访室 <值班>\n---\n# 联系我们\n\n电话。\n')
    site = build(root, tmp_path / "site")  # the copy checker refuses the ASCII quotes in strict mode
    assert head(site, "about/index.html")["description"] == "本站由示例市人大常委会主办，发布代表履职信息。"
    raw = (site / "contact/index.html").read_text(encoding="utf-8")
    assert 'content="联系&#34;办公室&#34;&amp; 信访室 &lt;值班&gt;"' in raw.replace("&quot;", "&#34;")
    assert head(site, "contact/index.html")["og:description"] == '联系"办公室"& 信访室 <值班>'

"""Real MkDocs builds: covers, body images, photos, placeholders and 代表码
come out of the whole plugin as the reader gets them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import zxingcpp
from imagekit import phone_jpeg, rasterise, two_tone
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from congress_site.images import ImagePipeline
from sitekit import build, minimal_site, write, write_story


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def referenced_files(html: str, page_dir: Path) -> set[Path]:
    tree = HTMLParser(html)
    found: set[Path] = set()
    for node in tree.css("picture source, picture img"):
        for item in (node.attributes.get("srcset") or "").split(","):
            if item.strip():
                found.add((page_dir / item.split()[0]).resolve())
        if node.attributes.get("src"):
            found.add((page_dir / node.attributes["src"]).resolve())
    return found


def make_site(root: Path) -> Path:
    root = minimal_site(root, stories=0)
    images = root / "stories" / "2025" / "images"
    images.mkdir(parents=True)
    phone_jpeg(images / "cover.jpg", (2400, 1600), orientation=6)
    two_tone((900, 600), left=(0, 120, 0)).save(images / "inline.png")
    two_tone((640, 480), left=(90, 90, 0)).save(images / "second.webp")
    write_story(root, "2025/07-05-photos.md", title="图片稿件", cover="images/cover.jpg",
                cover_alt="代表走访居民",
                body='第一段。\n\n![柿园社区议事会](images/inline.png "图为议事会现场")\n\n'
                     "第三段。\n\n![第二张图](images/second.webp)\n")
    phone_jpeg(root / "profiles" / "zhao-mingyuan.jpg", (900, 1200), orientation=1)
    profile = (root / "profiles" / "zhao-mingyuan.yml").read_text("utf-8")
    (root / "profiles" / "zhao-mingyuan.yml").write_text(profile + "photo: zhao-mingyuan.jpg\nreception: 每周二上午\n", "utf-8")
    write(root / "profiles/wang-lan.yml", """
        id: wang-lan
        name: 欧阳兰
        levels: [县（市、区）]
        station: shiyuan
    """)
    return root


@pytest.fixture
def site_src(tmp_path: Path) -> Path:
    return make_site(tmp_path / "src")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict build shared by the read-only tests below."""
    tmp = tmp_path_factory.mktemp("built")
    return build(make_site(tmp / "src"), tmp / "site", strict=True)


def test_story_images_are_responsive_and_clean(built: Path) -> None:
    site = built
    html = page(site, "stories/photos")
    tree = HTMLParser(html)
    cover = tree.css_first(".cx-cover picture img")
    assert cover.attributes["alt"] == "代表走访居民"
    assert "loading" not in cover.attributes and cover.attributes["fetchpriority"] == "high"
    # 2400×1600 stored sideways: shown upright, 1200 wide at most.
    assert (cover.attributes["width"], cover.attributes["height"]) == ("1200", "1800")
    body = tree.css(".cx-story__body picture img")
    assert [i.attributes["alt"] for i in body] == ["柿园社区议事会", "第二张图"]
    assert all(i.attributes["loading"] == "lazy" for i in body)  # the cover is the eager one
    assert tree.css_first(".cx-story__body figure figcaption").text() == "图为议事会现场"
    files = referenced_files(html, site / "stories" / "photos")
    assert len(files) >= 12 and all(f.is_file() for f in files)
    assert all(f.parent == (site / "media").resolve() for f in files)
    for f in (site / "media").iterdir():
        data = f.read_bytes()
        assert b"Exif" not in data and b"GPS" not in data and b"secret-home-address" not in data
        assert not Image.open(io.BytesIO(data)).getexif()
    # The originals are not published anywhere.
    assert not list(site.rglob("cover.jpg")) and not list(site.rglob("inline.png"))


def test_photos_placeholders_and_qr_codes(built: Path) -> None:
    site = built
    profile = HTMLParser(page(site, "profiles/zhao-mingyuan"))
    photo = profile.css_first(".cx-profile__head picture img")
    assert photo.attributes["alt"] == "赵明远的照片" and "loading" not in photo.attributes
    assert all(f.is_file() for f in referenced_files(page(site, "profiles/zhao-mingyuan"), site / "profiles" / "zhao-mingyuan"))
    placeholder = HTMLParser(page(site, "profiles/wang-lan")).css_first("svg.cx-photo--placeholder")
    assert placeholder.attributes["aria-label"] == "欧阳兰（暂无照片）"
    assert placeholder.css_first("text").text() == "欧阳"

    sheet = page(site, "stations/shiyuan/print")
    cards = HTMLParser(sheet).css(".cx-qr-card")
    assert len(cards) == 2
    for card in cards:
        svg = card.css_first("svg.congress-qr").html
        img, _ = rasterise(svg)
        texts = [r.text for r in zxingcpp.read_barcodes(img)]
        url = card.css_first(".cx-qr-card__url").text()
        assert texts == [url]
        assert re.fullmatch(r"https://example\.gov\.cn/profiles/(zhao-mingyuan|wang-lan)/#contact", url)
    assert 'loading="lazy"' not in sheet.split('class="cx-qr-sheet"')[1]  # all photos print
    assert "每周二上午" in sheet
    assert 'stylesheets/station-print.css' in sheet
    assert (site / "assets" / "stylesheets" / "station-print.css").is_file()


def test_bad_images_fail_a_strict_build_with_a_clear_message(site_src: Path, tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    (site_src / "stories" / "2025" / "images" / "fake.jpg").write_text("<!DOCTYPE html><html></html>")
    write_story(site_src, "2025/07-06-bad.md", title="坏图稿件", body="文字。\n\n![](images/fake.jpg)\n")
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build(site_src, tmp_path / "site", strict=True)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "stories/2025/07-06-bad.md:12:5:" in text
    assert "[image-format]" in text and "网页（HTML）文件" in text
    assert "[image-alt-missing]" in text


def test_warm_build_processes_nothing(site_src: Path, tmp_path: Path) -> None:
    build(site_src, tmp_path / "one")
    cache = site_src / ".cache" / "congress" / "images"
    stamps = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(stamps) > 12
    build(site_src, tmp_path / "two")
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps
    warm = ImagePipeline(site_src, cache)
    warm.publish(site_src / "stories" / "2025" / "images" / "cover.jpg", "x")
    assert warm.stats.processed == 0 and warm.stats.cached == 1
    assert sorted(p.name for p in (tmp_path / "one" / "media").iterdir()) == \
        sorted(p.name for p in (tmp_path / "two" / "media").iterdir())


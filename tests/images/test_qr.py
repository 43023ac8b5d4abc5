"""代表码 must carry the exact canonical URL: prove it by decoding."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from imagekit import rasterise
from PIL import Image

from congress_site.findings import CongressError
from congress_site.images import canonical_url, make_qr, qr_svg
from congress_site.pages import routes

SVG = "{http://www.w3.org/2000/svg}"
URLS = [
    "https://rd.example.gov.cn/profiles/zhang-xiaolan/",
    "https://rd.example.gov.cn/sub/path/profiles/sai-shan-tuo-xi-bie-ke/",
    "http://localhost:8000/profiles/a/?from=qr#top",
]


def decode(img: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(img) if r.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("url", URLS)
def test_svg_decodes_to_the_exact_url(url: str) -> None:
    svg = qr_svg(url)
    img, grid = rasterise(svg)
    assert decode(img) == [url]
    # And it is precisely segno's matrix with a 4-module quiet zone.
    qr = make_qr(url)
    assert grid == [[bool(v) for v in row] for row in qr.matrix_iter(border=4)]
    assert all(not any(row) for row in grid[:4] + grid[-4:])
    assert all(not any(row[:4]) and not any(row[-4:]) for row in grid)


@pytest.mark.parametrize("url", URLS)
def test_png_of_the_same_symbol_decodes_too(url: str) -> None:
    out = io.BytesIO()
    make_qr(url).save(out, kind="png", scale=6, border=4)
    assert decode(Image.open(io.BytesIO(out.getvalue()))) == [url]


def test_svg_is_scalable_accessible_and_robust() -> None:
    svg = qr_svg("https://rd.example.gov.cn/profiles/a/", title="张晓岚的代表码")
    root = ET.fromstring(svg)
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-label"] == "张晓岚的代表码"
    assert root.find(f"{SVG}title").text == "张晓岚的代表码"
    assert "width" not in root.attrib and root.attrib["viewBox"].startswith("0 0 ")
    assert make_qr("https://rd.example.gov.cn/profiles/a/").error in ("Q", "H")
    sized = ET.fromstring(qr_svg("https://x.cn/", size=160))
    assert sized.attrib["width"] == sized.attrib["height"] == "160"
    # White modules are painted, so the code scans on a dark or coloured page too.
    assert any(p.attrib.get("fill") == "#fff" for p in root.iter(f"{SVG}path"))


def test_canonical_url_from_site_url_and_route() -> None:
    assert canonical_url("https://rd.example.gov.cn/wangshu/", routes.profile("zhang-xiaolan")) == \
        "https://rd.example.gov.cn/wangshu/profiles/zhang-xiaolan/"
    assert canonical_url("https://rd.example.gov.cn", routes.profile("a")) == \
        "https://rd.example.gov.cn/profiles/a/"


@pytest.mark.parametrize("site_url", [None, "", "rd.example.gov.cn", "/relative/"])
def test_missing_site_url_is_a_clear_error(site_url) -> None:
    with pytest.raises(CongressError) as exc:
        canonical_url(site_url, "profiles/a/")
    f = exc.value.findings[0]
    assert f.code == "site-url-missing" and f.path == "mkdocs.yml" and "site_url" in f.fix

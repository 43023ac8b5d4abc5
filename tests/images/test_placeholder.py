from __future__ import annotations

import xml.etree.ElementTree as ET

from congress_site.images import placeholder_svg
from congress_site.images.placeholder import PALETTE, colour_for, surname
from sitekit import fresh_python

SVG = "{http://www.w3.org/2000/svg}"


def luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_surname_on_a_disc_with_an_accessible_name() -> None:
    root = ET.fromstring(placeholder_svg("张晓岚", "zhang-xiaolan"))
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-label"] == "张晓岚（暂无照片）"
    assert root.find(f"{SVG}title").text == "张晓岚（暂无照片）"
    assert root.find(f"{SVG}text").text == "张"
    assert root.find(f"{SVG}circle").attrib["fill"] == colour_for("zhang-xiaolan")
    assert root.attrib["viewBox"] == "0 0 100 100"


def test_surnames() -> None:
    assert surname("欧阳修文") == "欧阳"
    assert surname("热依拉·阿不都") == "热"
    assert surname("  王立青 ") == "王"
    assert surname("anna") == "A"
    assert surname("") == "?"


def test_colour_is_stable_and_depends_on_the_id() -> None:
    # The same person gets the same colour in every build: not from Python's
    # per-process string hash.
    code = "import sys; from congress_site.images.placeholder import colour_for; print(colour_for(sys.argv[1]))"
    runs = {fresh_python(code, "zhang-xiaolan", hashseed=seed) for seed in ("1", "2", "3")}
    assert runs == {colour_for("zhang-xiaolan")} and colour_for("zhang-xiaolan") in PALETTE
    # Two people called 张 should mostly look different.
    assert len({colour_for(f"zhang-{i}") for i in range(40)}) >= 6


def test_every_palette_colour_keeps_white_text_readable() -> None:
    for colour in PALETTE:
        ratio = (1.05) / (luminance(colour) + 0.05)
        assert ratio >= 4.5, (colour, ratio)


def test_markup_in_names_is_escaped() -> None:
    svg = placeholder_svg('<script>alert("x")</script>', "x")
    root = ET.fromstring(svg)  # still well-formed
    assert "<script>" not in svg
    assert root.find(f"{SVG}text").text == "<"

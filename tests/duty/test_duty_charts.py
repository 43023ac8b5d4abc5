"""The SVG bar charts: self-contained, accessible, text never colour alone,
long labels kept inside the picture, hostile text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from congress_site.charts import WIDTH, Bar, Chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(str(chart.svg()))


def test_title_description_and_role():
    root = parse(Chart("cx-rates", "2026年办结率", (Bar("办结率", 0.646, "64.6%（31/48件）"),)))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id and root.find(f"{SVG}title").text == "2026年办结率"
    assert root.find(f"{SVG}desc").get("id") == desc_id and root.find(f"{SVG}desc").text == "办结率：64.6%（31/48件）。"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["办结率", "64.6%（31/48件）"]
    fill = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "cx-chart__fill"]
    assert [float(r.get("width")) for r in fill] == [round(0.646 * WIDTH, 1)]


def test_nothing_points_elsewhere():
    svg = str(Chart("c", "标题", (Bar("甲", 0.5, "50%"),)).svg())
    assert "href" not in svg and "<script" not in svg and "url(" not in svg


def test_empty_and_out_of_range_shares():
    root = parse(Chart("c", "标题", (Bar("无", None, "暂无代表反馈"), Bar("超", 1.7, "170%"), Bar("零", 0.0, "0%"))))
    fills = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("class") == "cx-chart__fill"]
    assert fills == [WIDTH]  # only the clamped one; no fill for nothing or zero
    assert [t.text for t in root.iter(f"{SVG}text")][0::2] == ["无", "超", "零"]


def test_a_long_label_moves_its_figure_to_a_line_of_its_own():
    root = parse(Chart("c", "进度", (Bar("城区中小学校周边交通综合治理（20所学校）", 1.0, "100%（2025年11月30日）"),)))
    label, figure = root.iter(f"{SVG}text")
    assert label.get("x") == figure.get("x") == "0" and float(figure.get("y")) > float(label.get("y"))
    very_long = "关于" + "非常" * 40 + "的建议"
    root = parse(Chart("c", "进度", (Bar(very_long, 0.3, "30%"),)))
    shown = next(root.iter(f"{SVG}text")).text
    assert shown.endswith("……") and len(shown) < len(very_long)
    assert very_long in root.find(f"{SVG}desc").text  # the whole label is still there to be read


def test_hostile_text_is_escaped():
    chart = Chart("c", "<script>alert(1)</script>", (Bar('"><img src=x onerror=alert(1)>', 0.2, "&amp;"),))
    root = parse(chart)
    assert root.find(f"{SVG}title").text == "<script>alert(1)</script>"
    assert "<img" not in str(chart.svg()) and "<script>" not in str(chart.svg())

"""The data-pagefind-* contract read from built pages."""

from __future__ import annotations

from pathlib import Path

from congress_site.search.extract import extract, url_for

PAGE = """<html lang="zh"><head><title>站名</title></head><body>
<nav>首页 栏目</nav>
<article data-pagefind-body>
  <h1>星桥街的<em>堵点</em>通了</h1>
  <p>张晓岚牵头议事，
  星桥街恢复通畅。</p>
  <span hidden data-pagefind-filter="类型">报道</span>
  <span data-pagefind-filter="地区:示例省示例市望舒区"></span>
  <time data-pagefind-sort="date[datetime]" datetime="2025-07-05">7月5日</time>
  <span data-pagefind-meta="weight:10"></span>
  <div data-pagefind-ignore>本文网址：https://example.gov.cn/</div>
  <div hidden>隐藏文字</div>
  <script>var x = "脚本";</script>
  <img src="a.jpg" alt="代表走访居民">
</article>
<footer>主办单位</footer></body></html>"""


def test_body_text_only_with_blocks_apart_and_soft_breaks_removed():
    record = extract(PAGE, "/stories/a/")
    assert record is not None
    assert "张晓岚牵头议事，星桥街恢复通畅。" in record.text  # the wrapped line is one sentence
    assert record.text.startswith("星桥街的堵点通了 ")  # inline <em> joins, the h1 block ends
    for absent in ("首页", "主办单位", "本文网址", "隐藏文字", "脚本", "报道"):
        assert absent not in record.text
    assert "代表走访居民" in record.text  # image alt text is content


def test_filters_meta_and_sort_in_all_three_forms():
    record = extract(PAGE, "/stories/a/")
    assert record.filters == {"类型": ["报道"], "地区": ["示例省示例市望舒区"]}
    assert record.sort == {"date": "2025-07-05"}
    assert record.meta == {"weight": "10"}
    assert record.title == "星桥街的堵点通了"


def test_page_without_body_is_not_indexed():
    assert extract("<html><body><h1>栏目列表</h1></body></html>", "/columns/x/") is None


def test_title_from_meta_beats_h1_and_falls_back_to_title_tag():
    page = '<html><head><title>标签页</title></head><body><div data-pagefind-body><p>正文</p></div></body></html>'
    assert extract(page, "/x/").title == "标签页"
    page = page.replace("<p>正文</p>", '<h1>大标题</h1><span data-pagefind-meta="title:短标题"></span>')
    assert extract(page, "/x/").title == "短标题"


def test_several_values_for_one_filter():
    page = ('<html><body><main data-pagefind-body>正文</main>'
            '<i data-pagefind-filter="地区">澜川</i><i data-pagefind-filter="地区">云麓</i>'
            '<i data-pagefind-filter="地区">澜川</i></body></html>')
    assert extract(page, "/x/").filters == {"地区": ["澜川", "云麓"]}


def test_url_for_directory_pages(tmp_path: Path):
    assert url_for(tmp_path / "index.html", tmp_path) == "/"
    assert url_for(tmp_path / "stories/a/index.html", tmp_path) == "/stories/a/"
    assert url_for(tmp_path / "404.html", tmp_path) == "/404.html"

from __future__ import annotations

from pathlib import Path

import pytest
from imagekit import two_tone
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from congress_site.images import ImagePipeline, rewrite_body_images


@pytest.fixture
def story(repo: Path) -> Path:
    for shade, name in enumerate(("a.jpg", "b.jpg", "c.png")):
        two_tone((1000, 700), left=(shade * 60, 0, 0)).save(repo / "stories" / "2025" / "images" / name)
    path = repo / "stories" / "2025" / "07-05-x.md"
    path.write_text("x", "utf-8")
    return path


def test_images_become_pictures_lazy_after_the_first(story: Path, pipeline: ImagePipeline) -> None:
    html = ('<h2 id="a">标题</h2>\n<p>开头<img alt="第一张" src="images/a.jpg" />中间</p>\n'
            '<p><img alt="第二张" src="images/b.jpg"></p>\n<p>结尾 &amp; <code>&lt;img&gt;</code></p>')
    out, findings = rewrite_body_images(html, story, pipeline, "stories/2025/07-05-x.md", base="../..")
    assert findings == []
    tree = HTMLParser(out)
    imgs = tree.css("picture > img")
    assert [i.attributes["alt"] for i in imgs] == ["第一张", "第二张"]
    assert "loading" not in imgs[0].attributes and imgs[1].attributes["loading"] == "lazy"
    assert all(i.attributes["src"].startswith("../../media/") for i in imgs)
    assert len(tree.css("img")) == 2  # the originals are gone
    # Everything around the images is byte-for-byte what the renderer wrote.
    assert out.startswith('<h2 id="a">标题</h2>\n<p>开头<picture>')
    assert out.endswith('</picture></p>\n<p>结尾 &amp; <code>&lt;img&gt;</code></p>')
    assert len(pipeline.outputs()) == 12


def test_missing_alt_is_reported_at_the_markdown_line(story: Path, pipeline: ImagePipeline) -> None:
    source = "第一段。\n\n![](images/a.jpg)\n\n第三段 ![ ](images/c.png)\n"
    html = '<p>第一段。</p>\n<p><img alt="" src="images/a.jpg" /></p>\n<p>第三段 <img alt=" " src="images/c.png" /></p>'
    out, findings = rewrite_body_images(html, story, pipeline, "stories/2025/07-05-x.md",
                                        source_text=source, line_offset=6)
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("image-alt-missing", 9, 5), ("image-alt-missing", 11, 10)]
    assert all(f.path == "stories/2025/07-05-x.md" and f.fix for f in findings)
    assert out.count("<picture>") == 2  # still shown, the finding fails a strict build


def test_bad_images_keep_their_tag_and_report(story: Path, pipeline: ImagePipeline, repo: Path) -> None:
    (repo / "stories" / "2025" / "images" / "fake.jpg").write_text("<html>not an image</html>")
    html = ('<p><img alt="a" src="../../../../etc/passwd"></p><p><img alt="b" src="images/none.jpg"></p>'
            '<p><img alt="c" src="images/fake.jpg"></p><p><img alt="d" src="https://cdn.example.com/x.jpg"></p>'
            '<p><img alt="e" src="images/a.jpg"></p>')
    out, findings = rewrite_body_images(html, story, pipeline, "s.md")
    assert [f.code for f in findings] == ["image-outside", "image-missing", "image-format", "image-outside"]
    assert out.count("<picture>") == 1
    # The one good image is the first to load, so it is not lazy.
    assert 'loading="lazy"' not in out


def test_title_becomes_a_figure_caption(story: Path, pipeline: ImagePipeline) -> None:
    html = '<p>前文</p>\n<p><img alt="代表走访" src="images/a.jpg" title="图为代表走访居民"></p>\n<p>后文</p>'
    out, findings = rewrite_body_images(html, story, pipeline, "s.md", require_caption=True)
    assert findings == []
    tree = HTMLParser(out)
    fig = tree.css_first("figure")
    assert fig.parent.tag == "body"  # the <p> was taken over, not left around the figure
    assert fig.css_first("figcaption").text() == "图为代表走访居民"
    assert out.startswith("<p>前文</p>\n<figure>") and out.endswith("</figure>\n<p>后文</p>")


def test_missing_caption_is_a_warning_only_when_asked(story: Path, pipeline: ImagePipeline) -> None:
    html = '<p><img alt="x" src="images/a.jpg"></p>'
    assert rewrite_body_images(html, story, pipeline, "s.md")[1] == []
    _, findings = rewrite_body_images(html, story, pipeline, "s.md", require_caption=True)
    assert [(f.code, str(f.severity)) for f in findings] == [("image-caption-missing", "warning")]


def test_existing_pictures_are_left_alone(story: Path, pipeline: ImagePipeline) -> None:
    html = '<picture><source srcset="x.webp"><img alt="x" src="x.jpg"></picture>'
    out, findings = rewrite_body_images(html, story, pipeline, "s.md")
    assert out == html and findings == []


def test_markdown_images_become_raw_tags_outside_code() -> None:
    from congress_site.images.site import mark_markdown_images

    src = ('段落 ![代表\\*走访](images/a b.png "图为\\"现场\\"") 和 `![代码](x.png)`，'
           "远程 ![远程](https://e.com/a.png)，绝对 ![根](/a.png)\n\n"
           "```\n![围栏](f.png)\n```\n\n    ![缩进](i.png)\n\n- 列表 ![列表图](<l 1.png>)\n"
           "![<b>](images/x.png 'q')\n")
    out = mark_markdown_images(src)
    assert '<img alt="代表*走访" src="images/a b.png" title="图为&quot;现场&quot;">' in out
    assert "`![代码](x.png)`" in out and "![远程](https://e.com/a.png)" in out and "![根](/a.png)" in out
    assert "```\n![围栏](f.png)\n```" in out and "    ![缩进](i.png)" in out
    assert '<img alt="列表图" src="l 1.png">' in out
    assert '<img alt="&lt;b&gt;" src="images/x.png" title="q">' in out
    assert out.count("<img") == 3

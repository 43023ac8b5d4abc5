"""The story-body allow-list: everything Markdown (with the site's
extensions) and the image pipeline produce survives untouched; everything
else is removed and each removal is reported at its line in the file."""

from __future__ import annotations

import markdown
import pytest
from selectolax.lexbor import LexborHTMLParser

from congress_site.sanitize import inventory, sanitize_body, sanitize_html

EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "footnotes", "md_in_html"]

BENIGN = """
# 一级标题

## 代表走访 {#visit}

正文有**加粗**、*强调*、`代码`、~~删除~~、上标^注^，以及[站内链接](../other/#part)、
[外部链接](https://www.npc.gov.cn/ "全国人大")、[邮件](mailto:office@example.gov.cn)和[锚点](#visit)。

![代表走访居民](images/visit.jpg "图为代表走访")

<img src="images/a.jpg" alt="图" width="800" height="600" loading="lazy" decoding="async"
     srcset="images/a-480.jpg 480w, images/a-800.jpg 800w" sizes="(max-width: 800px) 100vw, 800px">

> 引用的话。

1. 第一
2. 第二

- 甲
- 乙

| 左 | 中 | 右 |
|:---|:--:|---:|
| 1 | 2 | 3 |

```
代码块 <b>不是标签</b>
```

!!! note "提示"
    注意事项。

脚注在这里[^1]。

[^1]: 脚注内容。

---

<figure markdown>
  <picture><source type="image/webp" srcset="images/b-480.webp 480w" sizes="100vw">
  <img src="images/b.jpg" alt="图二" width="480" height="320"></picture>
  <figcaption>图注</figcaption>
</figure>
"""


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def shape(html: str) -> list[tuple[str, tuple]]:
    """Tags and attributes of a fragment, ignoring serialisation details."""
    tree = LexborHTMLParser(f"<body>{html}</body>")
    return [(n.tag, tuple(sorted((k, v or "") for k, v in n.attributes.items())))
            for n in tree.body.traverse() if n.tag not in ("-text", "body", "_text")]


def test_markdown_output_survives_untouched():
    html = render(BENIGN)
    assert 'class="footnote"' in html and 'class="admonition note"' in html and "text-align" in html
    assert inventory(html) == []
    clean, findings = sanitize_body(html, "stories/2025/07-05-x.md", BENIGN, 6)
    assert findings == []
    assert shape(clean) == shape(html)


@pytest.mark.parametrize("snippet, removed, kept", [
    ('<script>alert(1)</script>', "<script>", ""),
    ('<p onclick="x()">文字</p>', "onclick", "<p>文字</p>"),
    ('<a href="javascript:alert(1)">点</a>', "javascript:alert(1)", "<a>点</a>"),
    ('<a href="JaVaScRiPt:alert(1)">点</a>', "JaVaScRiPt", "<a>点</a>"),
    ('<a href="java&#x09;script:alert(1)">点</a>', "href", "<a>点</a>"),
    ('<a href="vbscript:x">点</a>', "vbscript", "<a>点</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">点</a>', "data:text/html", "<a>点</a>"),
    ('<img src="data:image/png;base64,AAAA" alt="图">', "data:image/png", '<img alt="图">'),
    ('<iframe src="https://evil.example/">后备文字</iframe>', "<iframe>", ""),
    ('<object data="x"></object><embed src="y">', "<object>", ""),
    ('<div style="position:fixed">盖住</div>', "style", "<div>盖住</div>"),
    ('<table><tr><td style="text-align:left;color:red">格</td></tr></table>', "style",
     "<table><tbody><tr><td>格</td></tr></tbody></table>"),
    ('<style>body{display:none}</style>', "<style>", ""),
    ('<svg onload="x()"><circle r="1"/></svg>', "<svg>", ""),
    ('<form action="https://evil/"><input name="x"></form>文字', "<form>", "文字"),
    ('<base href="https://evil/">', "<base>", ""),
    ('<meta http-equiv="refresh" content="0;url=https://evil/">', "<meta>", ""),
    ('<link rel="stylesheet" href="https://evil/x.css">', "<link>", ""),
    ('<div class="md-header">假页眉</div>', "md-header", "<div>假页眉</div>"),
    ('<img src="a.jpg" srcset="javascript:x 1x" alt="a">', "srcset", '<img src="a.jpg" alt="a">'),
    ('<a href="https://x/" target="_blank">外</a>', "target", '<a href="https://x/">外</a>'),
    ('<details open ontoggle="x()"><summary>开</summary>内</details>', "<details>", "开内"),
])
def test_hostile_markup_is_removed_and_reported(snippet, removed, kept):
    body = f"第一行\n\n{snippet}\n"
    clean, findings = sanitize_body(snippet, "stories/2025/07-05-x.md", body, 6)
    assert clean.strip() == kept
    assert findings, "a removal must be reported"
    assert all(f.code == "unsafe-html-removed" and f.path == "stories/2025/07-05-x.md" for f in findings)
    assert any(removed in f.message for f in findings), [f.message for f in findings]
    assert findings[0].line == 9            # line 3 of the body, which starts after line 6
    assert all(f.severity == "warning" for f in findings)


def test_each_kind_of_removal_is_reported_once():
    html = "<p onclick='a'>1</p><p onclick='b'>2</p><script>x</script><script>y</script>"
    _, findings = sanitize_body(html, "x.md")
    assert sorted(f.message.split(" ")[1] for f in findings) == ["<p>", "<script>"]


def test_markdown_link_with_script_url_is_neutralised():
    html = render("[点这里](javascript:alert(1)) [数据](data:text/html,x)")
    clean = sanitize_html(html)
    assert "javascript" not in clean and "data:" not in clean and "点这里" in clean


def test_attr_list_cannot_add_handlers_or_styles():
    html = render('段落\n{: onclick="alert(1)" style="color:red" }')
    assert "onclick" in html                 # Markdown lets it through ...
    clean, findings = sanitize_body(html, "x.md")
    assert "onclick" not in clean and "style" not in clean and "段落" in clean   # ... we do not
    assert len(findings) == 2

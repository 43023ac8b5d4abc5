"""A site whose every text field and story body carries hostile text: the
fixture of the built-site scan. Values avoid `<` and `>` where the model
refuses them (that refusal is tested by the corpus), so that these records
are published and their text reaches the templates."""

from __future__ import annotations

import json
from pathlib import Path

from sitekit import mkdocs_yml, write

JINJA = "{{ 7*191 }}"          # 1337 must never appear
JINJA_BLOCK = '{% include "main.html" %}'
HOSTILE_TEXT = [
    'javascript:alert(1)',
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "&lt;script&gt;alert(1)&lt;/script&gt; &#60;iframe&#62;",
    JINJA,
    JINJA_BLOCK,
    "${7*7} #{7*7} <%= 7*7 %>".replace("<", "＜").replace(">", "＞"),
    "expression(alert(1)); background:url(javascript:alert(1))",
]


def text(i: int, label: str) -> str:
    """A hostile value for one field: a Chinese label plus one payload."""
    return f"{label}{HOSTILE_TEXT[i % len(HOSTILE_TEXT)]}"


HOSTILE_BODY = f"""
## 小标题 {JINJA}

正文里的模板语法 {JINJA_BLOCK} 和 {{{{ config.site_name }}}} 都只是文字。

<script>alert("body")</script>

<img src="images/none.png" alt="坏图" onerror="alert(1)">

<a href="javascript:alert(1)">脚本链接</a> <a href="JaVaScRiPt:alert(7)">大小写</a>
<a href="&#106;avascript:alert(8)">实体编码</a> <a href="java&#x09;script:alert(9)">制表符</a>

[Markdown 脚本链接](javascript:alert(2)) [数据链接](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

<iframe src="https://evil.example/"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<div style="position:fixed;top:0;left:0;width:100%;height:100%">覆盖全页</div>
<p onmouseover="alert(3)">悬停段落</p>
<svg onload="alert(4)"><circle r="5"/></svg>
<style>body{{display:none}}</style>
<form action="https://evil.example/"><input name="x" onfocus="alert(1)" autofocus></form>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=javascript:alert(5)">
<link rel="stylesheet" href="https://evil.example/x.css">
<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="svg">
<details open ontoggle="alert(10)"><summary>展开</summary>内容</details>
<math><mtext><table><mglyph><style><img src=x onerror=alert(11)></style></mglyph></table></mtext></math>
<noscript><p title="</noscript><img src=x onerror=alert(12)>"></noscript>
<a href="https://example.com/" target="_blank" rel="opener">外部链接</a>

用属性列表加的处理器
{{: onclick="alert(6)" style="color:red" }}

| 表头 | 居中 | 右对齐 |
|:-----|:----:|------:|
| 甲 | 乙 | 丙 |

<!-- 注释里的 <script>alert(13)</script> -->

![跳出仓库](../../../../../../etc/hostname) ![绝对路径](/etc/hostname) ![脚本](javascript:alert(14))
![数据](data:text/html;base64,PHNjcmlwdD4=) ![外站](//evil.example/x.png) ![外站二](https://evil.example/y.png)
<img src="../../../../../../etc/passwd" alt="跳出仓库">
"""


def _dump(data: dict) -> str:
    return "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items()) + "\n"


def hostile_site(root: Path, with_body: bool = True) -> Path:
    mkdocs_yml(root)
    write(root / "content/columns.yml", "- " + json.dumps(
        {"id": "jiceng", "name": text(0, "栏目"), "description": text(1, "说明"), "editor": text(2, "责编"),
         "order": 1}, ensure_ascii=False) + "\n")
    # Places with hostile names, one per payload, under a hostile city.
    write(root / "content/regions.yml", "- " + json.dumps(
        {"id": "shi", "name": text(0, "市"), "children": [
            {"id": f"region-{i}", "name": text(i, "地区")} for i in range(len(HOSTILE_TEXT))]},
        ensure_ascii=False) + "\n")
    write(root / "content/stations/shiyuan.yml", _dump({
        "id": "shiyuan", "name": text(3, "联络站"), "type": "代表联络站", "region": "region-4",
        "address": text(5, "地址"), "hours": text(8, "开放"), "schedule": text(6, "安排"),
        "description": text(7, "介绍"), "phone": "0123-5550100", "messages": "https://example.gov.cn/liuyan/?a=1&b=2",
        "liaisons": [{"name": text(2, "联络员"), "role": text(1, "职务")}],
        "receptions": [{"weekday": 2, "start": "09:00", "end": "11:30"}]}))
    write(root / "profiles/zhao-mingyuan.yml", _dump({
        "id": "zhao-mingyuan", "name": text(5, "赵明远"), "levels": ["县（市、区）"], "term": text(1, "届"),
        "constituency": text(2, "选区"), "region": "region-3", "station": "shiyuan",
        "occupation": text(4, "职业"), "groups": [text(6, "小组"), text(0, "小组")], "bio": text(7, "简介"),
        "reception": text(8, "接待"), "duty": {"reception_days": 3}}))
    # A suggestion and a project whose every text field is hostile (names of
    # units and categories take only what a folder name may hold).
    write(root / "content/suggestions/2025.yml", "- " + json.dumps({
        "number": "1", "session": text(2, "会次") + "会议", "title": text(1, "建议"), "lead": "zhao-mingyuan",
        "category": "类别{{x}}", "unit": "单位{{x}}", "co_units": ["会办{{y}}"], "assigned": "2025-03-01",
        "status": "已办结", "answer": "A", "answered": "2025-05-01", "reply": text(3, "答复"),
        "satisfaction": "满意", "supervision": text(4, "督办"), "led_by": text(5, "领办")},
        ensure_ascii=False) + "\n")
    write(root / "content/projects/2025.yml", _dump({
        "vote": {"meeting": text(6, "会议"), "date": "2025-01-16", "attendance": 100},
        "evaluation": {"meeting": text(7, "测评"), "date": "2025-12-18", "attendance": 30},
        "candidates": [{"id": "xiangmu", "title": text(8, "项目"), "responsible": "责任单位{{x}}",
                        "target": text(0, "目标"), "votes": {"in_favour": 90, "against": 5, "abstain": 5},
                        "elected": True, "progress": [{"date": "2025-06-30", "percent": 50, "note": text(1, "进展")}],
                        "evaluation": {"satisfied": 20, "basic": 8, "unsatisfied": 2}}]}))
    write(root / "content/legislation/cunluo.yml", _dump({
        "id": "cunluo", "title": f"《保护条例{JINJA}》", "kind": text(2, "类型"), "body": text(3, "机关"),
        "summary": text(4, "摘要"), "origin": {"type": text(5, "来源"), "proposers": ["zhao-mingyuan"]},
        "stages": [{"stage": "立项", "date": "2024-01-10", "note": text(6, "备注")},
                   {"stage": "一审", "date": "2024-05-10"},
                   {"stage": "征求意见", "opens": "2026-11-01", "closes": "2026-12-31", "opinions": 3}]}))
    for i, payload in enumerate(HOSTILE_TEXT):
        meta = {
            "title": f"标题{payload}", "date": f"2025-07-{i + 1:02d}", "column": "jiceng",
            "authors": [text(i, "作者"), text(i + 1, "作者")],
            "region": f"region-{(i + 2) % len(HOSTILE_TEXT)}", "place": text(i + 5, "地点"),
            "representatives": ["zhao-mingyuan"], "legislation": ["cunluo"],
            "tags": ["联络站", "javascript（alert）" if i == 0 else f"标签{i}{{{{x}}}}"],
            "summary": text(i + 3, "摘要"), "source": text(i + 4, "来源"),
        }
        body = HOSTILE_BODY if with_body else "正文。\n"
        write(root / f"stories/2025/07-{i + 1:02d}-hostile-{i}.md", f"---\n{_dump(meta)}---\n{body}")
    # A cover whose alternative text and caption are hostile too.
    from PIL import Image

    (root / "stories/2025/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), (140, 28, 19)).save(root / "stories/2025/images/cover.png")
    write(root / "stories/2025/07-20-hostile-cover.md", "---\n" + _dump({
        "title": "有封面的稿件", "date": "2025-07-20", "column": "jiceng", "authors": ["通讯员"],
        "cover": "images/cover.png", "cover_alt": text(1, "封面说明"), "cover_caption": text(2, "图注")})
        + "---\n正文。\n")
    # No summary: feeds take the opening paragraph, here an unterminated tag.
    write(root / "stories/2025/07-21-hostile-opening.md", "---\n" + _dump({
        "title": "开头是半个标签", "date": "2025-07-21", "column": "jiceng", "authors": ["通讯员"]})
        + "---\n开头 <img src=x onerror=alert(1)\n")
    # Settings smuggled in through a story's front matter: refused, held back.
    write(root / "stories/2025/08-01-sets-template.md",
          "---\n" + _dump({"title": "想换模板", "date": "2025-08-01", "column": "jiceng", "authors": ["通讯员"],
                           "template": "404.html", "hide": ["navigation"], "extra_javascript": ["x.js"]})
          + "---\n正文。\n")
    return root

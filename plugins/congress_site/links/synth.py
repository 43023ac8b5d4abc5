"""A synthetic *built* site for measuring the link checker.

The pages imitate what Material for MkDocs writes for this project (head
assets, header, tabs, navigation, table of contents, a story body with
images, tags in Chinese, footer), about 25 KB and about 60 links each, so the
figure we measure is close to the real one without running a real build.

    python -m congress_site.links.synth DIR --pages 20000 [--seed 1] [--broken 0]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from urllib.parse import quote

COLUMNS = ["zhuren-bitan", "lilun-shijian", "daibiao-fengcai", "jiceng-chuanzhen", "lifa-jujiao",
           "zhoukan-zhuanti"]
TAGS = ["交通治理", "代表服务岗", "养老服务", "立法征求意见", "基层立法联系点", "乡村振兴", "民生实事",
        "生态环保", "法治宣传", "履职报告", "代表之家", "文明行为", "传统村落", "青年发展"]
# A Material icon is one long path; several sit inline on every page.
ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="'
        + "M12 2A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 2m0 2" * 6
        + '"/></svg>')
PARA = ("代表们走进联络站，面对面听取群众意见，把收集到的问题逐条登记、分类交办，"
        "并在一个月内回访办理结果。居民说，过去反映问题不知道找谁，现在有了固定的接待日。") * 6


def _page(rel_dir: str, title: str, body: str, toc: list[str], source: str | None,
          depth: int) -> str:
    up = "../" * depth
    head_meta = f'<meta name="congress:source" content="{source}">' if source else ""
    tabs = "".join(f'<li class="md-tabs__item"><a href="{up}columns/{c}/" class="md-tabs__link">栏目{i}</a></li>'
                   for i, c in enumerate(COLUMNS))
    nav = "".join(f'<li class="md-nav__item"><a href="{up}{p}" class="md-nav__link">{n}</a></li>'
                  for p, n in (("", "首页"), ("representatives/", "代表"), ("legislation/", "立法"),
                               ("stations/", "联络站"), ("tags/", "标签"), ("archive/", "归档"),
                               ("search/", "搜索"), ("about/", "关于")))
    toc_html = "".join(f'<li class="md-nav__item"><a href="#{t}" class="md-nav__link">{t}</a></li>'
                       for t in toc)
    return f"""<!doctype html>
<html lang="zh" class="no-js">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    {head_meta}
    <link rel="icon" href="{up}assets/images/favicon.png">
    <title>{title} - 人大代表履职</title>
    <link rel="stylesheet" href="{up}assets/stylesheets/main.css">
    <link rel="stylesheet" href="{up}assets/stylesheets/extra.css">
    <link rel="alternate" type="application/rss+xml" href="{up}feed.xml">
  </head>
  <body dir="ltr">
    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
    <label class="md-overlay" for="__drawer"></label>
    <div data-md-component="skip"><a href="#main" class="md-skip">跳转至</a></div>
    <header class="md-header" data-md-component="header">
      <nav class="md-header__inner md-grid" aria-label="页眉">
        <a href="{up}" title="人大代表履职" class="md-header__button md-logo">{ICON}</a>
        <label class="md-header__button md-icon" for="__drawer">{ICON}</label>
        <div class="md-header__title"><span class="md-ellipsis">{title}</span></div>
        <label class="md-header__button md-icon" for="__search">{ICON}</label>
        <div class="md-search" data-md-component="search" role="dialog">
          <form class="md-search__form" name="search"><input type="text" class="md-search__input"
            name="query" aria-label="搜索" placeholder="搜索"></form>
          <div class="md-search__output"><div class="md-search-result" data-md-component="search-result">
          <div class="md-search-result__meta">正在初始化搜索引擎</div></div></div>
        </div>
      </nav>
    </header>
    <div class="md-container" data-md-component="container">
      <nav class="md-tabs" aria-label="标签" data-md-component="tabs"><div class="md-grid">
        <ul class="md-tabs__list">{tabs}</ul></div></nav>
      <main class="md-main" data-md-component="main"><div class="md-main__inner md-grid">
        <div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation">
          <nav class="md-nav md-nav--primary" aria-label="导航"><ul class="md-nav__list">{nav}</ul></nav>
        </div>
        <div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc">
          <nav class="md-nav md-nav--secondary" aria-label="目录"><label class="md-nav__title" for="__toc">目录</label>
          <ul class="md-nav__list" data-md-component="toc">{toc_html}</ul></nav>
        </div>
        <div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset" id="main">
{body}
        </article></div>
      </div></main>
      <footer class="md-footer"><div class="md-footer-meta md-typeset"><div class="md-footer-meta__inner md-grid">
        <a href="{up}feed.xml">RSS</a> <a href="{up}atom.xml">Atom</a> <a href="{up}data/stories.json">开放数据</a>
        <a href="{up}about/#contact">联系我们</a> <a href="https://www.npc.gov.cn/">全国人大网</a>
        <div class="md-copyright">{ICON * 6}</div>
      </div></div></footer>
    </div>
    <script src="{up}assets/javascripts/bundle.js"></script>
    <script src="{up}assets/javascripts/extra.js"></script>
  </body>
</html>
"""


def generate(root: Path, pages: int = 2000, seed: int = 1, broken: int = 0) -> dict:
    """Write about `pages` HTML pages under `root`. `broken` links of each
    kind are planted at random; returns what was written and planted."""
    rnd = random.Random(seed)
    n_profiles = max(2, pages // 10)
    n_columns = len(COLUMNS)
    col_pages = max(1, pages // 25 // n_columns)
    n_stories = max(2, pages - n_profiles - n_columns * col_pages - len(TAGS) - 8)
    slugs = [f"{2020 + i % 6}-{i:05d}-story" for i in range(n_stories)]
    pids = [f"daibiao-{i:04d}" for i in range(n_profiles)]
    for rel in ("assets/stylesheets/main.css", "assets/stylesheets/extra.css",
                "assets/javascripts/bundle.js", "assets/javascripts/extra.js",
                "assets/images/favicon.png", "feed.xml", "atom.xml", "data/stories.json"):
        _write(root / rel, "/* asset */")
    planted: list[tuple[str, str]] = []
    plant_at = set(rnd.sample(range(n_stories), min(broken, n_stories)))
    count = 0

    def emit(rel_dir: str, title: str, body: str, toc: list[str], source: str | None) -> None:
        nonlocal count
        depth = rel_dir.count("/") + 1
        _write(root / rel_dir / "index.html", _page(rel_dir, title, body, toc, source, depth))
        count += 1

    for i, slug in enumerate(slugs):
        up = "../../"
        heads = [f"h-{k}" for k in range(6)]
        other = slugs[(i * 7 + 3) % n_stories]
        ps = rnd.sample(pids, 2)
        tags = rnd.sample(TAGS, 3)
        img = f"{up}stories/{slug}/images/cover"
        _write(root / "stories" / slug / "images" / "cover.jpg", "jpg")
        _write(root / "stories" / slug / "images" / "cover-640.webp", "webp")
        parts = [f'<h1 id="title">第 {i} 号稿件</h1>',
                 f'<figure><img src="{img}.jpg" srcset="{img}-640.webp 640w, {img}.jpg 1280w" '
                 f'alt="封面" loading="lazy"></figure>']
        for k, h in enumerate(heads):
            parts.append(f'<h2 id="{h}">小标题 {k}<a class="headerlink" href="#{h}" title="永久链接">¶</a></h2>')
            parts.append(f"<p>{PARA}</p>")
        parts.append("<p>" + "、".join(f'<a href="{up}profiles/{p}/">代表{p}</a>' for p in ps) + "</p>")
        parts.append("<p>" + " ".join(f'<a href="{up}tags/{quote(t)}/">{t}</a>' for t in tags) + "</p>")
        parts.append(f'<p><a href="{up}stories/{other}/#h-2">相关报道</a> '
                     f'<a href="{up}legislation/">立法进展</a> '
                     f'<a href="https://www.npc.gov.cn/npc/c{i}.html">外部链接</a> '
                     f'<a href="mailto:rd@example.gov.cn">来信</a></p>')
        related = [slugs[(i * 13 + k) % n_stories] for k in range(1, 7)]
        parts.append('<aside class="related"><h3 id="related">相关稿件</h3><ul>'
                     + "".join(f'<li><a href="{up}stories/{r}/">{r}</a></li>' for r in related)
                     + "</ul></aside>")
        prev_slug, next_slug = slugs[i - 1], slugs[(i + 1) % n_stories]
        parts.append(f'<nav class="md-footer__inner"><a href="{up}stories/{prev_slug}/">上一篇</a>'
                     f'<a href="{up}stories/{next_slug}/">下一篇</a></nav>')
        if i in plant_at:
            kind = rnd.choice(["page", "anchor", "image"])
            if kind == "page":
                parts.append(f'<a href="{up}stories/no-such-{i}/">坏链接</a>')
            elif kind == "anchor":
                parts.append(f'<a href="{up}stories/{other}/#no-such">坏锚点</a>')
            else:
                parts.append(f'<img src="{up}images/missing-{i}.png" alt="缺图">')
            planted.append((f"stories/{slug}/index.html", kind))
        emit(f"stories/{slug}", f"第 {i} 号稿件", "\n".join(parts), heads,
             f"stories/{slug[:4]}/{slug}.md")

    for p in pids:
        linked = rnd.sample(slugs, min(8, n_stories))
        body = (f'<h1 id="name">代表 {p}</h1><img src="../../profiles/{p}/photo.jpg" alt="照片">'
                + "<ul>" + "".join(f'<li><a href="../../stories/{s}/">{s}</a></li>' for s in linked)
                + "</ul>")
        _write(root / "profiles" / p / "photo.jpg", "jpg")
        emit(f"profiles/{p}", f"代表 {p}", body, ["name"], f"profiles/{p}.yml")

    for c in COLUMNS:
        for page in range(1, col_pages + 1):
            rel = f"columns/{c}" if page == 1 else f"columns/{c}/page/{page}"
            up = "../" * rel.count("/") + "../"
            items = rnd.sample(slugs, min(20, n_stories))
            body = "<ul>" + "".join(f'<li><a href="{up}stories/{s}/">{s}</a></li>' for s in items) + "</ul>"
            if page < col_pages:
                body += f'<a href="{up}columns/{c}/page/{page + 1}/">下一页</a>'
            emit(rel, f"栏目 {c}", body, [], None)

    for t in TAGS:
        items = rnd.sample(slugs, min(20, n_stories))
        body = "<ul>" + "".join(f'<li><a href="../../stories/{s}/">{s}</a></li>' for s in items) + "</ul>"
        emit(f"tags/{t}", t, body, [], None)
    for rel in ("representatives", "legislation", "stations", "tags", "archive", "search"):
        emit(rel, rel, "<p>索引页</p>", [], None)
    emit("about", "关于", '<h2 id="contact">联系我们</h2>', ["contact"], "content/about.md")
    _write(root / "index.html", _page("", "首页", "<p>首页</p>", [], "content/index.md", 0))
    count += 1
    return {"pages": count, "planted": planted}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成用于测速的合成站点（已构建的 HTML）")
    ap.add_argument("dir", type=Path)
    ap.add_argument("--pages", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--broken", type=int, default=0)
    args = ap.parse_args(argv)
    info = generate(args.dir, args.pages, args.seed, args.broken)
    print(f"写入 {info['pages']} 个页面，埋入 {len(info['planted'])} 个坏链接")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

"""One synthetic site, drawn from one seed, written in the three forms the
measurements need:

- `generate`: the sources of a site (mkdocs.yml, records, stories, optional
  body images) that the plugin builds, and beside them its *floor*: the same
  pages as plain Markdown for plain Material, so a build can be compared
  with what MkDocs itself costs for that many pages;
- `search_pages` (and `search_floor`): finished story pages carrying the
  theme's data-pagefind contract, so the search index is measured alone,
  and the same stories as a plain Material project with its own search;
- `built_site`: pages shaped like what Material writes for this project,
  with a chosen number of broken links planted, for the link checker.

Everything is drawn from one `random.Random(seed)` through `Draw`: the same
seed writes the same bytes (the only machine-dependent text is the theme
folder's path). Prose comes in two registers: `report`, sentences in the
style of local 人大 reporting that pass the copy checker, and `dictionary`,
words sampled from jieba's dictionary by frequency with key phrases planted
(many distinct bigrams: the hard case for a search index's size).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

from congress_site.findings import CongressError, Finding
from congress_site.model.vocab import LEVELS

from . import vocab as v
from .institution import meetings_and_oversight

# Stories are dated before this day, so none is held back by the embargo.
TODAY = dt.date(2026, 1, 1)
FIRST_DAY = dt.date(2016, 1, 1)
DEFAULTS = {"stories": 10_000, "profiles": 2_000, "legislation": 300, "stations": 100}
FLOOR_DIR = "floor"

FEATURES = ["navigation.tabs", "navigation.top", "navigation.footer", "content.tooltips"]
MARKDOWN_EXTENSIONS = [{"toc": {"permalink": False}}, "tables", "attr_list", "admonition", "footnotes",
                       "md_in_html"]
ABOUT = "# 关于本站\n\n本站为基准测试生成的合成站点，人物和事件均为虚构。\n"


@dataclass
class Generated:
    root: Path
    floor: Path | None
    counts: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    text_chars: int = 0


def repo_theme_dir() -> Path:
    """The project's theme folder: this package is installed editable from
    bench/ of the same repository, whose root holds theme/."""
    return Path(__file__).resolve().parents[2] / "theme"


def _yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@functools.cache
def _dictionary() -> tuple[list[str], list[float]]:
    """jieba's dictionary as (words, cumulative weights): Han words of up to
    four characters, frequencies flattened so more distinct words appear."""
    import jieba

    words, weights = [], []
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) < 2 or not parts[0] or len(parts[0]) > 4:
            continue
        if not all("\u4e00" <= ch <= "\u9fff" for ch in parts[0]):
            continue
        words.append(parts[0])
        weights.append(float(parts[1]) ** 0.75)
    total, acc, cum = sum(weights), 0.0, []
    for w in weights:
        acc += w / total
        cum.append(acc)
    return words, cum


class Draw:
    """Every random choice of one synthetic site."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.names: dict[str, str] = {}
        self.stations_in: dict[str, list[dict]] = {}

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def fill(self, pattern: str, ctx: dict) -> str:
        return pattern.format(k=self.rng.randint(2, 11), n=self.rng.randint(3, 60), m=self.rng.randint(50, 2000), **ctx)

    # ---------------------------------------------------------- records

    def stations(self, count: int) -> list[dict]:
        """A tree: every 25th station is a 代表之家, the 工作站 hang from the
        latest one, the rest from the latest 工作站."""
        out: list[dict] = []
        home = branch = None
        for i in range(count):
            _, short, region = self.pick(v.REGIONS)
            kind, kind_py = v.STATION_KINDS[0] if i % 25 == 0 else self.pick(v.STATION_KINDS[1:])
            street = self.pick(v.STREETS)
            rule = {"weekday": self.rng.randint(1, 5)} if self.rng.random() < 0.7 else {"monthday": self.rng.randint(1, 28)}
            sid = f"{kind_py}-{i + 1:04d}"
            parent = None if kind == "代表之家" else (home if kind == "代表工作站" else branch or home)
            out.append({k: val for k, val in {
                "id": sid,
                "name": f"{short}{street}{kind}",
                "type": kind,
                "parent": parent,
                "region": region,
                "address": f"{short}{street}街道便民服务中心",
                "schedule": "每周接待群众，具体安排以公告为准。",
                "receptions": [{**rule, "start": "09:00", "end": "11:30"}],
                "phone": f"0123-{5550000 + i:07d}",
                "description": f"{short}{street}街道各级人大代表联系群众的固定场所。",
            }.items() if val is not None})
            if kind == "代表之家":
                home, branch = sid, None
            elif kind == "代表工作站":
                branch = sid
        for record in out:
            self.stations_in.setdefault(record["region"], []).append(record)
        return out

    def profiles(self, count: int, stations: list[dict]) -> list[dict]:
        out, seen = [], {}
        for _ in range(count):
            (sur, sur_py), (g1, g1_py) = self.pick(v.SURNAMES), self.pick(v.GIVEN)
            given, given_py = (g1, g1_py)
            if self.rng.random() < 0.7:
                g2, g2_py = self.pick(v.GIVEN)
                if g2 != g1:  # 志志 reads as a typo to the copy checker
                    given, given_py = g1 + g2, g1_py + g2_py
            base = f"{sur_py}-{given_py}"
            seen[base] = seen.get(base, 0) + 1
            pid = base if seen[base] == 1 else f"{base}-{seen[base]}"   # namesakes get distinct ids
            station = self.pick(stations) if stations else None
            topic = self.pick(v.TOPICS)[0]
            levels = sorted({self.pick(LEVELS[2:]), *([LEVELS[1]] if self.rng.random() < 0.1 else [])},
                            key=LEVELS.index)
            record = {
                "id": pid, "name": sur + given, "levels": levels,
                "term": self.pick(("第十五届", "第十六届", "第十七届")),
                "region": station["region"] if station else self.pick(v.REGIONS)[2],
                "station": station["id"] if station else None,
                "occupation": self.pick(v.OCCUPATIONS),
                "groups": sorted({self.pick(v.GROUPS) for _ in range(self.rng.randint(0, 2))}),
                "bio": f"长期关注{topic}，在联络站接待群众，围绕群众关心的问题提出建议。",
                "reception": "每月第一个工作日上午在联络站接待群众",
                "duty": self._duty(),
            }
            out.append({k: val for k, val in record.items() if val is not None})
        self.names.update((p["id"], p["name"]) for p in out)
        return out

    def _duty(self) -> dict:
        # Profiles no longer hold suggestions (they are year files now); the
        # draws that made them stay, so a seed gives the same site as before.
        for _ in self.rng.sample(v.TOPICS, self.rng.randint(0, 4)):
            self.rng.randint(2018, 2025), self.pick(v.STATUSES), self.pick(v.SATISFACTION)
        return {"reception_days": self.rng.randint(0, 40), "visits": self.rng.randint(0, 120)}

    def legislation(self, count: int, profiles: list[dict]) -> list[dict]:
        order = ("立项", "起草", "征求意见", "一审", "二审", "三审", "表决通过", "批准", "公布", "施行")
        out = []
        for i in range(count):
            _, short, region_py = self.pick(v.REGIONS)
            topic, topic_py = self.pick(v.TOPICS)
            day = FIRST_DAY + dt.timedelta(days=self.rng.randrange(0, 3300))
            stages = []
            for stage in order[: self.rng.randint(1, len(order))]:
                if stage == "征求意见":
                    stages.append({"stage": stage, "opens": day, "closes": day + dt.timedelta(days=30),
                                   "opinions": self.rng.randint(10, 2000)})
                    day += dt.timedelta(days=30)
                else:
                    stages.append({"stage": stage, "date": day})
                day += dt.timedelta(days=self.rng.randint(20, 150))
            proposers = ([self.pick(profiles)["id"] for _ in range(self.rng.randint(1, 3))]
                         if profiles and self.rng.random() < 0.3 else [])
            out.append({
                "id": f"{region_py}-{topic_py}-{i + 1:04d}",
                "title": f"《{short}{topic}{self.pick(v.LAW_SUFFIXES)}》",
                "kind": "地方性法规",
                "body": f"{short}人大常委会",
                "origin": {"type": "代表议案" if proposers else "常委会立项", "proposers": sorted(set(proposers))},
                "stages": stages,
            })
        return out

    def story(self, i: int, profiles: list[dict], laws: list[dict], stations: list[dict],
              image: bool = False) -> tuple[str, str, str | None]:
        """(relative path, file text, relative path of its body image or
        None) of story number `i`."""
        rng = self.rng
        _, short, region = self.pick(v.REGIONS)
        topic, topic_py = self.pick(v.TOPICS)
        column = self.pick(v.COLUMNS)[0]
        date = FIRST_DAY + dt.timedelta(days=rng.randrange((TODAY - FIRST_DAY).days))
        # A few representatives are in the news far more often than others.
        reps = sorted({profiles[int(len(profiles) * rng.random() ** 1.5)]["id"]
                       for _ in range(rng.randint(0, 3))}) if profiles else []
        law = self.pick(laws) if laws and (column == "lifa-jujiao" or rng.random() < 0.15) else None
        nearby = self.stations_in.get(region) or stations
        station = self.pick(nearby)["name"] if nearby else f"{short}代表联络站"
        rep_name = self.names.get(reps[0]) if reps else None
        ctx = {"region": short, "rep": f"{rep_name}代表" if rep_name else "当地人大代表", "station": station,
               "topic": topic, "law": law["title"] if law else f"《{short}{topic}条例》"}
        slug = f"{topic_py}-{i + 1:05d}"
        summary, opening = rng.sample(v.OPENINGS, 2)  # the lead never repeats the first sentence
        tags = sorted({topic, *(self.pick(v.EXTRA_TAGS) for _ in range(rng.randint(0, 2)))})
        meta = {
            "title": self.fill(self.pick(v.TITLES), ctx),
            "date": date,
            "column": column,
            "authors": [f"{short}人大常委会通讯员"],
            "region": region,
            "representatives": reps,
            "legislation": [law["id"]] if law else [],
            "tags": tags,
            "summary": self.fill(summary, ctx),
            "source": f"{self.pick(v.SOURCES)}{date.year}年{date.month}月{date.day}日",
            "draft": False,
        }
        body = self.report(ctx, rng.randint(800, 3000), opening)
        image_rel = None
        if image:
            image_rel = f"images/{slug}.jpg"
            first, rest = body.split("\n\n", 1)
            body = f"{first}\n\n![{station}的接待日]({image_rel})\n\n{rest}"
        path = f"stories/{date.year}/{date.month:02d}-{date.day:02d}-{slug}.md"
        return path, f"---\n{_yaml(meta)}---\n\n{body}", image_rel

    # ------------------------------------------------------------ prose

    def report(self, ctx: dict, target: int, opening: str) -> str:
        """Paragraphs under a few headings until about `target` characters;
        no sentence twice (the copy checker flags repeats)."""
        used: set[str] = set()
        parts = [self.fill(opening, ctx) + self.sentence(ctx, used)]
        size = len(parts[0])
        headings = list(v.HEADINGS)
        self.rng.shuffle(headings)
        while size < target - 80:
            if len(parts) % 4 == 1 and headings:
                parts.append(f"## {headings.pop()}")
            paragraph = "".join(self.sentence(ctx, used) for _ in range(self.rng.randint(3, 6)))
            parts.append(paragraph)
            size += len(paragraph)
        parts.append(self.fill(self.pick(v.CLOSINGS), ctx))
        return "\n\n".join(parts) + "\n"

    def sentence(self, ctx: dict, used: set[str]) -> str:
        for _ in range(50):
            pattern = self.pick(v.BODY)
            text = self.fill(pattern, ctx)
            if self.rng.random() < 0.6 and not pattern.startswith(("今年", "在", "“", "从", "{rep}")):
                text = self.pick(v.CONNECTIVES) + text
            if text not in used:
                break
        used.add(text)
        return text

    def words(self, count: int) -> list[str]:
        words, cum = _dictionary()
        return self.rng.choices(words, cum_weights=cum, k=count)

    def dictionary_sentence(self) -> str:
        n = self.rng.randint(6, 16)
        words = self.words(n)
        if self.rng.random() < 0.25:
            words.insert(self.rng.randrange(len(words) + 1), self.pick(v.KEY_PHRASES))
        cut = self.rng.randrange(2, n) if n > 4 else None
        if cut:
            words.insert(cut, "，")
        return "".join(words) + "。"

    def dictionary_paragraphs(self, chars: int) -> list[str]:
        paragraphs, size = [], 0
        while size < chars:
            p = "".join(self.dictionary_sentence() for _ in range(self.rng.randint(3, 6)))
            paragraphs.append(p)
            size += len(p)
        return paragraphs

    def indexed_story(self, i: int) -> dict:
        """A story for the search measurements, in dictionary prose. Years
        cycle through ten (story i is from 2016 + i % 10), so a test knows
        which years, and so which shards, exist."""
        rng = self.rng
        date = f"{2016 + i % 10}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = "".join(self.words(rng.randint(3, 6)))
        if rng.random() < 0.3:
            title = self.pick(v.KEY_PHRASES) + title
        return {"slug": f"s{i:05d}", "title": title, "date": date, "column": self.pick(v.COLUMNS)[1],
                "region": self.pick(v.REGIONS)[0], "body": self.dictionary_paragraphs(rng.randint(1500, 3000))}

    # ----------------------------------------------------------- images

    def photo(self, path: Path, size: tuple[int, int] = (1600, 1067)) -> None:
        """A JPEG with the smooth areas and edges of a photo (gradients and
        shapes), so the image pipeline's encoders work as on real covers."""
        from PIL import Image, ImageDraw

        w, h = size
        top, bottom = [tuple(self.rng.randint(40, 220) for _ in range(3)) for _ in range(2)]
        column = Image.linear_gradient("L").resize((1, h))
        im = Image.composite(Image.new("RGB", (1, h), bottom), Image.new("RGB", (1, h), top), column).resize((w, h))
        draw = ImageDraw.Draw(im)
        for _ in range(12):
            x, y = self.rng.randrange(w), self.rng.randrange(h)
            r = self.rng.randint(h // 20, h // 4)
            fill = tuple(self.rng.randint(0, 255) for _ in range(3))
            (draw.ellipse if self.rng.random() < 0.5 else draw.rectangle)((x - r, y - r, x + r, y + r), fill=fill)
        path.parent.mkdir(parents=True, exist_ok=True)
        im.save(path, "JPEG", quality=88)


# ------------------------------------------------- the site's sources

def _site_config(theme_dir: Path) -> dict:
    return {
        "site_name": "人大代表履职网（基准测试站）",
        "site_url": "https://example.gov.cn/",
        "site_description": "代表履职故事、人大代表信息与地方立法进程",
        "docs_dir": "content",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": {
            "name": "material", "custom_dir": str(theme_dir), "language": "zh", "font": False,
            "favicon": "assets/images/emblem.svg", "logo": "assets/images/emblem.svg",
            "palette": {"primary": "custom", "accent": "custom"}, "features": FEATURES,
        },
        "extra_css": ["assets/stylesheets/congress.css"],
        "extra_javascript": ["assets/javascripts/congress.js"],
        # Search is indexed as its own step of the benchmark, so that the
        # build is compared with and without it against the floor. The
        # browser CMS (/admin/) is left out: the floor has no counterpart.
        "plugins": [{"congress": {"today": TODAY.isoformat(), "search": False, "cms": False}}],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "validation": {"omitted_files": "info", "absolute_links": "warn", "unrecognized_links": "warn",
                       "anchors": "warn", "nav": {"omitted_files": "ignore", "not_found": "warn"}},
        "extra": {"generator": False, "social": []},
    }


def _floor_config(nav: list) -> dict:
    return {
        "site_name": "人大代表履职网（基准测试底线）",
        "site_url": "https://example.gov.cn/",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "zh", "font": False, "features": FEATURES},
        # No plugins at all: Material's own search would otherwise be added.
        "plugins": [],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        # The same small navigation the congress plugin sets, so the floor
        # does not pay for a sidebar listing every page either.
        "nav": nav,
        "validation": {"omitted_files": "info", "nav": {"omitted_files": "ignore"}},
        "extra": {"generator": False},
    }


def generate(root: Path, stories: int = DEFAULTS["stories"], profiles: int = DEFAULTS["profiles"],
             legislation: int = DEFAULTS["legislation"], stations: int = DEFAULTS["stations"],
             seed: int = 1, floor: bool = True, images: int = 0, theme_dir: Path | None = None,
             institution: bool = True) -> Generated:
    """Write a synthetic site into `root` (which must be empty or absent) and,
    unless `floor` is false, its floor into `root/floor`. `images` stories,
    spread evenly over the archive, carry one body photo each. `institution`:
    ten years of meetings and oversight (institution.py) beside the records."""
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise CongressError(Finding(str(root), 1, 1, "bench-dir-not-empty", f"目录“{root}”不是空的",
                                    "请指定一个新目录，或先删除旧的基准测试站点"))
    theme_dir = (theme_dir or repo_theme_dir()).resolve()
    if not (theme_dir / "main.html").is_file():
        raise CongressError(Finding(str(theme_dir), 1, 1, "bench-theme-missing", f"找不到主题目录“{theme_dir}”",
                                    "请用 --theme-dir 指定项目的 theme/ 目录"))
    draw = Draw(seed)
    station_records = draw.stations(stations)
    profile_records = draw.profiles(profiles, station_records)
    law_records = draw.legislation(legislation, profile_records)

    _write(root / "mkdocs.yml", "# 基准测试用的合成站点：由 congress-bench generate 生成，内容为虚构。\n"
           + _yaml(_site_config(theme_dir)))
    _write(root / "content/columns.yml", _yaml([
        {"id": cid, "name": name, "description": desc, "editor": "本刊编辑部", "order": n + 1}
        for n, (cid, name, desc) in enumerate(v.COLUMNS)]))
    _write(root / "content/regions.yml", _yaml([{"id": "hecheng-sheng", "name": "合成省", "children": [
        {"id": py, "name": short} for _, short, py in dict.fromkeys(v.REGIONS)]}]))
    for record in station_records:
        _write(root / "content/stations" / f"{record['id']}.yml", _yaml(record))
    for record in profile_records:
        _write(root / "profiles" / f"{record['id']}.yml", _yaml(record))
    for record in law_records:
        _write(root / "content/legislation" / f"{record['id']}.yml", _yaml(record))
    meeting_records, oversight_records = (meetings_and_oversight(seed, FIRST_DAY, TODAY, law_records, profile_records)
                                          if institution else ([], []))
    for record in meeting_records:
        _write(root / "content/meetings" / f"{record['id']}.yml", _yaml(record))
    for record in oversight_records:
        _write(root / "content/oversight" / f"{record['id']}.yml", _yaml(record))
    _write(root / "content/about.md", ABOUT)
    with_image = {i * stories // images for i in range(images)} if images and stories else set()
    chars = 0
    for i in range(stories):
        rel, text, image = draw.story(i, profile_records, law_records, station_records, image=i in with_image)
        _write(root / rel, text)
        if image:
            draw.photo((root / rel).parent / image)
        chars += len(text)

    result = Generated(root, None, {"stories": stories, "profiles": profiles, "legislation": legislation,
                                    "stations": stations, "images": len(with_image),
                                    "meetings": len(meeting_records), "oversight": len(oversight_records)},
                       text_chars=chars)
    if floor:
        result.floor, result.pages = write_floor(root, root / FLOOR_DIR)
    return result


_IMAGE = re.compile(r"!\[[^\]]*\]\((images/[^)\s]+)\)")


def write_floor(site_root: Path, floor_root: Path) -> tuple[Path, int]:
    """The floor of a generated site: one plain Markdown page for every page
    the plugin generates, at the same path, with the story text (and its
    images) for stories."""
    from congress_site.model import load_repository
    from congress_site.pages import routes
    from congress_site.pages.plan import plan_site
    from congress_site.pages.types import StoryPage
    from congress_site.settings import load_settings

    settings, _ = load_settings(site_root / "mkdocs.yml")
    repo = load_repository(settings.layout, settings.today)
    if repo.errors():
        raise CongressError(repo.errors()[:20])
    specs = list(plan_site(repo, settings).pages.values())
    docs = floor_root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for spec in specs:
        if isinstance(spec, StoryPage):
            text = f"# {spec.title}\n\n{spec.markdown}"
            for rel in _IMAGE.findall(spec.markdown):
                target = (docs / spec.src_uri).parent / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile((site_root / spec.source).parent / rel, target)
        else:
            text = f"# {spec.title}\n\n本页是基准测试的底线页面，对应生成站点中的同名页面。\n"
        _write(docs / spec.src_uri, text)
    _write(docs / "about.md", ABOUT)
    columns = [{c.name: routes.src_uri(routes.column(c.id))} for c in repo.columns.values()]
    nav = [{"首页": "index.md"}, {"栏目": columns},
           {"人大代表": routes.src_uri(routes.REPRESENTATIVES)}, {"立法进程": routes.src_uri(routes.TRACKER)},
           {"联络站": routes.src_uri(routes.STATIONS)}]
    # The plugin's menu shows these sections only when there are records.
    if repo.meetings:
        nav.append({"会议": routes.src_uri(routes.MEETINGS)})
    if repo.oversight:
        nav.append({"监督工作": routes.src_uri(routes.OVERSIGHT)})
    nav.append({"关于本站": "about.md"})
    _write(floor_root / "mkdocs.yml", "# 基准测试的底线：纯 Material，无插件、无搜索，页面数与生成站点相同。\n"
           + _yaml(_floor_config(nav)))
    return floor_root, len(specs) + 1


# ------------------------------------------------ pages for the search

SEARCH_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{title} - 人大代表履职网</title></head>
<body><header><nav>首页 栏目 人大代表 立法进程 联络站</nav></header>
<main><article data-pagefind-body>
<h1>{title}</h1><p><time datetime="{date}">{date}</time> {region}</p>
<span hidden data-pagefind-filter="类型">报道</span><span hidden data-pagefind-filter="栏目">{column}</span>
<span hidden data-pagefind-filter="地区">{region}</span><span hidden data-pagefind-filter="年份">{year}</span>
<span hidden data-pagefind-sort="date">{date}</span>
{paras}
</article></main><footer>人大常委会主办</footer></body></html>
"""


def search_pages(site: Path, stories: int, seed: int = 1) -> list[dict]:
    """Write `stories` finished story pages under `site/stories/` with the
    theme's data-pagefind-* contract (so indexing is measured without a
    build); returns the stories for `search_floor`."""
    draw = Draw(seed)
    drawn = [draw.indexed_story(i) for i in range(stories)]
    for s in drawn:
        paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in s["body"])
        _write(site / "stories" / s["slug"] / "index.html",
               SEARCH_PAGE.format(title=html.escape(s["title"]), date=s["date"], region=s["region"],
                                  column=s["column"], year=s["date"][:4], paras=paras))
    return drawn


def search_floor(root: Path, stories: list[dict]) -> None:
    """The same stories as a plain Material project with its own search."""
    docs = root / "docs"
    _write(docs / "index.md", "# 首页\n")
    for s in stories:
        _write(docs / "stories" / f"{s['slug']}.md",
               f"# {s['title']}\n\n{s['date']} {s['region']}\n\n" + "\n\n".join(s["body"]) + "\n")
    _write(root / "mkdocs.yml",
           "site_name: 基准测试\nsite_url: https://example.gov.cn/\n"
           "theme: {name: material, language: zh, font: false}\n"
           "plugins: [search]\nvalidation: {nav: {omitted_files: ignore}}\n")


# -------------------------------------------- a built site for links

# A Material icon is one long path; several sit inline on every page.
ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="'
        + "M12 2A10 10 0 0 0 2 12a10 10 0 0 0 10 10 10 10 0 0 0 10-10A10 10 0 0 0 12 2m0 2" * 6
        + '"/></svg>')
BUILT_ASSETS = ("assets/stylesheets/main.css", "assets/stylesheets/extra.css", "assets/javascripts/bundle.js",
                "assets/javascripts/extra.js", "assets/images/favicon.png", "feed.xml", "atom.xml",
                "data/stories.json")
BROKEN_KINDS = ("page", "anchor", "image")


def _built_page(title: str, body: str, toc: list[str], source: str | None, depth: int) -> str:
    """One page as Material writes it for this project (head assets, header,
    tabs, navigation, table of contents, footer): about 25 KB and about 60
    links with a story body, so the link checker's figures are close to a
    real build's without running one."""
    up = "../" * depth
    head_meta = f'<meta name="congress:source" content="{source}">' if source else ""
    tabs = "".join(f'<li class="md-tabs__item"><a href="{up}columns/{cid}/" class="md-tabs__link">{name}</a></li>'
                   for cid, name, _ in v.COLUMNS)
    nav = "".join(f'<li class="md-nav__item"><a href="{up}{p}" class="md-nav__link">{n}</a></li>'
                  for p, n in (("", "首页"), ("representatives/", "代表"), ("legislation/", "立法"),
                               ("stations/", "联络站"), ("tags/", "标签"), ("archive/", "归档"),
                               ("search/", "搜索"), ("about/", "关于")))
    toc_html = "".join(f'<li class="md-nav__item"><a href="#{t}" class="md-nav__link">{t}</a></li>' for t in toc)
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


def built_site(root: Path, pages: int = 2000, seed: int = 1, broken: int = 0) -> dict:
    """Write about `pages` built HTML pages under `root`: stories (with a
    cover image and its srcset), profiles, paginated columns, tags and the
    index pages, linking each other as the real site does. `broken` stories
    get one broken link each (a missing page, anchor or image, drawn at
    random). Returns {"pages": written, "planted": [(page path, kind)]}."""
    draw = Draw(seed)
    rng = draw.rng
    tags = [topic for topic, _ in v.TOPICS[:14]]
    n_profiles = max(2, pages // 10)
    col_pages = max(1, pages // 25 // len(v.COLUMNS))
    n_stories = max(2, pages - n_profiles - len(v.COLUMNS) * col_pages - len(tags) - 8)
    slugs = [f"{draw.pick(v.TOPICS)[1]}-{i + 1:05d}" for i in range(n_stories)]
    years = [2016 + i % 10 for i in range(n_stories)]
    pids = [p["id"] for p in draw.profiles(n_profiles, [])]
    # One paragraph of report prose under each heading of a story, as long
    # as a real one's, drawn once: the checker's cost is in the markup.
    ctx = {"region": "示例区", "rep": "当地人大代表", "station": "代表联络站", "topic": "社区治理",
           "law": "《示例市文明行为促进条例》"}
    prose = [p for p in draw.report(ctx, 3000, v.OPENINGS[0]).split("\n\n") if not p.startswith("## ")]
    for rel in BUILT_ASSETS:
        _write(root / rel, "/* asset */")
    planted: list[tuple[str, str]] = []
    plant_at = set(rng.sample(range(n_stories), min(broken, n_stories)))
    count = 0

    def emit(rel_dir: str, title: str, body: str, toc: list[str], source: str | None) -> None:
        nonlocal count
        depth = rel_dir.count("/") + 1
        _write(root / rel_dir / "index.html", _built_page(title, body, toc, source, depth))
        count += 1

    for i, slug in enumerate(slugs):
        up = "../../"
        heads = [f"h-{k}" for k in range(6)]
        other = slugs[(i * 7 + 3) % n_stories]
        img = f"{up}stories/{slug}/images/cover"
        _write(root / "stories" / slug / "images" / "cover.jpg", "jpg")
        _write(root / "stories" / slug / "images" / "cover-640.webp", "webp")
        parts = [f'<h1 id="title">第{i}号稿件</h1>',
                 f'<figure><img src="{img}.jpg" srcset="{img}-640.webp 640w, {img}.jpg 1280w" '
                 f'alt="封面" loading="lazy"></figure>']
        for k, h in enumerate(heads):
            parts.append(f'<h2 id="{h}">小标题{k}<a class="headerlink" href="#{h}" title="永久链接">¶</a></h2>')
            parts.append(f"<p>{prose[k % len(prose)]}</p>")
        parts.append("<p>" + "、".join(f'<a href="{up}profiles/{p}/">{draw.names[p]}</a>'
                                       for p in rng.sample(pids, 2)) + "</p>")
        parts.append("<p>" + " ".join(f'<a href="{up}tags/{quote(t)}/">{t}</a>' for t in rng.sample(tags, 3))
                     + "</p>")
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
            kind = draw.pick(BROKEN_KINDS)
            if kind == "page":
                parts.append(f'<a href="{up}stories/no-such-{i}/">坏链接</a>')
            elif kind == "anchor":
                parts.append(f'<a href="{up}stories/{other}/#no-such">坏锚点</a>')
            else:
                parts.append(f'<img src="{up}images/missing-{i}.png" alt="缺图">')
            planted.append((f"stories/{slug}/index.html", kind))
        emit(f"stories/{slug}", f"第{i}号稿件", "\n".join(parts), heads, f"stories/{years[i]}/01-01-{slug}.md")

    for p in pids:
        linked = rng.sample(slugs, min(8, n_stories))
        body = (f'<h1 id="name">{draw.names[p]}</h1><img src="../../profiles/{p}/photo.jpg" alt="照片">'
                + "<ul>" + "".join(f'<li><a href="../../stories/{s}/">{s}</a></li>' for s in linked) + "</ul>")
        _write(root / "profiles" / p / "photo.jpg", "jpg")
        emit(f"profiles/{p}", draw.names[p], body, ["name"], f"profiles/{p}.yml")

    for cid, name, _ in v.COLUMNS:
        for page in range(1, col_pages + 1):
            rel = f"columns/{cid}" if page == 1 else f"columns/{cid}/page/{page}"
            up = "../" * rel.count("/") + "../"
            items = rng.sample(slugs, min(20, n_stories))
            body = "<ul>" + "".join(f'<li><a href="{up}stories/{s}/">{s}</a></li>' for s in items) + "</ul>"
            if page < col_pages:
                body += f'<a href="{up}columns/{cid}/page/{page + 1}/">下一页</a>'
            emit(rel, name, body, [], None)

    for t in tags:
        items = rng.sample(slugs, min(20, n_stories))
        body = "<ul>" + "".join(f'<li><a href="../../stories/{s}/">{s}</a></li>' for s in items) + "</ul>"
        emit(f"tags/{t}", t, body, [], None)
    for rel in ("representatives", "legislation", "stations", "tags", "archive", "search"):
        emit(rel, rel, "<p>索引页</p>", [], None)
    emit("about", "关于", '<h2 id="contact">联系我们</h2>', ["contact"], "content/about.md")
    _write(root / "index.html", _built_page("首页", "<p>首页</p>", [], "content/index.md", 0))
    count += 1
    return {"pages": count, "planted": planted}

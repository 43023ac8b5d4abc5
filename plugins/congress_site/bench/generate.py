"""A synthetic site at a chosen size, and its "floor": the same pages as
plain Markdown for plain Material, so a build can be compared with what
MkDocs itself costs for that many pages.

Everything is drawn from one `random.Random(seed)`: the same seed writes the
same bytes (the only machine-dependent text is the theme folder's path).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..findings import CongressError, Finding
from . import vocab as v

# Stories are dated before this day, so none is held back by the embargo.
TODAY = dt.date(2026, 1, 1)
FIRST_DAY = dt.date(2016, 1, 1)
DEFAULTS = {"stories": 10_000, "profiles": 2_000, "legislation": 300, "stations": 100}
FLOOR_DIR = "floor"

FEATURES = ["navigation.tabs", "navigation.top", "navigation.footer", "content.tooltips"]
MARKDOWN_EXTENSIONS = [{"toc": {"permalink": False}}, "tables", "attr_list", "admonition", "footnotes",
                       "md_in_html"]


@dataclass
class Generated:
    root: Path
    floor: Path | None
    counts: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    text_chars: int = 0


def repo_theme_dir() -> Path:
    """The project's theme folder (the package is installed editable from
    plugins/, so the theme sits two levels above the package)."""
    return Path(__file__).resolve().parents[3] / "theme"


def _yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


class _Writer:
    """Draws records from the vocabulary; one instance per generated site."""

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
        out = []
        for i in range(count):
            region, short, _ = self.pick(v.REGIONS)
            level, kind, kind_py = v.STATION_KINDS[0] if i % 25 == 0 else self.pick(v.STATION_KINDS[1:])
            street = self.pick(v.STREETS)
            rule = {"weekday": self.rng.randint(1, 5)} if self.rng.random() < 0.7 else {"monthday": self.rng.randint(1, 28)}
            out.append({
                "id": f"{kind_py}-{i + 1:04d}",
                "name": f"{short}{street}{kind}",
                "level": level,
                "region": region,
                "address": f"{short}{street}街道便民服务中心",
                "schedule": "每周接待群众，具体安排以公告为准。",
                "receptions": [{**rule, "start": "09:00", "end": "11:30"}],
                "description": f"{short}{street}街道各级人大代表联系群众的固定场所。",
            })
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
            levels = sorted({self.pick(("市", "区", "县", "乡镇")), *(["省"] if self.rng.random() < 0.1 else [])},
                            key=("全国", "省", "市", "区", "县", "乡镇").index)
            record = {
                "id": pid, "name": sur + given, "levels": levels,
                "term": self.pick(("第十五届", "第十六届", "第十七届")),
                "region": station["region"] if station else self.pick(v.REGIONS)[0],
                "station": station["id"] if station else None,
                "occupation": self.pick(v.OCCUPATIONS),
                "groups": sorted({self.pick(v.GROUPS) for _ in range(self.rng.randint(0, 2))}),
                "bio": f"长期关注{topic}，在联络站接待群众，围绕群众关心的问题提出建议。",
                "reception": "每月第一个工作日上午在联络站接待群众",
                "duty": {
                    "suggestions": [
                        {"title": f"关于加强{t}工作的建议", "year": self.rng.randint(2018, 2025),
                         "status": self.pick(v.STATUSES), "satisfaction": self.pick(v.SATISFACTION)}
                        for t, _ in self.rng.sample(v.TOPICS, self.rng.randint(0, 4))
                    ],
                    "reception_days": self.rng.randint(0, 40),
                    "visits": self.rng.randint(0, 120),
                },
            }
            out.append({k: val for k, val in record.items() if val is not None})
        return out

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

    def story(self, i: int, profiles: list[dict], laws: list[dict], stations: list[dict]) -> tuple[str, str]:
        """(relative path, file text) of story number `i`."""
        rng = self.rng
        region, short, _ = self.pick(v.REGIONS)
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
        body = self.body(ctx, rng.randint(800, 3000), opening)
        path = f"stories/{date.year}/{date.month:02d}-{date.day:02d}-{slug}.md"
        return path, f"---\n{_yaml(meta)}---\n\n{body}"

    def body(self, ctx: dict, target: int, opening: str) -> str:
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


# ---------------------------------------------------------------- sites

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
        # build is compared with and without it against the floor.
        "plugins": [{"congress": {"today": TODAY.isoformat(), "search": False}}],
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
             seed: int = 1, floor: bool = True, theme_dir: Path | None = None) -> Generated:
    """Write a synthetic site into `root` (which must be empty or absent) and,
    unless `floor` is false, its floor into `root/floor`."""
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise CongressError(Finding(str(root), 1, 1, "bench-dir-not-empty", f"目录“{root}”不是空的",
                                    "请指定一个新目录，或先删除旧的基准测试站点"))
    theme_dir = (theme_dir or repo_theme_dir()).resolve()
    if not (theme_dir / "main.html").is_file():
        raise CongressError(Finding(str(theme_dir), 1, 1, "bench-theme-missing", f"找不到主题目录“{theme_dir}”",
                                    "请用 --theme-dir 指定项目的 theme/ 目录"))
    w = _Writer(seed)
    station_records = w.stations(stations)
    profile_records = w.profiles(profiles, station_records)
    w.names = {p["id"]: p["name"] for p in profile_records}
    for record in station_records:
        w.stations_in.setdefault(record["region"], []).append(record)
    law_records = w.legislation(legislation, profile_records)

    _write(root / "mkdocs.yml", "# 基准测试用的合成站点：由 congress bench generate 生成，内容为虚构。\n"
           + _yaml(_site_config(theme_dir)))
    _write(root / "content/columns.yml", _yaml([
        {"id": cid, "name": name, "description": desc, "editor": "本刊编辑部", "order": n + 1}
        for n, (cid, name, desc) in enumerate(v.COLUMNS)]))
    for record in station_records:
        _write(root / "content/stations" / f"{record['id']}.yml", _yaml(record))
    for record in profile_records:
        _write(root / "profiles" / f"{record['id']}.yml", _yaml(record))
    for record in law_records:
        _write(root / "content/legislation" / f"{record['id']}.yml", _yaml(record))
    _write(root / "content/about.md", "# 关于本站\n\n本站为基准测试生成的合成站点，人物和事件均为虚构。\n")
    chars = 0
    for i in range(stories):
        rel, text = w.story(i, profile_records, law_records, station_records)
        _write(root / rel, text)
        chars += len(text)

    result = Generated(root, None, {"stories": stories, "profiles": profiles, "legislation": legislation,
                                    "stations": stations}, text_chars=chars)
    if floor:
        result.floor, result.pages = write_floor(root, root / FLOOR_DIR)
    return result


def write_floor(site_root: Path, floor_root: Path) -> tuple[Path, int]:
    """The floor of a generated site: one plain Markdown page for every page
    the plugin generates, at the same path, with the story text for stories."""
    from ..model import Layout, load_repository
    from ..pages import routes
    from ..pages.plan import plan_site
    from ..pages.types import StoryPage
    from ..settings import Options, make_settings

    layout = Layout.default(site_root)
    repo = load_repository(layout, TODAY)
    if repo.errors():
        raise CongressError(repo.errors()[:20])
    specs = list(plan_site(repo, make_settings(site_root, "content", "site", Options())).pages.values())
    docs = floor_root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for spec in specs:
        if isinstance(spec, StoryPage):
            text = f"# {spec.title}\n\n{spec.markdown}"
        else:
            text = f"# {spec.title}\n\n本页是基准测试的底线页面，对应生成站点中的同名页面。\n"
        _write(docs / spec.src_uri, text)
    _write(docs / "about.md", "# 关于本站\n\n本站为基准测试生成的合成站点，人物和事件均为虚构。\n")
    columns = [{c.name: routes.src_uri(routes.column(c.id))} for c in repo.columns.values()]
    nav = [{"首页": "index.md"}, {"栏目": columns},
           {"人大代表": routes.src_uri(routes.REPRESENTATIVES)}, {"立法进程": routes.src_uri(routes.TRACKER)},
           {"联络站": routes.src_uri(routes.STATIONS)}, {"关于本站": "about.md"}]
    _write(floor_root / "mkdocs.yml", "# 基准测试的底线：纯 Material，无插件、无搜索，页面数与生成站点相同。\n"
           + _yaml(_floor_config(nav)))
    return floor_root, len(specs) + 1

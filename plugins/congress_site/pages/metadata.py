"""What each page says about itself to search engines and share cards: its
own description, OpenGraph and schema.org structured data (JSON-LD).

Each page type knows its description and its structured data here; the
theme only prints `PageMeta` (partials/cx-head.html). Descriptions come from
the records (a story's summary, a law's summary, a column's description)
or are written from the page's facts, so no two pages share one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import singledispatch
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from ..model import Profile
from ..model.vocab import LEVEL_SHORT, level_label
from . import routes
from .identity import SiteIdentity
from .institution import (
    AppointmentsPage,
    MeetingPage,
    MeetingsPage,
    OversightListPage,
    OversightPage,
)
from .network import StationPage, StationPrintPage, StationsPage
from .types import (
    ArchivePage,
    ColumnPage,
    DirectoryPage,
    HomePage,
    LegislationPage,
    ListingPage,
    Page,
    ProfilePage,
    SearchPage,
    StoryPage,
    TagsPage,
    TrackerPage,
)

# A description longer than this is cut (search engines show about 120
# characters of Chinese); records may give up to 200.
DESCRIPTION_CLIP = 150
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
# Authors named like these are offices, not people.
_ORGANISATION = re.compile(r"(委员会|常委会|办公室|人大|政府|局|站|中心|社|部|处|科|报|网)$")


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str | None  # absolute; None when the site has no site_url
    image: str | None  # absolute URL of the page's cover or photo
    og_type: str
    data: dict[str, Any] | None  # schema.org, as JSON-LD

    @property
    def jsonld(self) -> str | None:
        """The structured data for a `<script type="application/ld+json">`:
        `<`, `>` and `&` are escaped, so no text can close the script."""
        if self.data is None:
            return None
        text = json.dumps(self.data, ensure_ascii=False, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_meta(page: Page, site: SiteIdentity, image: str | None = None) -> PageMeta:
    """`image`: the site-relative path of the page's published cover or photo."""
    image_url = site.absolute(image) if image else None
    og_type = "article" if isinstance(page, StoryPage) else "profile" if isinstance(page, ProfilePage) else "website"
    title = site.name if isinstance(page, HomePage) and site.name else page.title
    return PageMeta(title=title, description=clip(describe(page, site)), url=site.absolute(page.url),
                    image=image_url, og_type=og_type, data=structured_data(page, site, image_url))


def hand_page_meta(title: str, url: str, html: str, site: SiteIdentity, description: str | None = None) -> PageMeta:
    """A hand-written page: its front matter's `description`, else its first paragraph."""
    text = description or _first_paragraph(html) or f"{site.name}：{title}。"
    return PageMeta(title=title, description=clip(text), url=site.absolute(url), image=None, og_type="website",
                    data=None)


def clip(text: str, limit: int = DESCRIPTION_CLIP) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 2].rstrip("，、；：,; ") + "……"


def _page_no(page: Page) -> str:
    pager = getattr(page, "pager", None)
    return f"（第{pager.number}页）" if pager is not None and pager.number > 1 else ""


# ------------------------------------------------------------ descriptions

@singledispatch
def describe(page: Page, site: SiteIdentity) -> str:
    return f"{site.name}：{page.title}。"


@describe.register
def _(page: StoryPage, site: SiteIdentity) -> str:
    story = page.story
    column = f"{page.story_column.name}栏目" if page.story_column else ""
    return story.summary or _markdown_excerpt(story.body) or f"{column}稿件《{story.title}》，{story.date.isoformat()}。"


@describe.register
def _(page: ColumnPage, site: SiteIdentity) -> str:
    column = page.own_column
    text = column.description or f"{site.name}“{column.name}”栏目的稿件。"
    return f"{text}{_page_no(page)}"


@describe.register
def _(page: ListingPage, site: SiteIdentity) -> str:
    if page.label == "标签":
        return f"标签“{page.heading}”下的稿件，共{page.total}篇{_page_no(page)}。"
    return f"{page.heading}发布的稿件，共{page.total}篇{_page_no(page)}。"


@describe.register
def _(page: TagsPage, site: SiteIdentity) -> str:
    return f"{site.name}稿件的全部{len(page.tags)}个标签，按稿件多少排列。"


@describe.register
def _(page: ArchivePage, site: SiteIdentity) -> str:
    years = [y for y, _ in page.years]
    span = f"{min(years)}年至{max(years)}年" if years else "历年"
    return f"{site.name}{span}的稿件，按年份和栏目归档。"


@describe.register
def _(page: ProfilePage, site: SiteIdentity) -> str:
    profile = page.profile
    line = f"{profile.name}，{_job_title(profile)}"
    if profile.occupation:
        line += f"，{profile.occupation}"
    if page.station:
        line += f"，进{page.station.name}"
    line += "。"
    if profile.bio:
        line += re.split(r"(?<=[。！？])", profile.bio, maxsplit=1)[0]
    return line


@describe.register
def _(page: DirectoryPage, site: SiteIdentity) -> str:
    part = f"（第{page.pager.number}页，共{page.pager.count}页）" if page.pager.count > 1 else ""
    return f"{site.name}人大代表名录{part}：共{page.total}名代表，按姓名拼音排列，可按代表层级、联络站和专业小组查找。"


@describe.register
def _(page: StationPage, site: SiteIdentity) -> str:
    station = page.station
    text = f"{station.name}（{station.type}）" + (f"，地址：{station.address}" if station.address else "") + "。"
    return text + (station.description or station.schedule or f"共有{len(page.members)}名代表进站。")


@describe.register
def _(page: StationPrintPage, site: SiteIdentity) -> str:
    return f"{page.station.name}的代表码打印页：张贴在联络站，群众扫码即可查看进站代表。"


@describe.register
def _(page: StationsPage, site: SiteIdentity) -> str:
    return f"{site.name}的{page.total}个代表联络站点（{page.counts_text}）：地址、接待时间、电话和进站代表。"


@describe.register
def _(page: LegislationPage, site: SiteIdentity) -> str:
    record = page.record
    return record.summary or f"{record.title}（{record.kind}，{record.body}）的立法进程，当前：{page.status}。"


@describe.register
def _(page: TrackerPage, site: SiteIdentity) -> str:
    part = f"（第{page.pager.number}页，共{page.pager.count}页）" if page.pager.count > 1 else ""
    return f"{page.total}部地方性法规从立项、审议到施行的进程{part}，以及正在征求意见的草案。"


@describe.register
def _(page: HomePage, site: SiteIdentity) -> str:
    return site.description or f"{site.name}：代表履职故事、人大代表、地方立法进程和代表联络站。"


@describe.register
def _(page: SearchPage, site: SiteIdentity) -> str:
    return f"在{site.name}搜索稿件、人大代表、法规和联络站。"


@describe.register
def _(page: MeetingsPage, site: SiteIdentity) -> str:
    count = sum(len(items) for _, items in page.years)
    return f"{page.place}人民代表大会及其常委会的{count}次会议：会期、地点、议程、审议的法规、公告和人事任免。"


@describe.register
def _(page: MeetingPage, site: SiteIdentity) -> str:
    m = page.meeting
    text = m.summary or f"{page.title}于{_zh_date(m.date)}在{m.place}举行。"
    if not m.summary and page.agenda:
        text += f"议程{len(page.agenda)}项" + (f"，审议法规{len(page.laws)}部" if page.laws else "") + "。"
    return text


@describe.register
def _(page: AppointmentsPage, site: SiteIdentity) -> str:
    return f"{site.name}：常委会会议通过的人事任免名单，按年份排列，共{page.total}人次。"


@describe.register
def _(page: OversightListPage, site: SiteIdentity) -> str:
    done, total = page.totals.get("已整改", 0), sum(page.totals.values())
    return f"常委会的{len(page.rows)}项监督工作：执法检查、专项工作报告审议等，发现问题{total}个，已整改{done}个。"


@describe.register
def _(page: OversightPage, site: SiteIdentity) -> str:
    o = page.record
    if o.summary:
        return o.summary
    text = f"{o.title}。"
    if o.issues:
        p = page.progress
        text += f"发现问题{len(o.issues)}个：已整改{p['已整改']}个，整改中{p['整改中']}个，未整改{p['未整改']}个。"
    return text


def _zh_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ------------------------------------------------------- structured data

@singledispatch
def structured_data(page: Page, site: SiteIdentity, image: str | None) -> dict | None:
    return None


def _context(kind: str, **fields: Any) -> dict:
    return {"@context": "https://schema.org", "@type": kind, **{k: v for k, v in fields.items() if v}}


def _publisher(site: SiteIdentity) -> dict:
    return {k: v for k, v in {"@type": "GovernmentOrganization", "name": site.publisher, "url": site.url}.items() if v}


@structured_data.register
def _(page: StoryPage, site: SiteIdentity, image: str | None) -> dict:
    story = page.story
    return _context(
        "NewsArticle", headline=story.title, description=clip(describe(page, site)),
        datePublished=story.date.isoformat(), dateModified=(page.lastmod or story.date).isoformat(),
        author=[{"@type": "Organization" if _ORGANISATION.search(a) else "Person", "name": a} for a in story.authors],
        publisher=_publisher(site), image=[image] if image else None,
        mainEntityOfPage=site.absolute(page.url), url=site.absolute(page.url),
        articleSection=page.story_column.name if page.story_column else None,
        keywords=story.tags or None, inLanguage="zh-CN",
    )


@structured_data.register
def _(page: ProfilePage, site: SiteIdentity, image: str | None) -> dict:
    profile = page.profile
    return _context(
        "Person", name=profile.name, jobTitle=_job_title(profile),
        memberOf=[{"@type": "GovernmentOrganization", "name": _congress(level, page.region_names)}
                  for level in profile.levels],
        affiliation={"@type": "CivicStructure", "name": page.station.name,
                     "url": site.absolute(routes.station(page.station.id))} if page.station else None,
        image=image, url=site.absolute(page.url), description=clip(describe(page, site)),
    )


@structured_data.register
def _(page: LegislationPage, site: SiteIdentity, image: str | None) -> dict:
    record = page.record
    reached = {s.stage: s for s in record.reached(page.today)}
    adopted = next((reached[s] for s in ("表决通过", "批准", "公布") if s in reached), None)
    if "废止" in reached:
        force = "https://schema.org/NotInForce"
    elif "施行" in reached:
        force = "https://schema.org/InForce"
    else:  # a draft, or passed and not yet in force
        force = "https://schema.org/NotInForce"
    return _context(
        "Legislation", name=record.title, legislationType=record.kind,
        legislationLegalForce=force,
        # A draft has neither: the law is dated and passed by its adoption.
        legislationDate=adopted.when.isoformat() if adopted else None,
        legislationPassedBy={"@type": "GovernmentOrganization", "name": record.body} if adopted else None,
        legislationJurisdiction={"@type": "AdministrativeArea", "name": _jurisdiction(record.body)},
        dateModified=page.lastmod.isoformat() if page.lastmod else None,
        url=site.absolute(page.url), description=clip(describe(page, site)), inLanguage="zh-CN",
    )


@structured_data.register
def _(page: MeetingPage, site: SiteIdentity, image: str | None) -> dict:
    m = page.meeting
    organizer = "人民代表大会" if m.kind == "人民代表大会会议" else "人民代表大会常务委员会"
    return _context(
        "Event", name=page.title, startDate=m.date.isoformat(), endDate=m.last_day.isoformat(),
        eventAttendanceMode="https://schema.org/OfflineEventAttendanceMode",
        eventStatus="https://schema.org/EventScheduled",
        location={"@type": "Place", "name": m.place},
        organizer={"@type": "GovernmentOrganization", "name": f"{page.place}{organizer}"},
        url=site.absolute(page.url), description=clip(describe(page, site)), inLanguage="zh-CN",
    )


@structured_data.register
def _(page: OversightPage, site: SiteIdentity, image: str | None) -> dict:
    o = page.record
    return _context(
        "Report", name=page.title, about=page.law_title,
        author=_publisher(site) or None, dateModified=page.lastmod.isoformat() if page.lastmod else None,
        url=site.absolute(page.url), description=clip(describe(page, site)), inLanguage="zh-CN",
        keywords=[o.kind],
    )


@structured_data.register
def _(page: HomePage, site: SiteIdentity, image: str | None) -> dict:
    footer = site.footer
    address = {"@type": "PostalAddress", "streetAddress": footer.address, "postalCode": footer.postcode,
               "addressCountry": "CN"} if footer.address else None
    return _context("GovernmentOrganization", name=site.publisher, url=site.url,
                    description=clip(describe(page, site)), address=address, telephone=footer.phone)


@structured_data.register
def _(page: StationPage, site: SiteIdentity, image: str | None) -> dict | None:
    if isinstance(page, StationPrintPage):
        return None
    station = page.station
    hours = [f"{WEEKDAYS[r.weekday - 1]} {r.start}-{r.end}" for r in station.receptions if r.weekday]
    address = {"@type": "PostalAddress", "streetAddress": station.address, "addressRegion": page.region_name or None,
               "addressCountry": "CN"} if station.address else None
    parent = page.chain[-1] if page.chain else None
    return _context("CivicStructure", name=station.name, address=address, openingHours=hours or None,
                    telephone=page.reach.phone.display if page.reach.phone else None,
                    containedInPlace={"@type": "CivicStructure", "name": parent.name,
                                      "url": site.absolute(routes.station(parent.id))} if parent else None,
                    url=site.absolute(page.url), description=clip(describe(page, site)))


# ---------------------------------------------------------------- helpers

def _job_title(profile: Profile) -> str:
    return level_label(profile.levels) + "人大代表"


# The endings of the places whose congress a representative of each level
# sits in: a 县级市 ends in 市 like a 设区的市, so 市 counts for a county only
# below the city.
_SEATS = {"省（自治区、直辖市）": ("省", "自治区"), "设区的市（自治州）": ("市", "州", "盟"),
          "县（市、区）": ("县", "区", "旗", "市"), "乡镇": ("乡", "镇")}


def _congress(level: str, places: list[str]) -> str:
    """The 人民代表大会 a representative sits in, named from the regions of
    the profile, top first (示例市, 望舒区 and 县（市、区） → 望舒区人民代表大会)."""
    if level == "全国":
        return "全国人民代表大会"
    found = [p for p in places if p.endswith(_SEATS[level])]
    if level == "设区的市（自治州）":
        found = found[:1]
    elif level == "县（市、区）":
        city = next((p for p in places if p.endswith(_SEATS["设区的市（自治州）"])), None)
        found = [p for p in found if p != city]
    return f"{found[-1]}人民代表大会" if found else f"{LEVEL_SHORT[level]}人民代表大会"


def _jurisdiction(body: str) -> str:
    """示例市人大常委会 → 示例市: the area a body's laws apply in."""
    for ending in ("人民代表大会常务委员会", "人大常委会", "人民代表大会", "人大", "人民政府"):
        if body.endswith(ending) and len(body) > len(ending):
            return body[: -len(ending)]
    return body


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"[*_`>#]|<[^>]+>")


def _markdown_excerpt(body: str) -> str:
    """The first paragraph of a Markdown body as plain text."""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block.startswith(("#", "!", "|", "```", "~~~", "<", "- ", "* ", "1.")):
            continue
        text = _MD_MARK.sub("", _MD_LINK.sub(r"\1", block)).strip()
        if text:
            return text
    return ""


def _first_paragraph(html: str) -> str:
    if not html or "<p" not in html:
        return ""
    for p in LexborHTMLParser(html).css("p"):
        text = p.text(separator="", strip=True)
        if text:
            return text
    return ""

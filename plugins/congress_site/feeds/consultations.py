"""The RSS feed of /legislation/consultations/: an item when a draft is put
out for comment, and another when the feedback on it is published, so a
subscriber hears of both the call and the answer."""

from __future__ import annotations

from feedgen.feed import FeedGenerator

from .. import __version__
from ..model import Repository
from ..model.consultation import Consultation, all_consultations
from ..pages import routes
from ..pages.helpers import date_zh
from .site import absolute, published_at

LANGUAGE = "zh-CN"


def channels_text(c: Consultation) -> str:
    ch = c.channels
    if ch is None:
        return "欢迎通过所在地代表联络站提出意见和建议。"
    parts = []
    if ch.online:
        parts.append(f"网上提交：{ch.online}")
    if ch.email:
        parts.append(f"电子邮件：{ch.email}")
    if ch.post:
        parts.append(f"信函：{ch.post.address}{ch.post.recipient or ''}，邮编{ch.post.postcode}")
    if ch.phone:
        parts.append(f"电话：{ch.phone}")
    if ch.fax:
        parts.append(f"传真：{ch.fax}")
    if c.stations:
        parts.append("代表联络站：" + "、".join(s.name for s in c.stations))
    return "提出意见的方式——" + "；".join(parts) + "。"


def build_consultations_feed(repo: Repository, base: str, site_name: str, limit: int) -> bytes:
    """Items for windows that have opened (newest first) and for published
    feedback; coming windows are not news yet."""
    today = repo.today
    items = []
    for c in all_consultations(repo):
        if c.opens > today:
            continue
        url = absolute(base, routes.legislation(c.record.id))
        title = f"{c.record.title}公开征求意见"
        text = (f"{c.record.body}就{c.record.title}公开征求意见，时间为{date_zh(c.opens)}至{date_zh(c.closes)}。"
                + channels_text(c))
        items.append((c.opens, f"{url}#{c.anchor}", title, text, url))
        fb = c.feedback
        when = (fb.date or c.closes) if fb else None
        if fb and when <= today:
            text = (f"共收到意见建议{c.received}条，采纳{fb.adopted}条，部分采纳{fb.partly_adopted}条，"
                    f"未采纳{fb.not_adopted}条。{fb.summary}")
            items.append((when, f"{url}#{c.anchor}-feedback", f"{c.record.title}征求意见采纳情况", text,
                          f"{url}#{c.anchor}"))
    items.sort(key=lambda i: (i[0], i[1]), reverse=True)
    items = items[:max(1, int(limit))]

    fg = FeedGenerator()
    page = absolute(base, routes.CONSULTATIONS)
    fg.id(page)
    fg.title(f"法规草案征求意见 - {site_name}")
    fg.subtitle(f"{site_name}：法规草案公开征求意见和意见采纳情况")
    fg.language(LANGUAGE)
    fg.generator("congress-site", version=__version__)
    fg.link(href=absolute(base, routes.CONSULTATIONS_FEED), rel="self")
    fg.link(href=page, rel="alternate")
    # Updated = the newest item, never the wall clock: rebuilds are identical.
    newest = published_at(items[0][0] if items else today)
    fg.lastBuildDate(newest)
    fg.updated(newest)
    for day, guid, title, text, link in items:
        fe = fg.add_entry(order="append")
        fe.id(guid)
        fe.guid(guid, permalink=False)
        fe.title(title)
        fe.link(href=link)
        fe.published(published_at(day))
        fe.updated(published_at(day))
        fe.description(text)
    return fg.rss_str(pretty=True)

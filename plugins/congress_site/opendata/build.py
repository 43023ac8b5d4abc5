"""Everything under /data/, the calendar and robots.txt, as site-relative
path → bytes for the MkDocs adapter to write."""

from __future__ import annotations

from ..feeds.site import absolute, base_url
from ..model import Repository
from ..pages import routes
from . import duty, institution, legislation, popolo, stories
from .calendar import build_calendar
from .models import FILES, Meta
from .schemas import dumps, dumps_records, schema, schema_path

CALENDAR_NAME = "代表接待日、征求意见和会议"


def data_path(name: str) -> str:
    return f"{routes.DATA}{name}.json"


def build_open_data(repo: Repository, site_url: str, site_name: str = "") -> dict[str, bytes]:
    """`data/<name>.json` with `data/schemas/<name>.schema.json` for persons,
    organizations, memberships, legislation, stories, suggestions and
    projects; `calendar.ics`;
    `robots.txt`. Only published stories are listed."""
    base = base_url(site_url)
    rows = {
        "persons": popolo.persons(repo, base),
        "organizations": popolo.organizations(repo, base),
        "memberships": popolo.memberships(repo),
        "areas": popolo.areas(repo),
        "legislation": legislation.records(repo, base),
        "stories": stories.index(repo, base),
        "events": institution.events(repo, base),
        "oversight": institution.oversight(repo, base),
    }
    documents = {name: {name: items} for name, items in rows.items()}
    documents.update(duty.documents(repo, base))
    out: dict[str, bytes] = {}
    for name, content in documents.items():
        model, title = FILES[name]
        meta = Meta(title=title, site=base, updated=repo.today.isoformat(), count=len(content[name]),
                    documentation=absolute(base, routes.DATA))
        document = model(**{"$schema": absolute(base, schema_path(name)), "meta": meta, **content})
        out[data_path(name)] = dumps_records(document)
        out[schema_path(name)] = dumps(schema(name, base))
    name = f"{site_name}{CALENDAR_NAME}" if site_name else CALENDAR_NAME
    out[routes.CALENDAR] = build_calendar(repo, base, name)
    out["robots.txt"] = robots(base).encode("utf-8")
    return out


def robots(base: str) -> str:
    # robots.txt only counts at the host root; a site under a sub-path
    # should copy these lines into the root one.
    return ("# congress-site 生成\n"
            "User-agent: *\n"
            "Allow: /\n"
            f"Sitemap: {absolute(base, 'sitemap.xml')}\n")

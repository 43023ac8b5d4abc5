"""Representatives, the bodies they sit in and the stations they receive
residents at, as Popolo persons, organizations and memberships."""

from __future__ import annotations

import hashlib

from ..feeds.site import absolute
from ..model import Repository
from ..model.vocab import LEVELS, STATION_LEVEL_NAMES
from ..pages import routes
from .models import ContactDetail, DutyOut, Link, Membership, Organization, Person

LEVEL_IDS = {"全国": "national", "省": "province", "市": "city", "区": "district", "县": "county",
             "乡镇": "township"}
LEVEL_BODY = {"全国": "全国人民代表大会", "省": "省级人民代表大会", "市": "市级人民代表大会",
              "区": "区级人民代表大会", "县": "县级人民代表大会", "乡镇": "乡镇人民代表大会"}


def level_org_id(level: str) -> str:
    return f"congress-{LEVEL_IDS[level]}"


def body_id(name: str) -> str:
    """Enacting bodies are named in Chinese only; a short digest of the name
    gives an ASCII id that stays the same from build to build."""
    return "body-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def persons(repo: Repository, base: str) -> list[Person]:
    out = []
    for p in sorted(repo.profiles.values(), key=lambda p: p.id):
        contacts = [ContactDetail(type="reception", label="接待时间", value=p.reception)] if p.reception else []
        out.append(Person(
            id=p.id, name=p.name, summary=p.occupation, biography=p.bio,
            contact_details=contacts,
            links=[Link(url=absolute(base, routes.profile(p.id)), note="代表主页")],
            levels=list(p.levels), term=p.term, constituency=p.constituency, region=p.region,
            groups=list(p.groups),
            duty=DutyOut(reception_days=p.duty.reception_days, visits=p.duty.visits),
        ))
    return out


def organizations(repo: Repository, base: str) -> list[Organization]:
    out: list[Organization] = []
    used_levels = {lv for p in repo.profiles.values() for lv in p.levels}
    for level in LEVELS:
        if level in used_levels:
            out.append(Organization(id=level_org_id(level), name=LEVEL_BODY[level],
                                    classification="人民代表大会"))
    bodies = sorted({r.body for r in repo.legislation.values()})
    for name in bodies:
        kind = "人大常委会" if name.endswith("常委会") else "立法机关"
        out.append(Organization(id=body_id(name), name=name, classification=kind,
                                links=[Link(url=absolute(base, routes.TRACKER), note="立法项目")]))
    from .institution import meeting_organizations  # it takes body_id from here

    out += meeting_organizations(repo, base, {o.id for o in out})
    for s in sorted(repo.stations.values(), key=lambda s: s.id):
        contacts = []
        if s.address:
            contacts.append(ContactDetail(type="address", label="地址", value=s.address))
        if s.schedule:
            contacts.append(ContactDetail(type="reception", label="接待安排", value=s.schedule))
        out.append(Organization(
            id=s.id, name=s.name, classification=STATION_LEVEL_NAMES[s.level], region=s.region,
            contact_details=contacts, description=s.description,
            links=[Link(url=absolute(base, routes.station(s.id)), note="联络站页面")],
        ))
    return out


def memberships(repo: Repository) -> list[Membership]:
    out = []
    for p in sorted(repo.profiles.values(), key=lambda p: p.id):
        for level in p.levels:
            org = level_org_id(level)
            out.append(Membership(id=f"{p.id}@{org}", person_id=p.id, organization_id=org,
                                  role="代表", label=f"{level}人大代表"))
        station = repo.stations.get(p.station) if p.station else None
        if station is not None:
            out.append(Membership(id=f"{p.id}@{station.id}", person_id=p.id,
                                  organization_id=station.id, role="进站代表",
                                  label=f"{station.name}进站代表"))
    return out

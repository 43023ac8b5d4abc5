"""Representatives, the bodies they sit in, the stations they receive
residents at and the places of the jurisdiction, as Popolo persons,
organizations, memberships and areas."""

from __future__ import annotations

import hashlib

from ..feeds.site import absolute
from ..model import Repository
from ..model.network import contact
from ..model.vocab import LEVEL_SHORT, LEVELS
from ..pages import routes
from .models import (
    Area,
    ContactDetail,
    DutyOut,
    LiaisonOut,
    Link,
    Membership,
    Organization,
    Person,
)

LEVEL_IDS = {"全国": "national", "省（自治区、直辖市）": "province", "设区的市（自治州）": "city",
             "县（市、区）": "county", "乡镇": "township"}
LEVEL_BODY = {"全国": "全国人民代表大会", "省（自治区、直辖市）": "省、自治区、直辖市人民代表大会",
              "设区的市（自治州）": "设区的市、自治州人民代表大会", "县（市、区）": "县、自治县、不设区的市、市辖区人民代表大会",
              "乡镇": "乡、民族乡、镇人民代表大会"}


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
            levels=list(p.levels), term=p.term, constituency=p.constituency,
            # A region not in the tree is a finding already: left out, never guessed.
            region=repo.regions.name_of(p.region) if p.region in repo.regions else None,
            region_id=p.region if p.region in repo.regions else None,
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
        out.append(_station(repo, s, base))
    return out


def _station(repo: Repository, s, base: str) -> Organization:
    """A station with the public ways to reach it: its own phone and
    message channel, or those of the station above that answers for it."""
    reach = contact(repo.stations, s)
    contacts = []
    if s.address:
        contacts.append(ContactDetail(type="address", label="地址", value=s.address))
    if s.hours:
        contacts.append(ContactDetail(type="opening_hours", label="开放时间", value=s.hours))
    if s.schedule:
        contacts.append(ContactDetail(type="reception", label="接待安排", value=s.schedule))
    if reach.phone:
        contacts.append(ContactDetail(type="voice", label="电话", value=reach.phone.display))
    if reach.channel:
        contacts.append(ContactDetail(type="email" if reach.channel_is_mail else "url", label="留言",
                                      value=reach.channel))
    return Organization(
        id=s.id, name=s.name, classification=s.type, parent_id=s.parent, area_id=s.region,
        region=repo.regions.name_of(s.region) or None, contact_details=contacts, description=s.description,
        liaisons=[LiaisonOut(name=p.name, role=p.role, phone=p.phone) for p in s.liaisons],
        links=[Link(url=absolute(base, routes.station(s.id)), note="联络站页面")],
    )


def areas(repo: Repository) -> list[Area]:
    """content/regions.yml as Popolo areas."""
    return [Area(id=r.id, name=r.name, full_name=repo.regions.name_of(r.id), parent_id=r.parent,
                 classification=_area_kind(r.name, r.depth)) for r in repo.regions.walk()]


def _area_kind(name: str, depth: int) -> str:
    for suffix in ("街道", "社区", "村", "镇", "乡", "区", "县", "旗", "州", "盟", "市", "省"):
        if name.endswith(suffix):
            return suffix
    return ("市", "县级", "乡级")[depth] if depth < 3 else "地区"


def memberships(repo: Repository) -> list[Membership]:
    out = []
    for p in sorted(repo.profiles.values(), key=lambda p: p.id):
        for level in p.levels:
            org = level_org_id(level)
            out.append(Membership(id=f"{p.id}@{org}", person_id=p.id, organization_id=org,
                                  role="代表", label=f"{LEVEL_SHORT[level]}人大代表"))
        station = repo.stations.get(p.station) if p.station else None
        if station is not None:
            out.append(Membership(id=f"{p.id}@{station.id}", person_id=p.id,
                                  organization_id=station.id, role="进站代表",
                                  label=f"{station.name}进站代表"))
    return out

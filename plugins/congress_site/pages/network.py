"""The liaison network's pages: one page per station (its place in the
tree, how to reach it, who is stationed there, the laws it gathered
opinions on), its A4 sheet of 代表码, and /stations/ — the whole network by
region with counts per type and a finder for the station nearest a
resident. Also the "联系这位代表" block every profile shows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..model import LegislationRecord, Profile, Repository, Station
from ..model.network import (
    Contact,
    ancestors,
    children_of,
    contact,
    count_by_type,
    counts_text,
    type_order,
)
from ..model.records import ReceptionRule, StageEntry
from ..model.regions import Region
from ..model.vocab import ONLINE_TYPES
from . import routes
from .indexes import Indexes
from .types import Page

WEEKDAYS = "一二三四五六日"
# A station with more children than this shows them folded (<details>):
# a 工作站 with a dozen 联络室 would otherwise push its siblings far down.
FOLD_CHILDREN = 8


def rule_text(rule: ReceptionRule) -> str:
    """每周二 09:00—11:30, 每月10日 09:00—11:30."""
    day = f"每周{WEEKDAYS[rule.weekday - 1]}" if rule.weekday else f"每月{rule.monthday}日"
    return f"{day} {rule.start}—{rule.end}"


@dataclass
class GatheredLaw:
    """A law on which a station gathered opinions, with its count."""

    record: LegislationRecord
    stage: StageEntry
    opinions: int | None  # gathered here; None while open or when not counted
    open: bool  # the consultation is still open on the build date


@dataclass
class TreeNode:
    station: Station
    members: int
    children: list[TreeNode] = field(default_factory=list)
    below: list[tuple[str, int]] = field(default_factory=list)  # all stations under it, by type

    @property
    def below_text(self) -> str:
        return counts_text(self.below)

    @property
    def fold(self) -> bool:
        return len(self.children) > FOLD_CHILDREN


@dataclass
class RegionGroup:
    """Stations of one region on /stations/: a 区/县 (or the city as a
    whole) with the places inside it that have stations."""

    anchor: str  # the id of the group's heading
    name: str
    depth: int  # the heading level: 3 for a 区/县 or the city, 4 for a place inside it
    stations: list[Station]
    counts: list[tuple[str, int]]  # its stations and those of the places inside it
    inside: list[RegionGroup] = field(default_factory=list)

    @property
    def counts_text(self) -> str:
        return counts_text(self.counts)


@dataclass(kw_only=True)
class StationPage(Page):
    template: ClassVar[str] = "station.html"

    station: Station
    members: list[Profile]
    region_name: str
    reach: Contact
    times: list[str]
    chain: list[Station]  # the stations above, top first
    children: list[Station]
    child_counts: list[tuple[str, int]]
    below_counts: list[tuple[str, int]]
    laws: list[GatheredLaw]
    online: bool

    @property
    def child_counts_text(self) -> str:
        return counts_text(self.child_counts)

    @property
    def below_counts_text(self) -> str:
        return counts_text(self.below_counts)


@dataclass(kw_only=True)
class StationPrintPage(StationPage):
    """The A4 sheet of a station's 代表码, for its notice board."""

    template: ClassVar[str] = "station_print.html"


@dataclass(kw_only=True)
class StationsPage(Page):
    template: ClassVar[str] = "stations.html"

    total: int
    counts: list[tuple[str, int]]
    tree: list[TreeNode]
    groups: list[RegionGroup]
    # Finder choices: (region id, label, depth, parent id) for every region
    # that has a station in it or under it.
    choices: list[tuple[str, str, int, str]]
    chains: dict[str, str]  # station id → its region and the regions above, space-separated
    members: dict[str, int]

    @property
    def counts_text(self) -> str:
        return counts_text(self.counts)


@dataclass
class ProfileContact:
    """联系这位代表: where and when to find the representative, the public
    phone and the message channel of their station."""

    station: Station
    reach: Contact
    times: list[str]
    own: bool  # False: the person names no station; the network's general channel is shown


# ------------------------------------------------------------------ builders

def gathered_laws(repo: Repository) -> dict[str, list[GatheredLaw]]:
    """By station id: the laws whose public consultation it took part in,
    newest window first. A station takes part when the 征求意见 stage names
    it among its channels (`channels.stations`) or gives its count of
    opinions (`gathered`)."""
    out: dict[str, list[GatheredLaw]] = defaultdict(list)
    for record in repo.legislation.values():
        for stage in record.stages:
            counts = {got.station: got.opinions for got in stage.gathered}
            named = dict.fromkeys([*(stage.channels.stations if stage.channels else []), *counts])
            window_open = stage.stage == "征求意见" and stage.opens <= repo.today <= stage.closes  # type: ignore[operator]
            for sid in named:
                out[sid].append(GatheredLaw(record, stage, counts.get(sid), window_open))
    for laws in out.values():
        laws.sort(key=lambda g: (g.stage.when, g.record.id), reverse=True)
    return out


def station_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    stations = repo.stations
    kids = children_of(stations)
    laws = gathered_laws(repo)
    out: list[Page] = []
    for station in stations.values():
        members = [repo.profiles[p] for p in ix.members.get(station.id, [])]
        below = _below(station.id, kids)
        shared: dict[str, Any] = {
            "station": station, "members": members, "source": repo.sources_by_id.get(("联络站", station.id)),
            "region_name": repo.regions.name_of(station.region), "reach": contact(stations, station),
            "times": [rule_text(r) for r in station.receptions], "chain": ancestors(stations, station.id),
            "children": kids.get(station.id, []), "child_counts": count_by_type(kids.get(station.id, [])),
            "below_counts": count_by_type(below), "laws": laws.get(station.id, []),
            "online": station.type in ONLINE_TYPES,
        }
        out.append(StationPage(url=routes.station(station.id), title=station.name, **shared))
        out.append(StationPrintPage(url=routes.station_print(station.id), title=f"{station.name}代表码", **shared))
    out.append(stations_page(repo, ix, kids))
    return out


def _below(sid: str, kids: dict[str, list[Station]]) -> list[Station]:
    found, stack = [], list(kids.get(sid, []))
    while stack:
        s = stack.pop()
        found.append(s)
        stack.extend(kids.get(s.id, []))
    return found


def _node(station: Station, kids: dict[str, list[Station]], members: dict[str, int]) -> TreeNode:
    node = TreeNode(station, members.get(station.id, 0))
    node.children = [_node(k, kids, members) for k in kids.get(station.id, [])]
    node.below = count_by_type(_below(station.id, kids))
    return node


def stations_page(repo: Repository, ix: Indexes, kids: dict[str, list[Station]]) -> StationsPage:
    stations = repo.stations
    members = {sid: len(v) for sid, v in ix.members.items()}
    roots = sorted((s for s in stations.values() if not s.parent), key=type_order)
    regions = repo.regions
    chains = {s.id: " ".join(r.id for r in regions.ancestors(s.region)) if s.region else ""
              for s in stations.values()}
    return StationsPage(
        url=routes.STATIONS, title="代表联络站", total=len(stations), counts=count_by_type(stations.values()),
        tree=[_node(r, kids, members) for r in roots], groups=_groups(repo), choices=_choices(repo),
        chains=chains, members=members,
    )


def _county(regions, rid: str | None) -> Region | None:
    """The 区/县 a region lies in (depth 1), or None for the whole city."""
    chain = regions.ancestors(rid) if rid else []
    return chain[1] if len(chain) > 1 else None


def _groups(repo: Repository) -> list[RegionGroup]:
    """Stations by region: the city as a whole first, then each 区/县 in the
    order of regions.yml, each followed by the places inside it."""
    regions = repo.regions
    order = {r.id: i for i, r in enumerate(regions.walk())}
    exact: dict[str, list[Station]] = defaultdict(list)
    for s in sorted(repo.stations.values(), key=type_order):
        county = _county(regions, s.region)
        region = regions.get(s.region)
        key = "" if county is None else (county.id if region is None or region.depth <= 1 else region.id)
        exact[key].append(s)
    out: list[RegionGroup] = []
    if exact.get(""):
        roots = regions.roots()
        name = roots[0].name if len(roots) == 1 else ("全部站点" if not roots else "全辖区")
        out.append(RegionGroup("region-all", name, 3, exact[""], count_by_type(exact[""])))
    counties = sorted({_county(regions, k).id for k in exact if k}, key=lambda c: order[c])  # type: ignore[union-attr]
    for cid in counties:
        inside = sorted((k for k in exact if k and k != cid and _county(regions, k).id == cid),  # type: ignore[union-attr]
                        key=lambda k: order[k])
        every = exact.get(cid, []) + [s for k in inside for s in exact[k]]
        places = [RegionGroup(f"region-{k}", "".join(r.name for r in regions.ancestors(k) if r.depth >= 2), 4,
                              exact[k], count_by_type(exact[k])) for k in inside]
        out.append(RegionGroup(f"region-{cid}", regions.name_of(cid), 3, exact.get(cid, []), count_by_type(every),
                               places))
    return out


def _choices(repo: Repository) -> list[tuple[str, str, int, str]]:
    regions = repo.regions
    used: set[str] = set()
    for s in repo.stations.values():
        used.update(r.id for r in regions.ancestors(s.region) if s.region)
    # Every 乡镇/街道 of the tree is offered, not only those with a station:
    # a resident picks where they live and is shown what is nearest.
    offered = [r for r in regions.walk() if r.depth >= 1 and (r.id in used or r.depth <= 2)]
    return [(r.id, r.name, r.depth, r.parent or "") for r in offered]


def profile_contact(repo: Repository, profile: Profile) -> ProfileContact | None:
    station = repo.stations.get(profile.station or "")
    own = station is not None
    if station is None:
        station = general_station(repo)
    if station is None:
        return None
    return ProfileContact(station=station, reach=contact(repo.stations, station),
                          times=[rule_text(r) for r in station.receptions], own=own)


def general_station(repo: Repository) -> Station | None:
    """Where anyone may write when a representative names no station: the
    online station, else the top of the network."""
    online = sorted((s for s in repo.stations.values() if s.type in ONLINE_TYPES), key=lambda s: s.id)
    if online:
        return online[0]
    roots = sorted((s for s in repo.stations.values() if not s.parent), key=type_order)
    return roots[0] if roots else None

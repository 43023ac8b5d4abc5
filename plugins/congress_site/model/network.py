"""The liaison network as a tree: each station names its `parent`, the
stations of a city hang from its 代表之家 (or from several roots), and a
station that leaves a field empty is reached through the nearest station
above it that has one (a 联络室 without a phone of its own is answered by
its 工作站).

`check_network` resolves parents and regions: an unknown parent, a cycle
of parents or an unknown region is a finding at the line, and the station
is held back with every station below it, never published half-linked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..findings import Finding, Severity
from .phone import Phone, parse_phone
from .records import Station
from .vocab import STATION_TYPES

if TYPE_CHECKING:
    from .repository import Repository


def ancestors(stations: dict[str, Station], sid: str) -> list[Station]:
    """The stations above `sid`, from the top of the tree down to its
    parent. Stops at a missing parent or a cycle (which check_network has
    reported and held back)."""
    chain: list[Station] = []
    seen = {sid}
    station = stations.get(sid)
    while station is not None and station.parent and station.parent not in seen:
        seen.add(station.parent)
        station = stations.get(station.parent)
        if station is not None:
            chain.append(station)
    return chain[::-1]


def children_of(stations: dict[str, Station]) -> dict[str, list[Station]]:
    out: dict[str, list[Station]] = defaultdict(list)
    for station in stations.values():
        if station.parent and station.parent in stations:
            out[station.parent].append(station)
    for kids in out.values():
        kids.sort(key=type_order)
    return out


def type_order(station: Station) -> tuple[int, str]:
    return STATION_TYPES.index(station.type), station.id


def count_by_type(stations: Iterable[Station]) -> list[tuple[str, int]]:
    """(type, count) in the fixed order of types, types with none left out."""
    counts = Counter(s.type for s in stations)
    return [(t, counts[t]) for t in STATION_TYPES if counts[t]]


def counts_text(counts: list[tuple[str, int]]) -> str:
    """代表工作站7个、代表联络室6个 — numbers in words a screen reader reads."""
    return "、".join(f"{t}{n}个" for t, n in counts)


@dataclass(frozen=True)
class Contact:
    """How a resident reaches a station: its own phone and message channel
    or, failing those, the nearest station above that has them."""

    station: Station
    phone: Phone | None = None
    phone_from: Station | None = None  # None: the station's own
    channel: str | None = None
    channel_from: Station | None = None

    @property
    def channel_href(self) -> str | None:
        if not self.channel:
            return None
        return self.channel if "://" in self.channel else "mailto:" + self.channel

    @property
    def channel_is_mail(self) -> bool:
        return bool(self.channel) and "://" not in (self.channel or "")


def contact(stations: dict[str, Station], station: Station) -> Contact:
    chain = [station] + ancestors(stations, station.id)[::-1]
    phone_at = next((s for s in chain if s.phone), None)
    channel_at = next((s for s in chain if s.messages), None)
    return Contact(
        station=station,
        phone=parse_phone(phone_at.phone) if phone_at else None,  # type: ignore[arg-type]
        phone_from=phone_at if phone_at is not station else None,
        channel=channel_at.messages if channel_at else None,
        channel_from=channel_at if channel_at is not station else None,
    )


# ------------------------------------------------------------------ checks

def check_network(repo: Repository) -> set[str]:
    """Resolve every station's parent and region. Returns the ids held back
    (removed from repo.stations), for messages about references to them."""
    stations = repo.stations
    bad: dict[str, str] = {}

    def src_of(sid: str):
        return repo.sources[repo.sources_by_id[("联络站", sid)]]

    def report(sid: str, loc: tuple, code: str, message: str, fix: str | None,
               severity: Severity = Severity.ERROR) -> None:
        src = src_of(sid)
        line, col = src.where(loc)
        repo.findings.append(Finding(src.path, line, col, code, message, fix, severity))

    for sid, station in stations.items():
        if station.region and station.region not in repo.regions:
            report(sid, ("region",), "unknown-region", f"地区“{station.region}”不在地区表中",
                   repo.regions.suggest(station.region))
            bad[sid] = "地区不存在"
        if station.parent and station.parent not in stations:
            from .repository import _suggest

            report(sid, ("parent",), "unknown-parent", f"上级站点编号“{station.parent}”不存在",
                   _suggest(station.parent, stations))
            bad[sid] = "上级站点不存在"

    for cycle in _cycles(stations):
        path = " → ".join(stations[s].name for s in cycle + [cycle[0]])
        for sid in cycle:
            report(sid, ("parent",), "parent-cycle", f"上级站点形成了循环：{path}",
                   "站点网络是一棵树：沿着 parent 往上走，最后应到达没有上级的站点（如代表之家）；"
                   "请改正其中一个站点的 parent")
            bad[sid] = "上级站点循环"

    # Below a held station nothing can show its place in the tree.
    for sid in stations:
        if sid in bad:
            continue
        above = _first_bad_above(stations, sid, bad)
        if above:
            report(sid, ("parent",), "parent-held", f"上级站点“{above}”有错误，本站暂不发布",
                   f"请先改正 {above} 的错误", Severity.WARNING)
    held = _held_ids(stations, bad)
    for sid in sorted(held):
        path = repo.sources_by_id.pop(("联络站", sid))
        repo.failed.append(_held(path, bad.get(sid, "上级站点有错误")))
        del stations[sid]
    return held


def _held(path: str, reason: str):
    from .repository import Held

    return Held(path, reason)


def _cycles(stations: dict[str, Station]) -> list[list[str]]:
    """Each cycle of parents once, in parent order from its smallest id."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[list[str]] = []
    for start in sorted(stations):
        path: list[str] = []
        sid: str | None = start
        while sid is not None and sid in stations and state.get(sid) is None:
            state[sid] = 1
            path.append(sid)
            sid = stations[sid].parent
        if sid is not None and state.get(sid) == 1:
            cycle = path[path.index(sid):]
            i = cycle.index(min(cycle))
            found.append(cycle[i:] + cycle[:i])
        for p in path:
            state[p] = 2
    return found


def _first_bad_above(stations: dict[str, Station], sid: str, bad: dict[str, str]) -> str | None:
    seen = {sid}
    parent = stations[sid].parent
    while parent and parent in stations and parent not in seen:
        if parent in bad:
            return parent
        seen.add(parent)
        parent = stations[parent].parent
    return None


def _held_ids(stations: dict[str, Station], bad: dict[str, str]) -> set[str]:
    held = set(bad)
    for sid in stations:
        if _first_bad_above(stations, sid, bad):
            held.add(sid)
    return held

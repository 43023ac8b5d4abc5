"""Representatives' pages, the directory, and the liaison stations."""

from __future__ import annotations

from ..model import Repository
from ..model.vocab import LEVELS, STATION_LEVEL_NAMES
from . import routes
from .indexes import Indexes
from .institution import profile_extras
from .paginate import paginate
from .suggestions import by_person
from .types import DirectoryPage, Page, ProfilePage, StationPage, StationPrintPage, StationsPage

# A profile page lists this many of the person's newest stories.
PROFILE_STORIES = 50
# Cards per page of the directory: about 80 KB of HTML, so no page grows
# with the number of people.
DIRECTORY_PER_PAGE = 100


def profile_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    out: list[Page] = []
    suggestions = by_person(repo)
    for profile in repo.profiles.values():
        stories = ix.by_profile.get(profile.id, [])
        cited_laws = dict.fromkeys(ix.proposed.get(profile.id, []))
        for story in stories:
            cited_laws.update(dict.fromkeys(story.legislation))
        out.append(ProfilePage(
            url=routes.profile(profile.id), title=profile.name,
            source=repo.sources_by_id.get(("代表", profile.id)),
            lastmod=stories[0].date if stories else None,
            profile=profile, station=repo.stations.get(profile.station or ""),
            stories=stories[:PROFILE_STORIES], story_count=len(stories),
            laws=[repo.legislation[lid] for lid in cited_laws if lid in repo.legislation],
            proposed=set(ix.proposed.get(profile.id, [])), suggestions=suggestions.get(profile.id),
            **profile_extras(repo, ix, profile.id),
        ))
    return out


def directory_page(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    """The directory in the order of ids, which are pinyin: a phone book by
    surname initial, split over numbered pages. Every page carries the
    index of initials, so any person is two links away without scripts."""
    profiles = sorted(repo.profiles.values(), key=lambda p: p.id)
    pagers = paginate(profiles, routes.representatives, DIRECTORY_PER_PAGE)
    starts: dict[str, tuple[int, str]] = {}  # initial → (page number, first id)
    counts: dict[str, int] = {}
    for pager in pagers:
        for person in pager.items:
            initial = _initial(person.id)
            starts.setdefault(initial, (pager.number, person.id))
            counts[initial] = counts.get(initial, 0) + 1
    letters = [(letter, f"{routes.representatives(number)}#{_anchor(letter)}", counts[letter])
               for letter, (number, _) in starts.items()]
    shared = {"levels": [lv for lv in LEVELS if any(lv in p.levels for p in profiles)],
              "groups": sorted({g for p in profiles for g in p.groups}), "stations": list(repo.stations.values()),
              "total": len(profiles), "letters": letters}
    return [DirectoryPage(url=routes.representatives(pager.number),
                          title="人大代表" if pager.number == 1 else f"人大代表（第{pager.number}页）",
                          pager=pager, letter_starts={pid: _anchor(letter) for letter, (n, pid) in starts.items()
                                                      if n == pager.number}, **shared)
            for pager in pagers]


def directory_page_of(repo: Repository) -> dict[str, int]:
    """Profile id → the number of the directory page that lists it."""
    ids = sorted(repo.profiles)
    return {pid: i // DIRECTORY_PER_PAGE + 1 for i, pid in enumerate(ids)}


def _initial(pid: str) -> str:
    return pid[:1].upper()


def _anchor(letter: str) -> str:
    return f"letter-{letter.lower()}"


def station_pages(repo: Repository, ix: Indexes, per_page: int) -> list[Page]:
    out: list[Page] = []
    for station in repo.stations.values():
        members = [repo.profiles[p] for p in ix.members.get(station.id, [])]
        source = repo.sources_by_id.get(("联络站", station.id))
        shared = {"station": station, "members": members, "level_name": STATION_LEVEL_NAMES[station.level],
                  "source": source}
        out.append(StationPage(url=routes.station(station.id), title=station.name, **shared))
        out.append(StationPrintPage(url=routes.station_print(station.id), title=f"{station.name}代表码", **shared))
    by_level = sorted(repo.stations.values(), key=lambda s: ("家站点".index(s.level), s.id))
    out.append(StationsPage(url=routes.STATIONS, title="代表联络站", stations=by_level,
                            level_names=STATION_LEVEL_NAMES,
                            counts={sid: len(v) for sid, v in ix.members.items()}))
    return out

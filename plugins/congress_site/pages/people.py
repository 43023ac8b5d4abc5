"""Representatives' pages and the directory."""

from __future__ import annotations

from ..model import Profile, Repository
from ..model.vocab import LEVELS
from . import routes
from .indexes import Indexes
from .institution import profile_extras
from .network import profile_contact
from .paginate import paginate
from .suggestions import by_person
from .types import DirectoryPage, Page, ProfilePage

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
            contact=profile_contact(repo, profile),
            region_names=[r.name for r in repo.regions.ancestors(profile.region)] if profile.region else [],
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
              "total": len(profiles), "letters": letters, **_region_filter(repo, profiles)}
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


def _region_filter(repo: Repository, profiles: list[Profile]) -> dict:
    chains = {p.id: " ".join(r.id for r in repo.regions.ancestors(p.region)) for p in profiles if p.region}
    used = {rid for chain in chains.values() for rid in chain.split()}
    regions = [(r.id, r.name, r.depth) for r in repo.regions.walk() if r.id in used and r.depth >= 1]
    return {"regions": regions, "region_chains": chains}

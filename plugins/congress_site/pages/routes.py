"""Stable URLs. Feeds, QR codes and other sites link to these: they are an
interface, change them never. Every URL here is site-relative, without a
leading slash, ending in "/" for pages (MkDocs' use_directory_urls)."""

from __future__ import annotations

from urllib.parse import quote

PER_PAGE = 20


def story(slug: str) -> str:
    return f"stories/{slug}/"


def profile(pid: str) -> str:
    return f"profiles/{pid}/"


# The block of a profile page that says how to reach the person: the 代表码
# opens the page there.
CONTACT_ANCHOR = "contact"


def profile_contact(pid: str) -> str:
    return f"profiles/{pid}/#{CONTACT_ANCHOR}"


def legislation(lid: str) -> str:
    return f"legislation/{lid}/"


def law_document(lid: str, doc) -> str:
    """A document beside a law: a page for Markdown, else the file itself."""
    return f"legislation/{lid}/{doc.name}/" if doc.is_page else f"legislation/{lid}/{doc.file}"


def plan(year: int) -> str:
    return f"legislation/plans/{year}/"


def station(sid: str) -> str:
    return f"stations/{sid}/"


def station_print(sid: str) -> str:
    return f"stations/{sid}/print/"


def column(cid: str, page: int = 1) -> str:
    return f"columns/{cid}/" if page <= 1 else f"columns/{cid}/page/{page}/"


def tracker(page: int = 1) -> str:
    return TRACKER if page <= 1 else f"{TRACKER}page/{page}/"


def representatives(page: int = 1) -> str:
    return REPRESENTATIVES if page <= 1 else f"{REPRESENTATIVES}page/{page}/"


def column_feed(cid: str) -> str:
    return f"columns/{cid}/feed.xml"


def tag(name: str) -> str:
    # Tags are Chinese; the folder keeps the characters, the href percent-encodes them.
    return f"tags/{name}/"


def tag_href(name: str) -> str:
    return f"tags/{quote(name)}/"


def year(y: int) -> str:
    return f"archive/{y}/"


def suggestions_year(y: int) -> str:
    return f"suggestions/{y}/"


def suggestion(y: int, number: str) -> str:
    return f"suggestions/{y}/{number}/"


def suggestion_unit(name: str) -> str:
    # Handling units are named in Chinese, like tags: the folder keeps the
    # characters, the href percent-encodes them.
    return f"suggestions/units/{name}/"


def suggestion_unit_href(name: str) -> str:
    return f"suggestions/units/{quote(name)}/"


def projects_year(y: int) -> str:
    return f"projects/{y}/"
def meeting(mid: str) -> str:
    return f"meetings/{mid}/"


def meeting_document(mid: str, doc) -> str:
    """A document beside a meeting: a page for Markdown, else the file itself."""
    return f"meetings/{mid}/{doc.name}/" if doc.is_page else f"meetings/{mid}/{doc.file}"


def oversight(oid: str) -> str:
    return f"oversight/{oid}/"


def oversight_list(page: int = 1) -> str:
    """/oversight/, then /oversight/page/2/…"""
    return "oversight/" if page <= 1 else f"oversight/page/{page}/"


def oversight_document(oid: str, doc) -> str:
    """A report beside an oversight record: a page for Markdown, else the file."""
    return f"oversight/{oid}/{doc.name}/" if doc.is_page else f"oversight/{oid}/{doc.file}"


HOME = ""
REPRESENTATIVES = "representatives/"
TRACKER = "legislation/"
CONSULTATIONS = "legislation/consultations/"
CONSULTATIONS_FEED = "legislation/consultations/feed.xml"
PLANS = "legislation/plans/"
STATIONS = "stations/"
TAGS = "tags/"
ARCHIVE = "archive/"
SEARCH = "search/"
FEED_RSS = "feed.xml"
FEED_ATOM = "atom.xml"
CALENDAR = "calendar.ics"
DATA = "data/"
SUGGESTIONS = "suggestions/"
PROJECTS = "projects/"
PROJECTS_FEED = "projects/feed.xml"
MEETINGS = "meetings/"
MEETINGS_FEED = "meetings/feed.xml"
APPOINTMENTS = "appointments/"
OVERSIGHT = "oversight/"
OVERSIGHT_FEED = "oversight/feed.xml"


# The page of one record of each kind (model.kinds), by the record's id.
RECORD_PAGES = {"profiles": profile, "legislation": legislation, "stations": station, "meetings": meeting,
                "oversight": oversight}


def src_uri(url: str) -> str:
    """The generated Markdown file that MkDocs turns into `url`."""
    return "index.md" if url == "" else url.rstrip("/") + "/index.md"


def page_url(src: str) -> str:
    """The address MkDocs gives a Markdown page at `src` (relative to
    docs_dir, directory URLs): the other way round from `src_uri`, for
    hand-written pages too."""
    stem = src.rsplit(".", 1)[0]
    folder, _, name = stem.rpartition("/")
    if name.lower() in ("index", "readme"):
        return folder + "/" if folder else ""
    return stem + "/"

"""The key of a generated page (devserver/fingerprint.py): whatever a page
shows changes its key, whether it sits in a record field pydantic leaves
out of its output, in a container many pages share, or in a function's
defaults; and a page's key is the same in every process."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, PrivateAttr

from congress_site.devserver.fingerprint import Fingerprinter
from congress_site.model import Layout, load_repository
from congress_site.pages.plan import plan_site
from congress_site.settings import Options, make_settings
from sitekit import fresh_python, minimal_site


def _plan(root: Path):
    repo = load_repository(Layout.default(root), dt.date(2026, 1, 1))
    settings = make_settings(root, "content", "site", Options(preview="true"))
    return plan_site(repo, settings)


def _keys(pages: dict) -> dict[str, str]:
    fp = Fingerprinter("salt")  # one per build, as the page cache makes it
    return {uri: fp.page(page.document(), page) for uri, page in pages.items()}


def test_a_field_the_loader_fills_changes_the_key_of_every_page_showing_the_story(tmp_path):
    plan = _plan(minimal_site(tmp_path, stories=3))
    story = plan.pages["stories/item-1/index.md"].story
    assert "path" not in story.model_dump()  # pydantic's own output would not see it
    showing = {uri for uri, page in plan.pages.items() if _shows(page, story)}
    assert "stories/item-1/index.md" in showing and len(showing) > 1   # its column page too, …
    before = _keys(plan.pages)
    story.path = "stories/2025/moved.md"
    after = _keys(plan.pages)
    assert {uri for uri in before if before[uri] != after[uri]} == showing


def _shows(page, record) -> bool:
    """The record is somewhere in what the page holds."""
    seen: set[int] = set()

    def walk(value) -> bool:
        if value is record:
            return True
        if id(value) in seen or isinstance(value, (str, int, float, dt.date, BaseModel)) or value is None:
            return False
        seen.add(id(value))
        if isinstance(value, dict):
            return any(walk(v) for v in value.values())
        if isinstance(value, (list, tuple, set)):
            return any(walk(v) for v in value)
        return any(walk(v) for v in getattr(value, "__dict__", {}).values())

    return walk(page)


@dataclass
class Listing:
    title: str
    items: list
    url_of: object = None
    extra: dict = field(default_factory=dict)

    def document(self) -> str:
        return f"# {self.title}"


def test_a_shared_container_changed_between_builds_changes_every_page_showing_it():
    shared = [f"条目{i}" for i in range(50)]  # long enough to be memoised by the fingerprinter
    pages = {"a": Listing("甲", shared), "b": Listing("乙", shared), "c": Listing("丙", ["别的"])}
    before = _keys(pages)
    shared[30] = "改过的条目"
    after = _keys(pages)
    assert before["a"] != after["a"] and before["b"] != after["b"] and before["c"] == after["c"]
    # The memo stands for contents, not identity: an equal copy gives the same key.
    assert _keys({"a": Listing("甲", list(shared))})["a"] == after["a"]


class Entry(BaseModel):
    name: str
    _year: int = PrivateAttr(default=0)


def test_a_private_attribute_and_a_nested_record_count_too():
    entry = Entry(name="建议")
    page = Listing("列表", [entry], extra={"nested": [Entry(name="另一条")]})
    before = _keys({"p": page})["p"]
    entry._year = 2026
    assert _keys({"p": page})["p"] != before
    page.extra["nested"][0].name = "改过"
    assert len({before, _keys({"p": page})["p"]}) == 2


def test_a_function_is_known_by_what_it_closes_over_not_by_its_address():
    def pager_urls(column: str):
        return lambda n, c=column: f"/columns/{c}/page/{n}/"

    one, again, other = pager_urls("jiceng"), pager_urls("jiceng"), pager_urls("lifa")
    keys = [_keys({"p": Listing("栏目", [], url_of=fn)})["p"] for fn in (one, again, other)]
    assert keys[0] == keys[1] != keys[2]

    def walk(n):  # in its own closure
        return walk(n - 1) if n else 0

    assert _keys({"p": Listing("递归", [], url_of=walk)})["p"]


# Keys of the minimal site's pages, printed by a fresh interpreter.
_KEYS_IN_A_FRESH_PROCESS = """
import datetime as dt, hashlib, sys
from pathlib import Path
from congress_site.devserver.fingerprint import Fingerprinter
from congress_site.model import Layout, load_repository
from congress_site.pages.plan import plan_site
from congress_site.settings import Options, make_settings
root = Path(sys.argv[1])
plan = plan_site(load_repository(Layout.default(root), dt.date(2026, 1, 1)),
                 make_settings(root, "content", "site", Options(preview="true")))
fp = Fingerprinter("salt")
print(sorted((uri, fp.page(page.document(), page)) for uri, page in plan.pages.items()))
"""


def test_a_page_has_the_same_key_in_every_process(tmp_path):
    root = minimal_site(tmp_path, stories=20)
    runs = {fresh_python(_KEYS_IN_A_FRESH_PROCESS, str(root), hashseed=seed) for seed in ("1", "2")}
    assert len(runs) == 1
    assert "stories/item-1/index.md" in runs.pop()

"""The jurisdiction's places, `content/regions.yml`: one tree of 市 → 区、县 →
乡镇、街道 (deeper levels such as 村、社区 are allowed), each an id with a
display name. Profiles, stations and stories name a region by its id.

```yaml
- id: shili-shi
  name: 示例市
  children:
    - id: wangshu-qu
      name: 望舒区
      children:
        - {id: wenshu-jiedao, name: 文枢街道}
```

A bad entry is reported at its line and left out with the places under it;
the rest of the tree still loads.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from ..findings import CongressError, Finding
from .records import Id, Record, Text
from .source import Source, error, load_yaml, read_text

# 省 → 市 → 区县 → 乡镇 → 村 → 组 is already more than any site needs.
MAX_REGION_DEPTH = 6
FILE_NAME = "regions.yml"


class RegionEntry(Record):
    id: Id
    name: Text
    # Checked entry by entry by the loader, so that one bad place does not
    # hide its siblings.
    children: list = Field(default_factory=list)


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    parent: str | None
    depth: int


@dataclass
class RegionTree:
    by_id: dict[str, Region] = field(default_factory=dict)
    children: dict[str | None, list[str]] = field(default_factory=dict)

    def __contains__(self, rid: object) -> bool:
        return rid in self.by_id

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, rid: str | None) -> Region | None:
        return self.by_id.get(rid or "")

    def add(self, region: Region) -> None:
        self.by_id[region.id] = region
        self.children.setdefault(region.parent, []).append(region.id)

    def roots(self) -> list[Region]:
        return [self.by_id[r] for r in self.children.get(None, [])]

    def kids(self, rid: str) -> list[Region]:
        return [self.by_id[r] for r in self.children.get(rid, [])]

    def ancestors(self, rid: str) -> list[Region]:
        """From the top of the tree down to `rid` itself."""
        chain = []
        region = self.by_id.get(rid)
        while region is not None:
            chain.append(region)
            region = self.by_id.get(region.parent or "")
        return chain[::-1]

    def name_of(self, rid: str | None) -> str:
        """The name a page shows: the path below the top of the tree
        (望舒区文枢街道), since every place is in the one jurisdiction;
        the top itself by its name. An unknown id is shown as written."""
        if not rid:
            return ""
        chain = self.ancestors(rid)
        if not chain:
            return rid
        below = [r.name for r in chain if r.depth > 0]
        return "".join(below) or chain[-1].name

    def walk(self) -> list[Region]:
        """Every region, depth first in file order."""
        out: list[Region] = []
        stack = list(reversed(self.children.get(None, [])))
        while stack:
            rid = stack.pop()
            out.append(self.by_id[rid])
            stack.extend(reversed(self.children.get(rid, [])))
        return out

    def suggest(self, value: str, place: bool = False) -> str:
        """A did-you-mean for a region that is not in the tree: by name
        first (望舒区 → wangshu-qu), then by spelling. `place`: the record
        has a free-text `place` for somewhere outside the jurisdiction."""
        named = [r for r in self.by_id.values() if value and (r.name == value or value.endswith(r.name))]
        if not named:
            ids = difflib.get_close_matches(value, list(self.by_id), n=3, cutoff=0.5)
            names = difflib.get_close_matches(value, [r.name for r in self.by_id.values()], n=3, cutoff=0.5)
            named = [self.by_id[i] for i in ids] + [r for r in self.by_id.values() if r.name in names]
        if named:
            shown = "、".join(dict.fromkeys(f"{r.id}（{self.name_of(r.id)}）" for r in named[:3]))
            return f"地区写 content/regions.yml 中的编号。是否想写：{shown}？"
        if not self.by_id:
            return "请先在 content/regions.yml 中建立本行政区域的地区表（市、区县、乡镇街道），再写编号"
        if place:
            return "地区写 content/regions.yml 中的编号；本行政区域以外的地方请写在 place（地点）中"
        return "地区写 content/regions.yml 中的编号；如果地区表里还没有，请先在地区表中添加"


def load_regions(file: Path, display: str) -> tuple[RegionTree, Source, list[Finding]]:
    """The tree and what was wrong in it. Raises CongressError only when
    the file as a whole is unusable."""
    src = load_yaml(read_text(file, display), display)
    if src.data is None:
        raise error(display, 1, 1, "empty-file", "地区文件是空的",
                    "每个地区写成 - {id: 编号, name: 名称}，下级地区写在 children: 中")
    if not isinstance(src.data, list):
        raise error(display, 1, 1, "not-a-list", "地区文件应是一个列表，每项以“- id:”开头",
                    "例如 - {id: shili-shi, name: 示例市, children: [...]}")
    tree, findings = RegionTree(), []
    _add_level(tree, src, src.data, (), None, 0, findings)
    return tree, src, findings


def _add_level(tree: RegionTree, src: Source, items: list, loc: tuple, parent: str | None, depth: int,
               findings: list[Finding]) -> None:
    from .loader import _validate  # one translation of pydantic errors for every record

    for i, item in enumerate(items):
        here = loc + (i,)
        try:
            entry = _validate(RegionEntry, src, item, here)
        except CongressError as exc:
            findings.extend(exc.findings)
            continue
        if entry.id in tree:
            line, col = src.where(here + ("id",))
            findings.append(Finding(src.path, line, col, "duplicate-id", f"地区编号“{entry.id}”重复",
                                    "同名的地方也要用不同的编号，例如加上上级地区的拼音"))
            continue
        if depth >= MAX_REGION_DEPTH:
            line, col = src.where(here)
            findings.append(Finding(src.path, line, col, "region-depth",
                                    f"地区“{entry.name}”的层级太深（最多 {MAX_REGION_DEPTH} 级）",
                                    "地区表只需写到乡镇、街道（至多到村、社区）"))
            continue
        tree.add(Region(entry.id, entry.name, parent, depth))
        if entry.children:
            _add_level(tree, src, entry.children, here + ("children",), entry.id, depth + 1, findings)

"""What a correspondent may choose from: columns, representatives,
legislation and stations of the site, matched by id or by name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..findings import CongressError, Finding
from ..model.loader import load_columns, load_legislation, load_profile, load_station
from ..model.regions import load_regions
from ..model.repository import Layout
from ..model.vocab import LEVEL_SHORT, LEVELS, OLD_LEVELS

# The "path" of a finding about what was typed on the command line.
CLI = "（命令行）"


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


def _records(folder: Path, loader, layout: Layout) -> list[Choice]:
    out = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        try:
            record, _ = loader(path, layout.display(path))
        except (CongressError, OSError):
            continue  # a broken record is `congress check`'s to report, not ours
        out.append(Choice(record.id, getattr(record, "name", None) or record.title))
    return out


def columns(layout: Layout) -> list[Choice]:
    if not layout.columns_file.is_file():
        return []
    try:
        found, _, _ = load_columns(layout.columns_file, layout.display(layout.columns_file))
    except CongressError:
        return []
    return [Choice(c.id, c.name) for c in sorted(found, key=lambda c: (c.order, c.id))]


def profiles(layout: Layout) -> list[Choice]:
    return _records(layout.profiles_dir, load_profile, layout)


def legislation(layout: Layout) -> list[Choice]:
    return _records(layout.legislation_dir, load_legislation, layout)


def stations(layout: Layout) -> list[Choice]:
    return _records(layout.stations_dir, load_station, layout)


def regions(layout: Layout) -> list[Choice]:
    """The places of content/regions.yml, by their own name (文枢街道)."""
    if not layout.regions_file.is_file():
        return []
    try:
        tree, _, _ = load_regions(layout.regions_file, layout.display(layout.regions_file))
    except CongressError:
        return []
    return [Choice(r.id, r.name) for r in tree.walk()]


# What a person may type for a level: the legal name, its short form on
# pages (县级), or an old value that means one level only (区).
LEVEL_WORDS = {**{lv: lv for lv in LEVELS}, **{short + ("" if short.endswith("级") else "级"): lv
                                                for lv, short in LEVEL_SHORT.items()},
               **{old: new[0] for old, new in OLD_LEVELS.items() if len(new) == 1}}
_LEVEL_SPLIT = re.compile(r"[,，、;；\s]+(?![^（(]*[）)])")


def levels(text: str) -> tuple[list[str], str | None]:
    """Levels typed on a Chinese keyboard (县（市、区）、乡镇), and what is
    wrong with them, if anything."""
    found, bad = [], []
    for part in (p for p in _LEVEL_SPLIT.split(text.strip()) if p):
        word = part.replace("(", "（").replace(")", "）")
        if word in LEVEL_WORDS:
            found.append(LEVEL_WORDS[word])
        elif word in OLD_LEVELS:
            bad.append(f"“{part}”可能是{'或'.join(OLD_LEVELS[word])}，请写全")
        else:
            bad.append(f"“{part}”不在可选范围")
    if bad or not found:
        return [], "；".join(bad or ["没有填写层级"]) + f"。可选：{'、'.join(LEVELS)}"
    return list(dict.fromkeys(found)), None


def _fail(what: str, value: str, fix: str) -> CongressError:
    return CongressError(Finding(CLI, 1, 1, "new-bad-choice", f"{what}“{value}”不存在", fix))


def resolve(value: str, options: list[Choice], what: str) -> str:
    """An id from an id, a name or a list number (1-based)."""
    value = value.strip()
    if value.isdigit() and 1 <= int(value) <= len(options):
        return options[int(value) - 1].id
    for option in options:
        if value == option.id:
            return option.id
    named = [o for o in options if o.name == value]
    if len(named) == 1:
        return named[0].id
    if len(named) > 1:
        ids = "、".join(o.id for o in named)
        raise CongressError(Finding(CLI, 1, 1, "new-ambiguous", f"有多个{what}叫“{value}”：{ids}",
                                    "请改用编号（id）选择"))
    known = "、".join(f"{o.id}（{o.name}）" for o in options[:20]) or "（还没有）"
    raise _fail(what, value, f"可选：{known}")


def split_list(text: str | None) -> list[str]:
    """Comma lists as typed on a Chinese keyboard too: , ， 、 and spaces."""
    if not text:
        return []
    for sep in ("，", "、", " ", ";", "；"):
        text = text.replace(sep, ",")
    return [part for part in (p.strip() for p in text.split(",")) if part]

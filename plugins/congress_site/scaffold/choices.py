"""What a correspondent may choose from: columns, representatives,
legislation and stations of the site, matched by id or by name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..findings import CongressError, Finding
from ..model.loader import load_columns, load_legislation, load_profile, load_station
from ..model.repository import Layout

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

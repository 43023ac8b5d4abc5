"""Record files that hold one year each (`content/suggestions/2025.yml`,
`content/projects/2025.yml`): named by the year, read through the same safe
YAML loader as every other record."""

from __future__ import annotations

import re
from pathlib import Path

from .loader import _shown
from .source import Source, error, load_yaml, read_text

YEAR_NAME = re.compile(r"^(\d{4})\.yml$")


def read_year_file(file: Path, display: str, what: str) -> tuple[int, Source]:
    """The year in the file name and the file's YAML; a `CongressError` for
    a misnamed, unreadable or empty file."""
    m = YEAR_NAME.match(file.name)
    if not m or not 1949 <= int(m.group(1)) <= 2100:
        raise error(display, 1, 1, "year-file-name", f"{what}文件“{_shown(file.name)}”应以年份命名",
                    "每年一个文件，例如 2025.yml（小写扩展名 .yml，UTF-8 编码）")
    src = load_yaml(read_text(file, display), display)
    if src.data is None:
        raise error(display, 1, 1, "empty-file", f"{what}文件是空的", "请填写内容，或删去这个文件")
    return int(m.group(1)), src

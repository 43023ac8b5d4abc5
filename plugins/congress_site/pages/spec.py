"""What one generated page is: its URL, template, Markdown and context."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from . import routes


@dataclass
class PageSpec:
    url: str
    template: str
    title: str
    kind: str
    context: dict[str, Any] = field(default_factory=dict)
    markdown: str = ""
    source: str | None = None
    lastmod: dt.date | None = None
    column: str | None = None
    banner: str | None = None
    search: bool = True

    @property
    def src_uri(self) -> str:
        return routes.src_uri(self.url)

    def document(self) -> str:
        """The Markdown file MkDocs reads. Only our own keys go in the front
        matter: a story's own front matter never reaches MkDocs."""
        meta = {"template": self.template, "title": self.title}
        # A JSON string is a YAML double-quoted scalar once the characters
        # YAML would fold or refuse are escaped too.
        head = "\n".join(f"{k}: {_yaml_string(v)}" for k, v in meta.items())
        return f"---\n{head}\n---\n\n{self.markdown}"


# Characters YAML refuses or folds inside a double-quoted scalar and JSON
# leaves raw; written as escapes. Astral characters (rare CJK in names) stay
# raw: JSON would escape them as surrogate pairs, which YAML refuses.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _yaml_string(value: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))

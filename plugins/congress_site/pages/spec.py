"""What one generated page is: its URL, template, Markdown and context."""

from __future__ import annotations

import datetime as dt
import json
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
        head = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
        return f"---\n{head}\n---\n\n{self.markdown}"

"""Pages of documents beside a record (model/documents.py): a Markdown
document becomes a readable page under its record's URL, with a contents
list of its chapters and, for a law text, one-tap links to every article;
PDF and DOCX files are published as they are, for download.

Generic over the record: a builder passes the owner's title and URL and
how to reach each document; the law builder lives in pages/consult.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ..model.documents import Document
from ..model.lawtext import law_markdown
from .types import Page


@dataclass
class Notice:
    """A call to act shown at the top of a document page, e.g. that the
    draft is open for comment until a deadline."""

    text: str
    link_text: str
    link_url: str
    deadline: dt.date | None = None


@dataclass(kw_only=True)
class DocumentPage(Page):
    template: ClassVar[str] = "document.html"

    doc: Document
    owner_title: str
    owner_url: str
    # The family the page belongs to (e.g. 立法进程), for the kicker line.
    section_title: str
    section_url: str
    # The record's other documents, with their URLs.
    siblings: list[tuple[Document, str]] = field(default_factory=list)
    notice: Notice | None = None
    # What the search page's 类型 filter calls it.
    search_type: str = "法规文件"

    @property
    def is_law_text(self) -> bool:
        return self.doc.text is not None

    @property
    def chapters(self) -> list:
        return self.doc.text.chapters if self.doc.text else []

    @property
    def articles(self) -> list:
        return self.doc.text.articles if self.doc.text else []


def document_pages(docs: list[Document], url_of: Callable[[Document], str], *, owner_title: str, owner_url: str,
                   section_title: str, section_url: str,
                   notice_of: Callable[[Document], Notice | None] = lambda d: None,
                   search_type: str = "法规文件") -> list[Page]:
    """One page per Markdown document of one record."""
    pages: list[Page] = []
    for doc in docs:
        if not doc.is_page:
            continue
        siblings = [(other, url_of(other)) for other in docs if other is not doc]
        pages.append(DocumentPage(
            url=url_of(doc), title=f"{doc.title} - {owner_title}",
            markdown=law_markdown(doc.body) if doc.text else doc.body, source=doc.source,
            lastmod=doc.entry.date, doc=doc, owner_title=owner_title, owner_url=owner_url,
            section_title=section_title, section_url=section_url, siblings=siblings, notice=notice_of(doc),
            search_type=search_type))
    return pages


def downloads(docs: list[Document], url_of: Callable[[Document], str]) -> dict[str, Path]:
    """Site path → source file of every PDF and DOCX, copied as they are."""
    return {url_of(doc): doc.path for doc in docs if not doc.is_page}

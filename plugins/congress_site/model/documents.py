"""Documents published beside a record: a record's `documents:` entries
name files in a folder named for the record (a law's in
content/legislation/<id>/). Markdown becomes a page of the site, PDF and
DOCX a download. Any record kind whose model has `documents` can use this.

A document that cannot be published is held back with its reason and the
record keeps its other documents; a file in a record's folder that no entry
lists is reported, so nothing there is silently left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..findings import CongressError, Finding, Severity
from .kinds import RecordKind
from .lawtext import LawText, parse_law_text
from .records import DocumentEntry
from .source import MAX_RECORD_BYTES, read_text

# PDFs of scanned texts run to a few megabytes; anything far larger is
# rather a mistake than a document residents would download on a phone.
MAX_DOWNLOAD_BYTES = 30 * 1024 * 1024
# How each format is named to readers, and the bytes its files begin with.
FORMATS = {"md": ("网页", b""), "pdf": ("PDF", b"%PDF-"), "docx": ("Word 文档", b"PK\x03\x04")}


@dataclass
class Document:
    """A published document: its entry, its file and (for Markdown) its text."""

    entry: DocumentEntry
    owner: str  # the record's id
    path: Path
    source: str  # repository-relative path, for messages and the link checker
    size: int
    body: str = ""  # Markdown documents only
    text: LawText | None = None  # law texts only: chapters and articles

    @property
    def kind(self) -> str:
        return getattr(self.entry, "kind", "")

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def file(self) -> str:
        return self.entry.file

    @property
    def format(self) -> str:
        return self.entry.format

    @property
    def is_page(self) -> bool:
        return self.format == "md"

    @property
    def format_name(self) -> str:
        return FORMATS[self.format][0]

    @property
    def size_label(self) -> str:
        return size_label(self.size)


def size_label(size: int) -> str:
    """A file size as a reader on a metered phone wants it: 356 KB, 1.2 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def attach_documents(repo, kind: RecordKind, text_kinds: Iterable[str] = (),
                     reserved: Iterable[str] = ()) -> None:
    """Resolve the `documents:` of every record of `kind` into
    `repo.documents[(kind.attr, id)]`, and account for every file in the
    records' folders. `text_kinds`: document kinds read as law texts
    (numbering checked, anchors on articles). `reserved`: folder names in
    the kind's folder that hold something else (e.g. plans/)."""
    text_kinds = frozenset(text_kinds)
    listed: dict[str, set[str]] = {}
    for record in getattr(repo, kind.attr).values():
        entries = getattr(record, "documents", None) or []
        src = repo.sources[repo.sources_by_id[(kind.label, record.id)]]
        folder = kind.folder(repo.layout) / record.id
        docs = []
        for i, entry in enumerate(entries):
            doc = _load_one(repo, entry, record.id, folder, src, ("documents", i), text_kinds)
            if doc is not None:
                docs.append(doc)
        repo.documents[(kind.attr, record.id)] = docs
        listed[record.id] = {e.file for e in entries}
    _sweep(repo, kind, listed, frozenset(reserved))


def _load_one(repo, entry: DocumentEntry, owner: str, folder: Path, src, loc: tuple,
              text_kinds: frozenset[str]) -> Document | None:
    path = folder / entry.file
    display = repo.layout.display(path)
    line, col = src.where(loc + ("file",))

    def refuse(code: str, message: str, fix: str, at_file: bool = False) -> None:
        # A file that is missing is the record's mistake; a file that is
        # wrong is the file's.
        where = (display, 1, 1) if at_file else (src.path, line, col)
        repo.findings.append(Finding(*where, code, message, fix))

    if not path.is_file():
        refuse("document-missing", f"文件“{entry.file}”不存在（应在 {repo.layout.display(folder)}/ 中）",
               "请把文件放进这个文件夹，或核对文件名（含大小写和扩展名）")
        return None
    if not repo.layout.inside(path):
        refuse("outside-repo", f"文件“{entry.file}”是指向仓库以外的链接，不予发布", "请把文件本身放进仓库", True)
        repo.failed.append(_held(display, "指向仓库以外"))
        return None
    size = path.stat().st_size
    label, magic = FORMATS[entry.format]
    if entry.format != "md":
        if size > MAX_DOWNLOAD_BYTES:
            refuse("file-too-large", f"文件“{entry.file}”过大（{size_label(size)}），不得超过 {size_label(MAX_DOWNLOAD_BYTES)}",
                   "请压缩 PDF（例如降低扫描分辨率）后再放入", True)
            repo.failed.append(_held(display, "文件过大"))
            return None
        with path.open("rb") as fh:
            head = fh.read(len(magic))
        if head != magic:
            refuse("document-format", f"文件“{entry.file}”的内容不是{label}（扩展名与内容不符）",
                   "请用原程序另存为真正的 PDF 或 DOCX 文件，不要只改扩展名", True)
            repo.failed.append(_held(display, "文件格式不符"))
            return None
        return Document(entry, owner, path, display, size)
    try:
        body = read_text(path, display, MAX_RECORD_BYTES)
    except CongressError as exc:
        repo.findings.extend(exc.findings)
        repo.failed.append(_held(display, "文件无法读取"))
        return None
    doc = Document(entry, owner, path, display, size, body=body)
    if doc.kind in text_kinds:
        doc.text = parse_law_text(body)
        problems = [Finding(display, p.line, p.column, p.code, p.message, p.fix,
                            severity=Severity.WARNING if p.code.endswith("-numeral") else Severity.ERROR)
                    for p in doc.text.problems]
        if not doc.text.articles:
            problems.append(Finding(display, 1, 1, "no-articles", f"{doc.kind}中没有找到“第一条”这样的条文",
                                    "每条另起一行，以“第一条”“第二条”开头；章名写成“第一章　总则”",
                                    severity=Severity.WARNING))
        repo.findings.extend(problems)
        if any(p.severity == Severity.ERROR for p in problems):
            repo.failed.append(_held(display, "条文编号有错误"))
            return None
    return doc


def _held(path: str, reason: str):
    from .repository import Held  # the repository imports this module

    return Held(path, reason)


def _sweep(repo, kind: RecordKind, listed: dict[str, set[str]], reserved: frozenset[str]) -> None:
    """Every file in a record's folder is published, or held back with why."""
    base = kind.folder(repo.layout)
    held = {h.path for h in repo.failed}
    for path in document_files(base, reserved):
        rel = path.relative_to(base)
        owner, display = rel.parts[0], repo.layout.display(path)
        if display in held or (len(rel.parts) == 2 and rel.name in listed.get(owner, ())):
            continue  # published, or already held back with its reason
        if owner in listed:
            repo.findings.append(Finding(display, 1, 1, "unlisted-document",
                                         "这个文件没有列在记录的 documents 中，不会发布",
                                         "请在记录的 documents 中加一项（kind、title、date、file），或删去这个文件",
                                         severity=Severity.WARNING))
            repo.failed.append(_held(display, "未列入 documents"))
        elif _record_failed(repo, kind, owner):
            repo.failed.append(_held(display, "所属记录有错误"))
        else:
            repo.findings.append(Finding(display, 1, 1, "orphan-document",
                                         f"文件夹“{owner}”没有同名的{kind.label}记录，其中的文件不会发布",
                                         f"请核对文件夹名，应与{kind.label}记录的编号（文件名）一致",
                                         severity=Severity.WARNING))
            repo.failed.append(_held(display, "没有对应的记录"))


def _record_failed(repo, kind: RecordKind, record_id: str) -> bool:
    """Whether the record of this id was held back for errors."""
    folder = repo.layout.display(kind.folder(repo.layout) / record_id)
    return any(h.path in (f"{folder}.yml", f"{folder}.yaml") for h in repo.failed)


def document_files(base: Path, reserved: Iterable[str] = ()) -> list[Path]:
    """Every file in the records' folders under `base` (each record's
    documents), for the copy check and the ledger."""
    if not base.is_dir():
        return []
    out = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name in reserved:
            continue
        out += sorted(p for p in folder.rglob("*") if (p.is_file() or p.is_symlink())
                      and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    return out

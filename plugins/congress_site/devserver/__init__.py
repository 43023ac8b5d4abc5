"""The editor's preview (`mkdocs serve`): error pages for broken records,
the editors' page, a cache of parsed records across rebuilds, and the
bookkeeping that lets `mkdocs serve --dirty` re-render only the generated
pages whose inputs changed. Nothing here imports MkDocs."""

from .cache import RecordCache
from .dirty import DirtyPages
from .preview import EDITORS_URL, preview_pages

__all__ = ["EDITORS_URL", "DirtyPages", "RecordCache", "preview_pages"]

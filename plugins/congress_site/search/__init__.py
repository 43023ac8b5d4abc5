"""Chinese full-text search on Pagefind.

- `index_site(site_dir, shards="auto") -> IndexReport`: index a built site
  (call from on_post_build of `mkdocs build`).
- `index_in_background(site_dir)`: the same for `mkdocs serve`, debounced, in
  a child process, never blocking a rebuild.
- `tokens`: the bigram cut shared by the index and the browser query.
"""

from __future__ import annotations

from .background import BackgroundIndexer, index_in_background
from .indexer import IndexReport, index_site

__all__ = ["BackgroundIndexer", "IndexReport", "index_in_background", "index_site"]

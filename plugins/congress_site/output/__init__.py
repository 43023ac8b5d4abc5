"""Producing a site's output: the all-or-nothing folder, the copy check
beside the rendering, the search index and the kept QR codes."""

from .atomic import AtomicOutput
from .run import BuildRun

__all__ = ["AtomicOutput", "BuildRun"]

"""congress-site: records, checks and pages for a local People's Congress website."""

__version__ = "0.1.0"

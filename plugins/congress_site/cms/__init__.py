"""The browser CMS at /admin/ (Decap CMS): its configuration generated from
the record models at every build (`config.py`, `fields.py`) and the files
the build publishes (`admin.py`). `congress admin` serves it against the
working copy (cli/admin.py)."""

from .admin import AdminFiles, admin_files
from .config import cms_config, record_choices

__all__ = ["AdminFiles", "admin_files", "cms_config", "record_choices"]

"""Records from spreadsheets other systems export (a 建议办理 system's CSV or
XLSX): every row validated, findings by row and column, all or nothing."""

from .sheet import Sheet, read_sheet
from .suggestions import DEFAULT_COLUMNS, ImportResult, import_suggestions

__all__ = ["DEFAULT_COLUMNS", "ImportResult", "Sheet", "import_suggestions", "read_sheet"]

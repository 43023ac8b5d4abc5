"""Open data: Popolo persons, organizations and memberships, legislation,
a stories index, their JSON Schemas, the iCalendar feed, robots.txt and
page dates for the sitemap."""

from .build import build_open_data, data_path, robots
from .calendar import build_calendar
from .publish import build_all
from .schemas import schema, schema_path

__all__ = ["build_all", "build_calendar", "build_open_data", "data_path", "robots", "schema",
           "schema_path"]

"""Scaffolding new records: the text of a new story, profile, legislation
or station record with correct front matter, written only where nothing exists yet and
checked by loading it back with the model loader."""

from .records import StoryDraft, new_legislation, new_profile, new_station, new_story
from .schemas import RECORD_MODELS, record_schemas, schema_uri
from .slug import derive_slug, valid_slug

__all__ = ["RECORD_MODELS", "StoryDraft", "derive_slug", "new_legislation", "new_profile", "new_station",
           "new_story",
           "record_schemas", "schema_uri", "valid_slug"]

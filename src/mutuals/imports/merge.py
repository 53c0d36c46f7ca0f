"""Writes for duplicates: the surface the interfaces and other apps import, each part in the
module of its concept.

- `merge_pairs`: record a possible pair, scan for pairs (merging the certain ones when asked),
  keep two people apart, merge a pair under review;
- `merge_moves`: merge one person into another (`merge_people`): every record of the merged
  person moves to the kept one, blanks are filled, and `Merge.snapshot` remembers what undoing
  needs (with `merge_extras`, `merge_events` and `merge_groups` for dates and photos, events and
  groups);
- `merge_undo`: `undo_merge` puts back exactly what moved and nothing else.
"""

from __future__ import annotations

from mutuals.imports.merge_moves import (
    FILLED_FIELDS,
    NOTES_SEPARATOR,
    OWN_FIELDS,
    OWNER_FIELD,
    REPOINTED,
    merge_people,
)
from mutuals.imports.merge_pairs import (
    CERTAINTIES,
    keep_apart,
    merge_duplicate,
    record_possible_duplicate,
    scan_for_duplicates,
)
from mutuals.imports.merge_undo import undo_merge

__all__ = [
    "CERTAINTIES",
    "FILLED_FIELDS",
    "NOTES_SEPARATOR",
    "OWNER_FIELD",
    "OWN_FIELDS",
    "REPOINTED",
    "keep_apart",
    "merge_duplicate",
    "merge_people",
    "record_possible_duplicate",
    "scan_for_duplicates",
    "undo_merge",
]

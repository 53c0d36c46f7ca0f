"""Back up an account to JSON, and restore a backup into an empty account.

`restore` checks the whole file before writing anything, names each bad value by its place
("people[12].tier: Unknown closeness 'bestie'. …"), and writes every record in one transaction;
then it recomputes what derives from them the way the demo loader does. This module is the
frame (the document, the empty account, the transaction); `values` checks one record's values,
`checks` the whole file, `writing` writes it, and `coach_records` holds what is particular to
drafts, comments and assignments.

Drafts sent for review and assignments name their coach by user name. A restore gives them
back to the user of that name on this install (whoever it is: they still see nothing of yours
unless you link with them, at plan level for drafts); when no one has that name here (or it
is you), those drafts with their comments and those assignments are left out, and the counts
`restore` returns say how many of each came back (`coaches_not_here` names the missing ones).

What you chose to pool in each group comes back to your membership in the group of that name
here (`group_records`); a restore never joins a group, and names in `groups_not_here` the
groups whose choice found no membership of yours.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from mutuals.accounts.models import Preferences
from mutuals.backup import group_records
from mutuals.backup.checks import validated
from mutuals.backup.coach_records import coaches_not_here, with_coaches
from mutuals.backup.selectors import DOCUMENT_KINDS, FORMAT, KINDS, VERSION, backup, counts, dumps
from mutuals.backup.words import summary
from mutuals.backup.writing import write
from mutuals.database import gather_statistics
from mutuals.leads.models import Lead

__all__ = ["backup", "coaches_not_here", "dumps", "restore"]

# The kinds an account must not have yet: restoring adds to nothing. Organisations and circles
# may exist (created along with people who are gone); the backup's ones of the same name reuse them.
MUST_BE_EMPTY = set(KINDS) - {"organizations", "circles"}


class Restored(dict[str, int]):
    """How many records of each kind a restore wrote (and pooling choices it gave back),
    `coaches_not_here`: the coaches the backup names who have no account on this install
    (their drafts and assignments were left out), by user name, and `groups_not_here`: the
    groups whose pooling choice found no membership of yours here, by name."""

    coaches_not_here: list[str]
    groups_not_here: list[str]

    def as_dict(self) -> dict[str, int | list[str]]:
        """The one JSON answer of a restore, for the API and `mutuals restore --json`: every
        kind's count, then `coaches_not_here` and `groups_not_here`."""
        return {
            **self,
            "coaches_not_here": self.coaches_not_here,
            "groups_not_here": self.groups_not_here,
        }


def restore(*, owner: AbstractBaseUser, data: dict[str, Any] | str | bytes) -> Restored:
    """Write a backup into the owner's empty account; returns how many records of each kind.

    All or nothing: any bad record raises ValidationError naming it, and nothing is written.
    """
    document = _document(data)
    with transaction.atomic():
        _refuse_unless_empty(owner)
        checked = validated(document)
        choices = checked.pop(group_records.KIND)
        records, missing = with_coaches(owner, checked)
        pks = write(owner, records)
        pooled, groups_missing = group_records.restore_choices(owner, choices, pks)
        _keep_landed(owner)
        transaction.on_commit(gather_statistics)
    restored = Restored((name, len(rows)) for name, rows in records.items())
    restored[group_records.KIND] = pooled
    restored.coaches_not_here = missing
    restored.groups_not_here = groups_missing
    return restored


def _document(data: dict[str, Any] | str | bytes) -> dict[str, Any]:
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise ValidationError(
                {"backup": [f"This is not a mutuals backup: it is not JSON ({error})."]}
            ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(
            {"backup": ['This is not a mutuals backup: it has no "format": "mutuals-backup".']}
        )
    version = data.get("version")
    if isinstance(version, bool) or version != VERSION:
        raise ValidationError(
            {
                "version": [
                    f"This backup is version {version!r}; this mutuals restores "
                    f"version {VERSION}. Restore it with the mutuals that wrote it."
                ]
            }
        )
    unknown = sorted(set(data) - {"format", "version", *DOCUMENT_KINDS})
    if unknown:
        raise ValidationError(
            {key: ["This is not a kind of record mutuals keeps; remove it."] for key in unknown}
        )
    return data


def _refuse_unless_empty(owner: AbstractBaseUser) -> None:
    there = {name: n for name, n in counts(owner=owner).items() if name in MUST_BE_EMPTY}
    if any(there.values()):
        raise ValidationError(
            {
                "account": [
                    f"Restore goes into an empty account: this one already has "
                    f"{summary(there)}. Restore into a new account "
                    "(`mutuals user create NAME`)."
                ]
            }
        )


def _keep_landed(owner: AbstractBaseUser) -> None:
    """Keep-in-touch mode comes back with the accepted offer, from the day it was accepted: the
    backup holds records, not settings (its check-in promises are records and came back). Had
    you gone back to searching with an offer still accepted, choose it again in Settings."""
    accepted = Lead.objects.filter(owner=owner, stage="accepted").order_by("-stage_on").first()
    if accepted is not None:
        Preferences.objects.update_or_create(owner=owner, defaults={"landed_on": accepted.stage_on})

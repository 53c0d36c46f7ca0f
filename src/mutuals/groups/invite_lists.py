"""E-mail invitations from a CSV list of addresses: single-use codes made at once
(`invite_emails`, the codes shown only then) or a list sent in the background
(`invite_emails_later`, sent by `groups.invitations`). A group administrator or an install
administrator; a bad line is named and nothing is made."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from mutuals.core.codes import hash_code, new_code
from mutuals.groups.membership import check_group_admin
from mutuals.groups.models import Group, GroupInvitation, InvitationBatch

INVITATION_DAYS = 14
MAX_EMAILS = 5000


def _addresses(text: str) -> list[str]:
    """The addresses of a CSV list: the first column of each row (a header row "email" is
    skipped). A bad line is named; nothing is kept then."""
    found: dict[str, None] = {}
    errors: list[str] = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cell = row[0].strip() if row else ""
        if not cell or (number == 1 and cell.casefold() in ("email", "e-mail", "address")):
            continue
        try:
            validate_email(cell)
        except ValidationError:
            errors.append(f"Line {number}: '{cell[:80]}' is not an e-mail address.")
            continue
        found.setdefault(cell.lower(), None)
    if errors:
        raise ValidationError({"emails": errors[:20]})
    if not found:
        raise ValidationError({"emails": ["The list has no e-mail addresses: one per line."]})
    if len(found) > MAX_EMAILS:
        raise ValidationError({"emails": [f"Invite at most {MAX_EMAILS} addresses at a time."]})
    return list(found)


@transaction.atomic
def invite_emails(
    *,
    by: AbstractBaseUser,
    group_id: int,
    csv_text: str,
    days: int = INVITATION_DAYS,
    now: dt.datetime | None = None,
) -> list[tuple[str, str]]:
    """Single-use invitations for each address of a CSV list: (address, code) pairs, the codes
    shown only now (only their hashes are kept). A bad line is named and nothing is made."""
    now = now or timezone.now()
    group = Group.objects.get(pk=group_id)
    check_group_admin(by=by, group=group)
    if not 1 <= days <= 60:
        raise ValidationError({"days": ["An invitation lasts from 1 to 60 days."]})
    pairs = [(address, new_code()) for address in _addresses(csv_text)]
    GroupInvitation.objects.bulk_create(
        GroupInvitation(
            group=group,
            email=address,
            code_hash=hash_code(code),
            invited_by=by,
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
        for address, code in pairs
    )
    return pairs


@transaction.atomic
def invite_emails_later(
    *,
    by: AbstractBaseUser,
    group_id: int,
    csv_text: str,
    days: int = INVITATION_DAYS,
    link_root: str = "",
    now: dt.datetime | None = None,
) -> InvitationBatch:
    """A list of invitations to send in the background (`groups.invitations`), each waiting,
    by `invite_emails`' rules. No code is made now: each gets its own when its e-mail goes
    (the hash kept meanwhile is of a code no one is shown)."""
    now = now or timezone.now()
    group = Group.objects.get(pk=group_id)
    check_group_admin(by=by, group=group)
    if not 1 <= days <= 60:
        raise ValidationError({"days": ["An invitation lasts from 1 to 60 days."]})
    addresses = _addresses(csv_text)
    batch = InvitationBatch.objects.create(
        group=group,
        invited_by=by,
        created_at=now,
        days=days,
        link_root=link_root[:300],
        total=len(addresses),
    )
    GroupInvitation.objects.bulk_create(
        (
            GroupInvitation(
                group=group,
                batch=batch,
                state=GroupInvitation.WAITING,
                email=address,
                code_hash=hash_code(new_code()),
                invited_by=by,
                created_at=now,
                expires_at=now + dt.timedelta(days=days),
            )
            for address in addresses
        ),
        batch_size=1000,
    )
    return batch

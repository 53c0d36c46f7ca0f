"""People you wrote with who are not in your records (issue 18): counted from the kept
messages (`count_correspondents`) and offered as people to add (`Correspondent`, by
`core.mail.threads.worth_offering`), never created for you. Adding one creates the person with
their address and derives their past conversations at once; dismissing one stops offering them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from mutuals.core.mail.threads import MAX_RECIPIENTS, worth_offering
from mutuals.emails.conversations import day_of, relink
from mutuals.emails.models import Correspondent, Participant
from mutuals.emails.report import CHUNK, MailReport, chunks
from mutuals.emails.selectors import addresses_of_people
from mutuals.people import services as people_services
from mutuals.people.models import Person


def count_correspondents(
    owner: AbstractBaseUser, addresses: set[str], me: set[str], report: MailReport | None
) -> None:
    """Recount, from the kept messages, how much you wrote with each of these addresses that
    is neither you nor one of your people; offer the ones worth it."""
    known = addresses_of_people(owner)
    wanted = sorted(a for a in addresses if a not in me and a not in known and a)
    counts: dict[str, dict[str, Any]] = {}
    for part in chunks(wanted):
        base = Participant.objects.filter(
            owner=owner, address__in=part, message__recipient_count__lte=MAX_RECIPIENTS
        )
        sent = base.filter(sent=False, message__from_me=True)
        received = base.filter(sent=True, message__from_me=False)
        for name, query in (("sent", sent), ("received", received)):
            for row in query.values("address").annotate(
                n=Count("id"), first=Min("message__sent_at"), last=Max("message__sent_at")
            ):
                entry = counts.setdefault(row["address"], {"sent": 0, "received": 0})
                entry[name] = row["n"]
                entry["first"] = min(filter(None, (entry.get("first"), row["first"])))
                entry["last"] = max(filter(None, (entry.get("last"), row["last"])))
    names = _names(owner, list(counts))
    existing = {
        c.address: c
        for part in chunks(list(counts))
        for c in Correspondent.objects.filter(owner=owner, address__in=part)
    }
    new: list[Correspondent] = []
    changed: list[Correspondent] = []
    for address, entry in counts.items():
        offered = worth_offering(entry["sent"], entry["received"])
        values = {
            "name": names.get(address, ""),
            "sent": entry["sent"],
            "received": entry["received"],
            "first_on": day_of(entry["first"]),
            "last_on": day_of(entry["last"]),
            "offered": offered,
        }
        row = existing.get(address)
        if row is None:
            new.append(Correspondent(owner=owner, address=address, **values))
            if offered and report is not None:
                report.offered += 1
            continue
        if offered and not row.offered and row.status == "open" and report is not None:
            report.offered += 1
        for name, value in values.items():
            setattr(row, name, value)
        changed.append(row)
    Correspondent.objects.bulk_create(new, batch_size=CHUNK)
    Correspondent.objects.bulk_update(
        changed, ["name", "sent", "received", "first_on", "last_on", "offered"], batch_size=500
    )
    # Addresses no message names any more (a source forgotten) and nobody decided on.
    gone = [a for a in wanted if a not in counts]
    for part in chunks(gone):
        Correspondent.objects.filter(owner=owner, address__in=part, status="open").delete()


def _names(owner: AbstractBaseUser, addresses: list[str]) -> dict[str, str]:
    """The name each address was last written with."""
    names: dict[str, tuple[dt.datetime, str]] = {}
    for part in chunks(addresses):
        for address, name, when in (
            Participant.objects.filter(owner=owner, address__in=part)
            .exclude(name="")
            .values_list("address", "name", "message__sent_at")
        ):
            if address not in names or when > names[address][0]:
                names[address] = (when, name)
    return {address: name for address, (_, name) in names.items()}


def _offer(owner: AbstractBaseUser, correspondent_id: int) -> Correspondent:
    found = Correspondent.objects.filter(owner=owner, pk=correspondent_id).first()
    if found is None:
        raise ValidationError({"correspondent": ["No one with that number was offered to you."]})
    return found


@transaction.atomic
def add_correspondent(
    *,
    owner: AbstractBaseUser,
    correspondent_id: int,
    name: str = "",
    tier: str | None = None,
) -> Person:
    """Add someone you wrote with as a person (with their address); their past messages
    become conversations. `name` defaults to the name their mail carried, else the address."""
    found = _offer(owner, correspondent_id)
    if found.status == "added" and found.person_id is not None:
        raise ValidationError({"correspondent": ["They are already among your people."]})
    if found.address in addresses_of_people(owner):
        raise ValidationError({"correspondent": ["Someone you have already has that address."]})
    chosen = " ".join((name or found.name or found.address.partition("@")[0]).split())
    person = people_services.create_person(
        owner=owner,
        name=chosen,
        emails=[found.address],
        tier=tier or None,
        how_met="E-mail",
    )
    found.status, found.person, found.decided_at = "added", person, timezone.now()
    found.save(update_fields=["status", "person", "decided_at"])
    relink(owner=owner, addresses=[found.address])
    return person


def dismiss_correspondent(
    *, owner: AbstractBaseUser, correspondent_id: int, undo: bool = False
) -> Correspondent:
    """Stop offering someone (`undo`: offer them again)."""
    found = _offer(owner, correspondent_id)
    if found.status == "added":
        raise ValidationError({"correspondent": ["They are already among your people."]})
    found.status = "open" if undo else "dismissed"
    found.decided_at = None if undo else timezone.now()
    found.save(update_fields=["status", "decided_at"])
    return found

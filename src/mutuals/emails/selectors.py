"""Reads for e-mail history: your addresses, your people's addresses, the people you wrote
with who are offered as new people, and what each source brought."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet
from django.db.models.functions import Lower

from mutuals.emails.models import Correspondent, MailImport, MailSource, Message, MyAddress
from mutuals.people.models import EmailAddress


def my_addresses(owner: AbstractBaseUser, *, own: bool = False) -> list[str]:
    """The addresses that are you: your account's e-mail (unless `own`, only those you
    listed) and the ones you listed, lower-cased, sorted."""
    listed = set(MyAddress.objects.filter(owner=owner).values_list("address", flat=True))
    account = (getattr(owner, "email", "") or "").strip().lower()
    if account and not own:
        listed.add(account)
    return sorted(listed)


def account_address(owner: AbstractBaseUser) -> str:
    return (getattr(owner, "email", "") or "").strip().lower()


def addresses_of_people(owner: AbstractBaseUser) -> dict[str, int]:
    """Each e-mail address of your people, lower-cased, to the person (the first one wins)."""
    found: dict[str, int] = {}
    for pid, address in (
        EmailAddress.objects.filter(person__owner=owner)
        .order_by("id")
        .values_list("person_id", "address")
    ):
        found.setdefault(address.strip().lower(), pid)
    return found


def _open_offers(owner: AbstractBaseUser) -> QuerySet[Correspondent]:
    known = (
        EmailAddress.objects.filter(person__owner=owner)
        .annotate(lowered=Lower("address"))
        .values("lowered")
    )
    return Correspondent.objects.filter(owner=owner, offered=True, status="open").exclude(
        address__in=known
    )


def offered(owner: AbstractBaseUser, *, limit: int = 100) -> list[Correspondent]:
    """People you wrote with both ways who are not in your records, most written first."""
    return list(_open_offers(owner).order_by("-received", "-sent", "address")[:limit])


def offered_count(owner: AbstractBaseUser) -> int:
    return _open_offers(owner).count()


def correspondent_named(owner: AbstractBaseUser, text: str) -> Correspondent | None:
    """An offered (or dismissed) correspondent by number or address."""
    text = text.strip().lstrip("#")
    found = Correspondent.objects.filter(owner=owner)
    if text.isdigit():
        return found.filter(pk=int(text)).first()
    return found.filter(address=text.lower()).first()


def dismissed(owner: AbstractBaseUser, *, limit: int = 100) -> list[Correspondent]:
    return list(
        Correspondent.objects.filter(owner=owner, status="dismissed").order_by(
            "-decided_at", "address"
        )[:limit]
    )


def sources(owner: AbstractBaseUser) -> list[dict[str, Any]]:
    """Each source and how many kept messages it carried."""
    return [
        {"name": s.name, "messages": s.n, "since": s.created_at}
        for s in MailSource.objects.filter(owner=owner)
        .annotate(n=Count("messages"))
        .order_by("name")
    ]


def message_count(owner: AbstractBaseUser) -> int:
    return Message.objects.filter(owner=owner).count()


def correspondent_as_dict(c: Correspondent) -> dict[str, Any]:
    return {
        "id": c.pk,
        "address": c.address,
        "name": c.name,
        "sent": c.sent,
        "received": c.received,
        "first_on": c.first_on.isoformat() if c.first_on else None,
        "last_on": c.last_on.isoformat() if c.last_on else None,
        "status": c.status,
        "person_id": c.person_id,
    }


def recent_imports(owner: AbstractBaseUser, *, limit: int = 20) -> list[MailImport]:
    return list(MailImport.objects.filter(owner=owner)[:limit])


def get_import(*, owner: AbstractBaseUser, run_id: int) -> MailImport:
    """One of your mbox imports; DoesNotExist for anyone else's."""
    return MailImport.objects.get(owner=owner, pk=run_id)

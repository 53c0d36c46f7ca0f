"""The addresses that are you (your account's e-mail and those you add), and reading every kept
message again with them (`rebuild`): which messages are yours, who wrote first, the
conversations and the people you wrote with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from mutuals.core.mail.headers import EMAIL_MAX
from mutuals.core.mail.threads import KEY_PREFIX
from mutuals.emails.conversations import rederive
from mutuals.emails.correspondents import count_correspondents
from mutuals.emails.models import Correspondent, Message, MyAddress, Participant
from mutuals.emails.report import MailReport
from mutuals.emails.selectors import my_addresses
from mutuals.interactions.models import Interaction


def set_my_addresses(*, owner: AbstractBaseUser, addresses: Iterable[str]) -> list[str]:
    """Make these (with your account's e-mail) the addresses that are you; the messages and
    conversations are read again with them. Returns the addresses kept."""
    wanted = clean_addresses(addresses)
    with transaction.atomic():
        MyAddress.objects.filter(owner=owner).exclude(address__in=wanted).delete()
        have = set(MyAddress.objects.filter(owner=owner).values_list("address", flat=True))
        MyAddress.objects.bulk_create(
            MyAddress(owner=owner, address=a) for a in wanted if a not in have
        )
        rebuild(owner=owner)
    return my_addresses(owner)


def add_my_addresses(*, owner: AbstractBaseUser, addresses: Iterable[str]) -> list[str]:
    """Add addresses that are you (`--me`); nothing is read again when all were known."""
    wanted = clean_addresses(addresses)
    if set(wanted) <= set(my_addresses(owner)):
        return my_addresses(owner)
    return set_my_addresses(owner=owner, addresses=[*my_addresses(owner, own=True), *wanted])


def remove_my_address(*, owner: AbstractBaseUser, address: str) -> list[str]:
    """Stop taking an address you listed as yours (your account's e-mail stays)."""
    gone = address.strip().lower()
    kept = [a for a in my_addresses(owner, own=True) if a != gone]
    return set_my_addresses(owner=owner, addresses=kept)


def clean_addresses(addresses: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in addresses:
        address = raw.strip().lower()
        if not address:
            continue
        if len(address) > EMAIL_MAX or "@" not in address or " " in address:
            raise ValidationError({"addresses": [f"'{raw.strip()}' is not an e-mail address."]})
        if address not in out:
            out.append(address)
    return out


@transaction.atomic
def rebuild(*, owner: AbstractBaseUser) -> MailReport:
    """Read every kept message again: which are yours, their conversations, the people you
    wrote with. What changing your addresses or adding people from e-mail calls."""
    me = set(my_addresses(owner))
    Message.objects.filter(owner=owner).exclude(sender__in=me).update(from_me=False)
    Message.objects.filter(owner=owner, sender__in=me).update(from_me=True)
    report = MailReport(source="")
    threads = set(Message.objects.filter(owner=owner).values_list("thread", flat=True))
    stale = set(
        Interaction.objects.filter(
            owner=owner, source_key__startswith=f"{KEY_PREFIX}:"
        ).values_list("source_key", flat=True)
    )
    old_days = {(k.split(":")[1], dt.date.fromisoformat(k.split(":")[2])) for k in stale}
    rederive(owner, threads | {t for t, _ in old_days}, me, report, old_days=old_days)
    addresses = set(Participant.objects.filter(owner=owner).values_list("address", flat=True))
    addresses |= set(Correspondent.objects.filter(owner=owner).values_list("address", flat=True))
    count_correspondents(owner, addresses, me, report)
    Correspondent.objects.filter(owner=owner, address__in=me).delete()
    return report

"""Small factories for needs, gives, receives and asks, built on the real services, dated in
days before today (the agenda's thank-you, ask and review items depend on ages)."""

from __future__ import annotations

from mutuals.ledger import services as ledger_services
from mutuals.needs import services as need_services
from tests.factories import days_ago


def received(owner, person, text="Intro to Acme's CTO", *, days=20, kind="introduction"):
    return ledger_services.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction="received",
        kind=kind,
        text=text,
        occurred_on=days_ago(days),
    )


def gave(owner, person, text="Sent the salary survey", *, days=0, kind="information"):
    return ledger_services.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction="gave",
        kind=kind,
        text=text,
        occurred_on=days_ago(days),
    )


def asked(owner, person, text="An intro to the hiring manager", *, days=10):
    return ledger_services.record_ask(
        owner=owner, person_id=person.pk, text=text, asked_on=days_ago(days)
    )


def noted(owner, person=None, text="Intro to a UX lead", *, days=40, kind="introduction"):
    return need_services.add_need(
        owner=owner,
        person_id=person.pk if person else None,
        text=text,
        kind=kind,
        noted_on=days_ago(days),
    )

"""Reads for "everyone who helped" (issue 15 items 3 and 6): after an offer is accepted, each
person who gave you something during the search, stood behind one of your leads or introduced
you to someone, with what they did, whether they are thanked yet (core.agenda.search.who_helped)
and a drafted thank-you (core.drafts, purpose thanks). Always filtered by owner; five queries
however many helped, six with the drafts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Min, OuterRef, Subquery

from mutuals.accounts.selectors import preferences_of
from mutuals.core.agenda.search import Help, Helper, lead_words, thanks_note, who_helped
from mutuals.core.drafts import Draft, DraftFacts, Purpose, draft
from mutuals.core.reciprocity import KIND_PHRASES, Direction, ExchangeKind
from mutuals.leads.models import Lead, LeadEvent, LeadPerson
from mutuals.ledger.models import Exchange
from mutuals.network.models import Introduction
from mutuals.outreach.selectors import my_first_name
from mutuals.people.models import Person

FIRST_NAMED = 5  # people Today names in its "tell everyone who helped" list

# What someone behind a lead did, on a screen and in a thank-you note.
_ROLE_SAID = {
    "referrer": ("referred you for {what}", "the referral for {what}"),
    "can_help": ("helped with {what}", "your help with {what}"),
    "mentioned": ("told you about {what}", "telling me about {what}"),
    "interviewer": ("interviewed you for {what}", "your time in the interview for {what}"),
}


@dataclass(frozen=True)
class Thanks:
    """Everyone who helped: `since` is the day thanks count from (the day you landed, or the
    latest accepted offer's, or today), `landed_lead` the accepted offer's words ("" when
    none)."""

    since: dt.date
    landed_lead: str
    helpers: list[Helper]

    @property
    def waiting(self) -> int:
        return sum(not helper.thanked for helper in self.helpers)

    @property
    def first_waiting(self) -> list[Helper]:
        """The first few not thanked yet (they come first): what Today names."""
        return [helper for helper in self.helpers[:FIRST_NAMED] if not helper.thanked]


def search_began(owner: AbstractBaseUser) -> dt.date | None:
    """The day the search began: the day the first lead was added (None with no lead)."""
    found = LeadEvent.objects.filter(owner=owner, kind="created").aggregate(
        first=Min("occurred_on")
    )
    return found["first"]


def _accepted(owner: AbstractBaseUser) -> tuple[dt.date | None, str]:
    lead = (
        Lead.objects.filter(owner=owner, stage="accepted")
        .select_related("organization")
        .only("title", "stage_on", "organization__name")
        .order_by("-stage_on", "-id")
        .first()
    )
    if lead is None:
        return None, ""
    return lead.stage_on, lead_words(
        lead.title, lead.organization.name if lead.organization else ""
    )


def _helps(owner: AbstractBaseUser, began: dt.date) -> list[Help]:
    """What each person did: the people behind the leads, then what you received since the
    search began (a referral from someone who is a referrer on a lead is that referral, said
    once), then the introductions made for you."""
    helps = []
    links = (
        LeadPerson.objects.filter(owner=owner, person__archived_at__isnull=True)
        .order_by("lead_id", "id")
        .values_list(
            "person_id", "person__full_name", "role", "lead__title", "lead__organization__name"
        )
    )
    referrers = set()
    for person_id, name, role, title, organization in links:
        what = lead_words(title, organization or "")
        said, note = _ROLE_SAID.get(role, _ROLE_SAID["mentioned"])
        helps.append(Help(person_id, name, said.format(what=what), note.format(what=what)))
        if role == "referrer":
            referrers.add(person_id)
    received = (
        Exchange.objects.filter(
            owner=owner,
            direction=Direction.RECEIVED.value,
            occurred_on__gte=began,
            person__archived_at__isnull=True,
        )
        .exclude(
            pk__in=Introduction.objects.filter(owner=owner, exchange__isnull=False).values(
                "exchange_id"
            )
        )
        .order_by("occurred_on", "id")
        .values_list("person_id", "person__full_name", "kind", "text")
    )
    for person_id, name, kind, text in received:
        if kind == ExchangeKind.REFERRAL.value and person_id in referrers:
            continue
        phrase = KIND_PHRASES[ExchangeKind(kind)]
        helps.append(Help(person_id, name, f"gave you {phrase}: “{text}”", f"{phrase} ({text})"))
    introductions = (
        Introduction.objects.filter(
            owner=owner,
            introducer__isnull=False,
            seeker__isnull=True,
            status__in=("made", "thanked"),
            introducer__archived_at__isnull=True,
        )
        .order_by("requested_on", "id")
        .values_list("introducer_id", "introducer__full_name", "target__full_name")
    )
    for person_id, name, target in introductions:
        helps.append(
            Help(person_id, name, f"introduced you to {target}", f"the introduction to {target}")
        )
    return helps


def everyone_who_helped(*, owner: AbstractBaseUser, today: dt.date) -> Thanks:
    """Everyone who helped with the search (module docstring)."""
    landed_on = preferences_of(owner).landed_on
    accepted_on, accepted = _accepted(owner)
    since = landed_on or accepted_on or today
    began = search_began(owner)
    if began is None:
        return Thanks(since, accepted, [])
    helps = _helps(owner, began)
    ids = {h.person_id for h in helps}
    last_give = Exchange.objects.filter(
        owner=owner, person_id=OuterRef("pk"), direction=Direction.GAVE.value
    ).order_by("-occurred_on")
    rows = (
        Person.objects.filter(owner=owner, pk__in=ids)
        .annotate(given=Subquery(last_give.values("occurred_on")[:1]))
        .values_list("pk", "last_contact_on", "given")
    )
    last_contact, last_given = {}, {}
    for pk, talked, given in rows:
        last_contact[pk], last_given[pk] = talked, given
    return Thanks(since, accepted, who_helped(helps, last_contact, last_given, since))


def thank_you_draft(owner: AbstractBaseUser, helper: Helper, thanks: Thanks) -> Draft:
    """A drafted thank-you to one helper: what they did, and your news."""
    news = f"I have accepted an offer: {thanks.landed_lead}" if thanks.landed_lead else ""
    facts = DraftFacts(
        their_name=helper.person_name.split()[0] if helper.person_name.split() else "",
        my_name=my_first_name(owner),
        received=thanks_note(helper, news),
    )
    return draft(Purpose.THANKS, facts, variant=helper.person_id)

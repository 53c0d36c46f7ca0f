"""Writes for leads: add one (by hand, from a posting, from a conversation), move it through
its stages, change who stands behind it; every change goes on the lead's timeline.

The rules for moving are `core.leads.check_move`; every function takes the acting user as
`owner` and touches only that owner's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuals.core import leads as rules
from mutuals.core.agenda.search import lead_words
from mutuals.core.reciprocity import Direction, ExchangeKind
from mutuals.interactions.models import Interaction
from mutuals.leads import landed
from mutuals.leads.landed import Landing
from mutuals.leads.models import Lead, LeadEvent, LeadPerson
from mutuals.ledger import services as ledger
from mutuals.ledger.models import Exchange
from mutuals.orgs.services import organization_named
from mutuals.people.services import owned_person

MAX_TEXT = {"title": 200, "location": 200}
MAX_SOURCE_TEXT = 50_000
MAX_NOTES = 20_000


def _text(name: str, value: str) -> str:
    value = " ".join(value.split())
    if len(value) > MAX_TEXT[name]:
        raise ValidationError({name: [f"Keep this under {MAX_TEXT[name]} characters."]})
    return value


def _choice(name: str, value: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if value not in choices:
        raise ValidationError(
            {name: [f"Unknown {name} '{value}'. Choose one of: {', '.join(choices)}."]}
        )
    return value


def _conversation(owner: AbstractBaseUser, interaction_id: int | None) -> Interaction | None:
    if interaction_id is None:
        return None
    try:
        return Interaction.objects.get(owner=owner, pk=interaction_id)
    except Interaction.DoesNotExist:
        raise ValidationError({"conversation": ["That conversation is not in your log."]}) from None


def _log(lead: Lead, kind: str, text: str, day: dt.date, **fields: object) -> LeadEvent:
    return LeadEvent.objects.create(
        owner_id=lead.owner_id,
        is_demo=lead.is_demo,
        lead=lead,
        kind=kind,
        text=text[:500],
        occurred_on=day,
        **fields,
    )


@transaction.atomic
def create_lead(
    *,
    owner: AbstractBaseUser,
    title: str = "",
    organization: str = "",
    location: str = "",
    stage: str = "heard",
    source: str = "",
    conversation_id: int | None = None,
    source_text: str = "",
    notes: str = "",
    people: Iterable[tuple[int, str]] = (),
    today: dt.date | None = None,
) -> Lead:
    """Add a lead: a role (`title`), an organisation, or both; `people` are (person id, role).

    `source` defaults to "conversation" when one is given, "posting" with a posting's text,
    else "hand".
    """
    day = today or timezone.localdate()
    title, location = _text("title", title), _text("location", location)
    org = organization_named(owner=owner, name=organization)
    if not title and org is None:
        raise ValidationError(
            {"title": ["Say what the lead is: a role, an organisation, or both."]}
        )
    _choice("stage", stage, rules.OPEN_STAGES)
    conversation = _conversation(owner, conversation_id)
    source = source or ("conversation" if conversation else "posting" if source_text else "hand")
    _choice("source", source, rules.SOURCES)
    if len(source_text) > MAX_SOURCE_TEXT:
        raise ValidationError(
            {"source_text": [f"Keep the text under {MAX_SOURCE_TEXT:,} characters."]}
        )
    if len(notes) > MAX_NOTES:
        raise ValidationError({"notes": [f"Keep notes under {MAX_NOTES:,} characters."]})
    behind = [
        (owned_person(owner=owner, person_id=pid, field="people"), role) for pid, role in people
    ]
    for _, role in behind:
        _choice("role", role, rules.ROLES)
    lead = Lead.objects.create(
        owner=owner,
        organization=org,
        title=title,
        location=location,
        stage=stage,
        stage_on=day,
        source=source,
        conversation=conversation,
        source_text=source_text.strip(),
        notes=notes.strip(),
    )
    said = rules.SOURCE_WORDS[source].capitalize()
    _log(
        lead, "created", f"Added ({said.lower()}) at “{rules.STAGE_WORDS[stage]}”", day, stage=stage
    )
    seen: set[int] = set()
    for person, role in behind:
        if person.pk not in seen:
            seen.add(person.pk)
            _add_person(lead, person, role, day)
    return lead


def _add_person(lead: Lead, person: object, role: str, day: dt.date) -> LeadPerson:
    link = LeadPerson.objects.create(
        owner_id=lead.owner_id, is_demo=lead.is_demo, lead=lead, person=person, role=role
    )
    name = link.person.full_name
    _log(lead, "person", f"{name}: {rules.ROLE_WORDS[role]}", day, person=link.person)
    return link


def _locked(owner: AbstractBaseUser, lead_id: int) -> Lead:
    return Lead.objects.select_for_update().get(owner=owner, pk=lead_id)


@dataclass(frozen=True)
class Moved:
    """A lead after a move, and what landing changed when the move accepted an offer (None
    otherwise, and when you had already landed)."""

    lead: Lead
    landed: Landing | None = None
    back_to_searching: bool = False


@transaction.atomic
def move(
    *,
    owner: AbstractBaseUser,
    lead_id: int,
    stage: str,
    reason: str = "",
    interview_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Moved:
    """Move a lead to `stage` (closing needs a `reason`; `interview_on`, the interview's day,
    goes with a move to interviewing); the move goes on its timeline. Accepting an offer
    switches you to keep-in-touch mode (`landed.land`); taking the only accepted offer back to
    an offer switches you back to searching."""
    lead = _locked(owner, lead_id)
    refused = rules.check_move(lead.stage, stage, reason)
    if refused is not None:
        raise ValidationError({refused.field: [refused.message]})
    if interview_on is not None and stage != "interviewing":
        raise ValidationError({"interview_on": ["An interview day goes with “Interviewing”."]})
    day = today or timezone.localdate()
    said = rules.move_words(lead.stage, stage, reason)
    was = lead.stage
    lead.stage, lead.stage_on = stage, day
    lead.closed_reason = " ".join(reason.split()) if stage == "closed" else ""
    fields = ["stage", "stage_on", "closed_reason", "updated_at"]
    if interview_on is not None:
        lead.interview_on = interview_on
        fields.append("interview_on")
        said = f"{said} (interview on {interview_on.day} {interview_on:%b %Y})"
    lead.save(update_fields=fields)
    _log(lead, "stage", said, day, stage=stage)
    if stage == "accepted":
        return Moved(lead, landed.land(owner=owner, today=day))
    if was == "accepted" and not Lead.objects.filter(owner=owner, stage="accepted").exists():
        return Moved(lead, back_to_searching=landed.back_to_searching(owner=owner))
    return Moved(lead)


def move_lead(
    *,
    owner: AbstractBaseUser,
    lead_id: int,
    stage: str,
    reason: str = "",
    interview_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Lead:
    """`move`, for callers that need only the lead."""
    return move(
        owner=owner,
        lead_id=lead_id,
        stage=stage,
        reason=reason,
        interview_on=interview_on,
        today=today,
    ).lead


@transaction.atomic
def set_interview(*, owner: AbstractBaseUser, lead_id: int, interview_on: dt.date | None) -> Lead:
    """Set (or clear, with None) the interview's day of a lead, at any stage."""
    lead = _locked(owner, lead_id)
    lead.interview_on = interview_on
    lead.save(update_fields=["interview_on", "updated_at"])
    return lead


@transaction.atomic
def note_follow_up(
    *, owner: AbstractBaseUser, lead_id: int, today: dt.date | None = None
) -> LeadEvent:
    """You followed up on an application (with the recruiter, say): a line on its timeline,
    which restarts the agenda's week of waiting."""
    lead = _locked(owner, lead_id)
    return _log(lead, "note", "Followed up", today or timezone.localdate())


@transaction.atomic
def thank_referrer(
    *, owner: AbstractBaseUser, lead_id: int, person_id: int, today: dt.date | None = None
) -> Exchange:
    """You thanked someone for a referral: the referral goes on the ledger as received from
    them (unless it is there already) and is marked thanked today."""
    lead = _locked(owner, lead_id)
    if not LeadPerson.objects.filter(lead=lead, person_id=person_id).exists():
        raise ValidationError({"person": ["That person is not behind this lead."]})
    day = today or timezone.localdate()
    text = f"Referral: {rules_lead_words(lead)}"[:500]
    referred = (
        LeadEvent.objects.filter(lead=lead, stage="referred").order_by("-occurred_on").first()
    )
    exchange = Exchange.objects.filter(
        owner=owner, person_id=person_id, direction=Direction.RECEIVED.value, text=text
    ).first()
    if exchange is None:
        exchange = ledger.record_exchange(
            owner=owner,
            person_id=person_id,
            direction=Direction.RECEIVED.value,
            kind=ExchangeKind.REFERRAL.value,
            text=text,
            occurred_on=min(referred.occurred_on if referred else day, day),
        )
    return ledger.mark_thanked(owner=owner, exchange_id=exchange.pk, on=day)


def rules_lead_words(lead: Lead) -> str:
    """What a lead is in a sentence ("Designer at Orion"): core.agenda.search.lead_words."""
    return lead_words(lead.title, lead.organization.name if lead.organization else "")


@transaction.atomic
def update_lead(
    *,
    owner: AbstractBaseUser,
    lead_id: int,
    title: str | None = None,
    organization: str | None = None,
    location: str | None = None,
    notes: str | None = None,
) -> Lead:
    """Change what a lead is (None leaves a field as it is)."""
    lead = _locked(owner, lead_id)
    if title is not None:
        lead.title = _text("title", title)
    if organization is not None:
        lead.organization = organization_named(owner=owner, name=organization)
    if location is not None:
        lead.location = _text("location", location)
    if notes is not None:
        if len(notes) > MAX_NOTES:
            raise ValidationError({"notes": [f"Keep notes under {MAX_NOTES:,} characters."]})
        lead.notes = notes.strip()
    if not lead.title and lead.organization is None:
        raise ValidationError(
            {"title": ["Say what the lead is: a role, an organisation, or both."]}
        )
    lead.save()
    return lead


@transaction.atomic
def add_person(
    *,
    owner: AbstractBaseUser,
    lead_id: int,
    person_id: int,
    role: str = "mentioned",
    today: dt.date | None = None,
) -> LeadPerson:
    """Put someone behind a lead, or change their role there."""
    lead = _locked(owner, lead_id)
    person = owned_person(owner=owner, person_id=person_id)
    _choice("role", role, rules.ROLES)
    day = today or timezone.localdate()
    link = LeadPerson.objects.filter(lead=lead, person=person).first()
    if link is None:
        return _add_person(lead, person, role, day)
    if link.role != role:
        link.role = role
        link.save(update_fields=["role"])
        _log(lead, "person", f"{person.full_name}: {rules.ROLE_WORDS[role]}", day, person=person)
    return link


@transaction.atomic
def remove_person(
    *, owner: AbstractBaseUser, lead_id: int, person_id: int, today: dt.date | None = None
) -> None:
    lead = _locked(owner, lead_id)
    links = LeadPerson.objects.filter(lead=lead, person_id=person_id).select_related("person")
    link = links.first()
    if link is None:
        raise ValidationError({"person": ["That person is not behind this lead."]})
    links.delete()
    day = today or timezone.localdate()
    _log(lead, "person_removed", f"{link.person.full_name} removed", day, person=link.person)


def delete_lead(*, owner: AbstractBaseUser, lead_id: int) -> None:
    """Delete a lead with its people links and timeline; the people themselves stay."""
    Lead.objects.get(owner=owner, pk=lead_id).delete()

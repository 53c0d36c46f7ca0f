"""Reads for the outreach coach, always filtered by owner.

What mutuals knows about a recipient becomes the review's context (core.outreach) and a
draft's facts (core.drafts): how long since you last talked, how you met, your last
conversation, whether they are a contact, people you both know (by name: who-knows-whom and who
introduced you), the give/receive balance and their open needs. Nothing here writes; reviewing
or drafting a message records nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import F, OuterRef, Q, Subquery

from mutuals.core.drafts import Draft, DraftFacts, Purpose, draft
from mutuals.core.names import fold
from mutuals.core.outreach import OutreachContext, Review, review
from mutuals.core.outreach.thread import DAYS_MAX, UNANSWERED_MAX, Entry, Thread, thread
from mutuals.core.reciprocity import Direction, OpenNeed
from mutuals.core.sent_messages import mailto
from mutuals.interactions.selectors import timeline
from mutuals.ledger.selectors import balance_for, exchanges_for
from mutuals.needs.selectors import open_needs_of
from mutuals.network.models import Knows
from mutuals.people.models import Person
from mutuals.people.selectors import get_person

MESSAGE_MAX = 20_000  # characters of a message any interface accepts for review
FACT_MAX = 300  # characters of one fact typed for a draft (what to share, their news...)
NOT_YOURS = "That person is not in your network."
# Summaries that say only that a conversation happened, not what it was about.
_CONTENTLESS = {fold("Reached out")}
_RECENT_CONVERSATIONS = 5  # looked through for the last one that says what it was about
# Conversations read for the thread: enough to count UNANSWERED_MAX in a row and one more.
_THREAD_CONVERSATIONS = UNANSWERED_MAX + 1
MUTUAL_MAX = 50  # people you both know, strongest tie first, that a review reads by name
FACTS_MAX = 50  # open needs or people both know that an interface accepts by hand


@dataclass(frozen=True)
class Recipient:
    """Who a message is for, and what mutuals knows that a review or a draft can use."""

    person: Person
    context: OutreachContext
    facts: DraftFacts
    needs: tuple[OpenNeed, ...]
    balance_label: str  # today's, in core.reciprocity's words


@dataclass(frozen=True)
class DraftRequest:
    """What a user may add to a draft beyond what mutuals knows (all optional)."""

    target_id: int | None = None
    ask: str = ""
    share: str = ""
    need_id: int | None = None
    occasion: str = ""
    received: str = ""
    variant: int = 0


def recipient(
    *, owner: AbstractBaseUser, person_id: int, today: dt.date, field: str = "to"
) -> Recipient:
    """What mutuals knows about one of the owner's people; anyone else's is an error on
    `field`. A handful of queries: the person, conversations, the thread, gives, balance and
    needs."""
    person = _owned(owner, person_id, field)
    needs = tuple(
        sorted(open_needs_of(owner=owner, person_id=person.pk), key=lambda n: (n.noted_on, n.id))
    )
    days = (today - person.last_contact_on).days if person.last_contact_on else None
    current = balance_for(owner=owner, person_id=person.pk, today=today)
    exchanged = current.given > 0 or current.received > 0
    replies = thread_with(owner=owner, person_id=person.pk, today=today)
    mutual = mutual_contacts(owner=owner, person=person)
    context = OutreachContext(
        recipient_name=first_name(person) or None,
        known=person.tier is not None,
        days_since_last_contact=max(days, 0) if days is not None else None,
        shared_connections=len(mutual),
        mutual_contacts=mutual,
        balance=current.score if exchanged else None,
        recipient_needs=tuple(need.text for need in needs),
        unanswered=replies.unanswered,
        days_since_you_wrote=replies.days_since_you_wrote,
    )
    facts = DraftFacts(
        their_name=first_name(person),
        my_name=my_first_name(owner),
        how_met=person.how_met,
        last_topic=_last_topic(owner, person.pk),
        days_since_last_contact=context.days_since_last_contact,
        their_needs=context.recipient_needs,
        received=_last_received(owner, person.pk),
    )
    return Recipient(
        person=person, context=context, facts=facts, needs=needs, balance_label=current.label
    )


def thread_with(*, owner: AbstractBaseUser, person_id: int, today: dt.date) -> Thread:
    """Whether the owner's last messages to one of their people went unanswered
    (core.outreach.thread), from the newest conversations in their log: one query."""
    rows = timeline(owner=owner, person_id=person_id).values_list(
        "occurred_on", "kind", "initiated_by"
    )[:_THREAD_CONVERSATIONS]
    return thread((Entry(on, kind, by) for on, kind, by in rows), today)


def mutual_contacts(*, owner: AbstractBaseUser, person: Person) -> tuple[str, ...]:
    """The names of the people you both know, strongest tie first (then by name), at most
    MUTUAL_MAX: who introduced you, whom they introduced you to, and the people you know (not
    only know of) whom mutuals records as knowing them. One query."""
    pid = person.pk
    edges = Knows.objects.filter(owner=owner)
    strength = edges.filter(
        Q(person_id=OuterRef("pk"), knows_id=pid) | Q(person_id=pid, knows_id=OuterRef("pk"))
    ).values("strength")[:1]
    linked = Q(pk__in=edges.filter(person_id=pid).values("knows_id")) | Q(
        pk__in=edges.filter(knows_id=pid).values("person_id")
    )
    introduced = Q(introduced_by_id=pid)
    if person.introduced_by_id is not None:
        introduced |= Q(pk=person.introduced_by_id)
    rows = (
        Person.objects.filter(owner=owner)
        .filter(introduced | (linked & Q(tier__isnull=False)))
        .exclude(pk=pid)
        .annotate(edge=Subquery(strength))
        .order_by(F("edge").desc(nulls_last=True), "full_name", "id")
        .values_list("full_name", flat=True)[:MUTUAL_MAX]
    )
    return tuple(name for name in rows if name)


def review_message(
    *,
    owner: AbstractBaseUser,
    text: str,
    today: dt.date,
    person_id: int | None = None,
    unanswered: int | None = None,
    days_since_you_wrote: int | None = None,
    needs: list[str] | None = None,
    mutual: list[str] | None = None,
) -> tuple[Review, Recipient | None]:
    """The review of a message (core.outreach), with what is known about its recipient.
    `unanswered` and `days_since_you_wrote`, when given, say what the thread is (for a message
    to someone mutuals does not know, or whose log is behind); otherwise the recipient's log
    says it. `needs` (their open needs, one line each) and `mutual` (people you both know, by
    name), when given, likewise replace what your records say."""
    _check_text(text)
    _check_thread(unanswered, days_since_you_wrote)
    given_needs = _check_lines(needs, "needs", "need")
    given_mutual = _check_lines(mutual, "mutual_contacts", "name")
    found = None
    context = OutreachContext()
    if person_id is not None:
        found = recipient(owner=owner, person_id=person_id, today=today)
        context = found.context
    if unanswered is not None:
        context = replace(context, unanswered=unanswered)
    if days_since_you_wrote is not None:
        context = replace(context, days_since_you_wrote=days_since_you_wrote)
    if given_needs is not None:
        context = replace(context, recipient_needs=given_needs)
    if given_mutual is not None:
        context = replace(
            context, mutual_contacts=given_mutual, shared_connections=len(given_mutual)
        )
    if found is not None:
        found = replace(found, context=context)
    return review(text, context), found


def draft_message(
    *,
    owner: AbstractBaseUser,
    person_id: int,
    purpose: str,
    today: dt.date,
    request: DraftRequest | None = None,
) -> tuple[Draft, Review, Recipient]:
    """A draft for `purpose` to one of the owner's people, and its review in their context:
    asking while the balance is against you shows as the review's balance finding."""
    request = request or DraftRequest()
    chosen = _purpose(purpose)
    found = recipient(owner=owner, person_id=person_id, today=today)
    facts = _with_request(owner, found, request)
    written = draft(chosen, facts, variant=request.variant)
    return written, review(written.text, found.context), found


@dataclass(frozen=True)
class SendLinks:
    """Where a message to someone can be sent from: their first e-mail address with a mailto:
    link carrying the subject and body ("" when mutuals knows no address), and their LinkedIn
    profile ("" when unknown)."""

    email: str
    mailto: str
    linkedin_url: str


def send_links(*, person: Person, subject: str, text: str) -> SendLinks:
    """The ways to send `text` to `person` (one of the owner's, already fetched): one query."""
    first = person.emails.order_by("id").first()
    email = first.address if first is not None else ""
    link = mailto(email, subject=subject, body=text) if email else ""
    linkedin = (
        person.linkedin_url if person.linkedin_url.startswith(("https://", "http://")) else ""
    )
    return SendLinks(email=email, mailto=link, linkedin_url=linkedin)


def first_name(person: Person) -> str:
    """What a message calls them: their first name, else nickname, else their full name."""
    return person.first_name or person.nickname or person.full_name


def my_first_name(owner: AbstractBaseUser) -> str:
    """The signature: the user's first name, else a user name that looks like one."""
    first = str(getattr(owner, "first_name", "") or "").strip()
    if first:
        return first
    username = str(owner.get_username())
    return username.capitalize() if username.isalpha() else ""


def _owned(owner: AbstractBaseUser, person_id: int, field: str) -> Person:
    try:
        return get_person(owner=owner, person_id=person_id)
    except Person.DoesNotExist:
        raise ValidationError({field: [NOT_YOURS]}) from None


def _check_text(text: str) -> None:
    if not text.strip():
        raise ValidationError({"text": ["Write or paste the message to review."]})
    if len(text) > MESSAGE_MAX:
        raise ValidationError(
            {"text": [f"That message is too long; keep it under {MESSAGE_MAX:,} characters."]}
        )


def _check_thread(unanswered: int | None, days: int | None) -> None:
    errors: dict[str, list[str]] = {}
    if unanswered is not None and not 0 <= unanswered <= UNANSWERED_MAX:
        errors["unanswered"] = [
            f"Give how many of your messages are unanswered, from 0 to {UNANSWERED_MAX}."
        ]
    if days is not None and not 0 <= days <= DAYS_MAX:
        errors["days_since_you_wrote"] = [
            f"Give the days since you last wrote to them, from 0 to {DAYS_MAX:,}."
        ]
    if errors:
        raise ValidationError(errors)


def _check_lines(lines: list[str] | None, field: str, what: str) -> tuple[str, ...] | None:
    """Lines given by hand (their needs, people you both know), trimmed; blank or too many or
    too long ones are an error on `field`."""
    if lines is None:
        return None
    kept = tuple(" ".join(line.split()) for line in lines)
    if any(not line for line in kept):
        raise ValidationError({field: [f"Give each {what}; leave out blank ones."]})
    if len(kept) > FACTS_MAX:
        raise ValidationError({field: [f"Give at most {FACTS_MAX}."]})
    if any(len(line) > FACT_MAX for line in kept):
        raise ValidationError({field: [f"Keep each {what} under {FACT_MAX} characters."]})
    return kept


def _purpose(purpose: str) -> Purpose:
    try:
        return Purpose(purpose)
    except ValueError:
        choices = ", ".join(p.value for p in Purpose)
        raise ValidationError({"purpose": [f"Choose one of: {choices}."]}) from None


def _last_topic(owner: AbstractBaseUser, person_id: int) -> str:
    for interaction in timeline(owner=owner, person_id=person_id)[:_RECENT_CONVERSATIONS]:
        if fold(interaction.summary) not in _CONTENTLESS:
            return str(interaction.summary)
    return ""


def _last_received(owner: AbstractBaseUser, person_id: int) -> str:
    latest = (
        exchanges_for(owner=owner, person_id=person_id)
        .filter(direction=Direction.RECEIVED.value)
        .first()
    )
    return latest.text if latest else ""


def _with_request(owner: AbstractBaseUser, found: Recipient, request: DraftRequest) -> DraftFacts:
    """The known facts, with what the user added; the target and the need must be theirs."""
    errors: dict[str, list[str]] = {}
    for field, value in (
        ("ask", request.ask),
        ("share", request.share),
        ("occasion", request.occasion),
        ("received", request.received),
    ):
        if len(value) > FACT_MAX:
            errors[field] = [f"Keep this under {FACT_MAX} characters."]
    target_name = target_about = share_need = ""
    if request.target_id is not None:
        try:
            target = _owned(owner, request.target_id, "target")
        except ValidationError as error:
            errors.update(error.message_dict)
        else:
            if target.pk == found.person.pk:
                errors["target"] = ["Choose someone other than the person you are writing to."]
            target_name, target_about = target.full_name, _about(target)
    if request.need_id is not None:
        share_need = next((n.text for n in found.needs if n.id == request.need_id), "")
        if not share_need:
            errors["need"] = ["Choose one of their open needs."]
    if errors:
        raise ValidationError(errors)
    return replace(
        found.facts,
        received=request.received or found.facts.received,
        target_name=target_name,
        target_about=target_about,
        ask=request.ask,
        share=request.share,
        share_need=share_need,
        occasion=request.occasion,
    )


def _about(person: Person) -> str:
    """ "engineering manager at Acme", "at Acme", "engineering manager" or ""."""
    organization = person.organization.name if person.organization else ""
    if person.title and organization:
        return f"{person.title} at {organization}"
    return person.title or (f"at {organization}" if organization else "")

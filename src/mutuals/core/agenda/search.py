"""The job search on the agenda (issue 15, PRODUCT.md P8): follow up an application, thank a
referrer, prepare for an interview, and, once an offer is accepted, tell everyone who helped.

Rules in words:
- Application follow-up: a lead still at "applied" whose last news is at least 7 days old. The
  last news is the latest of: the day it was marked applied, the last follow-up you noted on it,
  your last conversation with any of its people. So a lead that moved on, a follow-up noted or a
  talk with the people behind it resets the wait; with nothing, the item comes back each week.
  Score = min(days since the last news / 7, 4), like an unanswered ask.
- Referral thank-you: from the day a lead was (last) moved to "referred", while it is still at
  "referred" or later and open, for 30 days: one item for each referrer of the lead (role
  referrer; with none, whoever is linked as can help or mentioned it), until they are thanked:
  a give to them, a thank-you recorded for something they gave or a conversation with them, on
  or after that day ("Thanked" on the item records the referral as received and thanked).
  Score = 1 + days since / 30 (the longest waiting first).
- Interview prep: a lead at "interviewing" whose interview is tomorrow or today. The item names
  who you know there (the lead's people, then everyone at its organisation), what they care
  about (one open need each) and your last conversation with them. Score = 2 - days to go.
- Everyone who helped (`who_helped`): after an offer is accepted, each person who gave you
  something during the search (receives since it began), stood behind one of your leads, or
  introduced you to someone; thanked once you have talked with them or given them something on
  or after the day you landed. Not yet thanked first, then who did the most, then by name.

Plain data, no Django: `agenda.selectors` reads the states.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from mutuals.core.agenda.states import AgendaItem, ItemKind, LeadPersonState, LeadState
from mutuals.core.agenda.wording import (
    INTERVIEW_NOBODY,
    ROLE_HELP_WORDS,
    agree_articles,
    as_phrase,
    first_sentence,
    names_list,
    quoted,
    sentence,
    when_day,
    while_ago,
)
from mutuals.core.lead_words import ROLE_WORDS
from mutuals.core.names import first_word

APPLICATION_FOLLOW_UP_DAYS = 7
APPLICATION_WAIT_CAP = 4.0
REFERRAL_THANKS_HORIZON_DAYS = 30
INTERVIEW_PREP_DAYS = 1  # the day before the interview (and the day itself)
INTERVIEW_PEOPLE_SHOWN = 3  # people whose needs and last conversation the item tells
# The stages at which a referral still stands (later ones, still open).
REFERRED_OR_LATER = ("referred", "applied", "interviewing", "offer")
# Who is thanked for a referral when the lead has no referrer.
REFERRAL_FALLBACK_ROLES = ("can_help", "mentioned")
# Who is told about first in an interview's item: the people behind the lead, by role.
_ROLE_PLACE = {"referrer": 0, "interviewer": 1, "can_help": 2, "mentioned": 3, "": 4}


def lead_words(title: str, organization: str) -> str:
    """What a lead is in a sentence: "Product Designer at Orion", "a role at Orion"."""
    if title and organization:
        return f"{title} at {organization}"
    if organization:
        return f"a role at {organization}"
    return title or "a role"


def _days(start: date, today: date) -> int:
    return (today - start).days


def application_item(lead: LeadState, today: date) -> AgendaItem | None:
    if lead.stage != "applied":
        return None
    news = [lead.stage_on, lead.followed_up_on, *(p.last_contact_on for p in lead.people)]
    last_news = max(day for day in news if day is not None)
    waited = _days(last_news, today)
    if waited < APPLICATION_FOLLOW_UP_DAYS:
        return None
    what = lead_words(lead.title, lead.organization)
    applied = _days(lead.stage_on, today)
    if last_news == lead.stage_on:
        reason = f"You applied for {what} {while_ago(applied)} and have heard nothing since."
    else:
        reason = (
            f"You applied for {what} {while_ago(applied)}; the last news was {while_ago(waited)}."
        )
    referrers = [p for p in lead.people if p.role == "referrer"]
    if referrers:
        who = first_word(referrers[0].person_name)
        reason += f" {who} referred you and may know where it stands."
    return AgendaItem(
        kind=ItemKind.APPLICATION,
        person_id=None,
        person_name=None,
        reason=reason,
        score=min(waited / APPLICATION_FOLLOW_UP_DAYS, APPLICATION_WAIT_CAP),
        due_on=last_news + timedelta(days=APPLICATION_FOLLOW_UP_DAYS),
        overdue_days=waited - APPLICATION_FOLLOW_UP_DAYS,
        lead_id=lead.id,
        about=what,
    )


def referral_thanks_items(lead: LeadState, today: date) -> list[AgendaItem]:
    referred = lead.referred_on
    if referred is None or lead.stage not in REFERRED_OR_LATER:
        return []
    days = _days(referred, today)
    if not 0 <= days <= REFERRAL_THANKS_HORIZON_DAYS:
        return []
    who = [p for p in lead.people if p.role == "referrer"]
    if not who:
        who = [p for p in lead.people if p.role in REFERRAL_FALLBACK_ROLES]
    what = lead_words(lead.title, lead.organization)
    items = []
    for person in who:
        if is_thanked(person, referred):
            continue
        first = first_word(person.person_name)
        when = "today" if days == 0 else while_ago(days)
        if person.role == "referrer":
            reason = f"{first} referred you for {what} {when}"
        else:
            helped = ROLE_HELP_WORDS[person.role]
            reason = f"You were referred for {what} {when}, and {first} {helped}"
        if days > 0:
            reason += ", and you have not thanked them yet"
        items.append(
            AgendaItem(
                kind=ItemKind.REFERRAL_THANKS,
                person_id=person.person_id,
                person_name=person.person_name,
                reason=sentence(reason),
                score=1 + days / REFERRAL_THANKS_HORIZON_DAYS,
                due_on=referred,
                overdue_days=days,
                lead_id=lead.id,
                about=what,
            )
        )
    return items


def is_thanked(person: LeadPersonState, since: date) -> bool:
    """Thanked for something done on `since`: a give, a thank-you or a conversation on or after
    that day."""
    return (
        (person.last_given_on is not None and person.last_given_on >= since)
        or (person.last_thanked_on is not None and person.last_thanked_on >= since)
        or (person.last_contact_on is not None and person.last_contact_on >= since)
    )


def interview_item(lead: LeadState, today: date) -> AgendaItem | None:
    if lead.stage != "interviewing" or lead.interview_on is None:
        return None
    to_go = _days(today, lead.interview_on)
    if not 0 <= to_go <= INTERVIEW_PREP_DAYS:
        return None
    what = lead_words(lead.title, lead.organization)
    parts = [f"Your interview for {what} is {when_day(to_go)}."]
    people = sorted(
        lead.people, key=lambda p: (_ROLE_PLACE.get(p.role, 4), p.person_name, p.person_id)
    )
    if people:
        behind = [f"{p.person_name} ({ROLE_WORDS[p.role]})" for p in people if p.role]
        there = [p.person_name for p in people if not p.role]
        if behind:
            parts.append(f"Behind this lead: {names_list(behind)}.")
        if there:
            also = " also" if behind else ""
            where = f"At {lead.organization}" if lead.organization else "There"
            parts.append(f"{where} you{also} know {names_list(there)}.")
        for person in people[:INTERVIEW_PEOPLE_SHOWN]:
            parts.extend(_what_they_care_about(person, today))
    else:
        parts.append(INTERVIEW_NOBODY)
    return AgendaItem(
        kind=ItemKind.INTERVIEW,
        person_id=None,
        person_name=None,
        reason=" ".join(parts),
        score=float(2 - to_go),
        due_on=lead.interview_on - timedelta(days=INTERVIEW_PREP_DAYS),
        lead_id=lead.id,
        about=what,
    )


def _what_they_care_about(person: LeadPersonState, today: date) -> list[str]:
    first = first_word(person.person_name)
    said = []
    if person.need:
        need = agree_articles(as_phrase(first_sentence(person.need)))
        said.append(sentence(f"{first} cares about: {need}"))
    if person.last_contact_on is not None:
        ago = while_ago(_days(person.last_contact_on, today))
        topic = first_sentence(person.last_summary)
        about = f": {quoted(topic)}" if topic else ""
        said.append(sentence(f"You last talked with {first} {ago}{about}"))
    return said


def search_items(leads: Iterable[LeadState], today: date) -> list[AgendaItem]:
    """Every search item due today (module docstring)."""
    items: list[AgendaItem] = []
    for lead in leads:
        items += [i for i in (application_item(lead, today), interview_item(lead, today)) if i]
        items += referral_thanks_items(lead, today)
    return items


@dataclass(frozen=True, slots=True)
class Help:
    """One thing someone did for your search: in words for a screen ("referred you for
    Designer at Orion") and for a thank-you note ("the referral for Designer at Orion")."""

    person_id: int
    person_name: str
    said: str
    for_note: str


@dataclass(frozen=True, slots=True)
class Helper:
    person_id: int
    person_name: str
    helped: tuple[Help, ...]
    thanked: bool


def who_helped(
    helps: Iterable[Help],
    last_contact: Mapping[int, date | None],
    last_given: Mapping[int, date | None],
    since: date,
) -> list[Helper]:
    """Everyone who helped, once each with everything they did (module docstring)."""
    by_person: dict[int, list[Help]] = {}
    for help_ in helps:
        done = by_person.setdefault(help_.person_id, [])
        if all(h.said != help_.said for h in done):
            done.append(help_)
    helpers = []
    for person_id, done in by_person.items():
        talked, given = last_contact.get(person_id), last_given.get(person_id)
        thanked = (talked is not None and talked >= since) or (given is not None and given >= since)
        helpers.append(Helper(person_id, done[0].person_name, tuple(done), thanked))
    return sorted(helpers, key=lambda h: (h.thanked, -len(h.helped), h.person_name, h.person_id))


def thanks_note(helper: Helper, landed_on: str = "") -> str:
    """What a thank-you to `helper` thanks for, for core.drafts' `received`: "the referral for
    Designer at Orion and telling me about Analyst at Acme; I have accepted an offer at Orion"."""
    things = names_list([h.for_note for h in helper.helped[:3]])
    return f"{things}; {landed_on}" if landed_on else things

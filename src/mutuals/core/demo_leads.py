"""The demo network's leads: openings heard of through its people, at every stage (PRODUCT.md
P8), and a note about one organisation.

Deterministic like `core.demo`: the same network and seed always give the same leads. Each lead
sits at an organisation where the demo knows someone; a contact there "can help", another
contact "mentioned it", and later stages have a referrer or an interviewer. Its history walks
the usual path (`core.leads.next_stage`) from "heard" to where it is now, a few days to two
weeks a step, ending no later than today.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from mutuals.core.cadence import Tier
from mutuals.core.demo import DemoNetwork, DemoPerson
from mutuals.core.leads import STAGE_DONE_WORDS, next_stage

# (title, stage, closed reason); "" as the title: they might be hiring.
LEADS = (
    ("Senior Data Engineer", "heard", ""),
    ("", "heard", ""),
    ("Analytics Engineer", "exploring", ""),
    ("Data Platform Lead", "warm_path", ""),
    ("Staff Data Engineer", "intro_asked", ""),
    ("Machine Learning Engineer", "referred", ""),
    ("Data Engineer", "applied", ""),
    ("Engineering Manager, Data", "interviewing", ""),
    ("Principal Data Engineer", "offer", ""),
    ("Data Engineer", "closed", "They filled it internally"),
)
ROLE_AFTER = {"referred": "referrer", "interviewing": "interviewer"}
NOTES = "Growing the data team this year; Rosa says the interviews are friendly and practical."


@dataclass(frozen=True, slots=True)
class DemoLeadEvent:
    occurred_on: dt.date
    stage: str
    text: str


@dataclass(frozen=True, slots=True)
class DemoLead:
    organization: str
    title: str
    location: str
    stage: str
    stage_on: dt.date
    closed_reason: str
    source: str
    people: tuple[tuple[int, str], ...]  # (key of a DemoPerson, role)
    history: tuple[DemoLeadEvent, ...]  # oldest first; the first one is the lead being added


@dataclass(frozen=True, slots=True)
class DemoLeads:
    leads: tuple[DemoLead, ...]
    organization_notes: tuple[tuple[str, str], ...]  # (organisation, notes)


def generate_leads(network: DemoNetwork, *, seed: int = 7) -> DemoLeads:
    """The leads of `network`; the same network and seed always give the same leads."""
    rng = random.Random(seed * 104729 + 3)
    contacts = [p for p in network.people if p.tier not in (None, Tier.DORMANT)]
    at: dict[str, list[DemoPerson]] = {}
    for person in network.people:
        if person.organization:
            at.setdefault(person.organization, []).append(person)
    places = sorted(at, key=lambda name: (-len(at[name]), name))[: len(LEADS)]
    if not places or not contacts:
        return DemoLeads((), ())
    leads = []
    for index, (title, stage, reason) in enumerate(LEADS):
        organization = places[index % len(places)]
        there = at[organization]
        leads.append(_lead(rng, network.today, organization, there, contacts, title, stage, reason))
    return DemoLeads(tuple(leads), ((places[0], NOTES),))


def _lead(
    rng: random.Random,
    today: dt.date,
    organization: str,
    there: list[DemoPerson],
    contacts: list[DemoPerson],
    title: str,
    stage: str,
    reason: str,
) -> DemoLead:
    path = _path(stage)
    days = [rng.randint(3, 14) for _ in path]
    start = today - dt.timedelta(days=sum(days))
    history, day = [], start
    for step, gap in zip(path, days, strict=True):
        said = STAGE_DONE_WORDS[step] + (f": {reason}" if step == "closed" else "")
        history.append(DemoLeadEvent(day, step, said))
        day += dt.timedelta(days=gap)
    mentioned = rng.choice(contacts)
    people = [(mentioned.key, "mentioned")]
    inside = rng.choice(there)
    if inside.key != mentioned.key:
        people.append((inside.key, ROLE_AFTER.get(stage, "can_help")))
    return DemoLead(
        organization=organization,
        title=title,
        location=inside.location,
        stage=stage,
        stage_on=history[-1].occurred_on,
        closed_reason=reason,
        source="hand",
        people=tuple(people),
        history=tuple(history),
    )


def _path(stage: str) -> list[str]:
    """The usual steps from "heard" to `stage` (closing after exploring)."""
    if stage == "closed":
        return ["heard", "exploring", "closed"]
    path = ["heard"]
    while path[-1] != stage:
        following = next_stage(path[-1])
        assert following is not None
        path.append(following)
    return path

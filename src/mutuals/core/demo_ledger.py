"""The demo network's needs and give/ask ledger: what its people need, what you need, and
what has passed between you (PRODUCT.md P1, P2).

Deterministic like `core.demo`: the same network and seed always give the same ledger. About a
quarter of your contacts have a need or two, noted in the last eight months, most still open;
you have a handful of your own (your asks plan). Gives and receives lean the way real
relationships do: mostly balanced, a few where you have received far more (so the ask warning
has something to say), a few where you give generously. A few asks are still unanswered.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from mutuals.core.agenda.wording import agree_articles
from mutuals.core.cadence import Tier
from mutuals.core.demo import DemoNetwork, DemoPerson

ROLES = (
    "data engineer",
    "product manager",
    "UX designer",
    "engineering manager",
    "data scientist",
    "backend developer",
    "recruiter",
    "marketing lead",
    "financial analyst",
    "operations manager",
)
FIELDS = ("fintech", "healthcare", "climate tech", "logistics", "education", "retail")
TOPICS = (
    "negotiating a salary",
    "moving into management",
    "switching careers into tech",
    "freelancing",
    "writing a portfolio",
    "public speaking",
    "going back to school",
    "remote work",
)
SERVICES = ("a good accountant", "a reliable plumber", "a Spanish tutor", "a family lawyer")
NEED_TEMPLATES: dict[str, tuple[str, ...]] = {
    "job_lead": ("Looking for a {role} role in {field}", "Open to {role} openings in {field}"),
    "introduction": ("An intro to someone at {org}", "Wants to meet a {role} in {field}"),
    "advice": ("Advice on {topic}",),
    "information": ("Good reading on {topic}", "Numbers on {role} salaries in {field}"),
    "referral": ("A referral for the {role} opening at {org}",),
    "hire": ("Hiring a {role} for the team at {org}",),
    "other": ("Looking for {service}",),
}
MY_NEEDS = (
    ("introduction", "An introduction to an engineering manager in fintech"),
    ("advice", "Advice on negotiating a senior data engineer offer"),
    ("job_lead", "Data platform roles in climate tech or healthcare"),
    ("information", "What hiring looks like at Copperleaf Systems this year"),
    ("referral", "A referral for the staff data engineer role at Driftwood Labs"),
)
GIVES = {
    "information": "Sent an article on {topic}",
    "advice": "Talked through {topic}",
    "introduction": "Introduced them to a {role} I know",
    "recommendation": "Wrote a LinkedIn recommendation",
    "favour": "Helped them move flat",
    "referral": "Referred them for a {role} role",
}
ASKS = (
    "Could you look over my CV?",
    "Would you introduce me to your data team lead?",
    "Do you know anyone hiring a data engineer?",
    "Could we have a 20-minute call about your team?",
)
CONTACT_SHARE = 0.25
OPEN_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class DemoNeed:
    person: int | None  # key of a DemoPerson; None: your own need
    text: str
    kind: str
    noted_on: dt.date
    status: str
    helped_by: int | None
    reviewed_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DemoExchange:
    person: int
    direction: str  # "gave" or "received"
    kind: str
    text: str
    occurred_on: dt.date
    need: int | None  # index into DemoLedger.needs
    thanked_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DemoAsk:
    person: int
    text: str
    asked_on: dt.date
    answered_on: dt.date | None


@dataclass(frozen=True, slots=True)
class DemoLedger:
    needs: tuple[DemoNeed, ...]
    exchanges: tuple[DemoExchange, ...]
    asks: tuple[DemoAsk, ...]


def generate_ledger(network: DemoNetwork, *, seed: int = 7) -> DemoLedger:
    """The ledger of `network`; the same network and seed always give the same ledger."""
    rng = random.Random(seed * 7919 + 17)
    today = network.today
    contacts = [p for p in network.people if p.tier not in (None, Tier.DORMANT)]
    needs: list[DemoNeed] = [
        DemoNeed(None, text, kind, today - dt.timedelta(days=rng.randint(3, 60)), "open", None)
        for kind, text in MY_NEEDS
    ]
    exchanges: list[DemoExchange] = []
    for person in contacts:
        if rng.random() < CONTACT_SHARE:
            for _ in range(rng.choice((1, 1, 2))):
                needs.append(_need(rng, person, today))
                if needs[-1].status == "helped":
                    exchanges.append(_give(rng, person, today, need=len(needs) - 1))
    for person in contacts:
        exchanges.extend(_history(rng, person, today))
    asks = [
        DemoAsk(person.key, rng.choice(ASKS), asked, _answer(rng, asked, today))
        for person in rng.sample(contacts, min(12, len(contacts)))
        for asked in [today - dt.timedelta(days=rng.randint(2, 150))]
    ]
    return _kept_up(DemoLedger(tuple(needs), tuple(exchanges), tuple(asks)), seed, today)


KEPT_UP_SHARE = 0.85


def _kept_up(ledger: DemoLedger, seed: int, today: dt.date) -> DemoLedger:
    """Most receives thanked within days and most open needs reviewed this month, as a user
    who keeps up would have it: the agenda shows a few of each, not dozens."""
    rng = random.Random(seed * 31 + 5)  # its own stream: the rest of the ledger stays the same
    needs = tuple(
        dataclasses.replace(need, reviewed_on=today - dt.timedelta(days=rng.randint(0, 25)))
        if need.status == "open"
        and (today - need.noted_on).days > 25
        and rng.random() < KEPT_UP_SHARE
        else need
        for need in ledger.needs
    )
    exchanges = tuple(
        dataclasses.replace(
            exchange,
            thanked_on=min(today, exchange.occurred_on + dt.timedelta(days=rng.randint(0, 3))),
        )
        if exchange.direction == "received" and rng.random() < KEPT_UP_SHARE
        else exchange
        for exchange in ledger.exchanges
    )
    return DemoLedger(needs, exchanges, ledger.asks)


def _fill(rng: random.Random, template: str, person: DemoPerson) -> str:
    """The template with its blanks filled, "a"/"an" agreeing with the word after it."""
    return agree_articles(
        template.format(
            role=rng.choice(ROLES),
            field=rng.choice(FIELDS),
            topic=rng.choice(TOPICS),
            service=rng.choice(SERVICES),
            org=person.organization or "a company they admire",
        )
    )


def _need(rng: random.Random, person: DemoPerson, today: dt.date) -> DemoNeed:
    kind = rng.choice(tuple(NEED_TEMPLATES))
    text = _fill(rng, rng.choice(NEED_TEMPLATES[kind]), person)
    noted = today - dt.timedelta(days=rng.randint(1, 240))
    status = "open" if rng.random() < OPEN_SHARE else rng.choice(("helped", "done", "dropped"))
    return DemoNeed(person.key, text, kind, noted, status, None)


def _give(
    rng: random.Random, person: DemoPerson, today: dt.date, need: int | None = None
) -> DemoExchange:
    kind = rng.choice(tuple(GIVES))
    text = _fill(rng, GIVES[kind], person)
    on = today - dt.timedelta(days=rng.randint(1, 200))
    return DemoExchange(person.key, "gave", kind, text, on, need)


def _history(rng: random.Random, person: DemoPerson, today: dt.date) -> list[DemoExchange]:
    """A few gives and receives; some relationships lean one way."""
    lean = rng.random()
    gives = rng.randint(0, 2) + (2 if lean > 0.9 else 0)
    receives = rng.randint(0, 2) + (3 if lean < 0.08 else 0)
    history = [_give(rng, person, today) for _ in range(gives)]
    for _ in range(receives):
        kind = rng.choice(tuple(GIVES))
        filled = _fill(rng, GIVES[kind], person)
        text = "They " + filled[0].lower() + filled[1:].replace("them", "me")
        on = today - dt.timedelta(days=rng.randint(1, 400))
        history.append(DemoExchange(person.key, "received", kind, text, on, None))
    return history


def _answer(rng: random.Random, asked: dt.date, today: dt.date) -> dt.date | None:
    if rng.random() < 0.3:
        return None
    return min(today, asked + dt.timedelta(days=rng.randint(0, 10)))

"""The give and take in words: the kinds of exchange, their weights and phrases, the two
directions, and the balance's label (core.reciprocity has the balance and the warning).

A module of its own, without dataclasses, because the models import it at every start of Django
(ledger.Exchange's choices, people.Person's balance label) and so does the agenda:
core.reciprocity's five dataclasses would be built for every command, `mutuals today`
included, which never uses them.
"""

from __future__ import annotations

from enum import StrEnum


class ExchangeKind(StrEnum):
    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    ADVICE = "advice"
    INFORMATION = "information"
    RECOMMENDATION = "recommendation"
    FAVOUR = "favour"


class Direction(StrEnum):
    GAVE = "gave"
    RECEIVED = "received"


# What an exchange costs the giver. A referral puts the giver's own reputation behind you with
# their employer; an introduction spends their credit with a third person; a written
# recommendation takes an hour and their name; a favour takes time; advice takes a conversation;
# forwarding a link takes a minute.
KIND_WEIGHTS: dict[ExchangeKind, float] = {
    ExchangeKind.REFERRAL: 3.0,
    ExchangeKind.INTRODUCTION: 2.5,
    ExchangeKind.RECOMMENDATION: 2.0,
    ExchangeKind.FAVOUR: 1.5,
    ExchangeKind.ADVICE: 1.0,
    ExchangeKind.INFORMATION: 0.5,
}
KIND_PHRASES: dict[ExchangeKind, str] = {
    ExchangeKind.REFERRAL: "a referral",
    ExchangeKind.INTRODUCTION: "an introduction",
    ExchangeKind.RECOMMENDATION: "a recommendation",
    ExchangeKind.FAVOUR: "a favour",
    ExchangeKind.ADVICE: "advice",
    ExchangeKind.INFORMATION: "information",
}
LEANING = 0.2  # the score beyond which one side gives more (core.reciprocity)


def balance_label(score: float, anything: bool) -> str:
    if not anything:
        return "nothing exchanged yet"
    if score > LEANING:
        return "you give more"
    if score < -LEANING:
        return "you receive more"
    return "even"

"""The weekly needs review: every open need, oldest first, with what you could do about it.

Idea: career advisers' advice to "write down what your contacts need, and review that list
regularly" (PRODUCT.md, P2): a need you read again is a need you notice help for. The review lists
each open need with its age, whose it is, when it was last reviewed and one thing to do.

Rules in words:
- age = days since the need was noted; needs come oldest first (then by id);
- group by age: "over 30 days" (more than 30), "this month" (8 to 30), "this week" (0 to 7);
- a need is due for review when its last review, or the day it was noted when never reviewed, is
  at least 30 days ago (the agenda's need-review rule, `agenda.NEED_REVIEW_DAYS`);
- what to do: for a contact's need, "when something fits, " and matching's action for it ("share
  with Rosa", "offer Rosa an introduction"); for your own, ask someone who could help, giving to
  them first (the give-first advice of `reciprocity`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mutuals.core.agenda import NEED_REVIEW_DAYS, NeedState, need_review_since
from mutuals.core.matching import NeedDoc, action_for

WEEK_DAYS = 7
MONTH_DAYS = 30
OVER_A_MONTH = "over 30 days"
THIS_MONTH = "this month"
THIS_WEEK = "this week"
GROUPS = (OVER_A_MONTH, THIS_MONTH, THIS_WEEK)
MY_NEED_ACTION = "ask someone who could help, and give them something first"


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    need_id: int
    person_id: int | None
    person_name: str | None  # None: your own need
    text: str
    kind: str
    noted_on: date
    reviewed_on: date | None
    age_days: int
    group: str
    due: bool  # not reviewed for NEED_REVIEW_DAYS or more
    action: str

    @property
    def whose(self) -> str:
        return self.person_name if self.person_id is not None and self.person_name else "you"


def age_group(age_days: int) -> str:
    """Which part of the review a need of this age belongs to."""
    if age_days > MONTH_DAYS:
        return OVER_A_MONTH
    if age_days > WEEK_DAYS:
        return THIS_MONTH
    return THIS_WEEK


def action_for_need(need: NeedState) -> str:
    """One thing to do about an open need, in words."""
    if need.person_id is None:
        return MY_NEED_ACTION
    doc = NeedDoc(need.id, need.person_id, need.person_name or "", need.text, need.kind)
    return f"when something fits, {action_for(doc)}"


def review(needs: Iterable[NeedState], today: date) -> list[ReviewEntry]:
    """Open needs (in any order) as review entries, oldest first."""
    entries = []
    for need in sorted(needs, key=lambda n: (n.noted_on, n.id)):
        age = max((today - need.noted_on).days, 0)
        entries.append(
            ReviewEntry(
                need_id=need.id,
                person_id=need.person_id,
                person_name=need.person_name,
                text=need.text,
                kind=need.kind,
                noted_on=need.noted_on,
                reviewed_on=need.reviewed_on,
                age_days=age,
                group=age_group(age),
                due=(today - need_review_since(need)).days >= NEED_REVIEW_DAYS,
                action=action_for_need(need),
            )
        )
    return entries

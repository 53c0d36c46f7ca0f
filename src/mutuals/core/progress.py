"""Weekly goals and progress (PRODUCT.md P5: quality over quantity; the seeds' lesson:
relationships first, so gives and conversations come before applications everywhere).

A user chooses weekly goals from suggested defaults; each week is counted against them, and a
streak says how many weeks in a row they kept, forgiving one missed week. The rules, in words
(docs/algorithms/progress.md has the cases):

- weeks start on Monday; "this week" is the week holding the `today` passed in;
- a goal has a history: each setting holds from its `since` Monday until the next setting of
  the same kind; an inactive setting means no goal of that kind from then on;
- a week is *kept* when at least half (rounded up) of that week's goals were met, *missed*
  when fewer, and has *no goals* when none held; this week is kept as soon as it is, and is
  otherwise still *open*: it is never counted as missed before it ends;
- the streak counts the kept weeks in the longest run of weeks ending now that holds at most
  one missed week; a week with no goals ends the run. So one missed week is forgiven, and a
  second miss anywhere in the run (two in a row, or one more later) ends it. It looks back over
  the charts' 12 weeks; a run that reaches past them, to goals set earlier, is "or more".

Plain data, no Django: `progress.selectors` counts the weeks, this module judges them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from mutuals.core.progress_words import (
    COUNTS_WORDS as COUNTS_WORDS,
)
from mutuals.core.progress_words import (
    DEFAULT_CHOSEN as DEFAULT_CHOSEN,
)
from mutuals.core.progress_words import (
    DEFAULT_TARGETS as DEFAULT_TARGETS,
)
from mutuals.core.progress_words import (
    GOAL_KINDS as GOAL_KINDS,
)
from mutuals.core.progress_words import (
    GOAL_WORDS as GOAL_WORDS,
)
from mutuals.core.progress_words import (
    LIVE_KINDS as LIVE_KINDS,
)
from mutuals.core.progress_words import (
    MAX_TARGET as MAX_TARGET,
)
from mutuals.core.progress_words import (
    MIN_TARGET as MIN_TARGET,
)
from mutuals.core.progress_words import (
    UNIT_WORDS as UNIT_WORDS,
)
from mutuals.core.progress_words import (
    WEEKS as WEEKS,
)
from mutuals.core.progress_words import (
    WRITTEN_KINDS as WRITTEN_KINDS,
)

WeekState = Literal["kept", "missed", "none", "open"]


def is_meaningful_conversation(kind: str, *, imported: bool) -> bool:
    """A live conversation always counts; a written one only when you logged it yourself."""
    return kind in LIVE_KINDS or (kind in WRITTEN_KINDS and not imported)


def check_target(kind: str, target: int) -> None:
    """Raise ValueError, as a sentence naming the goal, unless `target` is allowed."""
    if kind not in GOAL_KINDS:
        known = ", ".join(GOAL_KINDS)
        raise ValueError(f"There is no goal called “{kind}”. Choose one of: {known}.")
    if not MIN_TARGET <= target <= MAX_TARGET:
        raise ValueError(
            f"{GOAL_WORDS[kind]}: a weekly target is a whole number from {MIN_TARGET} to "
            f"{MAX_TARGET}."
        )


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week holding `day`."""
    return day - dt.timedelta(days=day.weekday())


def weeks_until(today: dt.date, count: int = WEEKS) -> list[dt.date]:
    """The Mondays of the last `count` weeks, oldest first, this week last."""
    this_week = week_of(today)
    return [this_week - dt.timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def count_words(kind: str, count: int) -> str:
    one, many = UNIT_WORDS[kind]
    return f"{count} {one if count == 1 else many}"


@dataclass(frozen=True)
class GoalSetting:
    """One line of a goal's history: from the Monday `since`, `target` a week (or, when not
    `active`, no goal of this kind)."""

    kind: str
    target: int
    active: bool
    since: dt.date


def target_in_week(settings: Iterable[GoalSetting], kind: str, week: dt.date) -> int | None:
    """The target of `kind` in the week starting `week`; None when no goal of it held then."""
    held = [s for s in settings if s.kind == kind and week_of(s.since) <= week]
    if not held:
        return None
    latest = max(held, key=lambda s: s.since)
    return latest.target if latest.active else None


def targets_by_week(
    settings: Iterable[GoalSetting], kind: str, mondays: Sequence[dt.date]
) -> list[int | None]:
    """`target_in_week` for each of `mondays`, with each setting's Monday worked out once (a
    coach's dashboard judges 12 weeks of five goals for hundreds of clients)."""
    mine = [(week_of(s.since), s) for s in settings if s.kind == kind]
    found: list[int | None] = []
    for monday in mondays:
        latest: GoalSetting | None = None
        for start, setting in mine:
            if start <= monday and (latest is None or setting.since > latest.since):
                latest = setting
        found.append(None if latest is None or not latest.active else latest.target)
    return found


def current_goals(settings: Iterable[GoalSetting]) -> dict[str, GoalSetting]:
    """Each kind's latest setting, active or not, by kind."""
    latest: dict[str, GoalSetting] = {}
    for setting in settings:
        if setting.kind not in latest or setting.since > latest[setting.kind].since:
            latest[setting.kind] = setting
    return latest


@dataclass(frozen=True)
class GoalWeek:
    week: dt.date  # its Monday
    count: int
    target: int | None  # None: no goal of this kind that week

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.count >= self.target


@dataclass(frozen=True)
class GoalProgress:
    kind: str
    words: str
    weeks: list[GoalWeek]  # oldest first, this week last

    @property
    def this_week(self) -> GoalWeek:
        return self.weeks[-1]


@dataclass(frozen=True)
class Progress:
    today: dt.date
    goals: list[GoalProgress]  # every kind, in GOAL_KINDS order
    week_states: list[WeekState]  # the charts' weeks, oldest first
    streak: int
    streak_or_more: bool  # the run goes back past the charts' weeks, to earlier goals
    met_this_week: int
    goals_this_week: int
    gave_this_week: int
    asked_this_week: int
    summary: str

    @property
    def has_goals(self) -> bool:
        return self.goals_this_week > 0

    @property
    def has_activity(self) -> bool:
        return any(w.count for goal in self.goals for w in goal.weeks)


def week_state(weeks: Sequence[GoalWeek], *, is_this_week: bool) -> WeekState:
    """Kept, missed, no goals, or (this week, not kept yet) still open; `weeks` holds one
    GoalWeek per kind for the same week."""
    targets = [w for w in weeks if w.target is not None]
    if not targets:
        return "none"
    met = sum(1 for w in targets if w.met)
    if met * 2 >= len(targets):
        return "kept"
    return "open" if is_this_week else "missed"


def streak(states: Sequence[WeekState]) -> int:
    """Kept weeks in the longest run ending with the last state holding at most one missed
    week; `states` oldest first, only the last may be "open" (and is then skipped)."""
    return _walk(states)[0]


def _walk(states: Sequence[WeekState]) -> tuple[int, bool]:
    """The streak, and whether the run ended inside `states` (else it may go on before them)."""
    kept = 0
    missed = 0
    for state in reversed(states):
        if state == "open":
            continue
        if state == "none":
            return kept, True
        if state == "missed":
            missed += 1
            if missed > 1:
                return kept, True
            continue
        kept += 1
    return kept, False


def summary(*, met: int, goals: int, gave: int, asked: int, has_activity: bool) -> str:
    """The plain sentence at the top of the progress page."""
    if goals == 0 and not has_activity:
        return "No goals chosen yet, and nothing logged in the last 12 weeks."
    first = (
        "No goals chosen yet"
        if goals == 0
        else f"{met} of {goals} goal{'s' if goals != 1 else ''} this week"
    )
    return f"{first}; {_give_and_ask(gave, asked)}."


def _give_and_ask(gave: int, asked: int) -> str:
    if gave == 0 and asked == 0:
        return "you neither gave nor asked anything yet"
    if gave > asked:
        return "you gave more than you asked"
    if gave == asked:
        return "you gave as much as you asked"
    return "you asked more than you gave: look for something to give"


def build_progress(
    *,
    today: dt.date,
    settings: Sequence[GoalSetting],
    counts: Mapping[str, Mapping[dt.date, int]],
    asked: Mapping[dt.date, int],
    weeks: int = WEEKS,
) -> Progress:
    """Judge each of the last `weeks` weeks against the goals that held in it.
    `counts[kind][monday]` and `asked[monday]` are what was done (missing weeks count 0)."""
    mondays = weeks_until(today, weeks)
    goals = [
        GoalProgress(
            kind=kind,
            words=GOAL_WORDS[kind],
            weeks=[
                GoalWeek(week=m, count=done.get(m, 0), target=target)
                for m, target in zip(mondays, targets_by_week(settings, kind, mondays), strict=True)
            ],
        )
        for kind in GOAL_KINDS
        for done in [counts.get(kind, {})]
    ]
    this_week = mondays[-1]
    states: list[WeekState] = [
        week_state([goal.weeks[i] for goal in goals], is_this_week=m == this_week)
        for i, m in enumerate(mondays)
    ]
    kept, ended = _walk(states)
    earlier_goals = any(s.active and week_of(s.since) < mondays[0] for s in settings)
    now = [goal.this_week for goal in goals if goal.this_week.target is not None]
    met = sum(1 for w in now if w.met)
    gave = goals[GOAL_KINDS.index("gives")].this_week.count
    asked_now = asked.get(this_week, 0)
    has_activity = any(w.count for goal in goals for w in goal.weeks)
    return Progress(
        today=today,
        goals=goals,
        week_states=states,
        streak=kept,
        streak_or_more=not ended and earlier_goals and kept > 0,
        met_this_week=met,
        goals_this_week=len(now),
        gave_this_week=gave,
        asked_this_week=asked_now,
        summary=summary(
            met=met, goals=len(now), gave=gave, asked=asked_now, has_activity=has_activity
        ),
    )

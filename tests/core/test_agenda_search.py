"""The job search on the agenda (core.agenda.search and core.agenda.events): application
follow-ups, referral thank-yous, interview prep, event follow-ups, everyone who helped, and the
relaxed cadences of keep-in-touch mode."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda import (
    APPLICATION_FOLLOW_UP_DAYS,
    KIND_ORDER,
    NO_LIMITS,
    REFERRAL_THANKS_HORIZON_DAYS,
    EventPersonState,
    EventState,
    Help,
    ItemKind,
    LeadPersonState,
    LeadState,
    build_agenda,
    make_plan,
    who_helped,
)
from mutuals.core.agenda.events import event_item
from mutuals.core.agenda.search import (
    application_item,
    interview_item,
    lead_words,
    referral_thanks_items,
)
from mutuals.core.cadence import Tier
from tests.core.test_agenda import TODAY
from tests.core.test_agenda import contact as _contact


def contact(pid, *, tier, last, cadence=None):
    """A contact last talked with `last` days ago."""
    return _contact(pid, f"Person {pid}", tier=tier, cadence=cadence, talks=((last, 1.0),))


def ago(n: int | None) -> date | None:
    return None if n is None else TODAY - timedelta(days=n)


def person(pid=1, name="Ana Ruiz", role="referrer", talked=None, given=None, thanked=None, **kw):
    return LeadPersonState(pid, name, role, ago(talked), ago(given), ago(thanked), **kw)


def lead(stage="applied", days=7, referred=None, interview_in=None, followed=None, people=()):
    return LeadState(
        id=1,
        title="Product Designer",
        organization="Orion",
        stage=stage,
        stage_on=ago(days),
        referred_on=ago(referred),
        interview_on=None if interview_in is None else TODAY + timedelta(days=interview_in),
        followed_up_on=ago(followed),
        people=tuple(people),
    )


def test_lead_words():
    assert lead_words("Designer", "Orion") == "Designer at Orion"
    assert lead_words("", "Orion") == "a role at Orion"
    assert lead_words("Designer", "") == "Designer"


# --- applications ---


def test_an_application_is_followed_up_after_a_quiet_week():
    assert application_item(lead(days=6), TODAY) is None
    item = application_item(lead(days=7), TODAY)
    assert item is not None
    assert item.kind == ItemKind.APPLICATION
    assert item.lead_id == 1
    assert item.reason == (
        "You applied for Product Designer at Orion 7 days ago and have heard nothing since."
    )
    assert item.about == "Product Designer at Orion"
    assert item.person_id is None


def test_a_conversation_with_its_people_or_a_follow_up_restarts_the_wait():
    talked = lead(days=10, people=[person(talked=3)])
    assert application_item(talked, TODAY) is None
    assert application_item(lead(days=10, followed=2), TODAY) is None
    item = application_item(lead(days=20, followed=8, people=[person()]), TODAY)
    assert item is not None
    assert "the last news was 8 days ago" in item.reason
    assert "Ana referred you and may know where it stands." in item.reason


def test_only_a_lead_still_at_applied_is_followed_up():
    for stage in ("referred", "interviewing", "offer", "accepted", "closed"):
        assert application_item(lead(stage=stage, days=30), TODAY) is None


@given(st.integers(0, 400), st.one_of(st.none(), st.integers(0, 400)), st.integers(0, 400))
def test_the_application_rule_at_every_boundary(applied, followed, talked):
    state = lead(days=applied, followed=followed, people=[person(talked=talked)])
    item = application_item(state, TODAY)
    last_news = min(d for d in (applied, followed, talked) if d is not None)
    assert (item is not None) == (last_news >= APPLICATION_FOLLOW_UP_DAYS)
    if item is not None:
        assert 1 <= item.score <= 4
        assert item.reason.endswith(".")


# --- referrals ---


def test_a_referrer_is_thanked_the_day_of_the_referral():
    [item] = referral_thanks_items(
        lead(stage="referred", days=0, referred=0, people=[person()]), TODAY
    )
    assert item.kind == ItemKind.REFERRAL_THANKS
    assert item.person_id == 1
    assert item.lead_id == 1
    assert item.reason == "Ana referred you for Product Designer at Orion today."


def test_a_referral_thanked_by_a_give_a_thank_you_or_a_conversation_leaves():
    for thanks in ({"given": 0}, {"thanked": 1}, {"talked": 2}):
        state = lead(stage="applied", days=1, referred=3, people=[person(**thanks)])
        assert referral_thanks_items(state, TODAY) == []
    before = lead(stage="applied", days=1, referred=3, people=[person(given=4, talked=5)])
    [item] = referral_thanks_items(before, TODAY)
    assert "3 days ago, and you have not thanked them yet." in item.reason


def test_without_a_referrer_whoever_helped_is_thanked():
    people = [person(1, "Bo Li", "can_help"), person(2, "Cy Wu", "mentioned")]
    items = referral_thanks_items(lead(stage="referred", referred=0, people=people), TODAY)
    assert [i.person_id for i in items] == [1, 2]
    assert items[0].reason == (
        "You were referred for Product Designer at Orion today, and Bo helped with it."
    )
    with_referrer = [*people, person(3, "Di Ng", "referrer")]
    items = referral_thanks_items(lead(stage="referred", referred=0, people=with_referrer), TODAY)
    assert [i.person_id for i in items] == [3]


@given(st.integers(-3, 60), st.sampled_from(["heard", "referred", "applied", "offer", "closed"]))
def test_the_referral_rule_holds_for_thirty_days_at_or_after_referred(days, stage):
    state = lead(stage=stage, referred=days, people=[person()])
    items = referral_thanks_items(state, TODAY)
    due = 0 <= days <= REFERRAL_THANKS_HORIZON_DAYS and stage in ("referred", "applied", "offer")
    assert bool(items) == due


# --- interviews ---


def test_interview_prep_the_day_before_names_who_you_know_and_what_they_care_about():
    people = [
        person(2, "Bo Li", "", talked=40, need="Hiring a data engineer", last_summary="Coffee."),
        person(1, "Ana Ruiz", "referrer", talked=3, last_summary="Talked about the team. More"),
    ]
    item = interview_item(lead(stage="interviewing", interview_in=1, people=people), TODAY)
    assert item is not None
    assert item.kind == ItemKind.INTERVIEW
    assert item.reason == (
        "Your interview for Product Designer at Orion is tomorrow. "
        "Behind this lead: Ana Ruiz (referrer). "
        "At Orion you also know Bo Li. "
        "You last talked with Ana 3 days ago: “Talked about the team”. "
        "Bo cares about: hiring a data engineer. "
        "You last talked with Bo 5 weeks ago: “Coffee”."
    )
    assert item.due_on == TODAY


def test_interview_prep_only_the_day_before_and_the_day_itself():
    seen = {
        n: interview_item(lead(stage="interviewing", interview_in=n), TODAY) is not None
        for n in (-1, 0, 1, 2)
    }
    assert seen == {-1: False, 0: True, 1: True, 2: False}
    assert interview_item(lead(stage="applied", interview_in=1), TODAY) is None
    alone = interview_item(lead(stage="interviewing", interview_in=0), TODAY)
    assert alone is not None
    assert "is today. You know nobody there yet" in alone.reason


# --- events ---


def event(days=1, people=()):
    return EventState(7, "Product meetup", ago(days), tuple(people))


def met(pid, name, talked=None, met_here=True):
    return EventPersonState(pid, name, met_here, ago(talked))


def test_the_day_after_an_event_everyone_met_there_is_followed_up():
    item = event_item(event(1, [met(1, "Bo Li"), met(2, "Ana Ruiz")]), TODAY)
    assert item is not None
    assert item.kind == ItemKind.EVENT_FOLLOW_UP
    assert item.event_id == 7
    assert item.reason == (
        "At Product meetup yesterday you met Ana Ruiz and Bo Li: follow up while it is fresh."
    )
    assert event_item(event(0, [met(1, "Bo Li")]), TODAY) is None


def test_a_week_after_only_those_not_followed_up_remain():
    people = [met(1, "Bo Li", talked=3), met(2, "Ana Ruiz", talked=8), met(3, "Cy Wu")]
    item = event_item(event(8, people), TODAY)
    assert item is not None
    assert item.reason == "Product meetup was 8 days ago; not yet followed up: Ana Ruiz and Cy Wu."
    everyone_done = [met(1, "Bo Li", talked=3)]
    assert event_item(event(8, everyone_done), TODAY) is None
    assert event_item(event(15, people), TODAY) is None


@given(st.integers(-2, 20), st.lists(st.one_of(st.none(), st.integers(0, 25)), max_size=6))
def test_an_event_item_lists_exactly_those_not_talked_with_since(days, talks):
    people = [met(i, f"P{i}", talked) for i, talked in enumerate(talks)]
    item = event_item(event(days, people), TODAY)
    waiting = [p for p in people if p.last_contact_on is None or p.last_contact_on <= ago(days)]
    due = 1 <= days <= 14 and bool(waiting)
    assert (item is not None) == due
    if item is not None:
        assert sorted(item.text.split(", ")) == sorted(p.person_name for p in waiting)


# --- the agenda and the plan ---


def test_search_items_are_ranked_interview_and_referral_with_promises():
    state = lead(stage="interviewing", interview_in=1, referred=0, people=[person(9, "Ana Ruiz")])
    late = replace(lead(days=9), id=2)
    agenda = build_agenda(
        [],
        [contact(3, tier=Tier.CLOSE, last=200)],
        TODAY,
        NO_LIMITS,
        leads=[state, late],
        events=[event(1, [met(5, "Bo Li")])],
    )
    kinds = [item.kind for item in agenda.items]
    assert kinds == [
        ItemKind.INTERVIEW,
        ItemKind.REFERRAL_THANKS,
        ItemKind.APPLICATION,
        ItemKind.EVENT_FOLLOW_UP,
        ItemKind.KEEP_IN_TOUCH,
    ]
    assert kinds == sorted(kinds, key=KIND_ORDER.index)
    plan = make_plan(agenda.items, TODAY, size=2)
    assert [i.kind for i in plan.items] == [ItemKind.INTERVIEW, ItemKind.REFERRAL_THANKS]


def test_keep_in_touch_mode_doubles_every_cadence():
    close = contact(1, tier=Tier.CLOSE, last=45)  # 30 days: due; 60 days relaxed: not yet
    friend = contact(2, tier=Tier.FRIEND, last=200)  # 90 days: due; 180 relaxed: due
    normal = build_agenda([], [close, friend], TODAY, NO_LIMITS)
    relaxed = build_agenda([], [close, friend], TODAY, NO_LIMITS, maintenance=True)
    assert {i.person_id for i in normal.items} == {1, 2}
    [item] = relaxed.items
    assert item.person_id == 2
    assert "every 6 months" in item.reason


@given(st.integers(0, 800), st.sampled_from(list(Tier)), st.one_of(st.none(), st.integers(1, 400)))
def test_keep_in_touch_mode_never_asks_more(last, tier, cadence):
    """Relaxed, a person is never due when they were not; a keep-in-touch item is never more
    overdue. (A dormant tie may read as keep in touch instead: its threshold is twice the
    cadence.)"""
    person_ = contact(1, tier=tier, last=last, cadence=cadence)
    normal = build_agenda([], [person_], TODAY, NO_LIMITS).items
    relaxed = build_agenda([], [person_], TODAY, NO_LIMITS, maintenance=True).items
    assert len(relaxed) <= len(normal)
    for item in relaxed:
        if item.kind == ItemKind.KEEP_IN_TOUCH and normal[0].kind == ItemKind.KEEP_IN_TOUCH:
            assert item.overdue_days <= normal[0].overdue_days


# --- everyone who helped ---


def test_who_helped_puts_those_not_thanked_first_and_merges_what_they_did():
    helps = [
        Help(1, "Ana Ruiz", "referred you for X", "the referral for X"),
        Help(2, "Bo Li", "told you about Y", "telling me about Y"),
        Help(1, "Ana Ruiz", "gave you advice: “CV”", "advice (CV)"),
        Help(1, "Ana Ruiz", "referred you for X", "the referral for X"),
        Help(3, "Cy Wu", "introduced you to Di", "the introduction to Di"),
    ]
    since = TODAY
    helpers = who_helped(helps, {1: ago(1), 2: TODAY}, {3: None}, since)
    assert [(h.person_name, h.thanked) for h in helpers] == [
        ("Ana Ruiz", False),
        ("Cy Wu", False),
        ("Bo Li", True),
    ]
    assert len(helpers[0].helped) == 2

import random
from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda import (
    CONTACT_KINDS,
    KIND_ORDER,
    Agenda,
    AgendaLimits,
    ContactState,
    ItemKind,
    PromiseState,
    build_agenda,
    is_candidate,
)
from mutuals.core.cadence import Tier, effective_cadence
from mutuals.core.strength import EMPTY_STATS, InteractionEvent, TieInputs, summarize

TODAY = date(2026, 3, 1)
NO_LIMITS = AgendaLimits(*(10_000,) * 6)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def contact(
    id: int = 1,
    name: str = "Rosa Núñez",
    *,
    tier: Tier | None = Tier.CLOSE,
    cadence: int | None = None,
    talks: tuple[tuple[int, float], ...] = (),
    added: int = 1000,
    known: int | None = None,
    snoozed_until: date | None = None,
) -> ContactState:
    """A contact added `added` days ago who talked `talks` = ((days ago, weight), ...)."""
    history = [InteractionEvent(ago(n), weight, "me") for n, weight in talks]
    tie = TieInputs(
        tier=tier,
        cadence_days=effective_cadence(tier, cadence),
        known_since=None if known is None else ago(known),
        stats=summarize(history),
    )
    return ContactState(id, name, tie, added_on=ago(added), snoozed_until=snoozed_until)


def promise(
    id: int = 1, person_id: int | None = 1, *, due: int = 0, snoozed_until: date | None = None
) -> PromiseState:
    """A promise due `due` days ago (negative: in the future)."""
    return PromiseState(id, person_id, "Rosa Núñez", "send the article", ago(due), snoozed_until)


def only(agenda: Agenda) -> str:
    (item,) = agenda.items
    return item.reason


offsets = st.integers(-20, 3000)
ties = st.builds(
    TieInputs,
    tier=st.none() | st.sampled_from(list(Tier)),
    cadence_days=st.none() | st.integers(1, 800),
    known_since=st.none() | offsets.map(ago),
    stats=st.builds(
        summarize,
        st.lists(
            st.builds(
                InteractionEvent,
                on=offsets.map(ago),
                weight=st.sampled_from([0.3, 0.9, 1.0, 2.0, 3.0, 8.0]),
                initiated_by=st.sampled_from(["me", "them", ""]),
            ),
            max_size=8,
        ),
    ),
)
contacts = st.lists(
    st.builds(
        ContactState,
        id=st.integers(1, 60),
        name=st.sampled_from(["Ana", "Bo", "Rosa Núñez", "rosa nunez", "Zoë"]),
        tie=ties,
        added_on=offsets.map(ago),
        snoozed_until=st.none() | st.integers(-5, 5).map(ago),
    ),
    unique_by=lambda c: c.id,
    max_size=25,
)
promises = st.lists(
    st.builds(
        PromiseState,
        id=st.integers(1, 1000),
        person_id=st.none() | st.integers(1, 60),
        person_name=st.none() | st.sampled_from(["Ana", "Bo"]),
        text=st.just("send the article"),
        due_on=st.integers(-10, 30).map(ago),
        snoozed_until=st.none() | st.integers(-5, 5).map(ago),
    ),
    unique_by=lambda p: p.id,
    max_size=8,
)
limits = st.builds(AgendaLimits, *(st.integers(0, 6) for _ in range(6)))


def test_a_promise_due_today_is_on_the_agenda() -> None:
    agenda = build_agenda([promise(due=0)], [], TODAY)
    assert only(agenda) == "Due today."
    assert agenda.items[0].text == "send the article"


def test_an_overdue_promise_says_by_how_much() -> None:
    assert only(build_agenda([promise(due=3)], [], TODAY)) == "3 days overdue."


def test_a_promise_due_later_is_not_on_the_agenda() -> None:
    assert build_agenda([promise(due=-1)], [], TODAY).items == ()


def test_the_most_overdue_promise_comes_first() -> None:
    agenda = build_agenda([promise(1, due=1), promise(2, due=9)], [], TODAY)
    assert [item.promise_id for item in agenda.items] == [2, 1]


def test_a_snoozed_promise_is_hidden_until_the_snooze_ends() -> None:
    snoozed = promise(due=3, snoozed_until=ago(-1))
    assert build_agenda([snoozed], [], TODAY).items == ()
    assert len(build_agenda([snoozed], [], TODAY + timedelta(days=1)).items) == 1


def test_someone_met_three_days_ago_without_follow_up_is_a_new_acquaintance() -> None:
    agenda = build_agenda([], [contact(talks=((3, 3.0),), added=3)], TODAY)
    assert only(agenda) == "You met 3 days ago, with no follow-up yet."
    assert agenda.items[0].kind == ItemKind.NEW_ACQUAINTANCE


def test_someone_added_but_not_contacted_this_week_gets_a_nudge_to_say_hello() -> None:
    agenda = build_agenda([], [contact(added=2)], TODAY)
    assert only(agenda) == "Added 2 days ago and not contacted yet."


def test_a_new_acquaintance_already_followed_up_is_not_listed() -> None:
    agenda = build_agenda([], [contact(talks=((5, 3.0), (2, 1.0)), added=5)], TODAY)
    assert agenda.items == ()


def test_someone_known_from_before_is_not_a_new_acquaintance_when_added_now() -> None:
    agenda = build_agenda([], [contact(added=1, known=2000)], TODAY)
    assert agenda.totals[ItemKind.NEW_ACQUAINTANCE] == 0


def test_the_newest_acquaintance_comes_first() -> None:
    people = [contact(1, "Ana", added=6), contact(2, "Bo", added=1)]
    agenda = build_agenda([], people, TODAY)
    assert [item.person_id for item in agenda.items] == [2, 1]


def test_a_contact_past_their_cadence_is_due_with_the_gap_in_the_reason() -> None:
    agenda = build_agenda([], [contact(cadence=60, talks=((94, 2.0),))], TODAY)
    assert only(agenda) == "Last talked 3 months ago; you aim to be in touch every 60 days."
    assert (agenda.items[0].kind, agenda.items[0].overdue_days) == (ItemKind.KEEP_IN_TOUCH, 34)


def test_a_contact_never_talked_to_is_due_one_cadence_after_being_added() -> None:
    agenda = build_agenda([], [contact(tier=Tier.CLOSE, added=40)], TODAY)
    assert only(agenda) == (
        "In your network for 5 weeks with no conversation logged yet; you aim to be in touch "
        "every 30 days."
    )


def test_a_contact_within_their_cadence_is_not_due() -> None:
    agenda = build_agenda([], [contact(cadence=60, talks=((59, 2.0),))], TODAY)
    assert agenda.items == ()


def test_the_more_overdue_of_two_equal_ties_comes_first() -> None:
    people = [
        contact(1, "Ana", tier=Tier.FRIEND, added=900, known=900),
        contact(2, "Bo", tier=Tier.FRIEND, added=200, known=900),
    ]
    agenda = build_agenda([], people, TODAY)
    assert [item.person_id for item in agenda.items] == [1, 2]


def test_a_once_close_tie_silent_for_years_is_suggested_for_reviving() -> None:
    burst = tuple((n, 3.0) for n in range(1100, 1110))
    agenda = build_agenda([], [contact(tier=Tier.FRIEND, talks=burst)], TODAY)
    assert only(agenda) == ("Close once (peak in 2023), silent for 3 years.")
    assert agenda.items[0].kind == ItemKind.DORMANT


def test_a_tie_marked_dormant_and_never_contacted_is_suggested() -> None:
    agenda = build_agenda([], [contact(tier=Tier.DORMANT, known=3000, added=3)], TODAY)
    assert only(agenda) == ("Marked dormant and never contacted; you met 8 years ago.")


def test_a_dormant_item_replaces_the_keep_in_touch_item() -> None:
    burst = tuple((n, 3.0) for n in range(800, 805))
    agenda = build_agenda([], [contact(tier=Tier.FRIEND, talks=burst)], TODAY)
    assert [item.kind for item in agenda.items] == [ItemKind.DORMANT]


def test_a_silence_shorter_than_twice_the_cadence_is_not_dormant() -> None:
    burst = tuple((n, 3.0) for n in range(500, 505))
    agenda = build_agenda([], [contact(tier=Tier.ACQUAINTANCE, talks=burst)], TODAY)
    assert [item.kind for item in agenda.items] == [ItemKind.KEEP_IN_TOUCH]


def test_a_longer_silence_ranks_higher_among_equally_close_dormant_ties() -> None:
    def once_close(id: int, name: str, silence: int) -> ContactState:
        return contact(id, name, tier=Tier.DORMANT, talks=((silence, 12.0),))

    agenda = build_agenda([], [once_close(1, "Ana", 400), once_close(2, "Bo", 1000)], TODAY)
    assert [item.person_id for item in agenda.items] == [2, 1]


def test_a_once_stronger_tie_ranks_higher_among_equally_silent_dormant_ties() -> None:
    people = [
        contact(1, "Ana", tier=Tier.DORMANT, talks=((800, 6.0),)),
        contact(2, "Bo", tier=Tier.DORMANT, talks=((800, 15.0),)),
    ]
    agenda = build_agenda([], people, TODAY)
    assert [item.person_id for item in agenda.items] == [2, 1]


def test_a_snoozed_contact_produces_nothing() -> None:
    person = contact(tier=Tier.CLOSE, added=40, snoozed_until=ago(-3))
    assert build_agenda([], [person], TODAY).items == ()


def test_a_snooze_ending_today_no_longer_hides_the_contact() -> None:
    person = contact(tier=Tier.CLOSE, added=40, snoozed_until=TODAY)
    assert len(build_agenda([], [person], TODAY).items) == 1


def test_a_person_with_a_promise_due_gets_no_other_item() -> None:
    agenda = build_agenda([promise(person_id=1)], [contact(1, tier=Tier.CLOSE, added=40)], TODAY)
    assert [item.kind for item in agenda.items] == [ItemKind.PROMISE]


def test_kinds_come_in_order_promise_new_acquaintance_keep_in_touch_dormant() -> None:
    people = [
        contact(1, "Ana", tier=Tier.DORMANT, talks=((900, 9.0),)),
        contact(2, "Bo", tier=Tier.CLOSE, added=40),
        contact(3, "Cy", added=2),
    ]
    agenda = build_agenda([promise(9, person_id=None)], people, TODAY)
    assert [item.kind for item in agenda.items] == [k for k in KIND_ORDER if k in CONTACT_KINDS]


def test_limits_cut_each_kind_but_totals_count_everything() -> None:
    people = [contact(n, f"P{n}", tier=Tier.CLOSE, added=40) for n in range(1, 8)]
    agenda = build_agenda([], people, TODAY, AgendaLimits(keep_in_touch=3))
    assert len(agenda.items) == 3
    assert agenda.totals[ItemKind.KEEP_IN_TOUCH] == 7


@given(promises=promises, contacts=contacts, limits=limits, today_shift=st.integers(-3, 3))
def test_every_item_has_a_reason(
    promises: list[PromiseState],
    contacts: list[ContactState],
    limits: AgendaLimits,
    today_shift: int,
) -> None:
    agenda = build_agenda(promises, contacts, TODAY + timedelta(days=today_shift), limits)
    assert all(item.reason.strip() for item in agenda.items)


@given(promises=promises, contacts=contacts)
def test_no_person_appears_twice_except_through_several_promises(
    promises: list[PromiseState], contacts: list[ContactState]
) -> None:
    agenda = build_agenda(promises, contacts, TODAY, NO_LIMITS)
    promised = {i.person_id for i in agenda.items if i.kind == ItemKind.PROMISE}
    others = Counter(i.person_id for i in agenda.items if i.kind != ItemKind.PROMISE)
    assert all(count == 1 for count in others.values())
    assert not promised & set(others)


@given(promises=promises, contacts=contacts, limits=limits, today_shift=st.integers(-3, 3))
def test_prefiltering_contacts_with_is_candidate_changes_nothing(
    promises: list[PromiseState],
    contacts: list[ContactState],
    limits: AgendaLimits,
    today_shift: int,
) -> None:
    today = TODAY + timedelta(days=today_shift)
    candidates = [c for c in contacts if is_candidate(c, today)]
    assert build_agenda(promises, candidates, today, limits) == build_agenda(
        promises, contacts, today, limits
    )


@given(promises=promises, contacts=contacts, limits=limits)
def test_limits_are_respected_and_totals_count_every_item(
    promises: list[PromiseState], contacts: list[ContactState], limits: AgendaLimits
) -> None:
    agenda = build_agenda(promises, contacts, TODAY, limits)
    shown = Counter(item.kind for item in agenda.items)
    every = Counter(item.kind for item in build_agenda(promises, contacts, TODAY, NO_LIMITS).items)
    for kind in KIND_ORDER:
        limit = limits.for_kind(kind)
        assert agenda.totals[kind] == every[kind]
        assert shown[kind] == (every[kind] if limit is None else min(every[kind], limit))


@given(promises=promises, contacts=contacts)
def test_items_are_grouped_by_kind_and_ranked_by_score_within_it(
    promises: list[PromiseState], contacts: list[ContactState]
) -> None:
    items = build_agenda(promises, contacts, TODAY).items
    keys = [(KIND_ORDER.index(item.kind), -item.score) for item in items]
    assert keys == sorted(keys)


@given(promises=promises, contacts=contacts, seed=st.randoms())
def test_the_agenda_does_not_depend_on_input_order(
    promises: list[PromiseState], contacts: list[ContactState], seed: random.Random
) -> None:
    shuffled = list(contacts)
    seed.shuffle(shuffled)
    assert build_agenda(promises[::-1], shuffled, TODAY) == build_agenda(promises, contacts, TODAY)


def test_an_empty_contact_list_gives_zero_totals_for_every_kind() -> None:
    assert build_agenda([], [], TODAY).totals == dict.fromkeys(KIND_ORDER, 0)


def test_a_contact_without_a_tier_or_history_is_not_a_candidate_after_its_first_week() -> None:
    person = ContactState(1, "Ana", TieInputs(None, None, None, EMPTY_STATS), ago(30), None)
    assert not is_candidate(person, TODAY)


def test_the_worked_example_in_the_docs_gives_the_documented_agenda() -> None:
    people = [
        contact(1, "Rosa Núñez", tier=Tier.CLOSE, talks=((45, 3.0), (200, 2.0)), known=1500),
        contact(2, "Sam Okafor", tier=Tier.MEANINGFUL, talks=((3, 3.0),), added=3, known=3),
        contact(
            3, "Priya Shah", tier=Tier.FRIEND, talks=tuple((n, 3.0) for n in range(1200, 1213, 3))
        ),
        contact(4, "Lee Chan", tier=Tier.FRIEND, talks=((130, 1.0),), known=700),
        contact(5, "Ana Silva", tier=Tier.CLOSE, talks=((5, 2.0),), known=900),
    ]
    lee = PromiseState(1, 4, "Lee Chan", "send Lee the Acme job posting", date(2026, 2, 26), None)
    agenda = build_agenda([lee], people, TODAY)
    assert [(i.person_name, round(i.score, 3)) for i in agenda.items] == [
        ("Lee Chan", 3.0),
        ("Sam Okafor", 0.625),
        ("Rosa Núñez", 1.371),
        ("Priya Shah", 0.817),
    ]

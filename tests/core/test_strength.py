import math
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.cadence import DECLARED_CLOSENESS, Tier
from mutuals.core.strength import (
    EMPTY_STATS,
    HALF_LIFE_DAYS,
    INTERACTION_KINDS,
    ContactStats,
    InteractionEvent,
    StrengthWeights,
    TieInputs,
    intensity_on,
    interaction_weight,
    summarize,
    tie_score,
    tie_strength,
)

TODAY = date(2026, 3, 1)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
events = st.builds(
    InteractionEvent,
    on=days,
    weight=st.sampled_from([0.3, 0.9, 1.0, 2.0, 3.0]) | st.floats(0, 10),
    initiated_by=st.sampled_from(["me", "them", ""]),
)
event_lists = st.lists(events, max_size=20)
stats = st.builds(summarize, event_lists)
tie_inputs = st.builds(
    TieInputs,
    tier=st.none() | st.sampled_from(list(Tier)),
    cadence_days=st.none() | st.integers(1, 1000),
    known_since=st.none() | days,
    stats=stats,
    services_exchanged=st.integers(0, 12),
    mutual_connections=st.integers(0, 40),
)
weights = st.builds(
    StrengthWeights,
    *[st.floats(0, 1)] * 7,
)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def rosa() -> TieInputs:
    """The worked example in docs/algorithms/strength.md."""
    history = [
        InteractionEvent(ago(12), interaction_weight("coffee", 1), "me"),
        InteractionEvent(ago(40), interaction_weight("call", 1), "them"),
        InteractionEvent(ago(100), interaction_weight("email", 1), "me"),
        InteractionEvent(ago(400), interaction_weight("coffee", 1), "them"),
        InteractionEvent(ago(1500), interaction_weight("meeting", 3), "me"),
    ]
    return TieInputs(
        tier=Tier.CLOSE,
        cadence_days=30,
        known_since=date(2021, 5, 1),
        stats=summarize(history),
        services_exchanged=2,
        mutual_connections=4,
    )


def with_last_contact(inputs: TieInputs, on: date) -> TieInputs:
    return replace(inputs, stats=replace(inputs.stats, last_contact_on=on, intensity_on=on))


@pytest.mark.parametrize(
    ("kind", "weight"),
    [("coffee", 3), ("meeting", 3), ("call", 2), ("email", 1), ("message", 1), ("other", 1)],
)
def test_one_to_one_interactions_weigh_by_how_personal_they_are(kind: str, weight: float) -> None:
    assert interaction_weight(kind, 1) == weight


def test_a_group_conversation_counts_three_tenths_of_a_one_to_one() -> None:
    assert interaction_weight("coffee", 2) == pytest.approx(0.9)


def test_an_event_counts_as_a_group_whatever_the_head_count() -> None:
    assert interaction_weight("event", 1) == interaction_weight("event", 40) == 0.3


def test_an_unknown_kind_counts_like_a_message() -> None:
    assert interaction_weight("carrier pigeon", 1) == 1


def test_every_listed_kind_has_a_positive_weight() -> None:
    assert all(interaction_weight(kind, 1) > 0 for kind in INTERACTION_KINDS)


def test_summarizing_nothing_gives_the_empty_stats() -> None:
    assert summarize([]) == EMPTY_STATS == ContactStats.EMPTY


def test_summarize_keeps_first_and_last_dates_count_and_who_started() -> None:
    result = rosa().stats
    assert (result.first_contact_on, result.last_contact_on, result.interaction_count) == (
        ago(1500),
        ago(12),
        5,
    )
    assert (result.initiated_by_me, result.initiated_by_them) == (3, 2)


def test_intensity_halves_every_half_life() -> None:
    result = summarize([InteractionEvent(ago(HALF_LIFE_DAYS), 4.0, "me")])
    assert intensity_on(result, TODAY) == pytest.approx(2.0)


def test_peak_intensity_remembers_a_burst_long_after_it_faded() -> None:
    burst = [InteractionEvent(date(2020, 5, d), 3.0, "me") for d in (1, 2, 3)]
    result = summarize([*burst, InteractionEvent(date(2024, 1, 1), 1.0, "them")])
    assert result.peak_intensity == pytest.approx(9.0, rel=0.05)
    assert result.peak_on == date(2020, 5, 3)


@given(history=event_lists, seed=st.randoms())
def test_summarize_does_not_depend_on_the_order_of_events(
    history: list[InteractionEvent], seed: random.Random
) -> None:
    shuffled = list(history)
    seed.shuffle(shuffled)
    assert summarize(shuffled) == summarize(history)


@given(history=event_lists)
def test_peak_intensity_is_never_below_the_final_intensity(
    history: list[InteractionEvent],
) -> None:
    result = summarize(history)
    assert result.peak_intensity >= result.intensity


@given(contact=stats, today=days)
def test_intensity_on_a_day_never_exceeds_the_stored_intensity(
    contact: ContactStats, today: date
) -> None:
    assert intensity_on(contact, today) <= contact.intensity


@given(inputs=tie_inputs, today=days, custom=weights)
def test_score_and_every_component_stay_between_zero_and_one(
    inputs: TieInputs, today: date, custom: StrengthWeights
) -> None:
    result = tie_strength(inputs, today, custom)
    assert 0.0 <= result.score <= 1.0
    assert all(0.0 <= value <= 1.0 for value in result.components.values())


@given(inputs=tie_inputs, earlier=days, later=days, today=days)
def test_a_more_recent_last_contact_never_lowers_the_score(
    inputs: TieInputs, earlier: date, later: date, today: date
) -> None:
    earlier, later = sorted((earlier, later))
    before = tie_strength(with_last_contact(inputs, earlier), today).score
    after = tie_strength(with_last_contact(inputs, later), today).score
    assert after >= before


@given(inputs=tie_inputs, today=days, wait=st.integers(0, 5000))
def test_with_no_new_contact_the_score_never_rises_over_time(
    inputs: TieInputs, today: date, wait: int
) -> None:
    now = tie_strength(inputs, today).score
    later = tie_strength(inputs, today + timedelta(days=wait)).score
    assert later <= now


@given(inputs=tie_inputs, today=days, pair=st.lists(st.sampled_from(list(Tier)), min_size=2))
def test_more_declared_closeness_never_lowers_the_score(
    inputs: TieInputs, today: date, pair: list[Tier]
) -> None:
    looser, closer = sorted(pair[:2], key=DECLARED_CLOSENESS.__getitem__)
    loose_score = tie_strength(replace(inputs, tier=looser), today).score
    close_score = tie_strength(replace(inputs, tier=closer), today).score
    assert close_score >= loose_score


@given(inputs=tie_inputs, today=days)
def test_there_is_always_at_least_one_reason(inputs: TieInputs, today: date) -> None:
    assert tie_strength(inputs, today).reasons


@given(inputs=tie_inputs, today=days)
def test_the_label_follows_the_score_thresholds(inputs: TieInputs, today: date) -> None:
    result = tie_strength(inputs, today)
    expected = next(
        label
        for floor, label in [(0.6, "strong"), (0.35, "steady"), (0.15, "weak"), (0.0, "faint")]
        if result.score >= floor
    )
    assert result.label == expected


def test_the_worked_example_scores_as_documented() -> None:
    result = tie_strength(rosa(), TODAY)
    assert result.score == 0.649
    assert result.label == "strong"


def test_the_worked_example_explains_itself_biggest_contribution_first() -> None:
    assert tie_strength(rosa(), TODAY).explain() == (
        "Strong tie: you count them as close; you talked 12 days ago; "
        "you have known each other 4 years; you both reach out; "
        "5 conversations since 2022, some lately; 2 favours exchanged; 4 mutual connections."
    )


@pytest.mark.parametrize(
    ("silence", "score"), [(30, 0.576), (180, 0.465), (365, 0.429), (1095, 0.367)]
)
def test_the_worked_example_fades_as_documented(silence: int, score: float) -> None:
    assert tie_strength(rosa(), TODAY + timedelta(days=silence)).score == score


def test_a_contact_never_talked_to_says_so() -> None:
    inputs = TieInputs(Tier.ACQUAINTANCE, 365, None, EMPTY_STATS)
    assert tie_strength(inputs, TODAY).score == 0.06
    assert tie_strength(inputs, TODAY).reasons == (
        "you count them as an acquaintance",
        "no conversations logged yet",
    )


def test_declared_closeness_fades_fifteen_percent_a_year_without_contact() -> None:
    inputs = TieInputs(Tier.INNER, 7, date(2022, 3, 1), EMPTY_STATS)
    closeness = tie_strength(inputs, date(2024, 3, 1)).components["closeness"]
    assert closeness == pytest.approx(0.85**2, rel=1e-3)


def test_recency_halves_after_one_cadence() -> None:
    inputs = rosa()
    recency = tie_strength(inputs, inputs.stats.last_contact_on + timedelta(days=30))
    assert recency.components["recency"] == pytest.approx(0.5)


def test_recency_uses_a_yearly_cadence_when_none_is_set() -> None:
    inputs = replace(rosa(), cadence_days=None)
    recency = tie_strength(inputs, inputs.stats.last_contact_on + timedelta(days=365))
    assert recency.components["recency"] == pytest.approx(0.5)


def test_duration_is_full_after_ten_years_together() -> None:
    start = date(2010, 1, 1)
    history = [InteractionEvent(start, 1, "me"), InteractionEvent(date(2021, 1, 1), 1, "them")]
    inputs = TieInputs(Tier.FRIEND, 90, None, summarize(history))
    assert tie_strength(inputs, TODAY).components["duration"] == 1.0


def test_silence_adds_nothing_to_duration() -> None:
    inputs = rosa()
    now = tie_strength(inputs, TODAY).components["duration"]
    later = tie_strength(inputs, TODAY + timedelta(days=3000)).components["duration"]
    assert later == now


def test_duration_counts_from_when_you_met_even_before_the_first_logged_contact() -> None:
    history = [InteractionEvent(date(2025, 3, 1), 1, "me")]
    inputs = TieInputs(Tier.FRIEND, 90, date(2020, 3, 1), summarize(history))
    expected = math.log1p(5) / math.log1p(10)
    assert tie_strength(inputs, TODAY).components["duration"] == pytest.approx(expected, 1e-3)


def test_a_balanced_exchange_is_fully_two_way() -> None:
    history = [InteractionEvent(ago(n), 1, who) for n, who in [(1, "me"), (2, "them")]]
    inputs = TieInputs(Tier.FRIEND, 90, None, summarize(history))
    assert tie_strength(inputs, TODAY).components["two_way"] == 1.0


def test_one_sided_contact_is_named_even_though_it_adds_nothing() -> None:
    history = [InteractionEvent(ago(n), 1, "me") for n in (1, 20, 40)]
    inputs = TieInputs(Tier.FRIEND, 90, None, summarize(history))
    result = tie_strength(inputs, TODAY)
    assert result.components["two_way"] == 0.0
    assert "you start every conversation" in result.reasons


def test_services_and_mutual_connections_saturate() -> None:
    inputs = replace(rosa(), services_exchanged=9, mutual_connections=25)
    components = tie_strength(inputs, TODAY).components
    assert (components["services"], components["mutual"]) == (1.0, 1.0)


def test_a_long_silence_is_mentioned_with_the_declared_closeness() -> None:
    inputs = TieInputs(Tier.CLOSE, 30, None, summarize([InteractionEvent(ago(1200), 3, "me")]))
    reasons = tie_strength(inputs, TODAY).reasons
    assert "you count them as close, fading after 3 years without contact" in reasons
    assert "you talked 3 years ago" in reasons


def test_custom_weights_change_the_score() -> None:
    only_recency = StrengthWeights(0, 0, 1, 0, 0, 0, 0)
    result = tie_strength(rosa(), TODAY, only_recency)
    assert result.score == round(2 ** (-12 / 30), 3)


@given(inputs=tie_inputs, today=days, custom=weights)
def test_the_fast_score_agrees_with_the_weighted_components(
    inputs: TieInputs, today: date, custom: StrengthWeights
) -> None:
    result = tie_strength(inputs, today, custom)
    weighted = sum(w * result.components[name] for name, w in custom.as_dict().items())
    assert tie_score(inputs, today, custom) == pytest.approx(min(1.0, weighted), abs=0.0011)

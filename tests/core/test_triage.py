"""core.triage: the suggested closeness for someone not sorted yet."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.cadence import Tier
from mutuals.core.triage import Evidence, rank, suggest

TODAY = dt.date(2025, 6, 1)

evidence = st.builds(
    Evidence,
    conversations=st.integers(0, 200),
    started_by_me=st.integers(0, 100),
    started_by_them=st.integers(0, 100),
    last_contact_on=st.none() | st.dates(dt.date(2000, 1, 1), TODAY),
    exchanges=st.booleans(),
    mutuals=st.integers(0, 50),
    close_mutuals=st.integers(0, 50),
    introduced=st.booleans(),
    colleagues=st.integers(0, 50),
)


def more(base: Evidence, extra: Evidence) -> Evidence:
    """`base` with at least as much of every kind of evidence (and a last contact no older)."""
    lasts = [d for d in (base.last_contact_on, extra.last_contact_on) if d is not None]
    return Evidence(
        conversations=base.conversations + extra.conversations,
        started_by_me=base.started_by_me + extra.started_by_me,
        started_by_them=base.started_by_them + extra.started_by_them,
        last_contact_on=max(lasts) if lasts else None,
        exchanges=base.exchanges or extra.exchanges,
        mutuals=base.mutuals + extra.mutuals,
        close_mutuals=base.close_mutuals + extra.close_mutuals,
        introduced=base.introduced or extra.introduced,
        colleagues=base.colleagues + extra.colleagues,
    )


@given(evidence, evidence)
def test_more_evidence_never_suggests_a_lower_closeness(base, extra):
    assert rank(suggest(more(base, extra), TODAY).tier) >= rank(suggest(base, TODAY).tier)


@given(evidence)
def test_a_suggestion_is_never_inner_circle_or_dormant(found):
    assert suggest(found, TODAY).tier not in (Tier.INNER, Tier.DORMANT)


@given(evidence)
def test_close_is_never_suggested_without_a_conversation_this_year(found):
    talked = found.conversations > 0 and found.last_contact_on is not None
    recent = talked and (TODAY - found.last_contact_on).days <= 365
    if not recent:
        assert suggest(found, TODAY).tier is not Tier.CLOSE


@given(evidence)
def test_every_suggestion_has_a_one_line_reason(found):
    reason = suggest(found, TODAY).reason
    assert reason.endswith(".")
    assert "\n" not in reason
    assert reason[0].isupper()


def test_nothing_known_suggests_acquaintance_and_says_so():
    suggestion = suggest(Evidence(), TODAY)
    assert suggestion.tier is Tier.ACQUAINTANCE
    assert suggestion.reason.startswith("Nothing recorded together yet")


def test_many_mutual_connections_alone_never_make_someone_close():
    crowd = Evidence(mutuals=50, close_mutuals=50, introduced=True, colleagues=50)
    assert suggest(crowd, TODAY).tier is not Tier.CLOSE


def test_frequent_recent_two_way_conversations_suggest_close():
    talked = Evidence(
        conversations=14,
        started_by_me=7,
        started_by_them=7,
        last_contact_on=TODAY - dt.timedelta(days=10),
        exchanges=True,
    )
    assert suggest(talked, TODAY).tier is Tier.CLOSE


def test_a_few_conversations_long_ago_suggest_meaningful_at_most():
    old = Evidence(conversations=3, started_by_me=3, last_contact_on=dt.date(2019, 1, 1))
    assert rank(suggest(old, TODAY).tier) <= rank(Tier.MEANINGFUL)


def test_the_reason_names_the_evidence_in_words():
    found = Evidence(
        conversations=2,
        started_by_them=2,
        last_contact_on=TODAY - dt.timedelta(days=3),
        mutuals=4,
        close_mutuals=1,
        colleagues=1,
    )
    assert suggest(found, TODAY).reason == (
        "You talked 2 times, the last 3 days ago; they reached out; they know 4 of your "
        "people (1 close to you); you know 1 other where they work."
    )

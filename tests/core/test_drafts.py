from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.drafts import PURPOSE_LABELS, Draft, DraftFacts, Purpose, draft
from mutuals.core.outreach import OutreachContext, Severity, review

ROSA = DraftFacts(
    their_name="Rosa",
    my_name="Jordan",
    how_met="at the PyCon sprints",
    last_topic="Her move to Berlin",
    days_since_last_contact=40,
    their_needs=("A senior UX designer role in fintech",),
    received="Intro to Gareth at Acme",
)
NAMES = ["Rosa", "Jin", "Gareth", "María José", "O'Neil", "Zoë", "Sam", "Priya", "Li"]
NEEDS = [
    "A senior UX designer role in fintech",
    "An intro to a data team lead",
    "Advice on moving to Berlin",
    "Looking for a referral at Acme",
    "Openings in product design",
    "Someone to review her portfolio",
    "A good accountant",
    "wants a role at Copperleaf",
    "Needs feedback on a pitch deck",
    "Hiring a backend engineer",
]
TOPICS = ["Coffee and a chat", "Her move to Berlin", "the data team reorg", "Call about jobs."]
HOW_MET = ["at the PyCon sprints", "Worked together at Orion", "through Sam", "school"]
TARGETS = ["Gareth Hughes", "Amélie Dubois", "Tom"]
ABOUTS = ["engineering manager at Acme", "at Copperleaf", "head of design"]
ASKS = ["how she moved into product", "your take on the Berlin market", "hiring in data teams"]
SHARES = [
    "https://example.com/fintech-ux-report",
    "the State of Design 2026 report",
    "an article on relocating to Germany",
]
OCCASIONS = ["the new role at Acme", "your promotion", "the launch", "finishing the marathon"]
RECEIVED = ["Intro to Gareth at Acme", "Advice on my CV", "a referral to Copperleaf"]


def maybe(options):
    return st.sampled_from(["", *options])


# Random first names, but not words that would make "Hi All," a greeting to everyone.
GROUP_WORDS = {"all", "everyone", "everybody", "friends", "friend", "folks", "team", "there"}
random_names = st.from_regex(r"[A-Z][a-z\u00e0-\u00ff]{1,10}", fullmatch=True).filter(
    lambda name: name.lower() not in GROUP_WORDS
)
facts = st.builds(
    DraftFacts,
    their_name=st.sampled_from(NAMES) | random_names,
    my_name=maybe(NAMES),
    how_met=maybe(HOW_MET),
    last_topic=maybe(TOPICS),
    days_since_last_contact=st.none() | st.integers(0, 8000),
    their_needs=st.lists(st.sampled_from(NEEDS), max_size=3).map(tuple),
    received=maybe(RECEIVED),
    target_name=maybe(TARGETS),
    target_about=maybe(ABOUTS),
    ask=maybe(ASKS),
    share=maybe(SHARES),
    share_need=maybe(NEEDS),
    occasion=maybe(OCCASIONS),
)


def context_for(facts: DraftFacts, **fields) -> OutreachContext:
    return OutreachContext(
        recipient_name=facts.their_name or None,
        days_since_last_contact=facts.days_since_last_contact,
        recipient_needs=facts.their_needs,
        **fields,
    )


def problems(text: str, context: OutreachContext) -> list[str]:
    return [
        f"{f.code}: {text[f.start : f.end]!r}"
        for f in review(text, context).findings
        if f.severity is Severity.PROBLEM
    ]


@settings(max_examples=300, deadline=None)
@given(
    facts=facts,
    purpose=st.sampled_from(list(Purpose)),
    variant=st.integers(0, 20),
    balance=st.none() | st.floats(-0.2, 1.0),
    shared=st.integers(0, 3),
)
def test_the_review_finds_no_problem_in_any_draft(facts, purpose, variant, balance, shared):
    written = draft(purpose, facts, variant=variant)
    context = context_for(facts, balance=balance, shared_connections=shared)
    assert problems(written.text, context) == [], written.text


@settings(max_examples=100, deadline=None)
@given(facts=facts, purpose=st.sampled_from(list(Purpose)))
def test_drafts_are_deterministic(facts, purpose):
    assert draft(purpose, facts) == draft(purpose, facts)


@settings(max_examples=100, deadline=None)
@given(facts=facts, purpose=st.sampled_from(list(Purpose)))
def test_every_draft_greets_them_and_asks_about_them(facts, purpose):
    written = draft(purpose, facts)
    first_line = written.text.splitlines()[0]
    assert first_line.endswith(",")
    assert facts.their_name.strip() in first_line
    assert "?" in written.text


def test_asking_while_the_balance_is_against_you_is_the_reviews_warning():
    written = draft(Purpose.INTRO_REQUEST, replace(ROSA, target_name="Gareth Hughes"))
    found = review(written.text, context_for(ROSA, balance=-0.6))
    codes = {f.code for f in found.findings if f.severity is Severity.PROBLEM}
    assert codes == {"ask-while-balance-against"}


def test_a_long_silence_is_acknowledged_with_an_apology():
    text = draft(Purpose.RECONNECT, replace(ROSA, days_since_last_contact=3 * 365 + 20)).text
    assert "about three years" in text
    assert "sorry" in text


def test_a_few_months_of_silence_are_said_without_an_apology():
    text = draft(Purpose.RECONNECT, replace(ROSA, days_since_last_contact=130)).text
    assert "four months" in text
    assert "sorry" not in text


def test_a_recent_conversation_needs_no_mention_of_silence():
    text = draft(Purpose.RECONNECT, replace(ROSA, days_since_last_contact=20)).text
    assert "since we last" not in text


def test_a_reconnect_refers_to_the_last_conversation_and_their_need():
    written = draft(Purpose.RECONNECT, ROSA)
    assert "Her move to Berlin" in written.text
    assert "a senior UX designer role in fintech" in written.text
    assert written.uses == ("your last conversation", "their open need")


def test_without_a_last_conversation_it_recalls_how_you_met():
    written = draft(Purpose.RECONNECT, replace(ROSA, last_topic=""))
    assert "(at the PyCon sprints)" in written.text
    assert "how you met" in written.uses


def test_a_small_ask_is_made_small_with_an_easy_way_out():
    written = draft(Purpose.RECONNECT, replace(ROSA, ask="moving into product"))
    assert "moving into product" in written.text
    assert "No pressure" in written.text or "Only if it suits you" in written.text


def test_a_thank_you_names_what_they_did():
    written = draft(Purpose.THANKS, ROSA)
    assert "Intro to Gareth at Acme" in written.text
    assert written.subject == "Thank you"


def test_an_intro_request_has_a_forwardable_note_inside_the_message():
    facts = replace(ROSA, target_name="Gareth Hughes", target_about="engineering manager at Acme")
    written = draft(Purpose.INTRO_REQUEST, replace(facts, ask="how his team hires designers"))
    assert written.forwardable is not None
    assert written.forwardable in written.text
    assert written.forwardable.startswith("\u201cJordan would value twenty minutes")
    assert "Gareth Hughes" in written.forwardable
    assert "how his team hires designers" in written.forwardable
    assert "Gareth\u2019s schedule" in written.forwardable
    assert "Gareth Hughes (engineering manager at Acme)" in written.text
    assert written.subject == "An introduction to Gareth Hughes?"


def test_only_an_intro_request_has_a_forwardable_note():
    for purpose in Purpose:
        if purpose is not Purpose.INTRO_REQUEST:
            assert draft(purpose, ROSA).forwardable is None


def test_sharing_names_the_need_it_serves():
    facts = replace(
        ROSA, share="https://example.com/report", share_need="Advice on moving to Berlin"
    )
    text = draft(Purpose.SHARE, facts).text
    assert "advice on moving to Berlin" in text
    assert text.count("https://example.com/report") == 1
    assert "https://example.com/report." not in text


def test_sharing_without_a_chosen_need_uses_their_oldest():
    text = draft(Purpose.SHARE, replace(ROSA, share="the report")).text
    assert "a senior UX designer role in fintech" in text


def test_congratulations_name_their_news():
    text = draft(Purpose.CONGRATULATE, replace(ROSA, occasion="the new role at Acme")).text
    assert "the new role at Acme" in text


def test_a_follow_up_thanks_them_for_the_conversation():
    text = draft(Purpose.FOLLOW_UP, ROSA).text
    assert "(Her move to Berlin)" in text
    assert "thank you" in text.lower()


def test_it_signs_with_your_name_when_known():
    assert draft(Purpose.RECONNECT, ROSA).text.endswith("\nJordan")
    assert not draft(Purpose.RECONNECT, replace(ROSA, my_name="")).text.endswith("\n")


def test_needs_written_as_looking_for_read_naturally():
    facts = replace(ROSA, last_topic="", their_needs=("Looking for a referral at Acme",))
    text = draft(Purpose.RECONNECT, facts).text
    assert "looking for looking" not in text.lower()
    assert "a referral at Acme" in text


def test_facts_are_kept_on_one_line_without_a_doubled_full_stop():
    facts = replace(ROSA, last_topic="Coffee.\n\nThen a walk.")
    text = draft(Purpose.FOLLOW_UP, facts).text
    assert "(Coffee. Then a walk)" in text


def test_drafts_vary_a_little_between_people_and_variants():
    texts = {draft(Purpose.RECONNECT, replace(ROSA, their_name=name)).text for name in NAMES}
    variants = {draft(Purpose.RECONNECT, ROSA, variant=n).text for n in range(6)}
    assert len(texts) > 2
    assert len(variants) > 2


def test_an_unknown_purpose_is_refused():
    with pytest.raises(ValueError, match="beg"):
        draft("beg", ROSA)


def test_every_purpose_has_a_label_and_a_draft():
    assert set(PURPOSE_LABELS) == set(Purpose)
    for purpose in Purpose:
        assert isinstance(draft(purpose.value, DraftFacts()), Draft)


def test_an_intro_offer_asks_first_and_makes_no_easy():
    written = draft(Purpose.INTRO_OFFER, replace(ROSA, target_name="Gareth Hughes"))
    assert "Would you like me to introduce you to Gareth Hughes" in written.text
    assert "a no is completely fine" in written.text
    assert written.subject == "Would you like to meet Gareth Hughes?"


def test_an_introduction_names_both_people_in_its_subject():
    written = draft(Purpose.INTRODUCE, replace(ROSA, target_name="Gareth Anand"))
    assert written.subject == f"Introduction: {ROSA.their_name} and Gareth Anand"
    assert "introduce you to Gareth Anand" in written.text


def test_a_stock_how_you_met_from_an_import_is_not_remembered_in_a_message():
    facts = replace(ROSA, how_met="Connected on LinkedIn", last_topic="")
    for purpose in Purpose:
        for variant in range(3):
            assert "LinkedIn" not in draft(purpose, facts, variant=variant).text
    assert "PyCon" in draft(Purpose.RECONNECT, replace(ROSA, last_topic="")).text

"""Facts the app holds that a draft can use (core/outreach/facts.py): a sentence that answers one
of the recipient's open needs is a give, and naming someone you both know says who sent you."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.outreach import READY, OutreachContext, Severity, review
from mutuals.core.outreach.facts import names_mutual, speaks_to_need
from mutuals.core.outreach.letter import letter
from mutuals.core.outreach.sentences import tokenize
from tests.core.outreach_corpus import contexts, found_codes, load

DEVELOPMENT = load("development")
BY_ID = {m.id: m for m in DEVELOPMENT}
TEXTS = [m.text for m in DEVELOPMENT[::4]]
RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.PROBLEM: 2}


def _sentence(text):
    (sentence,) = tokenize(text)
    return sentence


def _worst(found):
    worst = {}
    for f in found.findings:
        worst[f.code] = max(worst.get(f.code, 0), RANK[f.severity])
    return worst


# --- their open needs --------------------------------------------------------------------------


def test_a_sentence_on_the_topic_of_their_need_speaks_to_it():
    needs = ("Translators for the refugee drop-in",)
    assert speaks_to_need(_sentence("I could translate at the drop-in on Wednesdays."), needs)
    assert speaks_to_need(_sentence("The bakery down the road is lovely."), ("A bakery lease",))
    assert not speaks_to_need(_sentence("I hope the move went well."), needs)
    # Short and generic words tie a sentence to no need in particular.
    assert not speaks_to_need(_sentence("I'm looking for someone new."), ("Looking for someone",))
    assert not speaks_to_need(_sentence("See you in May."), ("A venue in May",))


GIVE = (
    "Hi Rosa,\n\nMy neighbour Tomás keeps the books for three cafés on our street and has room "
    "for one more bakery. His number is 07700 900123.\n\nAlso, could I borrow the big stand mixer "
    "for my sister's wedding cake next weekend?\n\nLeo"
)
ROSA = OutreachContext(recipient_name="Rosa", days_since_last_contact=120)


def test_a_sentence_that_answers_their_need_is_about_them():
    # The rules alone: the second reader, trained on this very letter, would hide the difference.
    plain = review(GIVE, ROSA, second_reader=False)
    assert "nothing-about-them" in found_codes(plain)
    told = review(GIVE, replace(ROSA, recipient_needs=("A bookkeeper for the bakery",)))
    assert told.verdict == READY
    # A need whose topic the letter does not name ("books" is not "bookkeeper") changes nothing.
    other = review(GIVE, replace(ROSA, recipient_needs=("A bookkeeper",)), second_reader=False)
    assert "nothing-about-them" in found_codes(other)
    read = letter(GIVE, replace(ROSA, recipient_needs=("A bookkeeper for the bakery",)))
    assert [act.answers_need for act in read.body] == [True, False, False]


def test_saying_what_you_need_yourself_is_no_give_even_in_their_need_s_words():
    text = (
        "Hi Jo, I'm applying for a research assistant post and need two referees by Friday. "
        "Could you be one of them?"
    )
    context = OutreachContext(
        recipient_name="Jo",
        days_since_last_contact=60,
        recipient_needs=("A reference for her PhD application",),
    )
    assert not any(act.answers_need for act in letter(text, context).body)
    assert "nothing-about-them" in found_codes(review(text, context))


def test_filling_their_hiring_need_with_yourself_is_the_ask_not_a_give():
    text = (
        "Hi Carl, there's a Python developer post on your team. I've been learning Python for "
        "three months. Can you refer me?"
    )
    context = OutreachContext(
        days_since_last_contact=150, recipient_needs=("Hiring a Python developer",)
    )
    assert not any(act.answers_need for act in letter(text, context).body)
    rules = review(text, context, second_reader=False)
    bare = review(text, replace(context, recipient_needs=()), second_reader=False)
    assert _worst(rules) == _worst(bare)


def test_a_follow_up_that_brings_what_they_need_is_gracious():
    text = (
        "Hi Beth, I found a plumber for old houses: Ken Marsh did my mum's Victorian terrace. "
        "Could you let me know what you think of the course I mentioned?"
    )
    context = OutreachContext(days_since_last_contact=10, unanswered=1, days_since_you_wrote=10)
    assert "chasing" in found_codes(review(text, context))
    told = replace(context, recipient_needs=("A plumber who knows old houses",))
    assert "chasing" not in found_codes(review(text, told))


# --- people you both know ----------------------------------------------------------------------


def test_a_person_you_both_know_is_named_by_full_or_first_name_not_as_the_one_to_meet():
    names = ("Dr Rebecca Lowe", "Ama Mensah")
    assert names_mutual(tokenize("Ama suggested I write to you."), names)
    assert names_mutual(tokenize("Rebecca Lowe, my supervisor, gave me your name."), names)
    assert names_mutual(tokenize("Dr Rebecca Lowe says hello."), names)
    assert not names_mutual(tokenize("Could you introduce me to Ama?"), names)
    assert not names_mutual(tokenize("I'd love to work with Ama Mensah."), names)
    # A first name is a name only with its capital ("will", "hope" are words too).
    assert not names_mutual(tokenize("I hope you will be well."), ("Will Hope",))
    assert not names_mutual(tokenize("Ama suggested I write."), ())


STRANGER_ASK = (
    "Hi Kofi, Ama Mensah and I sang in the same choir for years. I'm moving into UX research. "
    "Could you introduce me to your head of design?"
)
KOFI = OutreachContext(recipient_name="Kofi", known=False)


def test_naming_someone_you_both_know_makes_a_stranger_s_big_ask_warm():
    cold = review(STRANGER_ASK, KOFI)
    assert _worst(cold)["big-ask-of-stranger"] == RANK[Severity.PROBLEM]
    assert _worst(cold)["ask-up-front"] == RANK[Severity.PROBLEM]
    warm = review(
        STRANGER_ASK, replace(KOFI, shared_connections=1, mutual_contacts=("Ama Mensah",))
    )
    assert "big-ask-of-stranger" not in {f.code for f in warm.findings}
    assert _worst(warm)["ask-up-front"] == RANK[Severity.WARN]  # still asked up front


def test_people_you_both_know_but_do_not_name_are_suggested_by_name():
    text = "Hi Marek, could you introduce me to the head of product at Lumen?"
    context = OutreachContext(
        known=False, shared_connections=2, mutual_contacts=("Ama Mensah", "Tom Reid")
    )
    (finding,) = [f for f in review(text, context).findings if f.code == "big-ask-of-stranger"]
    assert finding.severity is Severity.INFO
    assert "(Ama Mensah or Tom Reid)" in finding.suggestion


# --- the facts only ever help: properties over development sentences ---------------------------


@given(text=st.sampled_from(TEXTS), context=contexts)
def test_naming_someone_you_both_know_never_adds_a_finding_or_worsens_one(text, context):
    named = "Ama Mensah suggested I write to you.\n\n" + text
    without = review(named, replace(context, shared_connections=1))
    with_fact = review(
        named, replace(context, shared_connections=1, mutual_contacts=("Ama Mensah",))
    )
    before, after = _worst(without), _worst(with_fact)
    for code, severity in after.items():
        if severity > RANK[Severity.INFO]:
            assert before.get(code, -1) >= severity, code


def test_the_reader_never_reads_a_named_mutual_contact_as_worse_than_an_unsaid_one():
    text = (
        "Ama Mensah suggested I write to you.\n\nHi Sam, hope you're well! Could you send me "
        "the number for your landlord friend when you get a sec?"
    )
    unsaid = OutreachContext(known=False, shared_connections=1)
    named = replace(unsaid, mutual_contacts=("Ama Mensah",))
    # Named, the letter is ready, the best there is: never worse than unsaid, whichever way the
    # reader's weights read the unsaid one (they moved when retrained in session 10).
    assert review(text, named).verdict == READY


@given(text=st.sampled_from(TEXTS), context=contexts, need=st.sampled_from(TEXTS))
def test_their_needs_never_make_a_big_ask_up_front_ready(text, context, need):
    told = replace(context, recipient_needs=(need[:120],))
    for opening in (
        "Could you refer me for the analyst job at your company?",
        "Can you send me a list of your contacts in fintech?",
        "Please introduce me to your boss.",
    ):
        assert review(f"{opening}\n\n{text}", told).verdict != READY


def test_the_app_facts_decide_the_development_messages_written_for_them():
    # Read once before the facts were used (session 8): these two were the false alarms.
    for identifier in ("dev-s8-001", "dev-s8-013"):
        message = BY_ID[identifier]
        assert review(message.text, message.context).verdict == READY
        bare = replace(message.context, recipient_needs=())
        assert review(message.text, message.context, second_reader=False).verdict == READY
        assert review(message.text, bare, second_reader=False).verdict != READY

"""The outreach review against its evaluation corpus (tests/data/outreach_corpus/), and the
properties that keep it from passing a request because of wording or order."""

import hashlib
import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mutuals.core.outreach import (
    READY,
    OutreachContext,
    Severity,
    change_of,
    describe_change,
    review,
)
from mutuals.core.outreach.letter import letter
from mutuals.core.outreach.limits import RECENT_DAYS
from tests.core.outreach_corpus import (
    CORPUS,
    FROZEN2_SHA256,
    FROZEN3_SHA256,
    FROZEN4_SHA256,
    FROZEN5_SHA256,
    FROZEN6_SHA256,
    FROZEN7_SHA256,
    FROZEN8_SHA256,
    FROZEN9_SHA256,
    FROZEN_SHA256,
    NEEDS_CHANGES,
    contexts,
    evaluate,
    found_codes,
    load,
)

DEVELOPMENT = load("development")
FROZEN = load("frozen")
FROZEN2 = load("frozen2")
FROZEN3 = load("frozen3")
FROZEN4 = load("frozen4")
FROZEN5 = load("frozen5")
FROZEN6 = load("frozen6")
FROZEN7 = load("frozen7")
FROZEN8 = load("frozen8")
FROZEN9 = load("frozen9")
CODES = sorted({code for message in DEVELOPMENT for code in message.codes})
# Findings about what is asked and how: none may depend on where a sentence stands.
ORDER_FREE = {
    "forward-my-resume",
    "any-openings",
    "contacts-list",
    "demand-or-deadline",
    "chasing",
    "entitlement",
    "big-ask-of-stranger",
    "ask-while-balance-against",
}
REQUEST_CODES = ORDER_FREE | {"job-request-up-front", "ask-up-front"}


def test_the_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN_SHA256


def test_the_second_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen2.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN2_SHA256
    assert len(FROZEN2) == 200
    assert not {m.id for m in FROZEN2} & {m.id for m in DEVELOPMENT + FROZEN}
    for message in FROZEN2:
        assert (message.verdict == "ready") == (not message.codes), message.id


def test_the_corpus_has_at_least_300_new_messages_in_both_parts():
    new = [m for m in DEVELOPMENT if m.id.startswith("dev-")] + list(FROZEN)
    assert len(new) >= 300
    assert len({m.id for m in DEVELOPMENT + FROZEN}) == len(DEVELOPMENT) + len(FROZEN)
    assert {m.verdict for m in FROZEN} == {"ready", NEEDS_CHANGES}


def test_every_label_agrees_with_its_verdict():
    for message in DEVELOPMENT + FROZEN:
        assert (message.verdict == "ready") == (not message.codes), message.id


def test_needs_changes_against_ready_has_precision_and_recall_of_at_least_0_95_in_development():
    found = evaluate(DEVELOPMENT)
    assert found.verdict.precision >= 0.95, found.misses
    assert found.verdict.recall >= 0.95, found.misses


# Measured once, at the end of tuning on the development part (issue 14's goal is 0.95; see
# docs/algorithms/outreach.md). The frozen part is never tuned on, so these misses stay listed
# here until a rule change made on development evidence fixes them; any new miss fails.
# First evaluation (session 3): ten misses, 0.92/0.92. Second (session 4, after the grammar of
# verbless, chat, non-native and wish-shaped requests and friendly imperatives was built on new
# development messages): three misses, precision 0.97, recall 0.98. The causes are as recorded
# at the first evaluation; the frozen texts were not read.
# Session 9 (C2): a confident second reader may now turn a problem of tone into a note on a
# letter that neither asks big nor chases (reader.may_clear); on this part that swapped one miss
# for another (0.985 / 1.00 -> 1.00 / 0.985): frozen-090 is right, frozen-035 (a dormant tie,
# labelled only with the silence not said) is now passed. Declared, not tuned: the text was not
# read.
FROZEN_MISSES = {
    "frozen-004",  # "Please tell to your boss about me" not read as a job ask
    "frozen-035",  # the silence not said, on a letter the reader reads as ready (session 9, C2)
    "frozen-052",  # a warm follow-up read as me-centred
    "frozen-090",  # a long genuine letter read as me-centred
    "frozen-104",  # the reader retrained with frozen8 adds a me-centred warning (session 10)
}


def test_the_frozen_part_misses_no_more_than_it_did_when_it_was_last_evaluated():
    found = evaluate(FROZEN)
    assert set(found.misses) <= FROZEN_MISSES
    assert found.verdict.precision >= 0.95
    assert found.verdict.recall >= 0.95


# The second frozen part (200 messages written independently of the rules, session 4) was
# evaluated once, after the rules were final for the session: 18 misses, precision 0.90 and
# recall 0.94 (below issue 14's 0.95). Eleven genuine messages were flagged (long warm letters,
# condolences, small asks of close friends, replies to offers) and seven taker messages passed
# (three in non-native English, an entitlement letter, a guilt trip, an SMS chaser, a LinkedIn
# note to a stranger). Its texts were not read; only ids, voices and labels were. Any new miss
# fails; a miss fixed by a change made on development evidence leaves this list.
FROZEN2_MISSES = {
    "frozen2-004", "frozen2-045", "frozen2-047", "frozen2-053", "frozen2-070", "frozen2-077",
    "frozen2-079", "frozen2-085", "frozen2-102", "frozen2-127", "frozen2-139", "frozen2-145",
    "frozen2-163", "frozen2-166", "frozen2-175", "frozen2-176", "frozen2-181", "frozen2-195",
}  # fmt: skip


def test_the_third_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen3.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN3_SHA256
    assert len(FROZEN3) == 200
    assert not {m.id for m in FROZEN3} & {m.id for m in DEVELOPMENT + FROZEN + FROZEN2}
    for message in FROZEN3:
        assert (message.verdict == "ready") == (not message.codes), message.id


# The third frozen part (200 messages by a third writer who read neither the rules nor the
# other parts, session 5) was evaluated once, after round 3's rules were final: 17 misses,
# precision 0.93, recall 0.92 — round 3 (development 1.00/1.00 on 581) did not reach 0.95 on
# it either. Eight genuine messages flagged (a referral asked of a close friend with context, a
# long letter to a friend abroad, a small ask after a silence, a formal thank-you, a Chinese
# speaker's reconnection, a gracious chaser, a proportionate reference ask, a long
# condolence); nine taker messages passed, two formal entitlement letters, two guilt trips, two
# questions hiding a job ask, a deadline chaser, an SMS chaser, an ask buried in a long e-mail
# to a stranger. Ids, voices and labels only were read.
FROZEN3_MISSES = {
    "frozen3-003", "frozen3-014", "frozen3-023", "frozen3-027", "frozen3-028", "frozen3-047",
    "frozen3-050", "frozen3-060", "frozen3-074", "frozen3-082", "frozen3-117", "frozen3-119",
    "frozen3-126", "frozen3-160", "frozen3-170", "frozen3-172", "frozen3-176",
}  # fmt: skip


def test_the_third_frozen_part_misses_no_more_than_at_its_one_evaluation():
    assert set(evaluate(FROZEN3).misses) <= FROZEN3_MISSES


# The fourth frozen part (200 messages by a fourth writer who read neither the rules nor the other
# parts) was judged in sessions 6 and 7 (0.93 / 0.86 with the second reader, 22 misses; see
# docs/algorithms/outreach.md) and, since session 8, is training data for the second reader like
# frozen2 and frozen3: its figures are in-sample now, so its misses are no longer pinned.
def test_the_fourth_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen4.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN4_SHA256
    assert len(FROZEN4) == 200
    earlier = DEVELOPMENT + FROZEN + FROZEN2 + FROZEN3
    assert not {m.id for m in FROZEN4} & {m.id for m in earlier}
    for message in FROZEN4:
        assert (message.verdict == "ready") == (not message.codes), message.id


# The fifth, sixth and seventh frozen parts (writers 5, 6 and 7) were judged once each, in
# sessions 7, 8 and 9 (0.92 / 0.90, 0.94 / 0.91 and 0.946 / 0.955; see
# docs/algorithms/outreach.md). Since session 9 all three are training data for the second
# reader, like frozen2-4: their figures are in-sample now, so their misses are no longer pinned;
# their bytes still never change.
def test_the_fifth_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen5.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN5_SHA256
    assert len(FROZEN5) == 200
    earlier = DEVELOPMENT + FROZEN + FROZEN2 + FROZEN3 + FROZEN4
    assert not {m.id for m in FROZEN5} & {m.id for m in earlier}
    for message in FROZEN5:
        assert (message.verdict == "ready") == (not message.codes), message.id


def test_the_sixth_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen6.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN6_SHA256
    assert len(FROZEN6) == 200
    earlier = DEVELOPMENT + FROZEN + FROZEN2 + FROZEN3 + FROZEN4 + FROZEN5
    assert not {m.id for m in FROZEN6} & {m.id for m in earlier}
    for message in FROZEN6:
        assert (message.verdict == "ready") == (not message.codes), message.id


def test_the_seventh_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen7.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN7_SHA256
    assert len(FROZEN7) == 200
    earlier = DEVELOPMENT + FROZEN + FROZEN2 + FROZEN3 + FROZEN4 + FROZEN5 + FROZEN6
    assert not {m.id for m in FROZEN7} & {m.id for m in earlier}
    for message in FROZEN7:
        assert (message.verdict == "ready") == (not message.codes), message.id


def test_the_eighth_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen8.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN8_SHA256
    assert len(FROZEN8) == 200
    earlier = DEVELOPMENT + FROZEN + FROZEN2 + FROZEN3 + FROZEN4 + FROZEN5 + FROZEN6 + FROZEN7
    assert not {m.id for m in FROZEN8} & {m.id for m in earlier}
    for message in FROZEN8:
        assert (message.verdict == "ready") == (not message.codes), message.id


# frozen8's one judgement (session 10, the code of session 9): 0.915 precision, 0.973 recall.
# Ten ready letters flagged, three letters that need changes passed (docs/algorithms/outreach.md).
FROZEN8_MISSES = {
    "frozen8-005",
    "frozen8-028",
    "frozen8-033",
    "frozen8-039",
    "frozen8-041",
    "frozen8-055",
    "frozen8-069",
    "frozen8-110",
    "frozen8-117",
    "frozen8-123",
    "frozen8-125",
    "frozen8-170",
    "frozen8-174",
}


def test_the_eighth_frozen_part_misses_no_more_than_at_its_one_evaluation():
    assert set(evaluate(FROZEN8).misses) <= FROZEN8_MISSES


def test_the_ninth_frozen_part_never_changes():
    digest = hashlib.sha256((CORPUS / "frozen9.jsonl").read_bytes()).hexdigest()
    assert digest == FROZEN9_SHA256
    assert len(FROZEN9) == 200
    earlier = (
        DEVELOPMENT + FROZEN + FROZEN2 + FROZEN3 + FROZEN4 + FROZEN5 + FROZEN6 + FROZEN7 + FROZEN8
    )
    assert not {m.id for m in FROZEN9} & {m.id for m in earlier}
    for message in FROZEN9:
        assert (message.verdict == "ready") == (not message.codes), message.id


# frozen9's one judgement (session 10, the code of session 10 with frozen8 in the reader's
# training): 0.963 precision, 0.955 recall; four ready letters flagged, five passed.
FROZEN9_MISSES = {
    "frozen9-033",
    "frozen9-055",
    "frozen9-061",
    "frozen9-071",
    "frozen9-073",
    "frozen9-081",
    "frozen9-157",
    "frozen9-164",
    "frozen9-199",
}


def test_the_ninth_frozen_part_misses_no_more_than_at_its_one_evaluation():
    assert set(evaluate(FROZEN9).misses) <= FROZEN9_MISSES


def test_the_second_frozen_part_misses_no_more_than_at_its_one_evaluation():
    assert set(evaluate(FROZEN2).misses) <= FROZEN2_MISSES


@pytest.mark.parametrize("code", CODES)
def test_every_finding_code_has_a_positive_example_in_development(code):
    labelled = [m for m in DEVELOPMENT if code in m.codes]
    assert labelled
    assert any(code in found_codes(review(m.text, m.context)) for m in labelled)


@pytest.mark.parametrize("code", CODES)
def test_no_ready_message_in_development_gets_any_finding_code(code):
    for message in DEVELOPMENT:
        if message.verdict == "ready":
            assert code not in found_codes(review(message.text, message.context)), message.id


HARD = {"job-request-up-front", "ask-up-front", "contacts-list", "chasing"}
# Every part there is to read: the hard rule holds on each (frozen10, the next writer's, is not
# here until it has judged the next round).
ALL_PARTS = {
    "development": DEVELOPMENT,
    "frozen": FROZEN,
    "frozen2": FROZEN2,
    "frozen3": FROZEN3,
    "frozen4": FROZEN4,
    "frozen5": FROZEN5,
    "frozen6": FROZEN6,
    "frozen7": FROZEN7,
    "frozen8": FROZEN8,
    "frozen9": FROZEN9,
}


@pytest.mark.parametrize("part", ALL_PARTS.values(), ids=ALL_PARTS.keys())
def test_no_message_that_asks_big_up_front_or_chases_is_ever_ready(part):
    """Issue 14's hard rule: a message labelled with a job, contacts, introduction or referral
    ask up front, or a chase, is never "ready to send", on any part (session 9, C2: it broke on
    curt chasers and a curt contacts demand of frozen7, and on a frozen5 chaser)."""
    for message in part:
        if message.codes & HARD:
            assert review(message.text, message.context).verdict != READY, message.id


# Pleasantries: what everyone says to everyone, in the voices of the corpus.
PLEASANTRIES = [
    "I hope you are well.",
    "I hope this finds you well.",
    "Hope all is well!",
    "hope ur good :)",
    "Thanks in advance for your time.",
    "I know you're very busy.",
    "I look forward to hearing from you.",
    "Have a great weekend!",
    "Thanks!!",
    "Cheers.",
]
HARD_LABELLED = [m for m in DEVELOPMENT if m.codes & HARD]


@given(
    st.sampled_from(HARD_LABELLED),
    st.lists(st.sampled_from(PLEASANTRIES), max_size=3),
    st.sampled_from([" ", "\n", "\n\n"]),
    st.lists(st.sampled_from(PLEASANTRIES), max_size=3),
)
def test_pleasantries_before_or_after_never_make_a_hard_labelled_message_ready(
    message, before, joint, after
):
    """Wrapping a message that asks big up front or chases in pleasantries, before it (on its
    line or above it) or after it (a paragraph of their own: a message whose last sentence has
    no stop would take the words in), never makes it "ready to send": they say nothing to the
    reader, so they neither push the ask out of the opening nor give anything beside a chase."""
    text = joint.join([" ".join(before), message.text]) if before else message.text
    if after:
        text = f"{text}\n\n{' '.join(after)}"
    assert review(text, message.context).verdict != READY, (message.id, before, after)


# --- other languages --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hallo Jonas, kannst du mich bitte deiner Chefin vorstellen? Danke!", "German"),
        ("Hola Marta, ¿podrías enviar mi currículum a tu jefe? Gracias.", "Spanish"),
        ("Bonjour Paul, pourriez-vous me présenter à votre directeur ? Merci.", "French"),
    ],
)
def test_a_message_in_another_language_gets_one_finding_and_is_never_ready(text, language):
    found = review(text)
    assert [f.code for f in found.findings] == ["not-english"]
    assert found.verdict != READY
    assert found.findings[0].message.startswith("I can only review English messages yet")
    assert language in found.findings[0].message


def test_an_english_message_with_a_few_foreign_words_is_reviewed():
    text = "Hi Luc, merci for the croissants! How was the trip to Lyon? Bon voyage next week."
    assert review(text).verdict == READY


def test_no_user_facing_words_carry_a_rule_id_or_principle_code():
    for message in DEVELOPMENT:
        for finding in review(message.text, message.context).findings:
            for words in (finding.message, finding.suggestion):
                assert finding.code not in words
                assert not any(f"P{n}" in words.split() for n in range(1, 11))


# --- suggestions that fix what they flag ------------------------------------------------------


def applied(text, finding):
    return text[: finding.start] + finding.replacement + text[finding.end :]


def problem_codes(found):
    return {f.code for f in found.findings if f.severity is Severity.PROBLEM}


def test_applying_any_suggestion_clears_its_finding_and_never_puts_the_ask_first():
    applied_count = 0
    for message in DEVELOPMENT:
        before = review(message.text, message.context)
        for finding in before.findings:
            if finding.replacement is None:
                continue
            applied_count += 1
            new_text = applied(message.text, finding)
            after = review(new_text, message.context)
            # No new problem: a fix never brings a worse finding with it.
            assert problem_codes(after) <= problem_codes(before), (message.id, finding.code)
            # Gone: fewer of its kind, or none left where the suggestion now stands (a rule
            # that flags only the first of several asks moves on to the next one).
            count = sum(f.code == finding.code for f in before.findings)
            where = range(finding.start, finding.start + max(len(finding.replacement), 1))
            same = [f for f in after.findings if f.code == finding.code]
            assert len(same) < count or all(f.start not in where for f in same), (
                message.id,
                finding.code,
            )
            change = change_of(message.text, finding)
            span = message.text[finding.start : finding.end]
            if change == "added":
                inserted = new_text.index(finding.replacement.split(" ")[0], finding.start)
                first_ask = letter(new_text, message.context).first_ask
                assert first_ask is None or inserted <= first_ask.sentence.start, message.id
                # "Added": the words that were there are all still there, after the new ones.
                assert new_text[finding.start :].startswith(finding.replacement)
                assert finding.replacement.endswith(span)
            elif change == "removed":
                assert new_text == message.text[: finding.start] + message.text[finding.end :]
                assert describe_change(message.text, finding).startswith("Removed")
            else:
                assert change == "replaced"
                assert span.strip()
                assert not finding.replacement.endswith(span)
                assert describe_change(message.text, finding).startswith("Replaced")
    assert applied_count > 100


def test_an_addition_never_repeats_a_sentence_another_finding_removes():
    for message in DEVELOPMENT:
        found = review(message.text, message.context).findings
        removed = [f for f in found if f.replacement == "" and f.end > f.start]
        for finding in found:
            if change_of(message.text, finding) != "added":
                continue
            for other in removed:
                assert not (other.start < finding.end and finding.start < other.end), message.id


def test_what_applying_did_is_said_truthfully():
    text = "How are the kids? Please forward my resume to your team. Thanks again!"
    (finding,) = [f for f in review(text).findings if f.code == "forward-my-resume"]
    assert describe_change(text, finding).startswith("Removed \u201cPlease forward my resume")
    context = OutreachContext(days_since_last_contact=4 * 365)
    text = "Could we grab a coffee next week? How are you?"
    (finding,) = [f for f in review(text, context).findings if f.code == "silence-not-acknowledged"]
    assert describe_change(text, finding).startswith("Added \u201cIt's been far too long")
    text = "Could you refer me for the analyst job at Acme?"
    (finding,) = [f for f in review(text).findings if f.code == "job-request-up-front"]
    assert describe_change(text, finding).startswith("Replaced \u201cCould you refer me")


def test_the_interest_question_goes_before_the_request_not_after_it():
    text = "I'm looking for work. Could you introduce me to your CTO?"
    (finding,) = [f for f in review(text).findings if f.code == "nothing-about-them"]
    new_text = applied(text, finding)
    assert new_text.index("How have things been") < new_text.index("Could you introduce")


# --- properties -------------------------------------------------------------------------------

POLITE = [
    "I hope you are well.",
    "I hope this finds you well.",
    "Thank you so much.",
    "Thanks in advance for your time.",
    "I know you're very busy.",
    "I look forward to hearing from you.",
]
BIG_ASKS = [
    # Written every way the development corpus asks: verbless, as a wish, in chat spellings,
    # in non-native word orders, as a referee.
    "Intro to your CEO?",
    "A referral from you would mean a lot.",
    "pls refer me 4 the job at ur company, thx",
    "you can give me contacts of HR persons in your company?",
    "Please tell to your boss about me.",
    "Could you act as a referee for my application?",
    "Could you refer me for the analyst job at Acme?",
    "Please send me a list of your contacts at the big banks.",
    "Can you introduce me to your manager?",
    "I need you to put in a good word for me with the hiring team.",
    "Is your team hiring right now?",
    "Who do you know at Northwind who could help me?",
    "Would you write me a recommendation on LinkedIn?",
    # Round 3 (dev-s5-*): non-native, formal and indirect shapes.
    "Is there some possibility to enter in your office?",
    "In your company they are searching people?",
    "Can you indicate me for the data analyst position?",
    "I therefore expect that you will introduce me to the editors.",
    "Would you be willing to write a short endorsement for my application?",
    "so u can def send my cv to ur manager",
    "Kindly speak with your manager about me for any vacancy.",
]
REFERENCE_ASKS = {
    "Could you act as a referee for my application?",
    "Would you write me a recommendation on LinkedIn?",
    "Would you be willing to write a short endorsement for my application?",
}
# Whole sentences only: one without an ending would run into the next when joined.
BODY_SENTENCES = sorted(
    {
        act.sentence.text
        for m in DEVELOPMENT
        for act in letter(m.text, m.context).body
        if act.sentence.text.endswith((".", "!", "?"))
    }
)


def request_codes(text, context):
    return {f.code for f in review(text, context).findings} & REQUEST_CODES


@given(
    st.lists(st.sampled_from(BODY_SENTENCES), min_size=1, max_size=8),
    st.sampled_from(POLITE),
    st.integers(0, 8),
    contexts,
)
def test_inserting_a_polite_sentence_anywhere_never_removes_a_request_finding(
    sentences, polite, where, context
):
    text = " ".join(sentences)
    politer = " ".join([*sentences[:where], polite, *sentences[where:]])
    assert request_codes(text, context) <= request_codes(politer, context)


@given(
    st.lists(st.sampled_from(BODY_SENTENCES), min_size=2, max_size=8),
    st.randoms(use_true_random=False),
    contexts,
)
def test_shuffling_sentences_keeps_every_request_finding_that_is_not_about_order(
    sentences, rng, context
):
    shuffled = list(sentences)
    rng.shuffle(shuffled)
    before = request_codes(" ".join(sentences), context) & ORDER_FREE
    after = request_codes(" ".join(shuffled), context) & ORDER_FREE
    assert before == after


@given(
    st.sampled_from(BIG_ASKS),
    st.lists(st.sampled_from(BODY_SENTENCES + POLITE), max_size=6),
    st.booleans(),
    contexts,
)
def test_a_big_ask_in_the_first_two_sentences_is_never_ready(ask, rest, second, context):
    # The hard rule names jobs, contacts, introductions and referrals. A reference asked
    # first of a tie in touch this month, with an easy way out, is how friends ask (session 10):
    # references are held to the rule only for everyone else.
    days = context.days_since_last_contact
    among_friends = context.known and days is not None and days <= RECENT_DAYS
    assume(ask not in REFERENCE_ASKS or not among_friends)
    opening = [random.Random(len(rest)).choice(POLITE), ask] if second else [ask]
    text = "Hi Sam,\n\n" + " ".join([*opening, *rest])
    assert review(text, context).verdict != READY


@given(st.sampled_from(BODY_SENTENCES), contexts)
def test_a_chaser_with_a_deadline_is_never_ready(sentence, context):
    text = (
        f"Hi Sam, following up on my last message, which you haven't answered. {sentence} "
        "Please send the introduction by Friday."
    )
    found = review(text, context)
    assert found.verdict != READY
    assert any(f.code == "chasing" and f.severity is Severity.PROBLEM for f in found.findings)


CHASES = [
    "Just following up on my last email.",
    "kev ?? sent u 3 msgs.",
    "Any news on that reference??",
    "I wrote you on Monday and Wednesday.",
    "Reminding you again about the form.",
]
DATES = [
    "The form closes on Friday.",
    "Deadline is 5pm.",
    "She needs to see it by Monday.",
    "Please finish it before 30 June.",
]


@given(
    st.sampled_from(CHASES),
    st.sampled_from(DATES),
    st.lists(st.sampled_from(BODY_SENTENCES + POLITE), max_size=6),
    contexts,
)
def test_a_chase_beside_a_date_is_never_ready_whatever_else_is_said(chase, date, rest, context):
    text = "Hi Sam,\n\n" + " ".join([chase, *rest, date])
    found = review(text, context)
    assert found.verdict != READY
    # (Sentences drawn from the corpus's Portuguese or German messages may tip it to not-English.)
    assert any(f.code in {"chasing", "not-english"} for f in found.findings)


# Sentences that neither ask nor show interest in the reader: news about the writer, pleasantries.
NEUTRAL = sorted(
    {
        act.sentence.text
        for m in DEVELOPMENT
        if "not-english" not in m.codes
        for act in letter(m.text, m.context).body
        if act.sentence.text.endswith((".", "!"))
        and not (act.ask or act.about_them or act.chase or act.entitlement)
        and not act.offer
    }
)


@given(
    st.sampled_from(BIG_ASKS),
    st.lists(st.sampled_from(NEUTRAL + POLITE), max_size=8),
    st.integers(0, 8),
    contexts,
)
def test_a_request_never_passes_because_of_where_it_stands(ask, others, where, context):
    """Moving the ask later, behind sentences that say nothing about the reader, always keeps
    a request finding: word order alone never makes a big ask "ready to send"."""
    sentences = [*others[:where], ask, *others[where:]]
    found = review("Hi Sam,\n\n" + " ".join(sentences), context)
    assert found.verdict != READY
    assert {f.code for f in found.findings} & REQUEST_CODES

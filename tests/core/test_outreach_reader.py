"""The outreach review's second reader (core/outreach/reader.py): what it may change, that every
finding it adds points at a sentence in words, and that its weights are the training script's."""

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.outreach import READY, OutreachContext, Severity, review
from mutuals.core.outreach.letter import letter
from mutuals.core.outreach.reader import (
    BALANCE_CODES,
    SURE_CODES,
    WEIGHTS_FILE,
    interest_first,
    may_add,
    may_clear,
    reading,
    thresholds,
)
from tests.core.outreach_corpus import contexts, load

ROOT = Path(__file__).resolve().parents[2]
# The retired parts are training data now; the frozen part and any newer one never appear here.
PARTS = (
    "development",
    "frozen2",
    "frozen3",
    "frozen4",
    "frozen5",
    "frozen6",
    "frozen7",
    "frozen8",
)
TRAINED_ON = tuple(m for part in PARTS for m in load(part))
BODY_SENTENCES = sorted(
    {
        act.sentence.text
        for m in TRAINED_ON[::3]
        for act in letter(m.text, m.context).body
        if act.sentence.text.endswith((".", "!", "?"))
    }
)


@cache
def _script():
    path = ROOT / "scripts" / "train_outreach_reader.py"
    spec = importlib.util.spec_from_file_location("train_outreach_reader", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def test_the_shipped_weights_are_exactly_what_the_training_script_writes():
    script = _script()
    assert script.TRAINING_PARTS == PARTS
    assert PARTS[1:] == script.WRITERS
    parts = {part: script.load(part) for part in script.TRAINING_PARTS}
    expected = script.rendered(script.train(parts))
    shipped = (ROOT / "src" / "mutuals" / "core" / "outreach" / WEIGHTS_FILE).read_text("utf-8")
    assert shipped == expected
    model = json.loads(shipped)
    assert model["messages"] == len(TRAINED_ON)
    assert 0.5 <= model["add_at"] < 1
    assert 0 < model["clear_at"] < 0.5


def test_the_training_script_never_reads_a_frozen_part():
    script = _script()
    for part in ("frozen", "frozen9", "frozen10"):
        try:
            script.load(part)
        except ValueError:
            continue
        raise AssertionError(f"{part} was loaded")


def _compare(text, context):
    return review(text, context, second_reader=False), review(text, context)


def _check_permissions(text, context):
    rules, both = _compare(text, context)
    read = letter(text, context)
    # Problems are the rules' alone: never added or removed by the reader; softened into notes
    # only as a whole letter's, when none is a sure one and the letter neither asks big nor
    # chases (`may_clear`).
    problems = [f for f in rules.findings if f.severity is Severity.PROBLEM]
    kept = [f for f in both.findings if f.severity is Severity.PROBLEM]
    assert kept == problems or (not kept and both.verdict == READY)
    if problems and not kept:
        assert not {f.code for f in problems} & SURE_CODES
        assert not read.big_asks
        assert not any(act.chase for act in read.body)
    before = {(f.code, f.start, f.end, f.message) for f in rules.findings}
    after = {(f.code, f.start, f.end, f.message) for f in both.findings}
    added = after - before
    gone = before - after
    assert not gone  # clearing keeps the finding, as a note
    if added:
        assert rules.verdict == READY
        assert len(added) == 1
        ((code, start, end, message),) = added
        sentences = {(a.sentence.start, a.sentence.end) for a in letter(text, context).body}
        assert (start, end) in sentences
        assert code in BALANCE_CODES
        assert message
        assert text[start:end].strip()
        assert both.verdict != READY
    now = {(f.code, f.start, f.end, f.message): f.severity for f in both.findings}
    softened = [f for f in rules.findings if now[f.code, f.start, f.end, f.message] != f.severity]
    for old in softened:
        assert old.code not in SURE_CODES
        assert old.code in BALANCE_CODES or not read.big_asks
        assert now[old.code, old.start, old.end, old.message] is Severity.INFO
    if softened:
        assert both.verdict == READY
    return rules, both


def test_every_message_it_was_trained_on_obeys_the_readers_permissions():
    changed = 0
    for message in TRAINED_ON:
        rules, both = _check_permissions(message.text, message.context)
        changed += rules.verdict != both.verdict
    assert changed > 0


@given(st.lists(st.sampled_from(BODY_SENTENCES), min_size=1, max_size=8), contexts)
def test_the_reader_only_adds_a_warning_on_a_sentence_or_softens_a_whole_letter(sentences, context):
    _check_permissions("Hi Sam,\n\n" + " ".join(sentences), context)


def _message(identifier):
    return next(m for m in TRAINED_ON if m.id == identifier)


def test_a_chaser_the_rules_pass_gets_a_warning_on_the_sentence_that_reads_most_as_taking():
    chaser = _message("frozen2-070")  # "??? did u talk to ur boss about me yet. need to know…"
    rules, both = _compare(chaser.text, chaser.context)
    assert rules.verdict == READY
    assert both.verdict != READY
    (added,) = both.findings
    seen = reading(letter(chaser.text, chaser.context))
    body = letter(chaser.text, chaser.context).body
    top = max(range(len(body)), key=lambda i: seen.contributions[i])
    assert (added.start, added.end) == (body[top].sentence.start, body[top].sentence.end)
    assert seen.probability >= thresholds()[0]
    assert added.severity is Severity.WARN
    assert added.code not in added.message
    assert "P" not in added.message.split()


def test_a_reconnection_the_rules_call_me_centred_is_ready_with_the_warning_kept_as_a_note():
    letter_home = _message("frozen3-119")  # a former student writing to a professor
    rules, both = _compare(letter_home.text, letter_home.context)
    assert [f.code for f in rules.findings if f.severity is Severity.WARN] == ["me-centred"]
    assert both.verdict == READY
    assert [f.severity for f in both.findings if f.code == "me-centred"] == [Severity.INFO]


def test_a_big_ask_up_front_stays_a_problem_whatever_the_reader_says():
    text = "Could you refer me for the analyst job at Acme? I hope you and the kids are well."
    rules, both = _compare(text, OutreachContext(days_since_last_contact=10))
    assert both.verdict == rules.verdict != READY
    assert "job-request-up-front" in {f.code for f in both.findings}


def test_the_readers_probability_is_a_probability_and_each_sentence_has_a_share():
    for message in TRAINED_ON[::25]:
        read = letter(message.text, message.context)
        seen = reading(read)
        assert 0.0 <= seen.probability <= 1.0
        assert len(seen.contributions) == len(read.body)


def test_a_table_with_no_weights_reads_every_letter_as_even():
    read = letter("Could you send me the slides from Tuesday?", OutreachContext())
    assert reading(read, {}).probability == 0.5


# --- the threshold rule and the reader's permission to add (session 9) -------------------------


def test_the_thresholds_are_the_lower_median_of_the_writers_best_pairs():
    script = _script()
    assert script.lower_median([0.6, 0.5, 0.55, 0.7, 0.525]) == 0.55
    assert script.lower_median([0.3, 0.1, 0.2, 0.4]) == 0.2
    model = json.loads((ROOT / "src" / "mutuals" / "core" / "outreach" / WEIGHTS_FILE).read_text())
    assert model["add_at"] in script.ADD_GRID
    assert model["clear_at"] in script.CLEAR_GRID


def _example(script, identifier, needs_changes, rules_flag=False):
    return script.Example(
        id=identifier,
        part="x",
        needs_changes=needs_changes,
        names=frozenset({"ask"}),
        rules_flag=rules_flag,
        clearable=False,
        addable=True,
    )


def test_a_writers_best_pair_is_the_middle_of_its_best_plateau():
    script = _script()
    # Two takers the rules pass at p 0.9 and 0.8, one kind letter at p 0.6: every add_at above
    # 0.6 and up to 0.8 catches both takers and spares the kind letter (F1 1.0).
    examples = [
        _example(script, "a", True),
        _example(script, "b", True),
        _example(script, "c", False),
    ]
    add_at, _ = script.best_pair(examples, [0.9, 0.8, 0.6])
    best = [a for a in script.ADD_GRID if 0.6 < a <= 0.8]
    assert add_at == best[len(best) // 2]


def test_a_letter_that_asks_after_them_first_gets_no_warning_from_the_reader_alone():
    context = OutreachContext()
    for text in (
        "How was Rome? Did you get to the Vatican? Could you introduce me to your manager?",
        "Hi Kat, how did the marathon go? Did you beat your time? Any chance you could introduce "
        "me to your manager?",
        "Dear Dr Lee, how was the conference in Oslo? Did your paper go down well? I would be "
        "grateful for an introduction to your colleague Dr Ahn.",
    ):
        read = letter(text, context)
        assert interest_first(read)
        assert review(text, context).verdict == READY


@pytest.mark.parametrize(
    "text",
    [
        "How was Rome? Could you introduce me to your manager?",  # one question is not enough
        "Could you introduce me to your manager? How was Rome? Did you get to the Vatican?",
        "Following up on my last note. How was Rome? Did you see the Vatican? Intro to your boss?",
        "You owe me. How was Rome? Did you see the Vatican? Could you introduce me to your boss?",
        "How was Rome? Did you get to the Vatican? I'm so glad you had a good time.",  # no ask
    ],
)
def test_the_reader_keeps_its_permission_without_two_questions_about_them_before_the_ask(text):
    assert not interest_first(letter(text, OutreachContext()))


@pytest.mark.parametrize(
    "text",
    [
        "Coffee on Thursday at 10?",
        "Could you send me the slides from Tuesday?",
        "Can I borrow your ladder this weekend?",
    ],
)
def test_a_one_sentence_message_the_rules_pass_gets_no_warning_from_the_reader(text):
    read = letter(text, OutreachContext())
    assert not may_add(read)
    assert review(text, OutreachContext()).verdict == READY


def test_one_sentence_is_still_read_by_the_rules():
    for text in (
        "Could you introduce me to your CEO?",
        "You owe me, put my name forward for the supervisor post.",
        "Send me the list of your contacts at Acme ASAP.",
    ):
        assert review(text, OutreachContext(known=False)).verdict != READY


# --- a confident reader and the rules' problems (session 9, C2) --------------------------------


def _flagged(text, context):
    found = review(text, context, second_reader=False)
    return [f for f in found.findings if f.severity is not Severity.INFO]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # a chase
        (
            "Following up on my last message. Could you send the slides from Tuesday?",
            OutreachContext(days_since_last_contact=4 * 365),
        ),
        # a big ask (an introduction) of a stranger, after a question about them
        (
            "How is the new lab going? Could you introduce me to your manager?",
            OutreachContext(known=False),
        ),
        # a message to many
        ("Dear all, could we find a time for coffee next week?", OutreachContext()),
        # a curt contacts demand
        ("Tom give me the emails of the partners at your firm", OutreachContext()),
    ],
)
def test_a_confident_reader_never_clears_a_big_ask_a_chase_or_a_sure_finding(text, context):
    flagged = _flagged(text, context)
    assert flagged
    assert not may_clear(letter(text, context), flagged)
    assert review(text, context).verdict != READY


def test_a_confident_reader_may_clear_a_problem_of_tone_on_a_letter_that_asks_small():
    context = OutreachContext(days_since_last_contact=4 * 365)
    text = "Could we grab a coffee next week? How are you?"
    flagged = _flagged(text, context)
    assert {f.code for f in flagged} == {"silence-not-acknowledged"}
    assert may_clear(letter(text, context), flagged)

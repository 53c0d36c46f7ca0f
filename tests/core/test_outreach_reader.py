"""The outreach review's second reader (core/outreach/reader.py): what it may change, that every
finding it adds points at a sentence in words, and that its weights are the training script's."""

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.outreach import READY, OutreachContext, Severity, review
from mutuals.core.outreach.letter import letter
from mutuals.core.outreach.reader import BALANCE_CODES, WEIGHTS_FILE, reading, thresholds
from tests.core.outreach_corpus import contexts, load

ROOT = Path(__file__).resolve().parents[2]
# The retired parts are training data now; the frozen part and any newer one never appear here.
TRAINED_ON = load("development") + load("frozen2") + load("frozen3") + load("frozen4")
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
    assert script.TRAINING_PARTS == ("development", "frozen2", "frozen3", "frozen4")
    parts = {part: script.load(part) for part in script.TRAINING_PARTS}
    expected = script.rendered(script.train([e for p in parts.values() for e in p]))
    shipped = (ROOT / "src" / "mutuals" / "core" / "outreach" / WEIGHTS_FILE).read_text("utf-8")
    assert shipped == expected
    model = json.loads(shipped)
    assert model["messages"] == len(TRAINED_ON)
    assert 0.5 <= model["add_at"] < 1
    assert 0 < model["clear_at"] < 0.5


def test_the_training_script_never_reads_a_frozen_part():
    script = _script()
    for part in ("frozen", "frozen5", "frozen6"):
        try:
            script.load(part)
        except ValueError:
            continue
        raise AssertionError(f"{part} was loaded")


def _compare(text, context):
    return review(text, context, second_reader=False), review(text, context)


def _check_permissions(text, context):
    rules, both = _compare(text, context)
    # Problems are the rules' alone: never added, removed or softened by the reader.
    problems = [f for f in rules.findings if f.severity is Severity.PROBLEM]
    assert [f for f in both.findings if f.severity is Severity.PROBLEM] == problems
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
        assert old.code in BALANCE_CODES
        assert old.severity is Severity.WARN
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
def test_the_reader_only_adds_a_warning_on_a_sentence_or_softens_a_balance_warning(
    sentences, context
):
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

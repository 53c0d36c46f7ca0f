import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.conversation_hints import HintKind, find_hints

PIECES = [
    "I'll send you the deck",
    "I will introduce you to Tom",
    "she's looking for a UX role",
    "he is hiring a backend engineer",
    "Priya introduced me to Sam",
    "thanks for the referral",
    "I sent her the posting",
    "she thanked me for the intro",
    "coffee",
    ", and ",
    ". ",
    "\n",
    "\u2019",
    "you",
    "your",
    " but ",
]


def kinds_and_texts(text, names=(), default_name=""):
    return [(h.kind, h.text) for h in find_hints(text, names=names, default_name=default_name)]


@given(
    text=st.text() | st.lists(st.sampled_from(PIECES)).map("".join),
    names=st.lists(st.text(max_size=12), max_size=4),
    default_name=st.text(max_size=12),
)
def test_it_never_raises_and_every_span_lies_inside_the_text(text, names, default_name):
    for hint in find_hints(text, names=names, default_name=default_name):
        assert 0 <= hint.start < hint.end <= len(text)
        assert text[hint.start : hint.end].strip()
        assert hint.text.strip()
        assert hint.kind in set(HintKind)


@given(text=st.lists(st.sampled_from(PIECES), min_size=1).map("".join))
def test_the_same_record_is_offered_once(text):
    found = kinds_and_texts(text, names=["Priya"], default_name="Priya")
    assert len({(kind, words.casefold()) for kind, words in found}) == len(found)


def test_a_promise_to_send_something_names_the_person_instead_of_you():
    found = kinds_and_texts(
        "Coffee with Priya. I'll send you the deck tomorrow.", ["Priya"], "Priya"
    )
    assert found == [(HintKind.PROMISE, "Send Priya the deck tomorrow")]


def test_two_promises_in_one_sentence_are_two_suggestions():
    found = kinds_and_texts(
        "I'll send you the deck, and I will introduce you to Tom at Acme.", ["Priya"], "Priya"
    )
    assert found == [
        (HintKind.PROMISE, "Send Priya the deck"),
        (HintKind.PROMISE, "Introduce Priya to Tom at Acme"),
    ]


def test_your_becomes_the_persons_possessive():
    found = kinds_and_texts("Promised to review your CV by Friday", ["Mina"], "Mina")
    assert found == [(HintKind.PROMISE, "Review Mina's CV by Friday")]


def test_a_name_with_a_backslash_is_written_as_it_is():
    found = kinds_and_texts("Promised to review your CV", ["Ana\\1"], "Ana\\1")
    assert found == [(HintKind.PROMISE, "Review Ana\\1's CV")]


def test_a_promise_without_one_person_speaks_of_them():
    assert kinds_and_texts("I'll send you the slides") == [
        (HintKind.PROMISE, "Send them the slides")
    ]


def test_curly_apostrophes_read_like_straight_ones():
    found = find_hints("She\u2019s looking for a UX role in healthcare.")
    assert [(h.kind, h.text, h.detail) for h in found] == [
        (HintKind.NEED, "Looking for a UX role in healthcare", "job_lead")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He is hiring a backend engineer.", ("Hiring a backend engineer", "hire")),
        (
            "She needs advice on pricing her services.",
            ("Needs advice on pricing her services", "advice"),
        ),
        (
            "Priya would love an intro to someone at Orion.",
            ("Needs an intro to someone at Orion", "introduction"),
        ),
    ],
)
def test_needs_heard_are_suggested_with_their_kind(text, expected):
    found = find_hints(text, names=["Priya"])
    assert [(h.kind, h.text, h.detail) for h in found] == [(HintKind.NEED, *expected)]


def test_help_received_says_who_gave_it_when_the_text_names_them():
    [hint] = find_hints(
        "Priya introduced me to Tom Baker, who runs the data team.", names=["Priya"]
    )
    assert (hint.kind, hint.person, hint.detail) == (HintKind.RECEIVED, "Priya", "introduction")
    assert hint.text == "Introduced me to Tom Baker, who runs the data team"


def test_thanks_for_the_referral_is_help_received():
    found = find_hints("Thanks for the referral to Copperleaf!")
    assert [(h.kind, h.text, h.detail) for h in found] == [
        (HintKind.RECEIVED, "Referral to Copperleaf", "referral")
    ]


def test_help_given_names_the_person_for_her_or_him():
    text = "I introduced her to Ana last week. I sent him the job posting."
    found = find_hints(text, default_name="Priya")
    assert [(h.kind, h.text, h.detail) for h in found] == [
        (HintKind.GAVE, "Introduced Priya to Ana last week", "introduction"),
        (HintKind.GAVE, "Sent Priya the job posting", "information"),
    ]


def test_being_thanked_is_help_given():
    found = find_hints("She thanked me for the intro to Sam.")
    assert [(h.kind, h.text) for h in found] == [(HintKind.GAVE, "Intro to Sam")]


def test_the_span_covers_the_words_the_suggestion_came_from():
    text = "Lovely lunch. He gave me great tips on interviewing, but I was tired."
    [hint] = find_hints(text)
    assert text[hint.start : hint.end] == "He gave me great tips on interviewing"
    assert (hint.kind, hint.detail) == (HintKind.RECEIVED, "advice")


@pytest.mark.parametrize(
    "text",
    [
        "Coffee and a chat about her move to Bergen.",
        "We talked about the weather; after lunch we left.",
        "Catch-up call. Nothing to follow up.",
        "",
        "   ",
    ],
)
def test_an_ordinary_summary_suggests_nothing(text):
    assert find_hints(text, names=["Priya"]) == []


def test_a_long_passage_is_cut_at_a_word():
    [hint] = find_hints("I'll send you " + "the very long list of companies " * 10)
    assert len(hint.text) <= 120
    assert hint.text.endswith("\u2026")

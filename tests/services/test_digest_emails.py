"""The digest's words (digest/emails.py): plain data in, text out."""

from __future__ import annotations

import datetime as dt
import html
import re

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda.states import ItemKind
from mutuals.digest.emails import (
    ACTIONS,
    Digest,
    action_words,
    coming_up_words,
    html_body,
    subject,
    text_body,
)

DAY = dt.date(2026, 3, 10)
_OWN_TAGS = re.compile(r"</?(?:!DOCTYPE html|html|head|meta|title|body|p|ol|li|small)\b[^<>]*>")


def test_each_kind_names_the_first_name_only():
    for kind in ACTIONS:
        assert "Rosa" in action_words(kind, "Rosa Núñez", occasion="birthday")
        assert "Núñez" not in action_words(kind, "Rosa Núñez", occasion="birthday")


def test_every_kind_of_the_agenda_has_its_own_words():
    for kind in set(ItemKind) - {ItemKind.KEEP_IN_TOUCH}:  # whose words are the default's
        named = action_words(kind.value, "Rosa Núñez") != action_words("?", "Rosa Núñez")
        nameless = action_words(kind.value, None) != action_words("?", None)
        assert named or nameless, kind


def test_an_item_about_no_one_says_so_in_words():
    assert action_words("need_review", None) == "Look at what you need"
    assert action_words("promise", None) == "Keep a promise you made"


def test_an_unknown_kind_still_reads_as_an_action():
    assert action_words("something_new", "Rosa Núñez") == "Get in touch with Rosa"


def test_an_occasion_says_which_one():
    assert action_words("occasion", "Ana Lima", occasion="birthday") == (
        "Send Ana a note for their birthday"
    )
    assert coming_up_words("Ana Lima", "anniversary", DAY + dt.timedelta(days=1), DAY) == (
        "Ana's anniversary, tomorrow"
    )


def test_counts_agree_with_their_nouns():
    one = text_body(Digest(day=DAY, actions=("Get in touch with Rosa",), more_due=1))
    many = text_body(Digest(day=DAY, actions=("A", "B"), more_due=3))

    assert "1 action for today:" in one
    assert "1 more thing is due in the coming days." in one
    assert "2 actions for today:" in many
    assert "3 more things are due" in many


def test_an_empty_plan_says_what_to_do_next():
    assert "Nothing is due today" in text_body(Digest(day=DAY, actions=()))
    assert "Today's plan is done" in text_body(Digest(day=DAY, actions=(), done_today=2))


def test_the_subject_uses_the_projects_date_format():
    assert subject(Digest(day=DAY, actions=())) == "Your plan for today, 10 Mar 2026"


@given(st.text(min_size=1, max_size=40))
def test_any_name_is_escaped_in_the_html(name):
    body = html_body(Digest(day=DAY, actions=(action_words("keep_in_touch", name),)))

    first = name.split()[0] if name.split() else "someone"
    assert html.escape(first) in body
    # With the template's own tags taken out, no "<" is left: the name's were all escaped.
    assert "<" not in _OWN_TAGS.sub("", body)

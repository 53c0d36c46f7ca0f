"""The template filters that put words, and a small bar, where numbers were."""

from __future__ import annotations

from django.template import Context, Template

from mutuals.core.reciprocity import Balance
from mutuals.web.templatetags.mutuals_web import (
    balance_mark,
    path_mark,
    strength_mark,
    without_principle_code,
)


def test_a_strength_mark_is_a_bar_hidden_from_screen_readers_then_the_word():
    html = strength_mark(0.62)
    assert 'class="mark strength-strong" title="Tie strength 0.62 on a scale from 0 to 1"' in html
    assert '<span class="bar bar-4" aria-hidden="true">' in html
    assert html.endswith('<span class="mark-word">strong</span></span>')


def test_a_strength_mark_of_nothing_is_faint():
    assert '<span class="mark-word">faint</span>' in strength_mark(None)


def test_a_balance_mark_keeps_the_sums_in_its_title():
    leaning = Balance(
        given=3.3, received=1.4, score=0.28, label="you give more", reasons=(), last_given_on=None
    )
    html = balance_mark(leaning)
    assert (
        'title="Given 3.3, received 1.4 (weighted by kind; recent exchanges count more): ' in html
    )
    assert "balance +0.28 on a scale from -1 (only they gave) to +1 (only you gave)" in html
    assert '<span class="bar bar-b3" aria-hidden="true">' in html
    assert '<span class="mark-word">you have given more lately</span>' in html


def test_a_balance_with_nothing_exchanged_fills_no_cell():
    nothing = Balance(0.0, 0.0, 0.0, "nothing exchanged yet", ("no gives or receives logged yet",))
    html = balance_mark(nothing)
    assert '<span class="bar bar-none" aria-hidden="true">' in html
    assert '<span class="mark-word">nothing exchanged yet</span>' in html


def test_a_path_mark_says_how_warm():
    html = path_mark(0.4)
    assert 'title="Path score 0.400 on a scale from 0 to 1' in html
    assert '<span class="mark-word">warm</span>' in html


def test_a_mark_escapes_nothing_it_should_not_and_renders_in_a_template():
    rendered = Template("{% load mutuals_web %}{{ s|strength_mark }}").render(Context({"s": 0.2}))
    assert '<span class="mark-word">weak</span>' in rendered
    assert "&lt;" not in rendered


def test_principle_codes_are_left_to_json():
    assert without_principle_code("P6: be genuine — don't open with a request") == (
        "be genuine — don't open with a request"
    )
    assert without_principle_code("be genuine") == "be genuine"
    assert without_principle_code("") == ""

"""The cheaper ways the People list and a person page draw their markup give the same markup
as the template loops and includes they replace (web.templatetags.mutuals_web)."""

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from mutuals.web.forms import Form, QuickLogForm
from mutuals.web.templatetags.mutuals_web import avatar, blank_field, datalist_options
from tests.factories import make_person

LOOP = Template(
    '{% for name in names %}{% if name %}<option value="{{ name }}">{% endif %}{% endfor %}'
)


@given(st.lists(st.text(max_size=30), max_size=20))
def test_datalist_options_are_the_template_loops_markup(names):
    assert datalist_options(names) == LOOP.render(Context({"names": names}))


def test_datalist_options_escape_what_could_end_the_attribute():
    html = datalist_options(['Ann "the boss" & co', "<script>"])
    assert html == (
        '<option value="Ann &quot;the boss&quot; &amp; co"><option value="&lt;script&gt;">'
    )


def field_partial(field) -> str:
    return render_to_string("web/partials/field.html", {"field": field})


class Pick(Form):
    when = forms.DateField(label="When")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")])


def test_a_blank_field_is_drawn_as_the_field_partial_draws_it():
    form = QuickLogForm(prefix="log")
    for field in form:
        assert blank_field(field) == field_partial(field)
    again = QuickLogForm(prefix="log")  # drawn from what was kept
    assert [blank_field(field) for field in again] == [field_partial(field) for field in again]


def test_a_different_default_or_prefix_is_drawn_anew():
    first = Pick(prefix="p", initial={"when": dt.date(2026, 3, 1)})
    assert 'value="2026-03-01"' in blank_field(first["when"])
    next_day = Pick(prefix="p", initial={"when": dt.date(2026, 3, 2)})
    assert 'value="2026-03-02"' in blank_field(next_day["when"])
    other = Pick(prefix="q", initial={"when": dt.date(2026, 3, 1)})
    assert 'id="id_q-when"' in blank_field(other["when"])


def test_a_form_sent_back_shows_its_value_and_error_not_the_blank_one():
    blank_field(Pick(prefix="p")["kind"])
    sent = Pick({"p-when": "not a date", "p-kind": "b"}, prefix="p")
    assert not sent.is_valid()
    when = blank_field(sent["when"])
    assert "Enter a valid date." in when
    assert 'value="not a date"' in when
    assert '<option value="b" selected>' in blank_field(sent["kind"])


@pytest.mark.parametrize("has_photo", [True, False])
def test_the_avatar_tag_draws_the_avatar_partials_markup(jordan, has_photo):
    rosa = make_person(jordan, 'Rosa "Ro" Núñez & <co>')
    partial = render_to_string(
        "web/partials/avatar.html", {"person": rosa, "has_photo": has_photo, "size": 32}
    )
    assert avatar(rosa, has_photo, 32) == partial.strip()

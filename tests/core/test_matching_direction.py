"""Which side a need is on: looking for something, or hiring and offering it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.matching import LOOKING, OFFERING, infer_direction
from mutuals.core.matching.direction import DIRECTIONS


@pytest.mark.parametrize(
    "text",
    [
        "Hiring a data scientist for his logistics analytics",
        "hiring: a backend engineer for the team at Copperleaf",
        "Her team is hiring a backend engineer",
        "Great chat. Hiring a designer for Q3.",
        "We're looking for a product designer",
        "We\u2019re looking for someone who knows Postgres",
        "we are looking for a nurse on nights",
        "Recruiting a part-time bookkeeper",
        "The clinic is recruiting",
        "Her team has an opening for a PM",
        "Has two openings in the data team",
        "The school has a vacancy for a maths teacher",
        "Looking to hire a junior developer",
        "Wants to hire an intern this summer",
        "Looking for candidates for a QA role",
    ],
)
def test_hiring_words_make_a_need_offering(text):
    assert infer_direction(text) == OFFERING


@pytest.mark.parametrize(
    "text",
    [
        "Looking for a UX role in healthcare",
        "Open to product manager roles in climate tech",
        "Do you know anyone hiring a data engineer?",
        "Anyone who is hiring designers",
        "Looking for companies that are hiring designers",
        "Looking for a team that has an opening",
        "An intro to the hiring manager at Acme",
        "Hiring manager contacts at Stripe",
        "Recruiting coordinator roles in healthcare",
        "Advice on the hiring process at big banks",
        "A referral for the staff data engineer role at Driftwood Labs",
        "",
    ],
)
def test_other_needs_are_looking(text):
    assert infer_direction(text) == LOOKING


def test_the_kind_hire_is_offering_whatever_the_words():
    assert infer_direction("A data engineer", kind="hire") == OFFERING
    assert infer_direction("A data engineer", kind="Hire ") == OFFERING


def test_other_kinds_leave_it_to_the_words():
    assert infer_direction("A data engineer", kind="job_lead") == LOOKING
    assert infer_direction("Hiring a data engineer", kind="job_lead") == OFFERING


@given(st.text(max_size=300), st.text(max_size=20))
def test_inference_never_raises_and_always_says_a_direction(text, kind):
    assert infer_direction(text, kind) in DIRECTIONS


@given(st.text(max_size=100))
def test_a_hire_is_always_offering(text):
    assert infer_direction(text, "hire") == OFFERING

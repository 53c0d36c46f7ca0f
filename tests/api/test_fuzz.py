"""Random JSON bodies never break the API: POST /api/people and /api/interactions answer 201
or a 422 that names fields, never a 500, and a 422 leaves the database exactly as it was."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mutuals.core.cadence import Tier
from mutuals.interactions import selectors as interaction_selectors
from mutuals.interactions.models import KIND_CHOICES
from mutuals.people import selectors as people_selectors
from tests.api.conftest import token_client
from tests.factories import make_person, make_user

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
any_json = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)
# Text no database stores (NUL, a lone surrogate) and text that grows when folded ("ﷺ").
awkward = st.sampled_from(["\x00", "Ann\x00", "\ud800", "ﷺ" * 60, "ß" * 101, " ", ""])
ordinary = st.characters(exclude_categories=("Cs", "Cc"))
ints = st.integers() | st.integers(min_value=-2, max_value=2**64)
past = st.dates(dt.date(1900, 1, 1), dt.date.today() - dt.timedelta(days=2)).map(str)


def person_fields(clean: bool) -> dict:
    """Field strategies: clean ones should mostly be accepted, the others mostly refused."""

    def text(max_size: int):
        plain = st.text(ordinary, max_size=max_size)
        return plain if clean else st.one_of(plain, st.text(max_size=max_size), awkward)

    def either(good, bad):
        return good if clean else st.one_of(good, bad)

    return {
        "first_name": text(120),
        "last_name": text(120),
        "nickname": text(120),
        "emails": st.lists(either(st.emails(), text(300)), max_size=3),
        "phones": st.lists(either(st.just("+1 555 0100"), text(50)), max_size=3),
        "linkedin_url": either(
            st.sampled_from(["linkedin.com/in/ann", "https://www.linkedin.com/in/rosa"]),
            st.just("https://x.y/" + "a" * 300) | text(320),
        ),
        "organization": text(220),
        "title": text(220),
        "circles": st.lists(text(80), max_size=3),
        "tier": either(st.sampled_from([t.value for t in Tier] + [None]), text(12)),
        "cadence_override_days": either(st.integers(1, 3650) | st.none(), ints),
        "known_since": either(past, st.dates().map(str) | text(12)),
        "introduced_by": either(st.none(), ints),
        "notes": text(400),
    }


def interaction_fields(clean: bool, mine: list[int], theirs: int) -> dict:
    def either(good, bad):
        return good if clean else st.one_of(good, bad)

    return {
        "people": either(
            st.lists(st.sampled_from(mine), min_size=1, max_size=2),
            st.lists(st.sampled_from([*mine, theirs]) | ints, max_size=3),
        ),
        "summary": either(st.text(ordinary, min_size=1), st.text() | awkward),
        "occurred_on": either(past, st.dates().map(str) | st.text(max_size=12)),
        "kind": either(st.sampled_from([k for k, _ in KIND_CHOICES]), st.text(max_size=25)),
        "initiated_by": either(st.sampled_from(["", "me", "them"]), st.text(max_size=12)),
        "notes": either(st.text(ordinary), st.text() | awkward),
    }


def bodies(clean: dict, rough: dict, required: tuple[str, ...]):
    """Half well-formed bodies; the rest awkward values, stray keys, wrong types or any JSON."""

    def objects(fields):
        return st.fixed_dictionaries(
            {k: v for k, v in fields.items() if k in required},
            optional={k: v for k, v in fields.items() if k not in required},
        )

    with_extra = st.builds(
        lambda body, extra: {**body, **extra},
        objects(clean),
        st.dictionaries(st.text(max_size=10), any_json, max_size=2),
    )
    mistyped = st.builds(
        lambda body, key, value: {**body, key: value},
        objects(clean),
        st.sampled_from(sorted(clean)),
        any_json,
    )
    return st.one_of(
        objects(clean),
        objects(clean),
        objects(clean),
        objects(rough),
        objects(rough),
        with_extra,
        mistyped,
        any_json,
    )


names = st.sampled_from(["Ann Lee", "Rosa María Núñez", "Bo"]) | st.text(max_size=120)
CLEAN_PERSON = {
    "name": st.sampled_from(["Ann Lee", "Rosa María Núñez", "Bo"]),
    **person_fields(True),
}
ROUGH_PERSON = {"name": names, **person_fields(False)}


def snapshot(owner) -> tuple:
    """Everything a POST could touch, for the owner, in a comparable form."""
    people = people_selectors.people_list(owner=owner, today=timezone.localdate(), archived=False)
    archived = people_selectors.people_list(owner=owner, today=timezone.localdate(), archived=True)
    return (
        sorted(
            (p.pk, p.full_name, p.updated_at, p.interaction_count, p.last_contact_on)
            for p in [*people, *archived]
        ),
        sorted(c.name for c in people_selectors.circles_for(owner=owner)),
        sorted(o.name for o in people_selectors.organizations_for(owner=owner)),
        sorted(
            (i.pk, tuple(sorted(p.pk for p in i.people.all())))
            for i in interaction_selectors.recent_interactions(owner=owner)
        ),
    )


def assert_created_or_refused(response, owner, before) -> None:
    assert response.status_code in (201, 422), (response.status_code, response.content)
    event(f"answered {response.status_code}")
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    if response.status_code == 422:
        assert body["detail"] == "Some fields need attention."
        assert body["errors"]
        assert all(isinstance(m, str) for msgs in body["errors"].values() for m in msgs)
        assert snapshot(owner) == before


def test_random_bodies_to_post_people_give_201_or_a_clean_422(db):
    owner = make_user("fuzzy")
    client = token_client(owner)
    make_person(owner, "Rosa Núñez")

    @FUZZ
    @given(body=bodies(CLEAN_PERSON, ROUGH_PERSON, required=("name",)))
    def post(body):
        before = snapshot(owner)
        response = client.post("/api/people", json.dumps(body), content_type="application/json")
        assert_created_or_refused(response, owner, before)

    post()


def test_random_bodies_to_post_interactions_give_201_or_a_clean_422(db):
    owner, stranger = make_user("fuzzy"), make_user("stranger")
    client = token_client(owner)
    mine = [make_person(owner, "Rosa Núñez").pk, make_person(owner, "Ann Lee").pk]
    theirs = make_person(stranger, "Sam Stone").pk
    clean = interaction_fields(True, mine, theirs)
    rough = interaction_fields(False, mine, theirs)

    @FUZZ
    @given(body=bodies(clean, rough, required=("people", "summary")))
    def post(body):
        before = snapshot(owner)
        response = client.post(
            "/api/interactions", json.dumps(body), content_type="application/json"
        )
        assert_created_or_refused(response, owner, before)

    post()

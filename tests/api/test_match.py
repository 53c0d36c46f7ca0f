from mutuals.needs import services as need_services
from tests.api.conftest import field_errors
from tests.factories import make_person

POSTING = "Copperleaf is hiring a senior UX designer to join our payments team in Leeds."


def add_need(owner, text, kind="job_lead"):
    return need_services.add_need(
        owner=owner, person_id=make_person(owner, "Rosa Núñez").pk, text=text, kind=kind
    )


def post(client, body):
    return client.post("/api/match", body, content_type="application/json")


def test_it_returns_the_needs_a_text_serves_with_an_action(jordan_api, jordan):
    need = add_need(jordan, "Looking for a user experience design role")
    response = post(jordan_api, {"text": POSTING})
    assert response.status_code == 200
    [match] = response.json()["matches"]
    assert (match["need"], match["action"], match["text"]) == (
        need.pk,
        "share with Rosa",
        need.text,
    )


def test_k_caps_the_list(jordan_api, jordan):
    for role in ("UX designer", "UX researcher", "UX writer"):
        add_need(jordan, f"A {role} role")
    assert len(post(jordan_api, {"text": POSTING, "k": 2}).json()["matches"]) == 2


def test_blank_text_is_a_field_error(jordan_api):
    assert "text" in field_errors(post(jordan_api, {"text": "   "}))


def test_riley_never_matches_jordans_needs(riley_api, jordan):
    add_need(jordan, "A UX designer role")
    assert post(riley_api, {"text": POSTING}).json()["matches"] == []


def test_it_needs_a_token(client, db):
    assert post(client, {"text": POSTING}).status_code == 401

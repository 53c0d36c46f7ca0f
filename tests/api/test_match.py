from mutuals.needs import services as need_services
from tests.api.conftest import field_errors
from tests.factories import make_orion, make_person

POSTING = "Copperleaf is hiring a senior UX designer to join our payments team in Leeds."
ITEM_KEYS = {
    "need",
    "person",
    "text",
    "score",
    "matched_terms",
    "need_spans",
    "action",
    "direction",
    "group",
    "relevance",
    "relevance_steps",
}


def add_need(owner, text, kind="job_lead", name="Rosa Núñez"):
    return need_services.add_need(
        owner=owner, person_id=make_person(owner, name).pk, text=text, kind=kind
    )


def post(client, body):
    return client.post("/api/match", body, content_type="application/json")


def test_it_returns_the_needs_a_text_serves_with_an_action(jordan_api, jordan):
    need = add_need(jordan, "Looking for a user experience design role")
    response = post(jordan_api, {"text": POSTING})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [match] = body["items"]
    assert set(match) == ITEM_KEYS
    assert (match["need"], match["action"], match["text"], match["group"]) == (
        need.pk,
        "share with Rosa",
        need.text,
        "share",
    )
    assert match["relevance"].endswith("match")


def test_someone_hiring_is_a_lead_listed_before_things_to_share(jordan_api, jordan):
    share = add_need(jordan, "Looking for a UX designer role in payments")
    lead = add_need(jordan, "Hiring a UX designer", kind="hire", name="Sam Okafor")
    items = post(jordan_api, {"text": POSTING}).json()["items"]
    assert [(i["need"], i["group"], i["direction"]) for i in items] == [
        (lead.pk, "lead", "offering"),
        (share.pk, "share", "looking"),
    ]
    assert items[0]["action"] == "ask Sam about the role"


def test_k_caps_each_group(jordan_api, jordan):
    for role in ("UX designer", "UX researcher", "UX writer"):
        add_need(jordan, f"A {role} role")
    add_need(jordan, "Hiring a UX designer", kind="hire", name="Sam Okafor")
    items = post(jordan_api, {"text": POSTING, "k": 2}).json()["items"]
    assert [i["group"] for i in items] == ["lead", "share", "share"]


def test_a_named_organisation_comes_with_people_and_paths(jordan_api, jordan):
    bruce, _, alice = make_orion(jordan)
    body = post(jordan_api, {"text": "Orion is hiring an engineering manager."}).json()
    assert body["count"] == 0
    [org] = body["organisations"]
    assert (org["name"], org["people_count"], org["contacts_count"]) == ("Orion", 1, 0)
    assert org["people"] == [
        {"id": alice.pk, "name": "Alice Oduya", "tier": None, "closeness": "known of"}
    ]
    assert org["paths"][0]["people"][1] == {"id": bruce.pk, "name": "Bruce Wayne"}
    assert org["paths"][0]["kind"] == "introduction"


def test_blank_text_is_a_field_error(jordan_api):
    assert "text" in field_errors(post(jordan_api, {"text": "   "}))


def test_an_unknown_field_is_a_field_error(jordan_api):
    assert "per_group" in field_errors(post(jordan_api, {"text": POSTING, "per_group": 2}))


def test_riley_never_matches_jordans_needs_nor_sees_his_people(riley_api, jordan):
    add_need(jordan, "A UX designer role")
    make_person(jordan, "Ben Near", organization="Copperleaf")
    assert post(riley_api, {"text": POSTING}).json() == {
        "count": 0,
        "items": [],
        "organisations": [],
    }


def test_it_needs_a_token(client, db):
    assert post(client, {"text": POSTING}).status_code == 401

from mutuals.ledger import services as ledger
from mutuals.needs import services as needs
from tests.api.conftest import field_errors
from tests.factories import log, make_person

TAKER = (
    "Hi Rosa, I was laid off last month. Could you forward my resume to your hiring manager "
    "and let me know of any openings? Thanks, Jordan"
)


def post(client, path, body):
    return client.post(f"/api/outreach/{path}", body, content_type="application/json")


def test_check_returns_the_verdict_score_and_findings(jordan_api):
    response = post(jordan_api, "check", {"text": TAKER})
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "likely to land badly"
    assert body["to"] is None
    finding = next(f for f in body["findings"] if f["code"] == "forward-my-resume")
    assert finding["severity"] == "problem"
    assert "resume" in TAKER[finding["start"] : finding["end"]]
    assert finding["principle"]
    assert finding["suggestion"]


def test_check_with_a_recipient_uses_your_history(jordan_api, jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, days=1000)
    text = "Hi Rosa, could you introduce me to your manager? Thanks, Jordan"
    body = post(jordan_api, "check", {"text": text, "to": rosa.pk}).json()
    assert body["to"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert "silence-not-acknowledged" in {f["code"] for f in body["findings"]}


def test_check_needs_some_text(jordan_api):
    assert "text" in field_errors(post(jordan_api, "check", {"text": "  "}))
    assert "text" in field_errors(post(jordan_api, "check", {}))
    assert "text" in field_errors(post(jordan_api, "check", {"text": "x" * 20_001}))


def test_unknown_fields_are_refused(jordan_api):
    assert "txt" in field_errors(post(jordan_api, "check", {"text": TAKER, "txt": "x"}))


def test_draft_returns_a_message_and_its_review(jordan_api, jordan):
    rosa = make_person(jordan, how_met="at the PyCon sprints")
    log(jordan, rosa, "Her move to Berlin", days=700)
    response = post(jordan_api, "draft", {"to": rosa.pk, "purpose": "reconnect"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"to", "purpose", "subject", "text", "forwardable", "uses", "review"}
    assert "Her move to Berlin" in body["text"]
    assert body["review"]["verdict"] == "ready to send"


def test_an_intro_request_draft_has_a_forwardable_note(jordan_api, jordan):
    sam, gareth = make_person(jordan, "Sam Ortiz"), make_person(jordan, "Gareth Hughes")
    body = post(
        jordan_api,
        "draft",
        {"to": sam.pk, "purpose": "intro-request", "target": gareth.pk, "ask": "his team"},
    ).json()
    assert "Gareth Hughes" in body["forwardable"]
    assert body["forwardable"] in body["text"]


def test_the_ask_warning_shows_in_the_drafts_review(jordan_api, jordan):
    sam, gareth = make_person(jordan, "Sam Ortiz"), make_person(jordan, "Gareth Hughes")
    ledger.record_exchange(
        owner=jordan, person_id=sam.pk, direction="received", kind="referral", text="A referral"
    )
    body = post(
        jordan_api, "draft", {"to": sam.pk, "purpose": "intro-request", "target": gareth.pk}
    ).json()
    assert "ask-while-balance-against" in {f["code"] for f in body["review"]["findings"]}


def test_a_share_draft_can_name_the_need_it_serves(jordan_api, jordan):
    rosa = make_person(jordan)
    need = needs.add_need(owner=jordan, person_id=rosa.pk, text="Advice on moving to Berlin")
    body = post(
        jordan_api,
        "draft",
        {"to": rosa.pk, "purpose": "share", "share": "the guide", "need": need.pk},
    ).json()
    assert "advice on moving to Berlin" in body["text"]
    assert "the guide" in body["text"]


def test_bad_draft_requests_are_field_errors(jordan_api, jordan):
    rosa = make_person(jordan)
    assert "purpose" in field_errors(post(jordan_api, "draft", {"to": rosa.pk, "purpose": "beg"}))
    assert "to" in field_errors(post(jordan_api, "draft", {"purpose": "thanks"}))
    errors = field_errors(
        post(jordan_api, "draft", {"to": rosa.pk, "purpose": "share", "need": 999_999})
    )
    assert errors == {"need": ["Choose one of their open needs."]}
    errors = field_errors(
        post(jordan_api, "draft", {"to": rosa.pk, "purpose": "thanks", "received": "x" * 301})
    )
    assert "received" in errors


def test_riley_cannot_use_jordans_people(riley_api, jordan):
    rosa = make_person(jordan)
    errors = field_errors(post(riley_api, "check", {"text": TAKER, "to": rosa.pk}))
    assert errors == {"to": ["That person is not in your network."]}
    errors = field_errors(post(riley_api, "draft", {"to": rosa.pk, "purpose": "thanks"}))
    assert errors == {"to": ["That person is not in your network."]}


def test_it_needs_a_token(client, db):
    assert post(client, "check", {"text": TAKER}).status_code == 401
    assert post(client, "draft", {"to": 1, "purpose": "thanks"}).status_code == 401


# "I sent it" ----------------------------------------------------------------------------------

SENT = "Hi Rosa,\n\nThank you for the intro to Gareth. It meant a lot.\n\nJordan"


def test_sent_logs_the_message_as_a_conversation_you_started(jordan_api, jordan):
    rosa = make_person(jordan)
    response = post(
        jordan_api,
        "sent",
        {"to": rosa.pk, "text": SENT, "purpose": "reconnect", "channel": "linkedin"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["thanked"] is None
    conversation = body["interaction"]
    assert (conversation["kind"], conversation["initiated_by"]) == ("message", "me")
    assert conversation["summary"] == "Catch-up note: Thank you for the intro to Gareth."
    assert conversation["people"] == [{"id": rosa.pk, "name": "Rosa Núñez"}]


def test_a_sent_thank_you_marks_the_receive_and_undo_takes_both_back(jordan_api, jordan):
    rosa = make_person(jordan)
    got = ledger.record_exchange(
        owner=jordan, person_id=rosa.pk, direction="received", kind="introduction", text="Intro"
    )
    body = post(jordan_api, "sent", {"to": rosa.pk, "text": SENT, "purpose": "thanks"}).json()
    assert body["thanked"] == got.pk
    interaction_id = body["interaction"]["id"]
    response = post(jordan_api, f"sent/{interaction_id}/undo", {"exchange": got.pk})
    assert response.status_code == 204
    got.refresh_from_db()
    assert got.thanked_on is None
    assert jordan_api.get(f"/api/interactions/{interaction_id}").status_code == 404


def test_sent_refuses_bad_input_by_field(jordan_api, jordan):
    rosa = make_person(jordan)
    assert "text" in field_errors(post(jordan_api, "sent", {"to": rosa.pk, "text": " "}))
    assert "channel" in field_errors(
        post(jordan_api, "sent", {"to": rosa.pk, "text": SENT, "channel": "fax"})
    )
    assert "purpose" in field_errors(
        post(jordan_api, "sent", {"to": rosa.pk, "text": SENT, "purpose": "beg"})
    )


def test_sent_cannot_reach_someone_elses_records(riley_api, jordan):
    rosa = make_person(jordan)
    response = post(riley_api, "sent", {"to": rosa.pk, "text": SENT})
    assert response.status_code in (404, 422)
    interaction = log(jordan, rosa)
    assert post(riley_api, f"sent/{interaction.pk}/undo", {}).status_code == 404

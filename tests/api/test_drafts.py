"""/api/drafts (the client) and /api/coach/drafts (the coach)."""

from __future__ import annotations

import pytest

from mutuals.coaching.models import CoachLink
from mutuals.feedback import services
from mutuals.feedback.models import DraftComment, DraftReview
from tests.api.conftest import field_errors, token_client
from tests.coach_data import make_coach
from tests.factories import make_person

TEXT = "Hi Ana, I need a job at Acme. Could you refer me? Thanks, Jordan"


def link(coach, client, level="plan"):
    make_coach(coach)
    return CoachLink.objects.create(
        coach=coach, client=client, level=level, state=CoachLink.ACTIVE, invited_by="client"
    )


@pytest.fixture
def casey_api(casey):
    return token_client(casey)


@pytest.fixture
def review(jordan, casey):
    link(casey, jordan)
    ana = make_person(jordan, "Ana Silva")
    return services.send_for_review(
        client=jordan, coach_id=casey.pk, text=TEXT, recipient_id=ana.pk
    )


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_the_client_sends_a_draft_to_their_coach_by_name(jordan, casey, jordan_api):
    link(casey, jordan)
    ana = make_person(jordan, "Ana Silva")
    response = post(jordan_api, "/api/drafts", {"coach": "casey", "text": TEXT, "to": ana.pk})
    assert response.status_code == 201
    body = response.json()
    assert body["to"] == {"id": ana.pk, "name": "Ana Silva"}
    assert body["outreach"]["findings"]


def test_sending_to_a_coach_below_plan_is_a_field_error(jordan, casey, jordan_api):
    link(casey, jordan, level="progress")
    response = post(jordan_api, "/api/drafts", {"coach": "casey", "text": TEXT})
    assert field_errors(response)["coach"] == ["Raise this coach to Plan to send drafts."]
    assert not DraftReview.objects.exists()


def test_sending_to_someone_who_is_not_a_coach_is_a_field_error(jordan_api, riley):
    response = post(jordan_api, "/api/drafts", {"coach": "riley", "text": TEXT})
    assert "coach" in field_errors(response)


def test_the_coach_comments_by_offsets_and_by_passage(review, casey_api):
    start = TEXT.index("a job")
    response = post(
        casey_api,
        f"/api/coach/drafts/{review.pk}/comments",
        {"start": start, "end": start + 5, "comment": "Too direct"},
    )
    assert response.status_code == 201
    assert response.json()["quote"] == "a job"
    response = post(
        casey_api,
        f"/api/coach/drafts/{review.pk}/comments",
        {"passage": "Could you refer me?", "comment": "Soften", "suggestion": "Could we talk?"},
    )
    assert response.status_code == 201


def test_offsets_out_of_range_are_a_field_error(review, casey_api):
    response = post(
        casey_api,
        f"/api/coach/drafts/{review.pk}/comments",
        {"start": 10, "end": 5, "comment": "x"},
    )
    assert "start" in field_errors(response)


def test_the_coach_sees_the_recipients_name_but_not_their_id(review, casey_api):
    body = casey_api.get(f"/api/coach/drafts/{review.pk}").json()
    assert body["to"] == {"id": None, "name": "Ana Silva"}
    assert "outreach" not in body
    assert [item["id"] for item in casey_api.get("/api/coach/drafts").json()["items"]] == [
        review.pk
    ]


def test_the_client_accepts_and_the_text_changes(review, casey, jordan_api):
    start = TEXT.index("Could you refer me?")
    made = services.comment(
        coach=casey,
        review_id=review.pk,
        start=start,
        end=start + 19,
        comment="Soften",
        suggestion="Could we talk?",
    )
    body = post(jordan_api, f"/api/drafts/comments/{made.pk}/accept").json()
    assert "Could we talk?" in body["text"]
    assert body["comments"][0]["state"] == "accepted"
    again = post(jordan_api, f"/api/drafts/comments/{made.pk}/accept")
    assert again.status_code == 422
    undone = post(jordan_api, f"/api/drafts/comments/{made.pk}/undo").json()
    assert undone["text"] == TEXT


def test_both_sides_reply_in_the_thread(review, jordan_api, casey_api):
    assert post(jordan_api, f"/api/drafts/{review.pk}/replies", {"text": "Hi"}).status_code == 201
    assert (
        post(casey_api, f"/api/coach/drafts/{review.pk}/replies", {"text": "Hello"}).status_code
        == 201
    )
    assert [c["author"] for c in jordan_api.get(f"/api/drafts/{review.pk}").json()["comments"]] == [
        "client",
        "coach",
    ]


def every_route(review, comment):
    return [
        ("get", f"/api/coach/drafts/{review.pk}", None),
        ("post", f"/api/coach/drafts/{review.pk}/comments", {"passage": "Thanks", "comment": "x"}),
        ("post", f"/api/coach/drafts/{review.pk}/replies", {"text": "x"}),
        ("get", f"/api/drafts/{review.pk}", None),
        ("post", f"/api/drafts/{review.pk}/replies", {"text": "x"}),
        ("post", f"/api/drafts/{review.pk}/close", None),
        ("post", f"/api/drafts/{review.pk}/reopen", None),
        ("post", f"/api/drafts/comments/{comment.pk}/accept", None),
        ("post", f"/api/drafts/comments/{comment.pk}/ignore", None),
        ("post", f"/api/drafts/comments/{comment.pk}/undo", None),
    ]


def call(client, method, url, body):
    if method == "get":
        return client.get(url)
    return post(client, url, body)


@pytest.mark.parametrize("change", ["progress", "ended"])
def test_a_coach_below_plan_or_whose_link_ended_gets_404_everywhere(
    review, casey, jordan, casey_api, change
):
    made = services.comment(
        coach=casey, review_id=review.pk, start=0, end=2, comment="x", suggestion="Hello"
    )
    found = CoachLink.objects.get(coach=casey, client=jordan)
    if change == "ended":
        found.state = CoachLink.ENDED
    else:
        found.level = change
    found.save()
    for method, url, body in every_route(review, made):
        assert call(casey_api, method, url, body).status_code == 404, url
    assert casey_api.get("/api/coach/drafts").json()["items"] == []
    review.refresh_from_db()
    assert review.text == TEXT
    assert DraftComment.objects.count() == 1


def test_a_linked_coach_cannot_use_the_clients_operations(review, casey, casey_api):
    made = services.comment(
        coach=casey, review_id=review.pk, start=0, end=2, comment="x", suggestion="Hello"
    )
    for method, url, body in every_route(review, made)[3:]:
        assert call(casey_api, method, url, body).status_code == 404, url
    review.refresh_from_db()
    assert review.text == TEXT
    assert review.state == "open"


def test_another_client_gets_404_everywhere_and_lists_nothing(review, casey, riley_api):
    made = services.comment(coach=casey, review_id=review.pk, start=0, end=2, comment="x")
    for method, url, body in every_route(review, made):
        assert call(riley_api, method, url, body).status_code == 404, url
    assert riley_api.get("/api/drafts").json()["items"] == []

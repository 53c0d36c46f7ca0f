"""Drafts sent to a coach, on the web: send from Compose, the client's pages, the coach's."""

from __future__ import annotations

import pytest
from django.test import Client

from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.feedback import services
from mutuals.feedback.models import DraftComment, DraftReview
from tests.coach_data import make_coach
from tests.factories import make_person

TEXT = "Hi Ana, I need a job at Acme. Could you refer me? Thanks, Jordan"


def link(coach, client, level="plan", state=CoachLink.ACTIVE):
    make_coach(coach)
    return CoachLink.objects.create(
        coach=coach, client=client, level=level, state=state, invited_by="client"
    )


@pytest.fixture
def casey_client(casey) -> Client:
    client = Client()
    client.force_login(casey)
    return client


@pytest.fixture
def review(jordan, casey):
    link(casey, jordan)
    ana = make_person(jordan, "Ana Silva")
    return services.send_for_review(
        client=jordan, coach_id=casey.pk, text=TEXT, subject="Acme", recipient_id=ana.pk
    )


def coach_comment(casey, review, words, suggestion=""):
    start = review.text.index(words)
    return services.comment(
        coach=casey,
        review_id=review.pk,
        start=start,
        end=start + len(words),
        comment="Lead with them",
        suggestion=suggestion,
    )


def test_compose_offers_send_to_my_coach_with_a_coach_at_plan(jordan, casey, jordan_client):
    link(casey, jordan)
    page = jordan_client.get("/compose/").content.decode()
    assert "Send to my coach" in page


def test_compose_explains_how_when_the_coach_is_below_plan(jordan, casey, jordan_client):
    link(casey, jordan, level="progress")
    page = jordan_client.get("/compose/").content.decode()
    assert "Send to my coach" not in page
    assert "raise them to Plan" in page


def test_compose_says_nothing_of_coaches_without_one(jordan_client):
    page = jordan_client.get("/compose/").content.decode()
    assert "Send to my coach" not in page
    assert "raise them to Plan" not in page


def test_sending_from_compose_creates_the_review_with_its_recipient(jordan, casey, jordan_client):
    link(casey, jordan)
    ana = make_person(jordan, "Ana Silva")
    response = jordan_client.post(
        "/drafts/send", {"to": "Ana Silva", "person": ana.pk, "text": TEXT, "subject": "Hi"}
    )
    review = DraftReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/drafts/{review.pk}/"
    assert (review.coach, review.recipient, review.subject) == (casey, ana, "Hi")


def test_sending_an_empty_draft_says_so_and_creates_nothing(jordan, casey, jordan_client):
    link(casey, jordan)
    response = jordan_client.post("/drafts/send", {"text": "  "})
    assert response.status_code == 400
    assert "Write or paste the draft to send." in response.content.decode()
    assert not DraftReview.objects.exists()


def test_sending_to_a_coach_below_plan_explains_and_creates_nothing(jordan, casey, jordan_client):
    link(casey, jordan, level="progress")
    response = jordan_client.post("/drafts/send", {"text": TEXT, "coach": casey.pk})
    assert "Raise them to Plan" in response.content.decode()
    assert not DraftReview.objects.exists()


def test_the_intro_draft_can_go_to_the_coach(jordan, casey, jordan_client):
    link(casey, jordan)
    response = jordan_client.post(
        "/drafts/send", {"text": "Line one\nLine two", "purpose": "intro-request"}
    )
    assert DraftReview.objects.get().purpose == "intro-request"
    assert response.status_code == 302


def test_the_client_sees_their_drafts_and_an_empty_state(review, jordan_client, riley_client):
    assert "Acme" in jordan_client.get("/drafts/").content.decode()
    page = riley_client.get("/drafts/").content.decode()
    assert "No drafts sent yet" in page
    assert "Acme" not in page


def test_the_draft_page_marks_comments_accessibly_beside_the_review(review, casey, jordan_client):
    coach_comment(casey, review, "Could you refer me?", "Could we talk?")
    page = jordan_client.get(f"/drafts/{review.pk}/").content.decode()
    assert '<mark data-comments="c1">Could you refer me?</mark>' in page
    assert "comment 1 begins" in page
    assert "comment 1 ends" in page
    assert "The outreach review" in page
    assert "Accept" in page
    assert "Ignore" in page


def test_accept_applies_the_suggestion(review, casey, jordan_client):
    made = coach_comment(casey, review, "Could you refer me?", "Could we talk?")
    response = jordan_client.post(f"/drafts/comments/{made.pk}/accept")
    assert response.status_code == 302
    review.refresh_from_db()
    assert "Could we talk?" in review.text
    assert "refer me" not in review.text


def test_accept_can_be_undone_from_the_page(review, casey, jordan_client):
    made = coach_comment(casey, review, "Could you refer me?", "Could we talk?")
    page = jordan_client.post(f"/drafts/comments/{made.pk}/accept", follow=True)
    assert 'Undo<span class="visually-hidden"> accepting comment 1' in page.content.decode()
    jordan_client.post(f"/drafts/comments/{made.pk}/undo")
    review.refresh_from_db()
    assert review.text == TEXT


def test_ignore_leaves_the_text(review, casey, jordan_client):
    made = coach_comment(casey, review, "Could you refer me?", "Could we talk?")
    jordan_client.post(f"/drafts/comments/{made.pk}/ignore")
    review.refresh_from_db()
    made.refresh_from_db()
    assert review.text == TEXT
    assert made.state == "ignored"


def test_accepting_twice_says_why_and_changes_nothing(review, casey, jordan_client):
    made = coach_comment(casey, review, "Could you refer me?", "Could we talk?")
    jordan_client.post(f"/drafts/comments/{made.pk}/accept")
    response = jordan_client.post(f"/drafts/comments/{made.pk}/accept", follow=True)
    assert "already accepted" in response.content.decode()


def test_both_write_in_the_thread(review, jordan_client, casey_client):
    jordan_client.post(f"/drafts/{review.pk}/reply", {"text": "Too pushy?"})
    casey_client.post(f"/coach/drafts/{review.pk}/reply", {"text": "A little."})
    assert [c.author for c in DraftComment.objects.all()] == ["client", "coach"]
    page = casey_client.get(f"/coach/drafts/{review.pk}/").content.decode()
    assert "Too pushy?" in page
    assert "A little." in page


def test_closing_stops_comments_and_reopening_restores_them(review, jordan_client, casey_client):
    jordan_client.post(f"/drafts/{review.pk}/close")
    page = casey_client.get(f"/coach/drafts/{review.pk}/").content.decode()
    assert "Add the comment" not in page
    jordan_client.post(f"/drafts/{review.pk}/reopen")
    assert "Add the comment" in casey_client.get(f"/coach/drafts/{review.pk}/").content.decode()


def test_the_coach_lists_drafts_sent_to_them(review, casey_client, casey, jordan):
    page = casey_client.get("/coach/drafts/").content.decode()
    assert "Acme to Ana Silva" in page
    assert AccessRecord.objects.filter(coach=casey, client=jordan).exists()


def test_the_coach_comments_on_a_selected_passage(review, casey_client):
    start = TEXT.index("a job")
    response = casey_client.post(
        f"/coach/drafts/{review.pk}/comment",
        {"passage": "a job", "start": start, "end": start + 5, "comment": "Too direct"},
    )
    assert response.status_code == 302
    made = DraftComment.objects.get()
    assert (made.start, made.end, made.quote) == (start, start + 5, "a job")


def test_the_coach_comments_on_a_typed_passage_without_offsets(review, casey_client):
    casey_client.post(
        f"/coach/drafts/{review.pk}/comment",
        {"passage": "could you refer me?", "comment": "Soften", "suggestion": "Could we talk?"},
    )
    assert DraftComment.objects.get().quote == "Could you refer me?"


def test_offsets_that_do_not_quote_the_passage_fall_back_to_the_words(review, casey_client):
    casey_client.post(
        f"/coach/drafts/{review.pk}/comment",
        {"passage": "Thanks", "start": 0, "end": 2, "comment": "Warm"},
    )
    assert DraftComment.objects.get().quote == "Thanks"


def test_a_passage_not_in_the_draft_is_an_error_on_that_field(review, casey_client):
    response = casey_client.post(
        f"/coach/drafts/{review.pk}/comment", {"passage": "nowhere", "comment": "x"}
    )
    assert response.status_code == 400
    assert "That passage is not in the draft" in response.content.decode()
    assert not DraftComment.objects.exists()


def test_the_coach_page_loads_the_selection_script(review, casey_client):
    page = casey_client.get(f"/coach/drafts/{review.pk}/").content.decode()
    assert "comment-span.js" in page
    assert "data-comment-source" in page


def coach_routes(review, comment):
    return [
        ("get", f"/coach/drafts/{review.pk}/", {}),
        ("post", f"/coach/drafts/{review.pk}/comment", {"passage": "Thanks", "comment": "x"}),
        ("post", f"/coach/drafts/{review.pk}/reply", {"text": "Hi"}),
        ("get", f"/drafts/{review.pk}/", {}),
        ("post", f"/drafts/{review.pk}/reply", {"text": "Hi"}),
        ("post", f"/drafts/{review.pk}/close", {}),
        ("post", f"/drafts/comments/{comment.pk}/accept", {}),
        ("post", f"/drafts/comments/{comment.pk}/ignore", {}),
        ("post", f"/drafts/comments/{comment.pk}/undo", {}),
    ]


@pytest.mark.parametrize("change", ["progress", "ended"])
def test_a_coach_below_plan_or_whose_link_ended_gets_404_everywhere(
    review, casey, jordan, casey_client, change
):
    made = coach_comment(casey, review, "Thanks", "Thank you")
    found = CoachLink.objects.get(coach=casey, client=jordan)
    if change == "ended":
        found.state = CoachLink.ENDED
    else:
        found.level = change
    found.save()
    AccessRecord.objects.all().delete()
    for method, url, data in coach_routes(review, made):
        response = getattr(casey_client, method)(url, data)
        assert response.status_code == 404, url
    assert "Acme" not in casey_client.get("/coach/drafts/").content.decode()
    review.refresh_from_db()
    made.refresh_from_db()
    assert review.text == TEXT
    assert review.state == "open"
    assert made.state == "open"
    assert DraftComment.objects.count() == 1
    assert not AccessRecord.objects.exists()


def test_a_linked_coach_cannot_change_the_text_or_the_clients_choices(review, casey, casey_client):
    made = coach_comment(casey, review, "Thanks", "Thank you")
    for url in (
        f"/drafts/{review.pk}/",
        f"/drafts/{review.pk}/close",
        f"/drafts/comments/{made.pk}/accept",
        f"/drafts/comments/{made.pk}/ignore",
    ):
        response = casey_client.post(url) if not url.endswith("/") else casey_client.get(url)
        assert response.status_code == 404, url
    review.refresh_from_db()
    assert review.text == TEXT
    assert review.state == "open"


def test_another_client_gets_404_on_every_draft_route(review, casey, riley_client):
    made = coach_comment(casey, review, "Thanks", "Thank you")
    for method, url, data in coach_routes(review, made):
        assert getattr(riley_client, method)(url, data).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(review):
    response = Client().get(f"/drafts/{review.pk}/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_marks_escape_the_text_and_label_overlapping_passages():
    from mutuals.feedback.templatetags.draft_marks import marked

    html = marked("<b>Hi</b> there", [(1, 0, 9), (2, 3, 15)])
    assert "<b>" not in html
    assert "&lt;b&gt;" in html
    assert html.count("<mark") == 3  # before, inside and after the overlap
    assert html.index("comment 1 begins") < html.index("comment 2 begins")
    assert html.index("comment 1 ends") < html.index("comment 2 ends")


def test_marks_ignore_passages_outside_the_text():
    from mutuals.feedback.templatetags.draft_marks import marked

    assert marked("short", [(1, 3, 99)]).count("<mark") == 1
    assert "<mark" not in marked("short", [(1, 4, 2)])


def test_an_introduction_requests_draft_goes_to_the_coach_from_its_page(
    jordan_client, jordan, casey
):
    from mutuals.network import introductions as intro_services
    from tests.factories import make_orion

    link(casey, jordan)
    bruce, _, alice = make_orion(jordan, cleo_knows_alice=None)
    intro = intro_services.request_introduction(
        owner=jordan, introducer_id=bruce.pk, target_id=alice.pk, reason="hiring"
    )
    page = jordan_client.get(f"/introductions/{intro.pk}/")
    assert "Send to my coach" in page.content.decode()
    draft = page.context["step"].draft
    jordan_client.post(
        "/drafts/send",
        {
            "person": bruce.pk,
            "to": bruce.full_name,
            "text": draft.text,
            "subject": draft.subject,
            "purpose": "intro-request",
        },
    )
    review = DraftReview.objects.get()
    assert (review.recipient, review.text, review.purpose) == (bruce, draft.text, "intro-request")

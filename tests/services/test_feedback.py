"""Drafts sent to a coach: who may send, comment, accept, and what accepting does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.feedback import selectors, services
from mutuals.feedback.models import DraftComment, DraftReview
from tests.coach_data import make_coach
from tests.factories import make_person, make_user

NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
TEXT = "Hi Ana, I need a job at Acme. Could you refer me? Thanks, Jordan"


def link(coach, client, level="plan", state=CoachLink.ACTIVE):
    make_coach(coach)
    return CoachLink.objects.create(
        coach=coach, client=client, level=level, state=state, invited_by="client"
    )


def send(client, coach, text=TEXT, **fields):
    return services.send_for_review(client=client, coach_id=coach.pk, text=text, now=NOW, **fields)


@pytest.fixture
def review(jordan, casey):
    link(casey, jordan)
    return send(jordan, casey, subject="Acme", recipient_id=make_person(jordan, "Ana Silva").pk)


def passage(text, words):
    start = text.index(words)
    return start, start + len(words)


def comment(casey, review, words, suggestion="", says="Lead with them"):
    start, end = passage(review.text, words)
    return services.comment(
        coach=casey,
        review_id=review.pk,
        start=start,
        end=end,
        comment=says,
        suggestion=suggestion,
        now=NOW,
    )


def test_a_client_sends_a_draft_to_a_coach_at_plan_level(review, jordan, casey):
    assert review.client == jordan
    assert review.coach == casey
    assert review.recipient.full_name == "Ana Silva"
    assert selectors.reviews_for_client(client=jordan).get() == review


@pytest.mark.parametrize("level", ["progress"])
def test_a_coach_below_plan_cannot_receive_drafts(jordan, casey, level):
    link(casey, jordan, level=level)
    with pytest.raises(ValidationError, match="Raise this coach to Plan to send drafts"):
        send(jordan, casey)
    assert not DraftReview.objects.exists()


def test_a_draft_cannot_go_to_someone_who_is_not_your_coach(jordan, riley):
    with pytest.raises(ValidationError, match="not linked with you"):
        send(jordan, riley)


def test_a_draft_cannot_go_to_a_coach_whose_link_ended(jordan, casey):
    link(casey, jordan, state=CoachLink.ENDED)
    with pytest.raises(ValidationError, match="not linked"):
        send(jordan, casey)


def test_an_empty_draft_is_refused_naming_the_field(jordan, casey):
    link(casey, jordan)
    with pytest.raises(ValidationError) as raised:
        send(jordan, casey, text="   ")
    assert "text" in raised.value.message_dict


def test_the_recipient_must_be_the_clients_own_person(jordan, casey, riley):
    link(casey, jordan)
    with pytest.raises(ValidationError) as raised:
        send(jordan, casey, recipient_id=make_person(riley, "Riley's friend").pk)
    assert "to" in raised.value.message_dict


def test_a_coach_comments_on_a_passage_and_the_look_is_recorded(review, casey, jordan):
    made = comment(casey, review, "I need a job at Acme", "I admire Acme's work")
    assert made.quote == "I need a job at Acme"
    assert made.author == "coach"
    assert AccessRecord.objects.filter(client=jordan, coach=casey, what=f"draft {review.pk}")


def test_a_comment_outside_the_text_is_refused(review, casey):
    with pytest.raises(ValidationError, match="outside"):
        services.comment(coach=casey, review_id=review.pk, start=5, end=9999, comment="x")
    with pytest.raises(ValidationError, match="starts before it ends"):
        services.comment(coach=casey, review_id=review.pk, start=9, end=5, comment="x")
    assert not DraftComment.objects.exists()


def test_a_coach_can_comment_on_a_typed_passage(review, casey):
    made = services.comment_on_passage(
        coach=casey, review_id=review.pk, passage="could you REFER me?", comment="Too soon"
    )
    assert made.quote == "Could you refer me?"


def test_a_typed_passage_not_in_the_draft_is_an_error_on_that_field(review, casey):
    with pytest.raises(ValidationError) as raised:
        services.comment_on_passage(coach=casey, review_id=review.pk, passage="nope", comment="x")
    assert "passage" in raised.value.message_dict


@pytest.mark.parametrize(
    "change",
    [
        lambda link: setattr(link, "level", "progress"),
        lambda link: setattr(link, "state", CoachLink.ENDED),
    ],
    ids=["lowered to progress", "ended"],
)
def test_a_coach_without_plan_level_reaches_nothing(review, casey, jordan, change):
    found = CoachLink.objects.get(coach=casey, client=jordan)
    change(found)
    found.save()
    with pytest.raises(DraftReview.DoesNotExist):
        selectors.review_for_coach(coach=casey, review_id=review.pk)
    with pytest.raises(DraftReview.DoesNotExist):
        comment(casey, review, "Could you refer me?")
    with pytest.raises(DraftReview.DoesNotExist):
        services.reply(user=casey, review_id=review.pk, text="Hello")
    assert selectors.reviews_for_coach(coach=casey) == []
    assert not AccessRecord.objects.exists()


def test_another_coach_reaches_nothing(review, riley, jordan):
    link(riley, jordan, level="network")
    with pytest.raises(DraftReview.DoesNotExist):
        selectors.review_for_coach(coach=riley, review_id=review.pk)
    assert selectors.reviews_for_coach(coach=riley) == []


def test_a_coach_cannot_accept_ignore_or_close(review, casey):
    made = comment(casey, review, "Could you refer me?", "Could we talk?")
    with pytest.raises(DraftComment.DoesNotExist):
        services.accept(client=casey, comment_id=made.pk)
    with pytest.raises(DraftComment.DoesNotExist):
        services.ignore(client=casey, comment_id=made.pk)
    with pytest.raises(DraftReview.DoesNotExist):
        services.close(client=casey, review_id=review.pk)
    review.refresh_from_db()
    assert review.text == TEXT


def test_accepting_applies_the_suggestion_and_moves_the_other_comments(review, casey, jordan):
    first = comment(casey, review, "I need a job at Acme", "I admire Acme's work")
    later = comment(casey, review, "Could you refer me?", says="Ask for advice")
    overlapping = comment(casey, review, "a job", says="Too direct")
    services.accept(client=jordan, comment_id=first.pk)
    review.refresh_from_db()
    later.refresh_from_db()
    overlapping.refresh_from_db()
    first.refresh_from_db()
    assert review.text == "Hi Ana, I admire Acme's work. Could you refer me? Thanks, Jordan"
    assert review.text[later.start : later.end] == "Could you refer me?"
    assert later.state == "open"
    assert overlapping.state == "outdated"
    assert first.state == "accepted"
    assert review.text[first.start : first.end] == "I admire Acme's work"


def test_accepting_a_comment_without_a_suggestion_changes_no_text(review, casey, jordan):
    made = comment(casey, review, "Thanks")
    services.accept(client=jordan, comment_id=made.pk)
    review.refresh_from_db()
    assert review.text == TEXT


def test_a_comment_is_accepted_or_ignored_once(review, casey, jordan):
    made = comment(casey, review, "Thanks", "Thank you")
    services.ignore(client=jordan, comment_id=made.pk)
    with pytest.raises(ValidationError, match="already ignored"):
        services.accept(client=jordan, comment_id=made.pk)
    review.refresh_from_db()
    assert review.text == TEXT


def test_both_sides_write_in_the_thread(review, casey, jordan):
    services.reply(user=jordan, review_id=review.pk, text="Is it too pushy?", now=NOW)
    services.reply(user=casey, review_id=review.pk, text="A little: see my comments.", now=NOW)
    assert [(c.author, c.on_span) for c in selectors.thread(review)] == [
        ("client", False),
        ("coach", False),
    ]


def test_someone_else_cannot_reply(review, riley):
    with pytest.raises(DraftReview.DoesNotExist):
        services.reply(user=riley, review_id=review.pk, text="Hi")


def test_a_closed_review_takes_no_more_comments(review, casey, jordan):
    services.close(client=jordan, review_id=review.pk)
    with pytest.raises(ValidationError, match="closed"):
        comment(casey, review, "Thanks")
    with pytest.raises(ValidationError, match="closed"):
        services.reply(user=jordan, review_id=review.pk, text="Hi")
    services.reopen(client=jordan, review_id=review.pk)
    assert comment(casey, review, "Thanks").pk


def test_the_client_sees_only_their_own_reviews(review, riley):
    assert not selectors.reviews_for_client(client=riley).exists()
    with pytest.raises(DraftReview.DoesNotExist):
        selectors.review_for_client(client=riley, review_id=review.pk)


def test_draft_coaches_separates_coaches_below_plan(jordan, casey):
    other = make_user("morgan")
    link(casey, jordan, level="plan")
    link(other, jordan, level="progress")
    found = selectors.draft_coaches(client=jordan)
    assert found.coaches == (casey,)
    assert found.below_plan == (other,)


def test_the_outreach_review_of_the_draft_is_for_its_client(review):
    found = selectors.outreach_review(review=review, today=NOW.date())
    assert found.findings  # a job asked for up front


def test_undo_accept_restores_the_text_and_every_comment(review, casey, jordan):
    first = comment(casey, review, "I need a job at Acme", "I admire Acme's work")
    later = comment(casey, review, "Could you refer me?", says="Ask for advice")
    overlapping = comment(casey, review, "a job", says="Too direct")
    spans = {c.pk: (c.start, c.end, c.state) for c in (first, later, overlapping)}
    services.accept(client=jordan, comment_id=first.pk)
    services.undo_accept(client=jordan, comment_id=first.pk)
    review.refresh_from_db()
    assert review.text == TEXT
    for found in DraftComment.objects.all():
        assert (found.start, found.end, found.state) == spans[found.pk]
    assert DraftComment.objects.get(pk=first.pk).undo is None


def test_undo_is_refused_once_a_later_accept_changed_the_text(review, casey, jordan):
    first = comment(casey, review, "I need a job at Acme", "I admire Acme's work")
    later = comment(casey, review, "Could you refer me?", "Could we talk?")
    services.accept(client=jordan, comment_id=first.pk)
    services.accept(client=jordan, comment_id=later.pk)
    with pytest.raises(ValidationError, match="undo the later change first"):
        services.undo_accept(client=jordan, comment_id=first.pk)
    services.undo_accept(client=jordan, comment_id=later.pk)
    services.undo_accept(client=jordan, comment_id=first.pk)
    review.refresh_from_db()
    assert review.text == TEXT


def test_only_the_client_can_undo_and_only_an_accepted_comment(review, casey, jordan):
    made = comment(casey, review, "Thanks", "Thank you")
    with pytest.raises(ValidationError, match="nothing to undo"):
        services.undo_accept(client=jordan, comment_id=made.pk)
    services.accept(client=jordan, comment_id=made.pk)
    with pytest.raises(DraftComment.DoesNotExist):
        services.undo_accept(client=casey, comment_id=made.pk)

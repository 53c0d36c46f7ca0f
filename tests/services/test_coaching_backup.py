"""A client's backup holds the drafts they sent for review, every comment on them and the
assignments coaches set them; the coach is named by user name and found by it on restore, and
what names a coach who is not on the install is left out (mutuals.backup)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mutuals.assignments.models import Assignment
from mutuals.backup.services import backup, coaches_not_here, dumps, restore
from mutuals.feedback import selectors as feedback_selectors
from mutuals.feedback import services as feedback
from mutuals.feedback.models import DraftComment, DraftReview
from tests.coach_data import BACKUP_DRAFT as TEXT
from tests.coach_data import coached, link
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def casey_coaches_jordan(jordan, casey):
    return coached(jordan, casey)


def test_a_clients_backup_holds_drafts_comments_and_assignments(casey_coaches_jordan, jordan):
    data = backup(owner=jordan)
    assert [r["coach"] for r in data["draft_reviews"]] == ["casey", "casey"]
    first = data["draft_reviews"][0]
    assert first["text"].startswith("Hi Ana, I'm looking at Acme.")
    assert data["people"][first["recipient"] - 1]["last_name"] == "Silva"
    comments = data["draft_comments"]
    assert [c["state"] for c in comments] == ["accepted", "outdated", "ignored", "open", "open"]
    assert [c["author"] for c in comments][-2:] == ["client", "coach"]
    undo = comments[0]["undo"]
    assert list(undo["before"]["comments"]) == ["1", "2", "3"]  # by number, in order
    assert undo["before"]["text"] == TEXT
    assert [a["coach"] for a in data["assignments"]] == ["casey"] * 3
    assert [a["done_note"] for a in data["assignments"]] == ["Went well", "", ""]
    assert data["assignments"][1]["cancelled_at"] is not None
    assert "casey" not in dumps(
        {k: v for k, v in data.items() if k not in {"draft_reviews", "assignments"}}
    )  # no database id or other trace of the coach


def test_backup_restore_backup_is_byte_identical_with_the_coach_here(
    casey_coaches_jordan, jordan, casey
):
    first = dumps(backup(owner=jordan))
    fresh = make_user("fresh")
    counts = restore(owner=fresh, data=first)
    assert (counts["draft_reviews"], counts["draft_comments"], counts["assignments"]) == (2, 5, 3)
    assert dumps(backup(owner=fresh)) == first
    assert counts.coaches_not_here == []
    assert set(DraftReview.objects.filter(client=fresh).values_list("coach", flat=True)) == {
        casey.pk
    }


def test_a_restored_accepted_suggestion_is_undone_as_the_original_would_be(
    casey_coaches_jordan, jordan
):
    fresh = make_user("fresh")
    restore(owner=fresh, data=backup(owner=jordan))
    after_undo = []
    for client in (jordan, fresh):
        review = DraftReview.objects.filter(client=client).order_by("pk").first()
        accepted = review.comments.get(state=DraftComment.ACCEPTED)
        feedback.undo_accept(client=client, comment_id=accepted.pk)
        review.refresh_from_db()
        spans = list(review.comments.order_by("pk").values_list("start", "end", "state"))
        after_undo.append((review.text, spans))
    assert after_undo[0] == after_undo[1]
    assert after_undo[1][0] == TEXT


def test_the_coach_sees_restored_drafts_only_once_linked_again(casey_coaches_jordan, jordan, casey):
    fresh = make_user("fresh")
    restore(owner=fresh, data=backup(owner=jordan))
    assert all(r.client_id == jordan.pk for r in feedback_selectors.reviews_for_coach(coach=casey))
    link(casey, fresh, level="plan")
    assert {r.client_id for r in feedback_selectors.reviews_for_coach(coach=casey)} == {
        jordan.pk,
        fresh.pk,
    }


def test_what_names_a_coach_not_on_this_install_is_left_out(casey_coaches_jordan, jordan):
    data = backup(owner=jordan)
    for kind in ("draft_reviews", "assignments"):
        for row in data[kind]:
            row["coach"] = "elsewhere"
    fresh = make_user("fresh")
    assert coaches_not_here(owner=fresh, data=data) == ["elsewhere"]
    counts = restore(owner=fresh, data=data)
    assert (counts["draft_reviews"], counts["draft_comments"], counts["assignments"]) == (0, 0, 0)
    assert counts["people"] == len(data["people"])
    assert counts.coaches_not_here == ["elsewhere"]
    assert not DraftReview.objects.filter(client=fresh).exists()
    assert not Assignment.objects.filter(client=fresh).exists()


def test_restoring_your_own_name_as_coach_leaves_those_out(casey_coaches_jordan, jordan, casey):
    """A coach restoring a client's file into their own account does not coach themselves."""
    data = backup(owner=jordan)
    casey_again = make_user("casey-new")
    data["assignments"][0]["coach"] = "casey-new"
    assert coaches_not_here(owner=casey_again, data=data) == ["casey-new"]
    counts = restore(owner=casey_again, data=data)
    assert counts["assignments"] == 2
    assert counts.coaches_not_here == ["casey-new"]


def test_a_coachs_backup_holds_nothing_of_their_clients(casey_coaches_jordan, casey):
    data = backup(owner=casey)
    assert data["draft_reviews"] == data["draft_comments"] == data["assignments"] == []


def test_an_older_backup_without_these_kinds_still_restores(casey_coaches_jordan, jordan):
    data = backup(owner=jordan)
    for kind in ("draft_reviews", "draft_comments", "assignments"):
        del data[kind]
    fresh = make_user("fresh")
    counts = restore(owner=fresh, data=data)
    assert (counts["draft_reviews"], counts["draft_comments"], counts["assignments"]) == (0, 0, 0)
    assert counts["people"] == 1


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d["draft_reviews"][0].update(coach=None), "draft_reviews[0].coach", "null"),
        (lambda d: d["draft_reviews"][0].update(coach=7), "draft_reviews[0].coach", "user name"),
        (lambda d: d["draft_comments"][1].update(end=None), "draft_comments[1].end", "both"),
        (
            lambda d: d["draft_comments"][1].update(start=60, end=2),
            "draft_comments[1].end",
            "ends before",
        ),
        (
            lambda d: d["draft_comments"][0].update(undo={"x": 1}),
            "draft_comments[0].undo",
            "Give {",
        ),
        (
            lambda d: d["draft_comments"][0]["undo"]["before"]["comments"].update(
                {"9": [0, 1, "open"]}
            ),
            "draft_comments[0].undo",
            "same draft",
        ),
        (
            lambda d: d["draft_comments"][0].update(review=9),
            "draft_comments[0].review",
            'no record 9 in "draft_reviews"',
        ),
        (lambda d: d["assignments"][0].update(title=""), None, None),
    ],
)
def test_a_bad_value_is_named_by_its_place_and_nothing_is_written(
    casey_coaches_jordan, jordan, change, where, words
):
    data = backup(owner=jordan)
    change(data)
    fresh = make_user("fresh")
    if where is None:  # allowed: the database takes it, a backup restores what was kept
        restore(owner=fresh, data=data)
        return
    with pytest.raises(ValidationError) as error:
        restore(owner=fresh, data=data)
    assert words in " ".join(error.value.message_dict[where])
    assert not DraftReview.objects.filter(client=fresh).exists()

"""`mutuals drafts …` (the client) and `mutuals coach drafts|comment` (the coach)."""

from __future__ import annotations

import pytest

from mutuals.coaching.models import CoachLink
from mutuals.feedback import services
from mutuals.feedback.models import DraftComment, DraftReview
from tests.cli.conftest import failed, parsed
from tests.coach_data import make_coach
from tests.factories import make_person

TEXT = "Hi Ana, I need a job at Acme. Could you refer me? Thanks, Jordan"


@pytest.fixture
def as_user(mutuals):
    def run(user, *args: str, input: str | None = None):
        return mutuals("--user", user.username, *args, input=input)

    return run


def link(coach, client, level="plan", state=CoachLink.ACTIVE):
    make_coach(coach)
    return CoachLink.objects.create(
        coach=coach, client=client, level=level, state=state, invited_by="client"
    )


@pytest.fixture
def review(jordan, casey):
    link(casey, jordan)
    return services.send_for_review(client=jordan, coach_id=casey.pk, text=TEXT, subject="Acme")


def test_the_client_sends_a_draft_from_a_file(as_user, jordan, casey, tmp_path):
    link(casey, jordan)
    make_person(jordan, "Ana Silva")
    draft = tmp_path / "draft.txt"
    draft.write_text(TEXT)
    body = parsed(
        as_user(
            jordan,
            "drafts",
            "send",
            str(draft),
            "--coach",
            "casey",
            "--to",
            "Ana",
            "--subject",
            "Acme",
            "--json",
        )
    )
    assert body["to"]["name"] == "Ana Silva"
    assert body["coach"]["name"] == "casey"


def test_sending_to_a_coach_below_plan_says_how_and_sends_nothing(as_user, jordan, casey):
    link(casey, jordan, level="progress")
    message = failed(as_user(jordan, "drafts", "send", "-", "--coach", "casey", input=TEXT), 5)
    assert "Raise this coach to Plan to send drafts" in message
    assert not DraftReview.objects.exists()


def test_sending_to_someone_who_is_not_a_coach_fails(as_user, jordan, riley):
    message = failed(as_user(jordan, "drafts", "send", "-", "--coach", "riley", input=TEXT), 3)
    assert "not linked with you" in message


def test_the_coach_comments_on_an_exact_passage(as_user, casey, review):
    result = as_user(
        casey,
        "coach",
        "comment",
        str(review.pk),
        "--on",
        "Could you refer me?",
        "--say",
        "Too soon",
        "--suggest",
        "Could we talk?",
    )
    assert result.exit_code == 0, result.output
    made = DraftComment.objects.get()
    assert (made.quote, made.suggestion) == ("Could you refer me?", "Could we talk?")


def test_a_passage_not_in_the_draft_is_refused(as_user, casey, review):
    message = failed(
        as_user(casey, "coach", "comment", str(review.pk), "--on", "nowhere", "--say", "x"), 5
    )
    assert "That passage is not in the draft" in message


def test_the_client_reads_and_accepts_comment_by_number(as_user, jordan, casey, review):
    as_user(casey, "coach", "comment", str(review.pk), "--on", "Thanks", "--say", "Warm")
    as_user(
        casey,
        "coach",
        "comment",
        str(review.pk),
        "--on",
        "Could you refer me?",
        "--say",
        "Soften",
        "--suggest",
        "Could we talk?",
    )
    shown = as_user(jordan, "drafts", "show", str(review.pk))
    assert "Comment 2 (open)" in shown.stdout
    result = as_user(jordan, "drafts", "accept", str(review.pk), "2")
    assert result.exit_code == 0, result.output
    review.refresh_from_db()
    assert "Could we talk?" in review.text
    assert as_user(jordan, "drafts", "undo", str(review.pk), "2").exit_code == 0
    review.refresh_from_db()
    assert review.text == TEXT
    assert failed(as_user(jordan, "drafts", "ignore", str(review.pk), "9"), 3)


def test_the_client_lists_only_their_drafts(as_user, jordan, riley, review):
    assert [d["id"] for d in parsed(as_user(jordan, "drafts", "list", "--json"))["items"]] == [
        review.pk
    ]
    assert parsed(as_user(riley, "drafts", "list", "--json"))["items"] == []
    failed(as_user(riley, "drafts", "show", str(review.pk)), 3)


def test_the_coach_lists_and_shows_the_drafts_sent_to_them(as_user, casey, review):
    items = parsed(as_user(casey, "coach", "drafts", "--json"))["items"]
    assert [item["id"] for item in items] == [review.pk]
    assert "Could you refer me?" in as_user(casey, "coach", "drafts", str(review.pk)).stdout


@pytest.mark.parametrize("change", ["progress", "ended"])
def test_a_coach_below_plan_or_whose_link_ended_reaches_nothing(
    as_user, casey, jordan, review, change
):
    found = CoachLink.objects.get()
    if change == "ended":
        found.state = CoachLink.ENDED
    else:
        found.level = change
    found.save()
    failed(as_user(casey, "coach", "drafts", str(review.pk)), 3)
    failed(as_user(casey, "coach", "comment", str(review.pk), "--on", "Thanks", "--say", "x"), 3)
    assert parsed(as_user(casey, "coach", "drafts", "--json"))["items"] == []
    assert not DraftComment.objects.exists()


def test_both_reply_and_the_client_closes(as_user, jordan, review):
    assert as_user(jordan, "drafts", "reply", str(review.pk), "Too pushy?").exit_code == 0
    assert as_user(jordan, "drafts", "close", str(review.pk)).exit_code == 0
    review.refresh_from_db()
    assert review.state == "closed"

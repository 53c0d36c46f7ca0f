"""Coaches and clients for the coach dashboard tests: links made directly (the consent steps
are coaching.services', tested there), and a client whose records hold a planted secret in
every place a coach must never read, or must read only at a higher level."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mutuals.accounts import roles
from mutuals.assignments import services as assignments
from mutuals.coaching.models import CoachLink
from mutuals.feedback import services as feedback
from mutuals.leads import services as lead_services
from mutuals.needs import services as need_services
from mutuals.people import services as people_services
from tests.factories import make_person
from tests.progress_data import TODAY, ask, give, talk

PERSON = "Zebulon Quartermaine"
ORGANISATION = "Pellucid Widgets"
NOTE = "secret-note-about-zebulon"
CONVERSATION = "secret-conversation-text"
CONVERSATION_NOTES = "secret-conversation-notes"
NEED = "secret-need-text-for-a-flat"
LEAD = "Chief Lantern Officer"
LEAD_ORGANISATION = "Lumen Lamps"
LEAD_NOTES = "secret-lead-notes"
# Visible from `plan` up, and `network` up; never at any level.
PLAN_SECRETS = (LEAD, LEAD_ORGANISATION, PERSON)
NETWORK_SECRETS = (ORGANISATION,)
NEVER = (NOTE, CONVERSATION, CONVERSATION_NOTES, NEED, LEAD_NOTES)


def make_coach(*users):
    """Give each user the coach role (the coach side of a link must hold it)."""
    for user in users:
        roles.set_role(by=None, user_id=user.pk, role=roles.COACH)
    return users[0] if len(users) == 1 else users


def link(coach, client, level="progress", state=CoachLink.ACTIVE) -> CoachLink:
    if not roles.is_coach(coach) and not roles.is_admin(coach):
        make_coach(coach)
    return CoachLink.objects.create(
        coach=coach,
        client=client,
        level=level,
        state=state,
        invited_by="coach",
        accepted_at=timezone.now(),
    )


def planted(client, today: dt.date = TODAY):
    """Zebulon (close, at Pellucid Widgets, with a private note) talked with today, a need of
    his, a lead he referred (applied four weeks ago), a give and three asks."""
    zebulon = make_person(client, PERSON, tier="close", organization=ORGANISATION)
    people_services.update_person(owner=client, person_id=zebulon.pk, notes=NOTE)
    talk(client, [zebulon], today - dt.timedelta(days=3))
    from mutuals.interactions.models import Interaction

    Interaction.objects.filter(owner=client).update(summary=CONVERSATION, notes=CONVERSATION_NOTES)
    need_services.add_need(owner=client, text=NEED, person_id=zebulon.pk, noted_on=today)
    lead_services.create_lead(
        owner=client,
        title=LEAD,
        organization=LEAD_ORGANISATION,
        stage="applied",
        notes=LEAD_NOTES,
        people=[(zebulon.pk, "referrer")],
        today=today - dt.timedelta(weeks=4),
    )
    give(client, zebulon, today - dt.timedelta(days=40))
    for days in (1, 2, 3):
        ask(client, zebulon, today - dt.timedelta(days=days))
    return zebulon


BACKUP_NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
BACKUP_TODAY = dt.date(2026, 11, 20)
BACKUP_DRAFT = "Hi Ana, I need a job at Acme. Could you refer me? Thanks, Jordan"


def coached(client, coach):
    """A draft with comments of every kind (one accepted suggestion, so an `undo` naming
    other comments; one ignored; one outdated by it; messages both ways), and assignments
    open, done and cancelled."""
    link(coach, client, level="plan")
    ana = make_person(client, "Ana Silva")
    review = feedback.send_for_review(
        client=client,
        coach_id=coach.pk,
        text=BACKUP_DRAFT,
        subject="Acme",
        recipient_id=ana.pk,
        now=BACKUP_NOW,
    )
    first = feedback.comment_on_passage(
        coach=coach,
        review_id=review.pk,
        passage="I need a job at Acme.",
        comment="Softer?",
        suggestion="I'm looking at Acme.",
        now=BACKUP_NOW,
    )
    feedback.comment_on_passage(
        coach=coach, review_id=review.pk, passage="a job", comment="Which role?", now=BACKUP_NOW
    )
    ignored = feedback.comment_on_passage(
        coach=coach, review_id=review.pk, passage="Thanks", comment="Warmer close", now=BACKUP_NOW
    )
    feedback.reply(user=client, review_id=review.pk, text="Thank you!", now=BACKUP_NOW)
    feedback.reply(user=coach, review_id=review.pk, text="Any time.", now=BACKUP_NOW)
    feedback.accept(client=client, comment_id=first.pk)
    feedback.ignore(client=client, comment_id=ignored.pk)
    feedback.send_for_review(
        client=client, coach_id=coach.pk, text="A second draft", now=BACKUP_NOW
    )
    done, cancelled, _open = (
        assignments.assign(
            coach=coach, client_ids=[client.pk], template_key=key, today=BACKUP_TODAY
        )[0]
        for key in ("thank-three", "give-to-dormant-tie", "thank-three")
    )
    assignments.mark_done(owner=client, assignment_id=done.pk, note="Went well", now=BACKUP_NOW)
    assignments.cancel(coach=coach, assignment_id=cancelled.pk)
    return review

"""Coaches and clients for the coach dashboard tests: links made directly (the consent steps
are coaching.services', tested there), and a client whose records hold a planted secret in
every place a coach must never read, or must read only at a higher level."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mutuals.coaching.models import CoachLink
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


def link(coach, client, level="progress", state=CoachLink.ACTIVE) -> CoachLink:
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

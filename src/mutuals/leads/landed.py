"""Writes for landing a job (issue 15 item 6): accepting an offer switches you into
keep-in-touch mode, and going back to searching switches you out.

Landing, in words: the day is kept on your preferences (`Preferences.landed_on`), which the
agenda reads to relax every cadence to maintenance (core.cadence.maintenance_cadence, twice as
long); Today shows everyone who helped with a drafted thank-you (leads.thanks); and each of them
gets a promise, due 90 days later, to check in and tell them how the new job is going. A promise
per person rather than one agenda item: each can be done, snoozed or dropped on its own, shows on
the person's page, and the plan spreads them over the days when they fall due. Landing again
while landed changes nothing.

Going back to searching clears the day and deletes the check-in promises landing made that are
still open (the ones kept stay kept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from mutuals.accounts.models import Preferences
from mutuals.leads.thanks import everyone_who_helped
from mutuals.promises.models import Promise

CHECK_IN_DAYS = 90
CHECK_IN_TEXT = (
    "Check in three months into the new job: tell them how it is going, and ask about them"
)


@dataclass(frozen=True)
class Landing:
    """What landing changed: the day, the check-in day and how many check-ins were made, and
    how many people helped (each now on the thank-you list)."""

    on: dt.date
    check_in_on: dt.date
    check_ins: int
    helpers: int


@transaction.atomic
def land(*, owner: AbstractBaseUser, today: dt.date) -> Landing | None:
    """Switch to keep-in-touch mode (module docstring); None when you had already landed."""
    preferences = Preferences.objects.select_for_update().filter(owner=owner).first()
    if preferences is None:
        preferences = Preferences(owner=owner)
    if preferences.landed_on is not None:
        return None
    preferences.landed_on = today
    preferences.save()
    helpers = everyone_who_helped(owner=owner, today=today).helpers
    check_in_on = today + dt.timedelta(days=CHECK_IN_DAYS)
    Promise.objects.bulk_create(
        Promise(owner=owner, person_id=helper.person_id, text=CHECK_IN_TEXT, due_on=check_in_on)
        for helper in helpers
    )
    return Landing(today, check_in_on, len(helpers), len(helpers))


@transaction.atomic
def back_to_searching(*, owner: AbstractBaseUser) -> bool:
    """Leave keep-in-touch mode (module docstring); False when you were not in it."""
    preferences = Preferences.objects.select_for_update().filter(owner=owner).first()
    if preferences is None or preferences.landed_on is None:
        return False
    check_in_on = preferences.landed_on + dt.timedelta(days=CHECK_IN_DAYS)
    Promise.objects.filter(
        owner=owner, text=CHECK_IN_TEXT, due_on=check_in_on, done_at__isnull=True
    ).delete()
    preferences.landed_on = None
    preferences.save(update_fields=["landed_on"])
    return True


def landed_words(landing: Landing) -> str:
    """What landing changed, in words (the board, the lead page and the CLI say it)."""
    check_in = f"{landing.check_in_on.day} {landing.check_in_on:%b %Y}"
    helpers = (
        f" Thank the {landing.helpers} people who helped; a check-in with each is set for "
        f"{check_in}."
        if landing.helpers
        else ""
    )
    return f"Congratulations! Keep-in-touch mode is on: cadences are relaxed.{helpers}"

"""`mutuals today --json`'s output, for Typer's command (cli/agenda.py) and the path without
Typer (cli/fast_path.py) alike."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from mutuals.agenda.meetings import upcoming_meetings
from mutuals.agenda.selectors import today_plan
from mutuals.agenda.serialize import plan_to_dict
from mutuals.cli.output import emit_json
from mutuals.cli.resolve import local_today
from mutuals.core.agenda import COMING_DAYS


def print_today_json(owner: AbstractBaseUser, *, show_all: bool, more: int) -> None:
    """Today's plan as JSON on stdout (the same as GET /api/today): today's items and the next
    few days', or every coming day with `show_all`; `more` pulls that many more into today."""
    plan = today_plan(owner, local_today(), extra=more)
    meetings = upcoming_meetings(owner=owner)
    emit_json(plan_to_dict(plan, None if show_all else COMING_DAYS, meetings))

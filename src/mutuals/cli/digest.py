"""The morning digest: `mutuals digest` (its state, --print, --send, --on/--off)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.accounts import services as account_services
from mutuals.accounts.selectors import preferences_of
from mutuals.cli.errors import CliError, ExitCode, describe_validation_error
from mutuals.cli.output import emit_json, say, show
from mutuals.cli.resolve import acting_user, day_from, local_today
from mutuals.digest import emails, selectors, services

# How each outcome of --send ends the command (SENT and ALREADY_SENT succeed).
FAILURE_CODES = {
    services.FAILED: ExitCode.ERROR,
    services.NO_MAIL_SERVER: ExitCode.ERROR,
    services.NO_ADDRESS: ExitCode.INVALID,
    services.IN_PROGRESS: ExitCode.BUSY,
}


def digest(
    ctx: typer.Context,
    print_it: Annotated[
        bool, typer.Option("--print", help="Print today's digest; nothing is sent.")
    ] = False,
    send: Annotated[
        bool, typer.Option("--send", help="Send today's digest now (once a day, see --force).")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --send: send it again although it was sent.")
    ] = False,
    on: Annotated[
        bool, typer.Option("--on", help="Turn the morning digest on (see --hour).")
    ] = False,
    off: Annotated[bool, typer.Option("--off", help="Turn the morning digest off.")] = False,
    hour: Annotated[
        int | None,
        typer.Option(min=0, max=23, metavar="HOUR", help="The local hour it is sent after, 0-23."),
    ] = None,
    email: Annotated[
        str | None, typer.Option(metavar="ADDRESS", help="The e-mail address it goes to (yours).")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="DAY", help="With --print: that day's digest instead of today's."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
) -> None:
    """The morning e-mail digest of today's plan: print it, send it, or turn it on or off."""
    owner = acting_user(ctx)
    changes = on or off or hour is not None or email is not None
    if sum((print_it, send, changes)) > 1 or (on and off):
        raise CliError(
            "Choose one of --print, --send, or --on/--off/--hour/--email.", ExitCode.USAGE
        )
    if force and not send:
        raise CliError("--force goes with --send.", ExitCode.USAGE)
    if date is not None and not print_it:
        raise CliError("--date goes with --print.", ExitCode.USAGE)
    if print_it:
        _print(owner, day_from(date, "--date") if date else local_today(), as_json)
    elif send:
        _send(owner, force, as_json)
    else:
        if changes:
            _change(owner, on=on, off=off, hour=hour, email=email)
        _state(owner, as_json)


def _print(owner: Any, day: Any, as_json: bool) -> None:
    found = selectors.digest_for(owner=owner, today=day)
    if as_json:
        emit_json(
            {
                "date": day.isoformat(),
                "subject": emails.subject(found),
                "actions": list(found.actions),
                "coming_up": list(found.coming_up),
                "more_due": found.more_due,
                "done_today": found.done_today,
                "text": emails.text_body(found),
            }
        )
        return
    # As the e-mail's own text, unwrapped (a terminal's width is not the mail's).
    sys.stdout.write(f"Subject: {emails.subject(found)}\n\n{emails.text_body(found)}")


def _send(owner: Any, force: bool, as_json: bool) -> None:
    outcome = services.send_digest(owner=owner, force=force)
    if outcome.status in FAILURE_CODES:
        raise CliError(outcome.message, FAILURE_CODES[outcome.status])
    if as_json:
        emit_json({"status": outcome.status, "message": outcome.message})
    elif outcome.status == services.ALREADY_SENT:
        say(f"{outcome.message} Send it again with --send --force.")
    else:
        say(outcome.message, style="green")


def _change(owner: Any, *, on: bool, off: bool, hour: int | None, email: str | None) -> None:
    enabled = True if on else False if off else None
    try:
        if email is not None:
            account_services.set_email(user=owner, email=email)
        account_services.update_preferences(user=owner, digest_enabled=enabled, digest_hour=hour)
    except ValidationError as error:
        raise CliError(describe_validation_error(error), ExitCode.INVALID) from None


def _state(owner: Any, as_json: bool) -> None:
    preferences = preferences_of(owner)
    last = selectors.last_digest(owner=owner)
    address = (getattr(owner, "email", "") or "").strip()
    if as_json:
        emit_json(
            {
                "enabled": preferences.digest_enabled,
                "hour": preferences.digest_hour,
                "email_set": bool(address),
                "mail_server_set": selectors.mail_server_configured(),
                "last": None
                if last is None
                else {
                    "date": last.day.isoformat(),
                    "status": last.status,
                    "sent_at": last.sent_at.isoformat() if last.sent_at else None,
                    "error": last.error,
                },
            }
        )
        return
    for line in state_lines(preferences, last, address):
        show(line)


def state_lines(preferences: Any, last: Any, address: str) -> list[str]:
    """The digest's state in sentences, as `mutuals digest` prints it."""
    if preferences.digest_enabled:
        lines = [f"The morning digest is on: sent after {preferences.digest_hour}:00 each day."]
    else:
        lines = ["The morning digest is off; turn it on with `mutuals digest --on`."]
    if not address:
        lines.append("Set your e-mail address first (--email ADDRESS): the digest goes there.")
    if not selectors.mail_server_configured():
        lines.append(services.NO_MAIL_SERVER_MESSAGE)
    if last is not None:
        lines.append(_last_line(last))
    return lines


def _last_line(last: Any) -> str:
    day = emails.day_words(last.day)
    if last.status == "sent" and last.sent_at:
        at = timezone.localtime(last.sent_at)
        return f"Last sent: the digest of {day}, at {at:%H:%M}."
    if last.status == "failed":
        return f"The digest of {day} was not sent: {last.error}"
    return f"The digest of {day} is being sent."

"""`mutuals group invite|invitations|members|report|admin`: what a group's administrators (and
the install's) do: invite by link or by a list of e-mail addresses (sent here, with a progress
bar, by the same `groups.invitations.send_batch` the worker runs for the web and the API),
follow and retry those lists, see the members and the group's numbers, name or remove
administrators. Registered on `mutuals group` in
cli/groups.py."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from django.utils import timezone

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.group_lookup import GroupArgument, JsonOption, managed
from mutuals.cli.output import emit_json, plain, progress_bar, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.core import group_report
from mutuals.groups import administration, invitations, selectors, serialize, services
from mutuals.groups.models import InvitationBatch


def invite(
    ctx: typer.Context,
    group: GroupArgument,
    emails: Annotated[
        Path | None,
        typer.Option("--emails", help="A CSV file: one e-mail address at the start of each line."),
    ] = None,
    days: Annotated[
        int, typer.Option("--days", min=1, max=60, help="How long e-mail invitations work.")
    ] = services.INVITATION_DAYS,
    no_mail: Annotated[
        bool,
        typer.Option("--no-mail", help="Only make the codes: send no e-mail, hand them out."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """A new join link for the group, or single-use invitations for a CSV list of e-mails,
    each sent by e-mail when the install has a mail server."""
    user = acting_user(ctx)
    found = managed(user, group)
    if emails is None:
        code = services.new_link_code(by=user, group_id=found.pk)
        if as_json:
            emit_json({"code": code, "path": services.join_path(code)})
            return
        show(plain(code))
        say(
            f"Anyone with this code (or the link {services.join_path(code)}) can join; "
            "the previous code no longer works."
        )
        return
    text = emails.read_text(encoding="utf-8-sig")
    made = invitations.invite_by_email(
        by=user, group_id=found.pk, csv_text=text, days=days, send=not no_mail, queue=False
    )
    if isinstance(made, invitations.BatchProgress):
        _send_and_report(made, as_json=as_json)
        return
    data = made.as_dict()
    if as_json:
        emit_json(data)
        return
    grid = table("E-mail", "Code")
    for item in data["items"]:
        grid.add_row(plain(item["email"]), item["code"])
    show(grid)
    say(f"{made.message} Each invitation works once, for {days} days.")


def _send_and_report(progress: invitations.BatchProgress, *, as_json: bool) -> None:
    """Send the list here (the same `send_batch` the worker runs), with a progress bar, then
    say how it went: the failed addresses, and how to send them again."""
    with progress_bar("Sending invitations", hidden=as_json) as bar:
        task = bar.add_task("send", total=progress.total)
        done = invitations.send_batch(batch_id=progress.batch_id, on_each=lambda: bar.advance(task))
    _report(done, as_json=as_json)


def _report(progress: invitations.BatchProgress, *, as_json: bool, every: bool = False) -> None:
    rows = invitations.addresses_of(batch=progress, failed_only=not every)
    if as_json:
        emit_json({**progress.as_dict(), "count": len(rows), "items": [r.as_dict() for r in rows]})
        return
    if rows:
        grid = table("E-mail", "State", "Why not sent")
        for row in rows:
            grid.add_row(plain(row.email), row.words, plain(row.reason))
        show(grid)
    say(f"List {progress.batch_id}: {progress.words()}")
    if progress.done and progress.failed:
        say(
            f"Send the failed ones again with `mutuals group invitations GROUP "
            f"{progress.batch_id} --retry`: the ones sent already are not sent twice."
        )


def invitations_command(
    ctx: typer.Context,
    group: GroupArgument,
    batch: Annotated[
        int | None,
        typer.Argument(metavar="[LIST]", help="A list's number; the latest lists unless given."),
    ] = None,
    retry: Annotated[
        bool,
        typer.Option("--retry", help="Send the list's failed invitations again, here and now."),
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Every address of the list, not only the failed ones.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """E-mail invitation lists sent to a group: where each stands, the failed addresses and
    why; --retry sends a list's failed ones again (never the sent ones)."""
    user = acting_user(ctx)
    found = managed(user, group)
    if batch is None:
        if retry:
            raise CliError("Say which list to retry: its number.", ExitCode.USAGE)
        lists = invitations.batches_of(group=found, limit=20)
        if as_json:
            emit_json({"count": len(lists), "items": [b.as_dict() for b in lists]})
            return
        if not lists:
            say(f"No invitations were sent to {found.name} by e-mail yet.")
            return
        grid = table("List", "Made", "Where it stands")
        for item in lists:
            grid.add_row(str(item.batch_id), f"{item.created_at:%d %b %Y}", plain(item.words()))
        show(grid)
        return
    try:
        if retry:
            progress = invitations.retry_failed(
                by=user, group_id=found.pk, batch_id=batch, queue=False
            )
            _send_and_report(progress, as_json=as_json)
            return
        progress = invitations.batch_of(by=user, group_id=found.pk, batch_id=batch)
    except InvitationBatch.DoesNotExist:
        raise CliError(
            f"{found.name} has no invitation list {batch}. "
            "See its lists with `mutuals group invitations GROUP`.",
            ExitCode.NOT_FOUND,
        ) from None
    _report(progress, as_json=as_json, every=every)


def members(ctx: typer.Context, group: GroupArgument, as_json: JsonOption = False) -> None:
    """A group's members and whether they pool (group administrators); never whom."""
    user = acting_user(ctx)
    found_group = managed(user, group)
    items = [serialize.member_to_dict(m) for m in selectors.members_of(group=found_group)]
    if as_json:
        emit_json({"count": len(items), "items": items})
        return
    grid = table("Member", "Role", "Pools")
    for item in items:
        grid.add_row(plain(item["username"]), item["role"], "yes" if item["pools"] else "no")
    show(grid)


def report(ctx: typer.Context, group: GroupArgument, as_json: JsonOption = False) -> None:
    """A group's numbers (group administrators): members, how many pool, and per month for a
    year, who joined, searches, and introductions requested, accepted, made and thanked.
    Counts only: never anyone's network or what was searched."""
    user = acting_user(ctx)
    found = managed(user, group)
    result = selectors.admin_report(group=found, today=timezone.localdate())
    if as_json:
        emit_json({"group": {"id": found.pk, "name": found.name}, **result.as_dict()})
        return
    say(f"{found.name}: {result.pooling_words()}")
    grid = table("Month", *(name.capitalize() for name in group_report.FIGURES))
    for month in reversed(result.months):
        grid.add_row(f"{month.month:%b %Y}", *(str(month.figures[n]) for n in group_report.FIGURES))
    totals = result.totals()
    grid.add_row("12 months", *(str(totals[n]) for n in group_report.FIGURES))
    show(grid)
    ends = table("Month", "Members at its end", "Of them pooling")
    for month in reversed(result.months):
        rate = "" if month.rate is None else f" ({month.rate}%)"
        ends.add_row(f"{month.month:%b %Y}", str(month.members), f"{month.pooling}{rate}")
    show(ends)


def admin(
    ctx: typer.Context,
    group: GroupArgument,
    username: Annotated[str, typer.Argument(metavar="USER", help="The member's user name.")],
    remove: Annotated[
        bool,
        typer.Option("--remove", help="Make them a member again (never the last administrator)."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Name a member of the group one of its administrators, or --remove one."""
    user = acting_user(ctx)
    found = managed(user, group)
    change = administration.remove_admin if remove else administration.name_admin
    member = change(by=user, group_id=found.pk, username=username)
    if as_json:
        emit_json(serialize.member_to_dict(member))
        return
    name = member.user.get_username()
    if remove:
        say(f"{name} is a member of {found.name} again, no longer an administrator.")
    else:
        say(f"{name} is now an administrator of {found.name}.")

"""Groups and their pool: `mutuals group create|list|invite|join|leave|members|pool|report|admin`
and `mutuals pool search`. Groups are named by their name or #ID."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from mutuals.accounts.roles import is_admin
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.core import group_report, pool
from mutuals.groups import administration, requests, selectors, serialize, services
from mutuals.groups.models import Group, Membership

group_app = typer.Typer(
    help="Groups: create one, invite, join, choose what you pool, see the members.",
    no_args_is_help=True,
)
pool_app = typer.Typer(
    help="Search your groups' pools: how many members could introduce you, never who.",
    no_args_is_help=True,
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
GroupArgument = Annotated[str, typer.Argument(metavar="GROUP", help="The group's name, or #ID.")]


def _membership(user, name: str) -> Membership:  # type: ignore[no-untyped-def]
    try:
        return selectors.membership_named(user=user, name=name)
    except Membership.DoesNotExist:
        raise CliError(
            f"You belong to no group called '{name.strip()}'. "
            "List yours with `mutuals group list`.",
            ExitCode.NOT_FOUND,
        ) from None


def _refused(error: PermissionDenied) -> CliError:
    return CliError(str(error) or "You may not do that.", ExitCode.ERROR)


def _managed(user, name: str) -> Group:  # type: ignore[no-untyped-def]
    """A group the user administers (or any group, for an install administrator)."""
    try:
        group_id = selectors.membership_named(user=user, name=name).group_id
    except Membership.DoesNotExist:
        try:
            if not is_admin(user):
                raise Group.DoesNotExist
            group_id = selectors.group_named(name=name).pk
        except Group.DoesNotExist:
            raise CliError(
                f"You administer no group called '{name.strip()}'. "
                "List yours with `mutuals group list`.",
                ExitCode.NOT_FOUND,
            ) from None
    try:
        return services.group_for_admin(by=user, group_id=group_id)
    except PermissionDenied as error:
        raise _refused(error) from None


@group_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The group's name.")],
    daily_searches: Annotated[
        int | None,
        typer.Option(
            "--daily-searches",
            min=1,
            max=1000,
            help="Pooled searches a member may make each day (30 unless you say).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Create a group (administrators of the install); you become its administrator."""
    user = acting_user(ctx)
    try:
        group = services.create_group(by=user, name=name, daily_searches=daily_searches)
    except PermissionDenied as error:
        raise _refused(error) from None
    membership = services.membership_of(user=user, group_id=group.pk)
    if as_json:
        emit_json(serialize.membership_to_dict(membership))
        return
    say(f"Created {group.name} (#{group.pk}). Invite people with `mutuals group invite`.")


@group_app.command("list")
def list_groups(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your groups, your role and what you pool to each."""
    found = selectors.groups_of(user=acting_user(ctx))
    items = [serialize.membership_to_dict(m) for m in found]
    if as_json:
        emit_json({"count": len(items), "items": items})
        return
    if not items:
        say("You belong to no group yet. Join one with `mutuals group join CODE`.")
        return
    grid = table("#", "Group", "Role", "You pool", "People pooled")
    for item in items:
        grid.add_row(
            str(item["id"]),
            plain(item["name"]),
            item["role_words"],
            item["pooling_words"],
            str(item["pooled_people"]),
        )
    show(grid)


@group_app.command("invite")
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
    found = _managed(user, group)
    if emails is None:
        code = services.new_link_code(by=user, group_id=found.pk)
    else:
        text = emails.read_text(encoding="utf-8-sig")
        report = administration.invite_by_email(
            by=user, group_id=found.pk, csv_text=text, days=days, send=not no_mail
        )
    if emails is None:
        if as_json:
            emit_json({"code": code, "path": services.join_path(code)})
            return
        show(plain(code))
        say(
            f"Anyone with this code (or the link {services.join_path(code)}) can join; "
            "the previous code no longer works."
        )
        return
    data = report.as_dict()
    if as_json:
        emit_json(data)
        return
    grid = table("E-mail", "Code", "Sent") if report.mailed else table("E-mail", "Code")
    for item in data["items"]:
        if report.mailed:
            sent = "yes" if item["sent"] else f"no: {item['reason']}"
            grid.add_row(plain(item["email"]), item["code"], plain(sent))
        else:
            grid.add_row(plain(item["email"]), item["code"])
    show(grid)
    say(f"{report.message} Each invitation works once, for {days} days.")


@group_app.command("join")
def join(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="CODE", help="The code you were given.")],
) -> None:
    """Join a group with its code; you pool nothing until you choose to."""
    membership = services.join(user=acting_user(ctx), code=code)
    say(
        f"You joined {membership.group.name}. You pool nothing yet: choose with "
        f'`mutuals group pool "{membership.group.name}" --all` (or --circle, --person).'
    )


@group_app.command("leave")
def leave(ctx: typer.Context, group: GroupArgument) -> None:
    """Leave a group: everything you pooled to it goes at once."""
    user = acting_user(ctx)
    membership = _membership(user, group)
    services.leave(user=user, group_id=membership.group_id)
    say(f"You left {membership.group.name}; nothing of yours is in its pool now.")


@group_app.command("members")
def members(ctx: typer.Context, group: GroupArgument, as_json: JsonOption = False) -> None:
    """A group's members and whether they pool (group administrators); never whom."""
    user = acting_user(ctx)
    found_group = _managed(user, group)
    items = [serialize.member_to_dict(m) for m in selectors.members_of(group=found_group)]
    if as_json:
        emit_json({"count": len(items), "items": items})
        return
    grid = table("Member", "Role", "Pools")
    for item in items:
        grid.add_row(plain(item["username"]), item["role"], "yes" if item["pools"] else "no")
    show(grid)


@group_app.command("report")
def report(ctx: typer.Context, group: GroupArgument, as_json: JsonOption = False) -> None:
    """A group's numbers (group administrators): members, how many pool, and per month for a
    year, who joined, searches, and introductions requested, accepted, made and thanked.
    Counts only: never anyone's network or what was searched."""
    user = acting_user(ctx)
    found = _managed(user, group)
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


@group_app.command("admin")
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
    found = _managed(user, group)
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


@group_app.command("pool")
def set_pool(
    ctx: typer.Context,
    group: GroupArgument,
    everyone: Annotated[bool, typer.Option("--all", help="Pool everyone you know.")] = False,
    circles: Annotated[
        list[str] | None,
        typer.Option("--circle", help="Pool the people in this circle (again for more)."),
    ] = None,
    people: Annotated[
        list[int] | None, typer.Option("--person", help="Pool this person, by id (again for more).")
    ] = None,
    withdraw: Annotated[
        bool, typer.Option("--withdraw", help="Pool nothing: withdraw everything, at once.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Choose what you pool to a group (--all, --circle, --person), or --withdraw."""
    user = acting_user(ctx)
    membership = _membership(user, group)
    chosen = [everyone, bool(circles), bool(people), withdraw]
    if sum(chosen) != 1:
        raise CliError(
            "Choose one of --all, --circle NAME, --person ID or --withdraw.", ExitCode.USAGE
        )
    scope = (
        Membership.ALL
        if everyone
        else Membership.CIRCLES
        if circles
        else Membership.PEOPLE
        if people
        else Membership.NONE
    )
    services.set_pooling(
        user=user,
        group_id=membership.group_id,
        scope=scope,
        circles=circles or [],
        people=people or [],
    )
    updated = services.membership_of(user=user, group_id=membership.group_id)
    data = serialize.membership_to_dict(updated)
    if as_json:
        emit_json(data)
        return
    if scope == Membership.NONE:
        say(f"You pool nothing to {data['name']} now; every row of yours is gone.")
        return
    say(f"You pool {data['pooling_words']} to {data['name']}: {data['pooled_people']} people.")
    say(pool.POOLING_WORDS)


@pool_app.command("search")
def search(
    ctx: typer.Context,
    group: GroupArgument,
    person: Annotated[str | None, typer.Option("--person", help="A person's full name.")] = None,
    organisation: Annotated[
        str | None, typer.Option("--org", help="An organisation's name.")
    ] = None,
    words: Annotated[
        str | None, typer.Option("--words", help="At least two words, like 'product manager'.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """How many members of a group know someone matching, and how warmly; never who."""
    user = acting_user(ctx)
    membership = _membership(user, group)
    try:
        answer, sentence = services.search(
            user=user,
            group_id=membership.group_id,
            person=person,
            organisation=organisation,
            words=words,
        )
    except services.SearchLimitReached as limit:
        raise CliError(str(limit), ExitCode.ERROR) from None
    if as_json:
        emit_json(serialize.answer_to_dict(answer, sentence))
        return
    say(sentence)
    if 0 < answer.members < pool.THRESHOLD:
        say(f"Counts under {pool.THRESHOLD} read 'a few', so no one can be told apart.")


TargetPerson = Annotated[str | None, typer.Option("--person", help="A person's full name.")]
TargetOrg = Annotated[str | None, typer.Option("--org", help="An organisation's name.")]
TargetWords = Annotated[
    str | None, typer.Option("--words", help="At least two words, like 'product manager'.")
]


@pool_app.command("request")
def request(
    ctx: typer.Context,
    group: GroupArgument,
    person: TargetPerson = None,
    organisation: TargetOrg = None,
    words: TargetWords = None,
    note: Annotated[
        str,
        typer.Option(
            "--note", help="Your note to the member asked (drafted for you when left out)."
        ),
    ] = "",
    as_json: JsonOption = False,
) -> None:
    """Ask the pool for an introduction to someone you searched in the last day (the same
    --person, --org or --words). The member who knows them best is asked; you learn who only
    if they accept."""
    user = acting_user(ctx)
    membership = _membership(user, group)
    try:
        made = requests.request_introduction(
            user=user,
            group_id=membership.group_id,
            person=person,
            organisation=organisation,
            words=words,
            note=note,
        )
    except requests.RequestLimitReached as limit:
        raise CliError(str(limit), ExitCode.ERROR) from None
    data = serialize.my_request_to_dict(made, timezone.now())
    if as_json:
        emit_json(data)
        return
    say(
        f"Request {data['id']} sent: a member of {data['group']['name']} who knows "
        f"{data['target']} is asked, with your note. You learn who only if they accept."
    )
    say("See where it stands with `mutuals pool status`.")


@pool_app.command("status")
def status(
    ctx: typer.Context,
    group: Annotated[
        str | None,
        typer.Argument(metavar="[GROUP]", help="One group (name or #ID); all unless given."),
    ] = None,
    asked: Annotated[
        bool, typer.Option("--asked", help="Requests asked of you, instead of yours.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Your introduction requests and their state (waiting, accepted with the member's name,
    or no introduction this time), and the requests asked of you."""
    user = acting_user(ctx)
    group_ids = (
        [_membership(user, group).group_id]
        if group
        else [m.group_id for m in selectors.groups_of(user=user)]
    )
    now = timezone.now()
    mine = [
        serialize.my_request_to_dict(found, now)
        for group_id in group_ids
        for found in selectors.requests_of(user=user, group_id=group_id)
    ]
    theirs = [
        serialize.asked_request_to_dict(found)
        for group_id in group_ids
        for found in selectors.asked_of(user=user, group_id=group_id)
    ]
    if as_json:
        items = theirs if asked else mine
        emit_json({"count": len(items), "items": items})
        return
    if not asked:
        if not mine:
            say(
                "You have asked for no introductions: search with `mutuals pool search`, then "
                "ask with `mutuals pool request`."
            )
        else:
            grid = table("Request", "Group", "For", "State", "Introducer", title="Your requests")
            for item in mine:
                grid.add_row(
                    str(item["id"]),
                    plain(item["group"]["name"]),
                    plain(item["target"]),
                    item["state_words"],
                    plain(item["introducer"] or ""),
                )
            show(grid)
            if any(i["state"] == pool.INTRODUCED and not i["thanked_at"] for i in mine):
                say("Thank who introduced you with `mutuals pool thank REQUEST`.")
    if not theirs:
        if asked:
            say("No one has asked you for an introduction.")
        return
    grid = table("Request", "Group", "From", "For", "Status", title="Asked of you")
    for item in theirs:
        grid.add_row(
            str(item["id"]),
            plain(item["group"]["name"]),
            plain(item["requester"]),
            plain(item["person"] or "(no longer in your records)"),
            item["status"],
        )
    show(grid)
    open_ones = [item for item in theirs if item["status"] == pool.OPEN]
    for item in open_ones:
        show(plain(f"\nRequest {item['id']} from {item['requester']}:\n{item['note']}"))
    if open_ones:
        say("Answer with `mutuals pool answer REQUEST accept` (or `decline`).")


@pool_app.command("answer")
def answer(
    ctx: typer.Context,
    request_id: Annotated[int, typer.Argument(metavar="REQUEST", help="The request's number.")],
    choice: Annotated[str, typer.Argument(metavar="accept|decline", help="accept or decline.")],
    as_json: JsonOption = False,
) -> None:
    """Accept or decline a request asked of you. Accepting adds the requester to your people
    and starts an introduction to your person (`mutuals intro …`): ask them both first.
    Declining tells the requester nothing."""
    if choice not in ("accept", "decline"):
        raise CliError(f"'{choice}' is not an answer: say accept or decline.", ExitCode.USAGE)
    user = acting_user(ctx)
    requests.answer_request(user=user, request_id=request_id, accept=choice == "accept")
    found = selectors.asked_request(user=user, request_id=request_id)
    data = serialize.asked_request_to_dict(found)
    if as_json:
        emit_json(data)
        return
    if choice == "decline":
        say(f"Declined. {data['requester']} is not told.")
        return
    say(
        f"Accepted: {data['requester']} now knows your name, and you theirs. Introduction "
        f"{data['introduction_id']} is started: ask {data['person']} and "
        f"{data['requester']} whether they want it, then move it on with `mutuals intro`."
    )


@pool_app.command("thank")
def thank(
    ctx: typer.Context,
    request_id: Annotated[int, typer.Argument(metavar="REQUEST", help="Your request's number.")],
    as_json: JsonOption = False,
) -> None:
    """Thank the member who accepted your request, once: they join your people (when not there
    yet) and the introduction is recorded as received from them, thanked, on your ledger."""
    thanked = requests.thank(user=acting_user(ctx), request_id=request_id)
    data = serialize.my_request_to_dict(thanked, timezone.now())
    if as_json:
        emit_json(data)
        return
    say(
        f"You thanked {data['introducer']}: they are in your people, with the introduction to "
        f"{data['target']} received from them on your ledger."
    )

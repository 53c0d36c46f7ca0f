"""Users and API tokens: `mutuals user create|passwd|list|delete|disable|enable|role|invite`,
`mutuals token create|list|revoke`. Run on the server, these act as its console: the owner's
powers (accounts.roles, `by=None`)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from django.utils import timezone

from mutuals.accounts import invitations, roles
from mutuals.accounts import selectors as account_selectors
from mutuals.accounts import services as account_services
from mutuals.accounts.models import ApiToken
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.cli.setup import prepare_database
from mutuals.people.serialize import iso

NO_PASSWORD = (
    "No password came in on stdin. Pipe one in, e.g. `printf '%s\\n' \"$PASSWORD\" | "
    "mutuals user {command}`, or run it at a terminal to be asked for one."
)
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from the first line of stdin (the default when stdin is a "
        "pipe rather than a terminal).",
    ),
]

RoleOption = Annotated[
    str,
    typer.Option("--role", metavar="member|coach", help="A member (job seeker) or a coach."),
]
user_app = typer.Typer(help="Manage the people who can sign in.", no_args_is_help=True)
token_app = typer.Typer(
    help="Manage personal access tokens for the JSON API.", no_args_is_help=True
)


@user_app.command("create")
def create_user(
    username: Annotated[
        str | None,
        typer.Argument(metavar="USERNAME", help="Their user name (asked for when left out)."),
    ] = None,
    password_stdin: PasswordStdin = False,
    role: RoleOption = roles.MEMBER,
    admin: Annotated[
        bool,
        typer.Option("--admin", help="Also an administrator: may manage the install's users."),
    ] = False,
) -> None:
    """Create a user who can sign in (a member unless `--role coach`); the first one owns the
    install."""
    prepare_database()
    roles.check_kind(role)
    if not username:
        username = typer.prompt("User name")
    password = _read_password(password_stdin, "Password", "create NAME --password-stdin")
    if not account_selectors.has_any_user():
        user = account_services.create_user(username=username, password=password, is_owner=True)
        if role != roles.MEMBER:
            roles.set_role(by=None, user_id=user.pk, role=role)
        described = "the owner of this install" + (f" and a {role}" if role != "member" else "")
    else:
        user = account_services.create_user_as(
            by=None, username=username, password=password, role=role, admin=admin
        )
        described = f"a {role}" + (" and an administrator" if admin else "")
    say(f"Created {user.get_username()}, {described}. Sign in with `mutuals serve`.", style="green")


def _at_a_terminal() -> bool:
    return sys.stdin.isatty()


def _read_password(password_stdin: bool, prompt: str, command: str) -> str:
    """Asked for twice at a terminal; else the first line of stdin. A pipe that answers both
    prompts (the password, then again) works too: a second line must then be the same."""
    if not password_stdin and _at_a_terminal():
        return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=True))
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise CliError(NO_PASSWORD.format(command=command), ExitCode.INVALID)
    if not password_stdin:
        again = sys.stdin.readline().rstrip("\r\n")
        if again and again != password:
            raise CliError(
                "The two passwords on stdin differ; nothing was changed.", ExitCode.INVALID
            )
    return password


def _no_such_user(username: str) -> CliError:
    return CliError(
        f"There is no user called '{username}'. See who there is with `mutuals user list`.",
        ExitCode.NOT_FOUND,
    )


@user_app.command("passwd")
def passwd(
    username: Annotated[str, typer.Argument(metavar="NAME", help="Whose password to set.")],
    password_stdin: PasswordStdin = False,
    revoke_tokens: Annotated[
        bool | None,
        typer.Option(
            "--revoke-tokens/--keep-tokens",
            help="Also revoke their API tokens (asked when left out and typing at a terminal).",
        ),
    ] = None,
) -> None:
    """Set a new password (for a forgotten one); it also lifts any sign-in wait on the name."""
    prepare_database()
    user = _any_user_named(username)
    asking = not password_stdin and _at_a_terminal()
    password = _read_password(password_stdin, "New password", "passwd NAME --password-stdin")
    if revoke_tokens is None:
        has_tokens = account_selectors.tokens_for(user=user).exists()
        revoke_tokens = (
            has_tokens
            and asking
            and typer.confirm(
                "Also revoke their API tokens, in case someone else knew the password?",
                default=False,
            )
        )
    revoked = account_services.set_password(
        username=user.get_username(), password=password, revoke_tokens=revoke_tokens
    )
    tokens = (
        f" and revoked {revoked} API token{'s' if revoked != 1 else ''}" if revoke_tokens else ""
    )
    say(
        f"Set a new password for {user.get_username()}{tokens}. "
        "Their browsers are signed out; sign in again with the new password.",
        style="green",
    )


def _any_user_named(username: str):
    found = account_selectors.user_named(username)
    if found is None:
        raise _no_such_user(username)
    return found


@user_app.command("list")
def list_users(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """List who can sign in: owners first, with whether they are enabled."""
    prepare_database()
    people = list(account_selectors.users())
    if as_json:
        emit_json({"count": len(people), "items": [_user_to_dict(u) for u in people]})
        return
    if not people:
        say(
            "No users yet. `mutuals init` makes your account on this computer; "
            "`mutuals user create NAME` makes one with a password."
        )
        return
    grid = table("User", "Role", "Status", "API tokens", "Last sign-in")
    for user in people:
        grid.add_row(
            plain(user.get_username()),
            _role_words(user),
            "enabled" if user.is_active else "disabled",
            str(user.token_count),
            f"{user.last_login:%Y-%m-%d}" if user.last_login else "never",
        )
    show(grid)


def _user_to_dict(user) -> dict[str, object]:
    return {
        "username": user.get_username(),
        "is_owner": user.is_superuser,
        "role": roles.role_of(user),
        "is_admin": bool(user.is_superuser) or _named_admin(user),
        "is_active": user.is_active,
        "api_tokens": user.token_count,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
    }


@user_app.command("delete")
def delete_user(
    username: Annotated[str, typer.Argument(metavar="NAME", help="Who to delete.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a user and everything they recorded (never the last owner)."""
    prepare_database()
    user = _any_user_named(username)
    name = user.get_username()
    if not yes and not typer.confirm(
        f"Delete {name} and everything they recorded? This cannot be undone.", default=False
    ):
        raise CliError(f"Kept {name}; nothing was deleted.", ExitCode.ERROR)
    account_services.delete_user(username=name)
    say(f"Deleted {name} and everything they recorded.", style="green")


def _named_admin(user) -> bool:
    row = getattr(user, "role", None)
    return bool(row is not None and row.is_admin)


def _role_words(user) -> str:
    """ "owner", "coach", "member", with ", administrator" when named one."""
    kind = roles.role_of(user)
    if user.is_superuser:
        return "owner" if kind == roles.MEMBER else f"owner, {kind}"
    return kind + (", administrator" if _named_admin(user) else "")


def _set_active(username: str, active: bool) -> str:
    prepare_database()
    user = _any_user_named(username)
    account_services.set_active(by=None, user_id=user.pk, active=active)
    return str(user.get_username())


@user_app.command("disable")
def disable_user(
    username: Annotated[str, typer.Argument(metavar="NAME", help="Who to disable.")],
) -> None:
    """Stop someone signing in: their browsers and API tokens stop at once; their records
    stay (`mutuals user enable NAME` lets them in again)."""
    name = _set_active(username, False)
    say(
        f"Disabled {name}: they are signed out and their API tokens stop working; "
        "their records stay.",
        style="green",
    )


@user_app.command("enable")
def enable_user(
    username: Annotated[str, typer.Argument(metavar="NAME", help="Who to enable again.")],
) -> None:
    """Let a disabled user sign in again, with their records as they were."""
    name = _set_active(username, True)
    say(f"{name} can sign in again.", style="green")


@user_app.command("role")
def set_user_role(
    username: Annotated[str, typer.Argument(metavar="NAME", help="Whose role to change.")],
    role: Annotated[
        str | None,
        typer.Option("--role", metavar="member|coach", help="Make them a member or a coach."),
    ] = None,
    admin: Annotated[
        bool | None,
        typer.Option("--admin/--no-admin", help="Name them an administrator, or no longer one."),
    ] = None,
) -> None:
    """Make someone a member or a coach, or name (or unname) them an administrator."""
    prepare_database()
    if role is None and admin is None:
        raise CliError(
            "Say what to change: `--role member|coach`, `--admin` or `--no-admin`.",
            ExitCode.USAGE,
        )
    user = _any_user_named(username)
    changed = roles.set_role(by=None, user_id=user.pk, role=role, admin=admin)
    say(f"{changed.get_username()} is now: {_role_words(changed)}.", style="green")


@user_app.command("invite")
def invite(
    role: RoleOption = roles.MEMBER,
    days: Annotated[
        int,
        typer.Option("--days", help=f"Days the link works (1 to {invitations.MAX_DAYS}).", min=1),
    ] = invitations.DEFAULT_DAYS,
    name: Annotated[
        str,
        typer.Option("--name", metavar="NAME", help="Their user name; left out, they choose."),
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """Make a single-use invitation link that lets someone choose their own password; it is
    printed once (only its hash is kept): send it to them your own way."""
    prepare_database()
    made = invitations.create_invitation(by=None, role=role, username=name, days=days)
    link = invitations.invitation_link(made.code)
    if as_json:
        emit_json(
            {
                "id": made.invitation.pk,
                "role": made.invitation.kind,
                "username": made.invitation.username or None,
                "link": link,
                "expires_at": iso(made.invitation.expires_at),
            }
        )
    else:
        sys.stdout.write(link + "\n")
    ends = timezone.localtime(made.invitation.expires_at)
    say(
        f"An invitation as a {role}, working once until {ends.day} {ends:%b %Y}. "
        "Copy it now: it is shown only once."
    )
    if not link.startswith("http"):
        say(
            "Put the address people open mutuals at in front of it, "
            "or set MUTUALS_BASE_URL so the whole link is printed."
        )


@token_app.command("create")
def create_token(
    ctx: typer.Context,
    label: Annotated[
        str, typer.Option(metavar="LABEL", help="What the token is for, to recognise it later.")
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the token as JSON.")] = False,
) -> None:
    """Make an API token and print its secret, once."""
    user = acting_user(ctx)
    token, secret = account_services.create_token(user=user, label=label)
    if as_json:
        emit_json({**_token_to_dict(token), "token": secret})
    else:
        sys.stdout.write(secret + "\n")
    say(
        f"Token #{token.pk} ({token.label}) created. Copy it now: it is shown only once. "
        "Send it as the header 'Authorization: Bearer <token>'."
    )


def _token_to_dict(token: ApiToken) -> dict[str, object]:
    return {
        "id": token.pk,
        "label": token.label,
        "prefix": token.prefix,
        "created_at": iso(token.created_at),
        "last_used_at": iso(token.last_used_at),
    }


@token_app.command("list")
def list_tokens(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")] = False,
) -> None:
    """List your API tokens (never their secrets)."""
    tokens = list(account_selectors.tokens_for(user=acting_user(ctx)))
    if as_json:
        emit_json({"tokens": [_token_to_dict(t) for t in tokens]})
        return
    if not tokens:
        say("No API tokens. Make one with `mutuals token create --label NAME`.")
        return
    grid = table("#", "Label", "Starts with", "Created", "Last used")
    for token in tokens:
        grid.add_row(
            str(token.pk),
            plain(token.label),
            f"{token.prefix}…",
            f"{token.created_at:%Y-%m-%d}",
            f"{token.last_used_at:%Y-%m-%d}" if token.last_used_at else "never",
        )
    show(grid)


@token_app.command("revoke")
def revoke_token(
    ctx: typer.Context,
    token_id: Annotated[
        int | None,
        typer.Argument(metavar="ID", help="The token's number, as `token list` shows."),
    ] = None,
    revoke_all: Annotated[
        bool, typer.Option("--all", help="Revoke every one of your tokens.")
    ] = False,
) -> None:
    """Revoke an API token (or all of them): programs using it are refused from now on."""
    if revoke_all:
        revoked = account_services.revoke_all_tokens(user=acting_user(ctx))
        say(f"Revoked all your API tokens ({revoked}).", style="green")
        return
    if token_id is None:
        raise CliError(
            "Say which token to revoke: `mutuals token revoke ID` (see `mutuals token list`), "
            "or all of them with `mutuals token revoke --all`.",
            ExitCode.USAGE,
        )
    try:
        account_services.revoke_token(user=acting_user(ctx), token_id=token_id)
    except ApiToken.DoesNotExist:
        raise CliError(
            f"You have no token #{token_id}. List yours with `mutuals token list`.",
            ExitCode.NOT_FOUND,
        ) from None
    say(f"Revoked token #{token_id}.", style="green")

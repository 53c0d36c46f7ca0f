"""Users and API tokens: `mutuals user create`, `mutuals token create|list|revoke`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mutuals.accounts import selectors as account_selectors
from mutuals.accounts import services as account_services
from mutuals.accounts.models import ApiToken
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user
from mutuals.cli.setup import migrate_quietly
from mutuals.people.serialize import iso

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
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
    ] = False,
) -> None:
    """Create a user who can sign in; the first one owns the install."""
    migrate_quietly()
    if not username:
        username = typer.prompt("User name")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    is_owner = not account_selectors.has_any_user()
    user = account_services.create_user(username=username, password=password, is_owner=is_owner)
    role = "the owner of this install" if is_owner else "a user"
    say(f"Created {user.get_username()}, {role}. Sign in with `mutuals serve`.", style="green")


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
        int, typer.Argument(metavar="ID", help="The token's number, as `token list` shows.")
    ],
) -> None:
    """Revoke an API token: programs using it are refused from now on."""
    try:
        account_services.revoke_token(user=acting_user(ctx), token_id=token_id)
    except ApiToken.DoesNotExist:
        raise CliError(
            f"You have no token #{token_id}. List yours with `mutuals token list`.",
            ExitCode.NOT_FOUND,
        ) from None
    say(f"Revoked token #{token_id}.", style="green")

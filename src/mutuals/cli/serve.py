"""Running the app: `mutuals serve`, and the demo network: `mutuals demo`."""

from __future__ import annotations

import errno
from typing import Annotated

import typer
from django.conf import settings

from mutuals.accounts import selectors as account_selectors
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import say
from mutuals.cli.resolve import acting_user
from mutuals.cli.setup import migrate_quietly
from mutuals.database import gather_statistics
from mutuals.demo import services as demo_services
from mutuals.people import selectors as people_selectors

WAITRESS_THREADS = 8


def serve(
    host: Annotated[
        str, typer.Option(metavar="HOST", help="The address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=1, max=65535, metavar="PORT", help="The port to listen on.")
    ] = 8000,
    demo_if_empty: Annotated[
        bool,
        typer.Option(
            "--demo-if-empty", help="Fill in the demo network when the only user has no people."
        ),
    ] = False,
    no_migrate: Annotated[
        bool, typer.Option("--no-migrate", help="Do not create or update the database tables.")
    ] = False,
) -> None:
    """Start the web app (Ctrl-C stops it)."""
    import waitress
    from django.core.wsgi import get_wsgi_application

    if not no_migrate:
        migrate_quietly()
    owner = account_selectors.local_user()
    if demo_if_empty and owner is not None and people_selectors.count_people(owner=owner) == 0:
        loaded = demo_services.load_demo(owner=owner)
        say(
            f"Filled in a demo network of {loaded.people} people to explore; "
            "remove it with `mutuals demo --clear`."
        )
    gather_statistics()
    try:
        server = waitress.create_server(
            get_wsgi_application(),
            host=host,
            port=port,
            threads=WAITRESS_THREADS,
            **_proxy_trust(),
        )
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CliError(
                f"Port {port} is already in use (is mutuals running already?). "
                f"Choose another with `mutuals serve --port {port + 1}`.",
                ExitCode.ERROR,
            ) from None
        raise CliError(f"Cannot listen on {host}:{port}: {error.strerror}.") from None
    _welcome(_url(host, port), owner, demo_if_empty)
    server.run()  # returns when Ctrl-C interrupts it
    say("Stopped.")


def _proxy_trust() -> dict[str, str]:
    """Behind a TLS proxy (MUTUALS_BEHIND_TLS_PROXY), keep the proxy's X-Forwarded-Proto, which
    waitress otherwise drops, so a request that came over HTTPS is known as one. Like Django's
    SECURE_PROXY_SSL_HEADER, this trusts whoever connects: listen only where the proxy can."""
    if not getattr(settings, "MUTUALS_BEHIND_TLS_PROXY", False):
        return {}
    # x-forwarded-for too: the client's own address is what sign-in throttling counts by
    # (accounts.throttle); without it every client would share the proxy's address.
    return {"trusted_proxy": "*", "trusted_proxy_headers": "x-forwarded-proto x-forwarded-for"}


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in {"0.0.0.0", "", "::"} else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def _welcome(url: str, owner, demo_if_empty: bool) -> None:
    say(f"mutuals is running at {url}", style="bold")
    if not account_selectors.has_any_user():
        demo = " (a demo network will be filled in for you to explore)" if demo_if_empty else ""
        say(f"Open {url} and choose your password{demo}.")
        _print_setup_code()
    elif owner is not None:
        say(f"Sign in as {owner.get_username()}.")
    else:
        say("Sign in with your user name and password.")
    say(f"Your data lives in {settings.MUTUALS_HOME} ({_database()}).")
    say("Press Ctrl-C to stop.", style="dim")


def _print_setup_code() -> None:
    """The one-time code a browser on another computer needs to claim this install
    (accounts.setup_code); a browser on this computer needs none."""
    from mutuals.accounts.setup_code import issue_setup_code

    code = issue_setup_code()
    if code:
        say(
            f"From another computer, the set-up page asks for this one-time code: {code} "
            "(valid for a day; restarting prints a new one)."
        )


def _database() -> str:
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return f"database: {database['NAME']}"
    where = f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}"
    return f"database: PostgreSQL '{database['NAME']}' on {where}"


def demo(
    ctx: typer.Context,
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove the demo network instead of loading it.")
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(metavar="N", help="Make a different network; the same N, the same network."),
    ] = None,
) -> None:
    """Load a demo network to explore, or clear it."""
    owner = acting_user(ctx)
    if clear:
        removed = demo_services.clear_demo(owner=owner)
        say(f"Removed the demo network ({removed} people); what you entered stays.", style="green")
        return
    if demo_services.has_demo(owner=owner):
        raise CliError(
            "The demo network is already loaded. Clear it first with `mutuals demo --clear`.",
            ExitCode.INVALID,
        )
    if seed is None:
        loaded = demo_services.load_demo(owner=owner)  # the standard demo network
    else:
        loaded = demo_services.load_demo(owner=owner, seed=seed)
    say(
        f"Loaded a demo network: {loaded.people} people, {loaded.interactions} conversations, "
        f"{loaded.promises} promises. Try `mutuals today`.",
        style="green",
    )

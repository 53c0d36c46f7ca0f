"""Running the app: `mutuals serve`, and the demo network: `mutuals demo`."""

from __future__ import annotations

import errno
from typing import Annotated, NoReturn

import typer
from django.conf import settings

from mutuals.accounts import selectors as account_selectors
from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import say
from mutuals.cli.resolve import acting_user
from mutuals.cli.setup import database_description, migrate_quietly, prepare_database
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
    no_worker: Annotated[
        bool,
        typer.Option(
            "--no-worker",
            help="Do not run the background worker (morning digests) in this process; "
            "run `mutuals worker` instead.",
        ),
    ] = False,
    processes: Annotated[
        int,
        typer.Option(
            "--processes",
            min=1,
            max=64,
            metavar="N",
            help="Server processes sharing the port (Linux and macOS): about one per core on "
            "a server.",
        ),
    ] = 1,
) -> None:
    """Start the web app (Ctrl-C stops it)."""
    import waitress

    _ctrl_c_stops()
    from django.core.wsgi import get_wsgi_application

    from mutuals.addressbook.dav.app import mount

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
    if processes > 1:
        _serve_processes(host, port, processes, owner, demo_if_empty, no_worker)
        return
    try:
        server = waitress.create_server(
            mount(get_wsgi_application()),
            host=host,
            port=port,
            threads=WAITRESS_THREADS,
            **_proxy_trust(),
        )
    except OSError as error:
        _cannot_listen(host, port, error)
    _welcome(_url(host, port), owner, demo_if_empty)
    worker = None if no_worker else _start_worker()
    server.run()  # returns when Ctrl-C interrupts it
    if worker is not None:
        worker.set()  # the worker's thread stops after its current turn (or with the process)
    say("Stopped.")


def _serve_processes(
    host: str, port: int, count: int, owner, demo_if_empty: bool, no_worker: bool
) -> None:
    """`count` waitress processes on one socket (cli/serve_processes.py); the background
    worker runs once, in this parent process, started after the children are forked."""
    import os

    import waitress
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    from mutuals.addressbook.dav.app import mount
    from mutuals.cli.serve_processes import listening_socket, run_processes

    if not hasattr(os, "fork"):
        raise CliError("`--processes` above 1 needs Linux or macOS; serve with one process here.")
    try:
        sock = listening_socket(host, port)
    except OSError as error:
        _cannot_listen(host, port, error)
    application = mount(get_wsgi_application())

    def serve_one() -> None:
        waitress.create_server(
            application, sockets=[sock], threads=WAITRESS_THREADS, **_proxy_trust()
        ).run()

    def start_worker() -> None:
        if not no_worker:
            worker.append(_start_worker())

    _welcome(_url(host, port), owner, demo_if_empty)
    say(f"Serving with {count} processes.", style="dim")
    connections.close_all()  # no database connection may be shared with the children
    worker: list = []
    run_processes(serve_one, count, started=start_worker)
    for stop in worker:
        stop.set()
    say("Stopped.")


def _ctrl_c_stops() -> None:
    """Ctrl-C (SIGINT) stops the server even when whatever started it ignored or blocked the
    signal (a script's background job, a test runner's worker): both are inherited."""
    import signal

    signal.signal(signal.SIGINT, signal.default_int_handler)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _cannot_listen(host: str, port: int, error: OSError) -> NoReturn:
    if error.errno == errno.EADDRINUSE:
        raise CliError(
            f"Port {port} is already in use (is mutuals running already?). "
            f"Choose another with `mutuals serve --port {port + 1}`.",
            ExitCode.ERROR,
        ) from None
    raise CliError(f"Cannot listen on {host}:{port}: {error.strerror}.") from None


def _start_worker():
    """The background worker (digest/worker.py) in a thread that stops with the server."""
    from mutuals.digest.worker import start_in_thread

    return start_in_thread()[1]


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
    elif owner is not None and not owner.has_usable_password():
        name = owner.get_username()
        say(f"Sign in as {name}, once you set a password with `mutuals user passwd {name}`.")
    elif owner is not None:
        say(f"Sign in as {owner.get_username()}.")
    else:
        say("Sign in with your user name and password.")
    say(f"Your data lives in {settings.MUTUALS_HOME} ({database_description()}).")
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


def demo(
    ctx: typer.Context,
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove the demo network instead of loading it.")
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option(metavar="N", help="Make a different network; the same N, the same network."),
    ] = None,
    coach: Annotated[
        bool,
        typer.Option(
            "--coach",
            help="Instead, add a coach account with three demo clients (or, with --clear, "
            "remove them) to try coaching.",
        ),
    ] = False,
) -> None:
    """Load a demo network to explore, or clear it."""
    if coach:
        _coach_demo(ctx, clear, seed)
        return
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


def _coach_demo(ctx: typer.Context, clear: bool, seed: int | None) -> None:
    """`mutuals demo --coach`: the install's accounts, not the acting user's records."""
    from mutuals.demo import coach as coach_demo

    if seed is not None:
        raise CliError("--seed is for your own demo network; leave it out with --coach.")
    prepare_database()
    if not account_selectors.has_any_user():
        acting_user(ctx)  # a fresh install: its owner first
    if clear:
        removed = coach_demo.clear_coach_demo()
        if not removed:
            say("There is no coaching demo to remove.")
            return
        say(
            f"Removed the coaching demo ({removed} accounts, with their networks); "
            "everyone else's records stay.",
            style="green",
        )
        return
    loaded = coach_demo.load_coach_demo()
    *others, last = [f"{name} ({level.value})" for name, level in loaded.clients]
    clients = f"{', '.join(others)} and {last}"
    if loaded.added:
        say(f"Added the coaching demo: {loaded.coach}, coaching {clients}.", style="green")
    else:
        say(f"Nothing added: the coaching demo is here ({loaded.coach}, coaching {clients}).")
    if loaded.without_password:
        say("Before signing in, set each account's password:")
        for name in loaded.without_password:
            say(f"  mutuals user passwd {name}")
    say(
        f"Sign in as {loaded.coach} and open Clients; remove it all with "
        "`mutuals demo --coach --clear`."
    )

"""`mutuals worker`: the background worker on its own, for a server (docs/deploy.md).

On a laptop `mutuals serve` runs the same worker in a thread; on a server, run this beside the
web server (a systemd unit) and start the web server with `--no-worker`, or not: any number of
workers may run, each digest is still sent once.
"""

from __future__ import annotations

import signal
import threading
from typing import Annotated, Any

import typer

from mutuals.cli.output import say
from mutuals.cli.setup import prepare_database
from mutuals.digest.worker import CHECK_EVERY, DigestWorker


def worker(
    every: Annotated[
        int,
        typer.Option(
            min=30, max=3600, metavar="SECONDS", help="How often to check which digests are due."
        ),
    ] = CHECK_EVERY,
    once: Annotated[
        bool,
        typer.Option("--once", help="Check once, run what the queue holds, then stop (cron)."),
    ] = False,
) -> None:
    """Run the background worker: sends the digests and group invitations, syncs mail accounts."""
    prepare_database()
    runner = DigestWorker(every=every)
    if once:
        runner.tick()
        return
    stop = threading.Event()

    def _stop(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    say(f"The worker is running: it checks for due work every {every} seconds.")
    say("Press Ctrl-C to stop.", style="dim")
    runner.run(stop)
    say("Stopped.")

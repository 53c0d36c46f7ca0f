"""The `mutuals` command: a thin layer over the same services and selectors as the web app.

Each command lives with its kind (people.py, agenda.py, promises.py, accounts.py, serve.py);
this module gathers them into one Typer app. Django is configured before those modules are
imported, because they import the models.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.setup import setup_django

setup_django()

from mutuals.cli import (  # noqa: E402
    accounts,
    agenda,
    backup,
    dedupe,
    exports,
    imports,  # noqa: F401 (its commands join `mutuals import`)
    ledger,
    match,
    needs,
    network,
    outreach,
    paths,
    people,
    person_extras,
    promises,
    review,
    serve,
)
from mutuals.cli.errors import MutualsGroup  # noqa: E402
from mutuals.cli.resolve import CliState  # noqa: E402

app = typer.Typer(
    name="mutuals",
    cls=MutualsGroup,
    help="mutuals: keep in touch with the people you know, and see who to reach out to today.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main(
    ctx: typer.Context,
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            envvar="MUTUALS_USER",
            metavar="NAME",
            help="Act as this user; needed only when the install has more than one.",
        ),
    ] = None,
) -> None:
    """mutuals: keep in touch with the people you know, and see who to reach out to today."""
    ctx.obj = CliState(username=user)


app.command("serve")(serve.serve)
app.command("demo")(serve.demo)
app.command("add")(people.add)
app.command("log")(people.log)
app.command("show")(people.show_person)
app.command("people")(people.list_people)
app.command("today")(agenda.today)
app.command("promise")(promises.promise)
app.command("promises")(promises.list_promises)
app.command("done")(promises.done)
app.command("snooze")(promises.snooze)
app.command("give")(ledger.give)
app.command("received")(ledger.received)
app.command("introduce")(ledger.introduce)
app.command("ask")(ledger.ask)
app.command("answered")(ledger.answered)
app.command("balance")(ledger.balance)
app.command("match")(match.match)
app.command("review")(review.review)
app.command("reviewed")(review.reviewed)
app.command("thanked")(agenda.thanked)
app.command("knows")(network.knows)
app.command("known")(network.known)
app.command("path")(paths.path)
app.command("dedupe")(dedupe.dedupe)
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.add_typer(paths.intro_app, name="intro")
app.add_typer(network.import_app, name="import")
app.add_typer(needs.need_app, name="need")
app.add_typer(person_extras.date_app, name="date")
app.add_typer(person_extras.photo_app, name="photo")
app.add_typer(outreach.outreach_app, name="outreach")
app.add_typer(exports.export_app, name="export")
app.add_typer(accounts.user_app, name="user")
app.add_typer(accounts.token_app, name="token")


def run() -> None:
    """The console script's entry point."""
    setup_django()
    app()

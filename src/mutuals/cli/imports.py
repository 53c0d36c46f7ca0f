"""`mutuals import linkedin|vcard|google|outlook|ics|csv PATH`: bring a network in.

Each command reads the file, shows a progress bar while matching people, and prints the
report (`--json`: {"created", "updated", "merged", "unchanged", "possible_duplicates",
"organizations", "interactions", "skipped": [{"line", "reason"}], "errors": [{"line",
"message"}], ...}). A file that cannot be read changes nothing and exits with code 5.
`mutuals import mbox PATH [--me ADDRESS]` streams an mbox file's headers into e-mail
conversations (emails/mbox.py); its report is the e-mail report (`MailReport`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.network import import_app
from mutuals.cli.output import emit_json, progress_bar, say
from mutuals.cli.resolve import acting_user, read_file

MAX_BYTES = 200 * 1024 * 1024
SKIPPED_SHOWN = 20

PathArgument = Annotated[Path, typer.Argument(metavar="PATH", help="The file to import.")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Read and match everything, write nothing.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the report as JSON on stdout.")]
Tier = Annotated[
    str | None,
    typer.Option(
        "--tier",
        metavar="TIER",
        help="Closeness for new people (e.g. acquaintance); unset by default, so they stay "
        "off the agenda until you choose.",
    ),
]


def _run(
    ctx: typer.Context,
    kind: str,
    path: Path,
    dry_run: bool,
    as_json: bool,
    tier: str | None,
    mapping: dict[str, str] | None = None,
) -> None:
    from mutuals.imports.services import import_file

    owner = acting_user(ctx)
    data = read_file(path, max_bytes=MAX_BYTES)
    with progress_bar("Matching people", hidden=as_json) as bar:
        task = bar.add_task("import", total=None)
        report = import_file(
            owner=owner,
            kind=kind,
            data=data,
            filename=path.name,
            dry_run=dry_run,
            mapping=mapping,
            tier=tier,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if as_json:
        emit_json(report)
    else:
        _say_report(report)
        if report["created"] and tier is None and not report["dry_run"]:
            _say_how_to_sort(report["created"])
    if report["errors"]:
        raise CliError(report["errors"][0]["message"], ExitCode.INVALID)


def _say_how_to_sort(created: object) -> None:
    """New people from a file have no closeness, so Today leaves them out until sorted."""
    say(
        f"Sort the {created} new people: one key each on the People page (Sort), or many at "
        'once, e.g. `mutuals set --unsorted --org "Copperleaf" --closeness acquaintance`.'
    )


def _say_report(report: dict[str, object]) -> None:
    if report["errors"]:
        return
    verb = "Would import" if report["dry_run"] else "Imported"
    say(
        f"{verb}: {report['created']} new, {report['updated']} updated, {report['merged']} "
        f"merged, {report['unchanged']} already up to date, {report['interactions']} "
        f"conversations, {report['organizations']} organisations, "
        f"{report.get('important_dates', 0)} birthdays and anniversaries, "
        f"{report.get('photos', 0)} photos"
        + (f", {report['positions']} of your positions." if report.get("positions") else "."),
        style="green",
    )
    if report["possible_duplicates"]:
        say(
            f"{report['possible_duplicates']} may be people you already have: review them "
            "with `mutuals dedupe`."
        )
    notes = report.get("notes") or []
    assert isinstance(notes, list)
    for note in notes:
        say(f"  {note}")
    _say_joined(report)
    not_imported = report.get("not_imported") or {}
    assert isinstance(not_imported, dict)
    if not_imported:
        fields = ", ".join(f"{name} ({count})" for name, count in not_imported.items())
        say(f"  Not imported (mutuals has no place for them yet): {fields}", style="yellow")
    skipped = report["skipped"]
    assert isinstance(skipped, list)
    for entry in skipped[:SKIPPED_SHOWN]:
        say(f"  line {entry['line']}: {entry['reason']}", style="yellow")
    if len(skipped) > SKIPPED_SHOWN:
        say(f"  … and {len(skipped) - SKIPPED_SHOWN} more (see --json)", style="yellow")


_SAID = {
    "updated": "filled in",
    "merged": "merged with an earlier row",
    "to review": "is new and may be someone you had",
    "left out": "left out",
}


def _say_joined(report: dict[str, object]) -> None:
    """Rows that joined someone you had, with the command that splits each off again."""
    rows = report.get("rows") or []
    assert isinstance(rows, list)
    joined = [r for r in rows if r["outcome"] in _SAID]
    for row in joined[:SKIPPED_SHOWN]:
        undo = f"; undo: mutuals dedupe --undo {row['merge_id']}" if row.get("merge_id") else ""
        say(f"  line {row['line']}: {row['name']} {_SAID[row['outcome']]} ({row['why']}){undo}")
    if len(joined) > SKIPPED_SHOWN:
        say(f"  … and {len(joined) - SKIPPED_SHOWN} more (see --json)")


def _contacts_command(kind: str, about: str) -> None:
    """Register `mutuals import KIND`: the contact formats share their options."""

    def command(
        ctx: typer.Context,
        path: PathArgument,
        dry_run: DryRun = False,
        as_json: AsJson = False,
        tier: Tier = None,
    ) -> None:
        _run(ctx, kind, path, dry_run, as_json, tier)

    command.__doc__ = about
    import_app.command(kind)(command)


_contacts_command(
    "linkedin",
    "LinkedIn's data export: the zip as downloaded, or its Connections.csv, messages.csv or "
    "Invitations.csv.",
)
_contacts_command(
    "vcard", "A .vcf file from a phone, Apple Contacts, Google or Outlook (vCard 2.1, 3.0, 4.0)."
)
_contacts_command("google", "Google Contacts' CSV export (Google CSV format).")
_contacts_command("outlook", "Outlook's contacts CSV export.")


@import_app.command("ics")
def ics(
    ctx: typer.Context,
    path: PathArgument,
    dry_run: DryRun = False,
    as_json: AsJson = False,
) -> None:
    """A calendar (.ics): past meetings with your people (matched by email) become
    conversations."""
    _run(ctx, "ics", path, dry_run, as_json, None)


@import_app.command("csv")
def csv(
    ctx: typer.Context,
    path: PathArgument,
    map_: Annotated[
        str | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN,...",
            help="Which column holds what, e.g. full_name=Name,email=E-mail,organization=Company."
            " Without it, columns are guessed from their names (our own CSV export's always are).",
        ),
    ] = None,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    tier: Tier = None,
) -> None:
    """Any CSV of people, with a column mapping (guessed when not given)."""
    from mutuals.core.formats.csv_contacts import parse_mapping_option

    if map_ is None:
        mapping = _guessed_mapping(path, quiet=as_json)
    else:
        try:
            mapping = parse_mapping_option(map_)
        except ValueError as error:
            raise CliError(f"--map: {error}", ExitCode.USAGE) from None
    _run(ctx, "csv", path, dry_run, as_json, tier, mapping)


_NAMES = ("full_name", "first_name", "last_name")


def _guessed_mapping(path: Path, *, quiet: bool) -> dict[str, str]:
    """The columns guessed from the header, said on stderr; a usage error when the name
    column cannot be told."""
    from mutuals.core.formats.csv_contacts import guess_mapping, read_headers
    from mutuals.core.formats.records import FileRejected

    try:
        headers = read_headers(read_file(path, max_bytes=MAX_BYTES))
    except FileRejected as error:
        raise CliError(
            f"{path}: {error.message}. Nothing was imported.", ExitCode.INVALID
        ) from None
    mapping = guess_mapping(headers)
    if not any(field in mapping for field in _NAMES):
        raise CliError(
            "Could not tell which column holds the name. Say which column holds what with "
            "--map, e.g. --map full_name=Name,email=E-mail.",
            ExitCode.USAGE,
        )
    if not quiet:
        chosen = ",".join(f"{field}={column}" for field, column in mapping.items())
        say(f"Columns guessed (choose others with --map): {chosen}")
    return mapping


@import_app.command("mbox")
def mbox(
    ctx: typer.Context,
    path: PathArgument,
    dry_run: DryRun = False,
    as_json: AsJson = False,
    me: Annotated[
        list[str] | None,
        typer.Option(
            "--me",
            metavar="ADDRESS",
            help="An address that is you (repeat for more); added to your addresses. Your "
            "account's e-mail is always one.",
        ),
    ] = None,
) -> None:
    """An mbox file (Gmail Takeout, Thunderbird, Apple Mail): messages with your people become
    conversations, one per thread and day; headers only, no message text is kept."""
    from mutuals.emails.mbox import import_mbox

    owner = acting_user(ctx)
    try:
        stream = path.open("rb")
    except OSError:
        raise CliError(f"Cannot read {path}; check the path.", ExitCode.NOT_FOUND) from None
    size = path.stat().st_size
    with (
        stream,
        progress_bar(hidden=as_json) as bar,
    ):
        task = bar.add_task("Reading messages", total=None)

        def reading(count: int) -> None:
            bar.update(
                task,
                completed=count,
                description=f"Reading ({stream.tell() * 100 // max(size, 1)}%)",
            )

        def writing(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description="Recording")

        report = import_mbox(
            owner=owner,
            stream=stream,
            filename=path.name,
            dry_run=dry_run,
            me=me or (),
            reading=reading,
            progress=writing,
        )
    if as_json:
        emit_json(report)
    else:
        _say_mbox(report)
    if report["errors"]:
        raise CliError(report["errors"][0]["text"], ExitCode.INVALID)


def _say_mbox(report: dict[str, Any]) -> None:
    if report["errors"]:
        return
    from mutuals.emails.report import counted

    verb = "Would record" if report["dry_run"] else "Recorded"
    say(
        f"{verb} {counted(report['added'], 'new message')} of {report['read']:,} read "
        f"({report['known']:,} already known, {report['automated']:,} from lists and "
        f"machines left out): {counted(report['conversations_added'], 'conversation')} added, "
        f"{report['conversations_changed']:,} changed, with {report['people']:,} of your people.",
        style="green",
    )
    for note in report["notes"]:
        say(f"  {note}")
    if report["offered"]:
        offered = report["offered"]
        say(
            f"{counted(offered, 'person', 'people')} you wrote with "
            f"{'is' if offered == 1 else 'are'} not in your records: see them with "
            "`mutuals email suggestions`, add one with `mutuals email add ADDRESS`."
        )
    skipped = report["skipped"]
    for entry in skipped[:SKIPPED_SHOWN]:
        say(f"  message {entry['message']:,}: {entry['reason']}", style="yellow")
    left = report["undated"] + report["unaddressed"] - min(len(skipped), SKIPPED_SHOWN)
    if left > 0:
        say(f"  … and {left:,} more left out (see --json)", style="yellow")

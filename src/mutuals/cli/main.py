"""The `mutuals` command: a thin layer over the same services and selectors as the web app.

Each command lives with its kind (people.py, agenda.py, promises.py, accounts.py, serve.py);
COMMANDS below names them, and only the one being run is imported (cli/dispatch.py), after
Django is configured for it. Adding a command is one line in COMMANDS:

    "name": Command("mutuals.cli.module:function_or_typer_app", "Its one-line help."),

with `web=True` when it needs the web app's settings (see registry.Command). The help line is
the first paragraph of the function's docstring (or the Typer app's help); tests/cli/
test_dispatch.py fails when they differ, and tests/cli/test_docs.py when docs/cli.md lacks it.
"""

from __future__ import annotations

import sys
from typing import Any

from mutuals.cli.registry import Command, pause_collection_for_start_up

# In the order `mutuals --help` lists them.
COMMANDS: dict[str, Command] = {
    # Migrates every app's tables, the web's too, so a later `serve --no-migrate` finds them.
    "init": Command(
        "mutuals.cli.init:init",
        "Set up mutuals on this computer: the database and your account. Safe to run again.",
        web=True,
    ),
    "serve": Command("mutuals.cli.serve:serve", "Start the web app (Ctrl-C stops it).", web=True),
    "demo": Command("mutuals.cli.serve:demo", "Load a demo network to explore, or clear it."),
    "add": Command("mutuals.cli.people:add", "Add someone to your network."),
    "log": Command("mutuals.cli.people:log", "Log a conversation with one or more people."),
    "show": Command(
        "mutuals.cli.people:show_person",
        "Show one person: strength and why, keep-in-touch, recent conversations, promises.",
    ),
    "people": Command("mutuals.cli.people:list_people", "List your people, with filters."),
    "set": Command(
        "mutuals.cli.people:set_people",
        "Set closeness, a circle or a cadence for many people at once, or archive them.",
    ),
    "today": Command(
        "mutuals.cli.agenda:today",
        "Today's plan: a few people to reach out to, and why (the rest on the coming days).",
    ),
    "promise": Command("mutuals.cli.promises:promise", "Record a follow-up you owe someone."),
    "promises": Command(
        "mutuals.cli.promises:list_promises", "List your open promises, soonest first."
    ),
    "done": Command("mutuals.cli.promises:done", "Mark a promise as kept."),
    "snooze": Command("mutuals.cli.promises:snooze", "Put a promise off until a later day."),
    "assignments": Command(
        "mutuals.cli.assignments:assignments",
        "List the assignments your coaches set you (on `mutuals today` until done).",
    ),
    "assignment": Command(
        "mutuals.cli.assignments:assignment_app",
        "Mark an assignment from your coach done, or not done after all.",
    ),
    "give": Command(
        "mutuals.cli.ledger:give",
        "Record something you gave someone: information, advice, an introduction…",
    ),
    "received": Command("mutuals.cli.ledger:received", "Record something someone gave you."),
    "introduce": Command(
        "mutuals.cli.ledger:introduce",
        "Record an introduction you made: a give to each of the two people.",
    ),
    "ask": Command(
        "mutuals.cli.ledger:ask",
        "Record something you asked of someone; warns first when the balance is against you.",
    ),
    "answered": Command("mutuals.cli.ledger:answered", "Mark an ask as answered."),
    "balance": Command(
        "mutuals.cli.ledger:balance",
        "Show the give/receive balance with one person, or with everyone you exchanged with.",
    ),
    "match": Command(
        "mutuals.cli.match:match",
        "Whose open needs a job posting, article, event or note serves, in groups: leads (people "
        "hiring or offering), things to share (people looking), your own; and who you know at "
        "the organisations it names, with the best warm paths.",
    ),
    "review": Command(
        "mutuals.cli.review:review",
        "Every open need, oldest first, grouped by age, with what you could do about each.",
    ),
    "reviewed": Command(
        "mutuals.cli.review:reviewed",
        "Record that you reviewed needs today: they leave the agenda for a month.",
    ),
    "thanked": Command(
        "mutuals.cli.agenda:thanked",
        "Record that you said thank you for something you received (it leaves the agenda).",
    ),
    "knows": Command(
        "mutuals.cli.network:knows",
        "Record that A knows B (it goes both ways); run again to change strength or note.",
    ),
    "known": Command("mutuals.cli.network:known", "Who NAME knows, strongest first."),
    "path": Command(
        "mutuals.cli.paths:path",
        "Warm paths (at most 3 hops) to a person, an organisation, or anyone matching words.",
    ),
    "dedupe": Command(
        "mutuals.cli.dedupe:dedupe",
        "Find people you have twice: scan, then list the pairs to review and the merges you "
        "can undo. With an option, merge two people, keep a pair apart or undo a merge instead.",
    ),
    "backup": Command(
        "mutuals.cli.backup:backup",
        "Write every record you have (people, conversations, promises, needs, the ledger and "
        "who knows whom) to one JSON file that `mutuals restore` reads back.",
    ),
    "restore": Command(
        "mutuals.cli.backup:restore",
        "Restore a backup into your account, which must be empty; all or nothing.",
    ),
    "org": Command(
        "mutuals.cli.orgs:org_app",
        "Organisations: who you know there, leads there and the warm paths in.",
    ),
    "position": Command(
        "mutuals.cli.positions:position_app",
        "Where someone (or you) worked: organisations before the current one, with years.",
    ),
    "lead": Command(
        "mutuals.cli.leads:lead_app",
        "Leads: openings heard of through people, from the first mention to an offer.",
    ),
    "event": Command(
        "mutuals.cli.events:event_app",
        "Events: meetups, association meetings, classes, volunteering days and conferences, "
        "with the people you met there.",
    ),
    "community": Command(
        "mutuals.cli.events:community_app",
        "Communities: associations, clubs, boards and classes; who you know there.",
    ),
    "progress": Command(
        "mutuals.cli.progress:progress",
        "This week against your weekly goals, the streak, and the last 12 weeks.",
    ),
    "goals": Command(
        "mutuals.cli.progress:goals_app",
        "Your weekly goals: list them, or set one with `mutuals goals set KIND N`.",
    ),
    "intro": Command(
        "mutuals.cli.paths:intro_app",
        "Introductions with double opt-in: ask for one, offer one, move it on.",
    ),
    # cli/imports.py adds the file formats to cli/network.py's `import` group.
    "import": Command("mutuals.cli.imports:import_app", "Bring records in from files."),
    "email": Command(
        "mutuals.cli.emails:email_app",
        "E-mail history: your addresses, people you wrote with to add, where mail came from.",
    ),
    "connect": Command(
        "mutuals.cli.connections:connect_app",
        "Add a mail account or a calendar: its messages and past meetings with your people become "
        "conversations.",
    ),
    "sync": Command(
        "mutuals.cli.connections:sync",
        "Sync your mail and calendar accounts now (or one): new messages and past meetings with "
        "your people become conversations.",
    ),
    "connections": Command(
        "mutuals.cli.connections:connections_app",
        "Your mail and calendar accounts: when each last synced, what it added, errors; pause or "
        "remove one.",
    ),
    "addressbook": Command(
        "mutuals.cli.addressbook:addressbook_app",
        "Your people on your phone: the devices that read them as an address book (CardDAV).",
    ),
    "need": Command(
        "mutuals.cli.needs:need_app",
        "Write down what your people need, and what you need; mark it helped or done.",
    ),
    "date": Command(
        "mutuals.cli.person_extras:date_app",
        "Birthdays, anniversaries and other dates: on your agenda three days ahead.",
    ),
    "photo": Command("mutuals.cli.person_extras:photo_app", "Give someone a photo, or remove it."),
    "outreach": Command(
        "mutuals.cli.outreach:outreach_app",
        "The outreach coach: review a message before you send it, or draft one.",
    ),
    "drafts": Command(
        "mutuals.cli.drafts:drafts_app",
        "Drafts you send to your coach: send one, read the comments, accept or ignore each.",
    ),
    # One `coach` group for every coaching subcommand: each module registers in cli/coach.py.
    "coach": Command(
        "mutuals.cli.coach:coach_app",
        "Coaching: invite clients, see what they share with you, comment and assign.",
    ),
    "share": Command(
        "mutuals.cli.share:share_app",
        "Your coaches: what each one sees, invite or accept one, end a link, see their activity.",
    ),
    "group": Command(
        "mutuals.cli.groups:group_app",
        "Groups: create one, invite, join, choose what you pool, see the members.",
    ),
    "pool": Command(
        "mutuals.cli.pool:pool_app",
        "Search your groups' pools: how many members could introduce you, never who.",
    ),
    # Exports print links into the web app (its URLs); deleting a user also deletes their
    # admin log entries, which only the web's settings know of.
    "export": Command(
        "mutuals.cli.exports:export_app",
        "Export your people and calendar in open formats, or manage the calendar feed.",
        web=True,
    ),
    "user": Command(
        "mutuals.cli.accounts:user_app", "Manage the people who can sign in.", web=True
    ),
    "token": Command(
        "mutuals.cli.accounts:token_app", "Manage personal access tokens for the JSON API."
    ),
    "digest": Command(
        "mutuals.cli.digest:digest",
        "The morning e-mail digest of today's plan: print it, send it, or turn it on or off.",
    ),
    # The worker runs the task queue, which only the web's settings install (cli/settings.py).
    "worker": Command(
        "mutuals.cli.worker:worker",
        "Run the background worker: sends the digests and group invitations, syncs mail accounts.",
        web=True,
    ),
}


def __getattr__(name: str) -> Any:
    # The Typer app (cli/app.py), made on first use: `mutuals --help` never needs it.
    if name == "app":
        from mutuals.cli.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> None:
    """The console script's entry point. The list of commands (`mutuals`, `mutuals --help`)
    is printed from COMMANDS alone (cli/top_help.py), `mutuals today --json` runs without Typer
    (cli/fast_path.py); everything else goes through Typer."""
    pause_collection_for_start_up()
    from mutuals.cli.top_help import asks_for_the_list, print_the_list

    if asks_for_the_list(sys.argv[1:]):
        sys.exit(print_the_list(COMMANDS, sys.argv[1:]))
    from mutuals.cli import fast_path  # `today --json` without Typer

    code = fast_path.run(COMMANDS, sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from mutuals.cli.app import app

    app()

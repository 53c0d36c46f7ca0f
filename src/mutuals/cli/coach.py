"""`mutuals coach …`: what a coach does with their clients, in one Typer group.

Shared by the coaching helpers: each kind of subcommand lives in its own module and is
registered here with one line, so this file stays a list:

    coach_app.command("NAME")(module.function)

The links (invite a client, accept a client's invitation, end a link) are in
cli/coaching_links.py.
"""

from __future__ import annotations

import typer

from mutuals.cli import assignments, coach_clients, coaching_links, drafts

coach_app = typer.Typer(
    help="Coaching: invite clients, see what they share with you, comment and assign.",
    no_args_is_help=True,
)

# Links by consent (cli/coaching_links.py).
coach_app.command("invite")(coaching_links.invite)
coach_app.command("accept")(coaching_links.accept)
coach_app.command("end")(coaching_links.end)

# The coach's reads: the dashboard's rows and one client's shared view (cli/coach_clients.py).
coach_app.command("clients")(coach_clients.clients)
coach_app.command("show")(coach_clients.show_client)

# Assignments (cli/assignments.py).
coach_app.command("assign")(assignments.coach_assign)
coach_app.command("assignments")(assignments.coach_assignments)
coach_app.command("unassign")(assignments.coach_unassign)

# Drafts clients send for comments (cli/drafts.py).
coach_app.command("drafts")(drafts.coach_drafts)
coach_app.command("comment")(drafts.coach_comment)

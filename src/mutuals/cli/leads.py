"""Leads: `mutuals lead add|list|move|show|followed-up|thanked|thanks`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import day, emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, day_from, local_today, person_named, read_file
from mutuals.core.leads import OPEN_STAGES, ROLES, STAGE_WORDS, STAGES
from mutuals.leads import selectors, services
from mutuals.leads.landed import landed_words
from mutuals.leads.models import Lead
from mutuals.leads.postings import read_posting_for
from mutuals.leads.serialize import (
    lead_detail_to_dict,
    lead_to_dict,
    moved_to_dict,
    thanks_to_dict,
)
from mutuals.leads.thanks import everyone_who_helped, thank_you_draft

StageName = StrEnum("StageName", {s.upper(): s for s in STAGES})
OpenStageName = StrEnum("OpenStageName", {s.upper(): s for s in OPEN_STAGES})
RoleName = StrEnum("RoleName", {r.upper(): r for r in ROLES})
MAX_POSTING_BYTES = 1024 * 1024

lead_app = typer.Typer(
    help="Leads: openings heard of through people, from the first mention to an offer.",
    no_args_is_help=True,
)
LeadId = Annotated[
    int, typer.Argument(metavar="LEAD_ID", help="The lead's number, as `mutuals lead list` shows.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]


def _lead(owner, lead_id: int) -> Lead:
    try:
        return selectors.get_lead(owner=owner, lead_id=lead_id)
    except Lead.DoesNotExist:
        raise CliError(
            f"There is no lead #{lead_id}. List them with `mutuals lead list`.", ExitCode.NOT_FOUND
        ) from None


def _posting(path: Path | None) -> str:
    if path is None:
        return ""
    data = (
        sys.stdin.buffer.read(MAX_POSTING_BYTES + 1)
        if str(path) == "-"
        else read_file(path, max_bytes=MAX_POSTING_BYTES)
    )
    return data.decode("utf-8", errors="replace")


@lead_app.command("add")
def add_lead(
    ctx: typer.Context,
    title: Annotated[
        str,
        typer.Argument(metavar="[TITLE]", help="The role; leave out for 'they might be hiring'."),
    ] = "",
    at: Annotated[str, typer.Option("--at", metavar="ORGANISATION", help="Where.")] = "",
    location: Annotated[
        str, typer.Option("--location", metavar="PLACE", help="Where it is based.")
    ] = "",
    via: Annotated[
        list[str] | None,
        typer.Option(
            "--via", metavar="NAME", help="Who mentioned it or can help (repeat for more)."
        ),
    ] = None,
    role: Annotated[
        RoleName, typer.Option("--role", help="The part of the --via people.")
    ] = RoleName.MENTIONED,
    stage: Annotated[
        OpenStageName, typer.Option("--stage", help="Where it starts.")
    ] = OpenStageName.HEARD,
    posting: Annotated[
        Path | None,
        typer.Option(
            "--posting",
            metavar="FILE",
            help="Read the organisation, title and location from a posting ('-' reads stdin).",
        ),
    ] = None,
    conversation: Annotated[
        int | None,
        typer.Option("--conversation", metavar="ID", help="The conversation it came up in."),
    ] = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="A note on the lead.")] = "",
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print what was recorded as JSON on stdout.")
    ] = False,
) -> None:
    """Add a lead: a role, an organisation (--at), or a posting (--posting FILE)."""
    owner = acting_user(ctx)
    text = _posting(posting)
    if text:
        read = read_posting_for(owner=owner, text=text)
        title, at, location = (
            title or read.title,
            at or read.organisation,
            location or read.location,
        )
    people = [(person_named(owner, name).pk, role.value) for name in via or []]
    lead = services.create_lead(
        owner=owner,
        title=title,
        organization=at,
        location=location,
        stage=stage.value,
        conversation_id=conversation,
        source_text=text,
        notes=note,
        people=people,
    )
    lead = selectors.get_lead(owner=owner, lead_id=lead.pk)
    if as_json:
        emit_json(lead_to_dict(lead))
    where = f" at {lead.organization.name}" if lead.organization else ""
    say(f"Lead #{lead.pk}: {lead}{where} ({STAGE_WORDS[lead.stage]})", style="green")


@lead_app.command("list")
def list_leads(
    ctx: typer.Context,
    stage: Annotated[
        StageName | None, typer.Option("--stage", help="Only leads at this stage.")
    ] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only leads still open.")] = False,
    at: Annotated[str, typer.Option("--at", metavar="ORGANISATION", help="Only leads there.")] = "",
    person: Annotated[
        str, typer.Option("--person", metavar="NAME", help="Only leads this person is behind.")
    ] = "",
    as_json: JsonOption = False,
) -> None:
    """List leads, the most recently moved first."""
    from mutuals.cli.orgs import organization_named

    owner = acting_user(ctx)
    org_id = organization_named(owner, at).pk if at else None
    person_id = person_named(owner, person).pk if person else None
    found = selectors.leads_for(
        owner=owner,
        stage=stage.value if stage else "",
        organization_id=org_id,
        person_id=person_id,
        open_only=open_only,
    )
    rows = list(found)
    if as_json:
        emit_json({"count": len(rows), "items": [lead_to_dict(lead) for lead in rows]})
        return
    if not rows:
        say("No leads to show. Add one with `mutuals lead add TITLE --at ORGANISATION --via NAME`.")
        return
    today = local_today()
    grid = table("#", "Lead", "Organisation", "Stage", "Since", "People")
    for lead in rows:
        grid.add_row(
            str(lead.pk),
            plain(str(lead)),
            plain(lead.organization.name if lead.organization else ""),
            STAGE_WORDS[lead.stage],
            day(lead.stage_on, today),
            plain(", ".join(link.person.full_name for link in lead.people.all())),
        )
    show(grid)


@lead_app.command("move")
def move_lead(
    ctx: typer.Context,
    lead_id: LeadId,
    stage: Annotated[StageName, typer.Argument(metavar="STAGE", help="Where it moves to.")],
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help="Why (needed to close).")
    ] = "",
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="The interview's day, when moving to interviewing (YYYY-MM-DD, friday…).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print the lead as JSON on stdout.")
    ] = False,
) -> None:
    """Move a lead to another stage (closing needs --reason); it goes on its timeline.
    Accepting an offer switches mutuals into keep-in-touch mode (relaxed cadences, a thank-you
    list, a check-in in three months with everyone who helped)."""
    owner = acting_user(ctx)
    _lead(owner, lead_id)
    interview_on = day_from(on, "--on") if on else None
    moved = services.move(
        owner=owner,
        lead_id=lead_id,
        stage=stage.value,
        reason=reason,
        interview_on=interview_on,
    )
    lead = selectors.get_lead(owner=owner, lead_id=lead_id)
    if as_json:
        emit_json({**lead_to_dict(lead), **moved_to_dict(moved)})
    say(f"Lead #{lead.pk}: {lead} is now at “{STAGE_WORDS[lead.stage]}”", style="green")
    if lead.interview_on and interview_on:
        say(f"Interview on {lead.interview_on.day} {lead.interview_on:%b %Y}: the agenda "
            "prepares you the day before.")  # fmt: skip
    if moved.landed is not None:
        say(landed_words(moved.landed) + " See them with `mutuals lead thanks`.")
    if moved.back_to_searching:
        say("You are back to searching: cadences are as before, check-ins removed.")


@lead_app.command("followed-up")
def followed_up(ctx: typer.Context, lead_id: LeadId) -> None:
    """Note that you followed up on an application (the agenda waits another week)."""
    owner = acting_user(ctx)
    lead = _lead(owner, lead_id)
    services.note_follow_up(owner=owner, lead_id=lead.pk)
    say(f"Noted: you followed up on {lead}.", style="green")


@lead_app.command("thanked")
def thanked(
    ctx: typer.Context,
    lead_id: LeadId,
    person: Annotated[
        str, typer.Argument(metavar="PERSON", help="Who you thanked for the referral: name or #id.")
    ],
) -> None:
    """You thanked someone for a referral on a lead: recorded on the ledger as thanked."""
    owner = acting_user(ctx)
    lead = _lead(owner, lead_id)
    found = person_named(owner, person)
    services.thank_referrer(owner=owner, lead_id=lead.pk, person_id=found.pk)
    say(f"Thanked {found.full_name} for the referral ({lead}).", style="green")


@lead_app.command("thanks")
def thanks(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Everyone who helped with your search, each with a drafted thank-you (send it, then
    `mutuals outreach sent PERSON --purpose thanks`, or "I sent it" on the page)."""
    owner = acting_user(ctx)
    found = everyone_who_helped(owner=owner, today=local_today())
    drafts = {h.person_id: thank_you_draft(owner, h, found) for h in found.helpers}
    if as_json:
        emit_json(thanks_to_dict(found, drafts))
        return
    if not found.helpers:
        say("Nobody to thank yet: put the people who help on your leads (`mutuals lead add "
            "--via NAME`), and their help on the ledger.")  # fmt: skip
        return
    show(plain(f"Everyone who helped: {len(found.helpers)}, {found.waiting} not thanked yet"))
    for helper in found.helpers:
        state = "thanked" if helper.thanked else "not thanked yet"
        show(plain(f"\n{helper.person_name} #{helper.person_id} · {state}"))
        for done in helper.helped:
            show(plain(f"  - {done.said}"))
        if not helper.thanked:
            show(plain("  Draft:"))
            for line in drafts[helper.person_id].text.splitlines():
                show(plain(f"    {line}"))


@lead_app.command("show")
def show_lead(ctx: typer.Context, lead_id: LeadId, as_json: JsonOption = False) -> None:
    """Show one lead: its people and its timeline."""
    owner = acting_user(ctx)
    lead = _lead(owner, lead_id)
    events = selectors.timeline(owner=owner, lead_id=lead.pk)
    if as_json:
        emit_json(lead_detail_to_dict(lead, events))
        return
    where = f" at {lead.organization.name}" if lead.organization else ""
    show(plain(f"#{lead.pk} {lead}{where} · {STAGE_WORDS[lead.stage]}"))
    if lead.closed_reason:
        show(plain(f"Closed: {lead.closed_reason}"))
    for link in lead.people.all():
        show(plain(f"  {link.person.full_name} #{link.person_id} · {link.get_role_display()}"))
    today = local_today()
    grid = table("When", "What", title="Timeline")
    for event in events:
        grid.add_row(day(event.occurred_on, today), plain(event.text))
    show(grid)

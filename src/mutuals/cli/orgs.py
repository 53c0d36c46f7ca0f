"""Organisations as places: `mutuals org list|show`."""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import emit_json, plain, say, show, strength_words, table
from mutuals.cli.resolve import acting_user, local_today
from mutuals.orgs import selectors
from mutuals.orgs.serialize import organization_to_dict, page_to_dict
from mutuals.people.models import Organization

org_app = typer.Typer(
    help="Organisations: who you know there, leads there and the warm paths in.",
    no_args_is_help=True,
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]


@org_app.command("list")
def list_organizations(
    ctx: typer.Context,
    search: Annotated[
        str, typer.Option("--search", metavar="WORDS", help="Only names containing these words.")
    ] = "",
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List organisations by name, with the people you know there and open leads."""
    owner = acting_user(ctx)
    found = selectors.organizations(owner=owner, search=search)
    rows = list(found[:limit])
    if as_json:
        emit_json({"count": found.count(), "items": [organization_to_dict(o) for o in rows]})
        return
    if not rows:
        say(
            "No organisations yet: give people an organisation, "
            "or add a lead with `mutuals lead add`."
        )
        return
    grid = table("#", "Organisation", "People there", "Contacts", "Open leads")
    for org in rows:
        grid.add_row(
            str(org.pk),
            plain(org.name),
            str(org.people_count),  # type: ignore[attr-defined]
            str(org.contacts_count),  # type: ignore[attr-defined]
            str(org.leads_count),  # type: ignore[attr-defined]
        )
    show(grid)


def organization_named(owner, name: str) -> Organization:
    """The organisation `name` means ("#4", "orion"), or a CliError saying what to try."""
    text = name.strip()
    try:
        if text.startswith("#") and text[1:].isdigit():
            return selectors.get_organization(owner=owner, organization_id=int(text[1:]))
        return selectors.organization_by_name(owner=owner, name=text)
    except Organization.DoesNotExist:
        raise CliError(
            f"No organisation called '{name}' (or several match). "
            "List them with `mutuals org list --search WORDS`.",
            ExitCode.NOT_FOUND,
        ) from None


@org_app.command("show")
def show_organization(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The organisation's name, or its number as #4.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one organisation: people there now and before, when you worked there, leads,
    the best warm paths, your notes."""
    owner = acting_user(ctx)
    org = organization_named(owner, name)
    page = selectors.organization_page(owner=owner, organization_id=org.pk, today=local_today())
    if as_json:
        emit_json(page_to_dict(page))
        return
    show(plain(f"{org.name} #{org.pk}"))
    for position in page.yours:
        worked = "You work here" if position.is_current else "You worked here"
        years = f" ({position.years})" if position.years else ""
        show(plain(f"{worked}{years}" + (f" as {position.title}" if position.title else "")))
    if page.profile and page.profile.website:
        show(plain(page.profile.website))
    if page.people:
        grid = table("#", "Person", "Title", "Tie", title="People there now")
        for person in page.people:
            tie = strength_words(person.strength) if person.tier else "know of"
            grid.add_row(str(person.pk), plain(person.full_name), plain(person.title), tie)
        show(grid)
    else:
        show(plain("No one you know works here."))
    if page.before:
        grid = table("#", "Person", "Title there", "Years", "Tie", title="People there before")
        for former in page.before:
            person, position = former.person, former.position
            tie = strength_words(person.strength) if person.tier else "know of"
            grid.add_row(
                str(person.pk),
                plain(person.full_name),
                plain(position.title),
                position.years or "-",
                tie,
            )
        show(grid)
    for path in page.paths:
        steps = " → ".join(step.name for step in path.steps)
        show(plain(f"Path: {steps}  ({path.kind})"))
    for path in page.paths_before:
        steps = " → ".join(step.name for step in path.steps)
        show(plain(f"Path through someone there before: {steps}  ({path.kind})"))
    if page.leads:
        grid = table("#", "Lead", "Stage", title="Leads here")
        for lead in page.leads:
            grid.add_row(str(lead.pk), plain(str(lead)), lead.get_stage_display())
        show(grid)
    if page.profile and page.profile.notes:
        show(plain(page.profile.notes))

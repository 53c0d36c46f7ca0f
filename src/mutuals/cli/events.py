"""Events and communities: `mutuals event add|list|show|met` and `mutuals community list|show`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import day, emit_json, plain, say, show, table
from mutuals.cli.resolve import acting_user, day_from, local_today, person_named
from mutuals.core.events import COMMUNITY_KINDS, EVENT_KIND_WORDS, EVENT_KINDS
from mutuals.events import selectors, services
from mutuals.events.models import Community, Event
from mutuals.events.serialize import community_page_to_dict, community_to_dict, event_to_dict

EventKind = StrEnum("EventKind", {k.upper(): k for k in EVENT_KINDS})
CommunityKind = StrEnum("CommunityKind", {k.upper(): k for k in COMMUNITY_KINDS})

event_app = typer.Typer(
    help="Events: meetups, association meetings, classes, volunteering days and conferences, "
    "with the people you met there.",
    no_args_is_help=True,
)
community_app = typer.Typer(
    help="Communities: associations, clubs, boards and classes; who you know there.",
    no_args_is_help=True,
)
EventId = Annotated[
    int,
    typer.Argument(metavar="EVENT_ID", help="The event's number, as `mutuals event list` shows."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
MetOption = Annotated[
    list[str] | None,
    typer.Option("--met", metavar="NAME", help="Someone you first met there (repeat for more)."),
]
ThereOption = Annotated[
    list[str] | None,
    typer.Option(
        "--with", metavar="NAME", help="Someone you already knew who was there (repeat for more)."
    ),
]


def _event(owner, event_id: int) -> Event:
    try:
        return selectors.get_event(owner=owner, event_id=event_id)
    except Event.DoesNotExist:
        raise CliError(
            f"There is no event #{event_id}. List them with `mutuals event list`.",
            ExitCode.NOT_FOUND,
        ) from None


def _people(owner, met: list[str] | None, there: list[str] | None) -> list[tuple[int, bool]]:
    return [(person_named(owner, name).pk, True) for name in met or []] + [
        (person_named(owner, name).pk, False) for name in there or []
    ]


def _line(event: Event) -> str:
    where = f" · {event.place}" if event.place else ""
    community = f" · {event.community.name}" if event.community else ""
    kind = event.get_kind_display()
    return f"#{event.pk} {event.name} · {event.day.isoformat()} · {kind}{where}{community}"


@event_app.command("add")
def add_event(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="What it was, e.g. 'Product meetup'.")
    ],
    on: Annotated[
        str, typer.Option("--on", metavar="DAY", help="When (e.g. 2026-11-20, yesterday).")
    ] = "today",
    kind: Annotated[
        EventKind, typer.Option("--kind", help="What kind of event.")
    ] = EventKind.MEETUP,
    place: Annotated[str, typer.Option("--place", metavar="PLACE", help="Where it was.")] = "",
    community: Annotated[
        str,
        typer.Option(
            "--community", metavar="NAME", help="The community it belongs to; added when new."
        ),
    ] = "",
    met: MetOption = None,
    there: ThereOption = None,
    note: Annotated[str, typer.Option("--note", metavar="TEXT", help="A note on it.")] = "",
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print what was recorded as JSON on stdout.")
    ] = False,
) -> None:
    """Add an event with the people you met there (--met) and others who were there (--with)."""
    owner = acting_user(ctx)
    people = _people(owner, met, there)
    event = services.create_event(
        owner=owner,
        name=name,
        day=day_from(on, "--on"),
        kind=kind.value,
        place=place,
        community=community,
        notes=note,
        people=people,
    )
    event = selectors.get_event(owner=owner, event_id=event.pk)
    if as_json:
        emit_json(event_to_dict(event))
    met_count = sum(1 for link in event.people.all() if link.met_here)
    said = f", {met_count} met there" if met_count else ""
    say(f"Event #{event.pk}: {event.name} on {event.day.isoformat()}{said}", style="green")


@event_app.command("list")
def list_events(
    ctx: typer.Context,
    community: Annotated[
        str, typer.Option("--community", metavar="NAME", help="Only its events.")
    ] = "",
    person: Annotated[
        str, typer.Option("--person", metavar="NAME", help="Only events this person was at.")
    ] = "",
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List events, the latest first."""
    owner = acting_user(ctx)
    community_id = _community(owner, community).pk if community else None
    person_id = person_named(owner, person).pk if person else None
    found = selectors.events_for(owner=owner, community_id=community_id, person_id=person_id)
    rows = list(found[:limit])
    if as_json:
        emit_json({"count": found.count(), "items": [event_to_dict(e) for e in rows]})
        return
    if not rows:
        say('No events yet. Add one with `mutuals event add "Product meetup" --met NAME`.')
        return
    today = local_today()
    grid = table("#", "Event", "When", "Kind", "Community", "Met there", "People")
    for event in rows:
        links = list(event.people.all())
        grid.add_row(
            str(event.pk),
            plain(event.name),
            day(event.day, today),
            EVENT_KIND_WORDS[event.kind],
            plain(event.community.name if event.community else ""),
            str(sum(1 for link in links if link.met_here)),
            str(len(links)),
        )
    show(grid)


@event_app.command("show")
def show_event(ctx: typer.Context, event_id: EventId, as_json: JsonOption = False) -> None:
    """Show one event: whom you met there and who else was there."""
    owner = acting_user(ctx)
    event = _event(owner, event_id)
    if as_json:
        emit_json(event_to_dict(event))
        return
    show(plain(_line(event)))
    links = list(event.people.all())
    for title, chosen in (("Met there", True), ("Also there", False)):
        names = [
            f"{link.person.full_name} #{link.person_id}"
            for link in links
            if link.met_here is chosen
        ]
        if names:
            show(plain(f"{title}: {', '.join(names)}"))
    if not links:
        show(plain(f"No one yet: `mutuals event met {event.pk} NAME`."))
    if event.notes:
        show(plain(event.notes))


@event_app.command("met")
def met_at_event(
    ctx: typer.Context,
    event_id: EventId,
    names: Annotated[
        list[str], typer.Argument(metavar="NAME...", help="Who you met there (one or more).")
    ],
    already: Annotated[
        bool,
        typer.Option(
            "--already-knew", help="You knew them before: they were there, not met there."
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print the event as JSON on stdout.")
    ] = False,
) -> None:
    """Say whom you met at an event (or, with --already-knew, who else was there)."""
    owner = acting_user(ctx)
    _event(owner, event_id)
    people = [person_named(owner, name) for name in names]
    for person in people:
        services.add_person(
            owner=owner, event_id=event_id, person_id=person.pk, met_here=not already
        )
    event = selectors.get_event(owner=owner, event_id=event_id)
    if as_json:
        emit_json(event_to_dict(event))
    said = "there" if already else "met there"
    who = ", ".join(p.full_name for p in people)
    say(f"Event #{event.pk} {event.name}: {who} {said}", style="green")


def _community(owner, name: str) -> Community:
    """The community `name` means ("#4", or its name in any case), or a CliError."""
    text = name.strip()
    number = int(text[1:]) if text.startswith("#") and text[1:].isdigit() else None
    found = selectors.community_named(owner=owner, name=text, community_id=number)
    if found is None:
        raise CliError(
            f"No community called '{name}'. List them with `mutuals community list`.",
            ExitCode.NOT_FOUND,
        )
    return found


@community_app.command("list")
def list_communities(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List communities with how many people you know there and when you last went."""
    owner = acting_user(ctx)
    rows = list(selectors.communities(owner=owner, today=local_today()))
    if as_json:
        emit_json({"count": len(rows), "items": [community_to_dict(c) for c in rows]})
        return
    if not rows:
        say(
            "No communities yet. Name one on an event: "
            '`mutuals event add NAME --community "Guild"`.'
        )
        return
    today = local_today()
    grid = table("#", "Community", "Kind", "People you know", "Events", "Last went")
    for community in rows:
        grid.add_row(
            str(community.pk),
            plain(community.name),
            community.get_kind_display(),
            str(community.people_count),  # type: ignore[attr-defined]
            str(community.events_count),  # type: ignore[attr-defined]
            day(community.last_went, today),  # type: ignore[attr-defined]
        )
    show(grid)


@community_app.command("show")
def show_community(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The community's name, or its number as #4.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one community: who you know there, when you last went, its events."""
    owner = acting_user(ctx)
    community = _community(owner, name)
    today = local_today()
    page = selectors.community_page(owner=owner, community_id=community.pk, today=today)
    if as_json:
        emit_json(community_page_to_dict(page))
        return
    show(plain(f"{community.name} #{community.pk} · {community.get_kind_display()}"))
    show(plain(f"Last went: {day(page.last_went, today)}" if page.last_went else "Not been yet."))
    if page.people:
        grid = table("#", "Person", "Events", "Last seen", title="Who you know there")
        for regular in page.people:
            grid.add_row(
                str(regular.person.pk),
                plain(regular.person.full_name),
                str(regular.times),
                day(regular.last_seen, today),
            )
        show(grid)
    else:
        show(plain("You know no one there yet."))
    for event in [*page.upcoming, *page.past]:
        show(plain(_line(event)))
    if community.notes:
        show(plain(community.notes))

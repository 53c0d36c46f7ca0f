"""People and conversations: `mutuals add`, `log`, `show`, `people` and `set`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.text import Text

from mutuals.cli.errors import CliError, ExitCode
from mutuals.cli.output import (
    balance_words,
    day,
    emit_json,
    plain,
    say,
    show,
    strength_words,
    table,
)
from mutuals.cli.resolve import acting_user, day_from, local_today, person_named
from mutuals.core.cadence import TIER_LABELS, Tier, describe_cadence
from mutuals.core.strength import INTERACTION_KINDS
from mutuals.core.words import HOLDING, reasons_beyond_summary, tie_change, tie_summary
from mutuals.interactions import selectors as interaction_selectors
from mutuals.interactions import services as interaction_services
from mutuals.interactions.serialize import interaction_to_dict
from mutuals.people import bulk_changes
from mutuals.people import selectors as people_selectors
from mutuals.people import services as people_services
from mutuals.people.models import Person
from mutuals.people.serialize import person_to_dict
from mutuals.promises import selectors as promise_selectors
from mutuals.promises.serialize import promise_to_dict

InteractionKind = StrEnum("InteractionKind", {kind.upper(): kind for kind in INTERACTION_KINDS})
TIMELINE_LENGTH = 10
DEFAULT_LIMIT = 50
DEFAULT_TIER = Tier(people_services.DEFAULT_CLOSENESS)  # the same default as the web and API


class StartedBy(StrEnum):
    ME = "me"
    THEM = "them"


class PeopleSort(StrEnum):
    NAME = "name"
    STRENGTH = "strength"
    LAST_CONTACT = "last_contact"
    RECENT = "recent"
    OWE = "owe"
    OWED = "owed"


class PeopleBalance(StrEnum):
    OWE = "owe"
    EVEN = "even"
    OWED = "owed"
    NONE = "none"


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead.")]
NewJsonOption = Annotated[
    bool, typer.Option("--json", help="Also print what was recorded as JSON on stdout.")
]


def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help='Their name, e.g. "Rosa Núñez".')],
    org: Annotated[
        str, typer.Option("--org", metavar="ORG", help="Where they work or belong.")
    ] = "",
    title: Annotated[str, typer.Option(metavar="TITLE", help="Their job title.")] = "",
    email: Annotated[
        list[str] | None,
        typer.Option("--email", metavar="EMAIL", help="An email address (repeat for more)."),
    ] = None,
    phone: Annotated[
        list[str] | None,
        typer.Option("--phone", metavar="PHONE", help="A phone number (repeat for more)."),
    ] = None,
    tier: Annotated[
        Tier, typer.Option(help="How close you are; it sets how often to keep in touch.")
    ] = DEFAULT_TIER,
    know_of: Annotated[
        bool,
        typer.Option("--know-of", help="Someone you only know of: no closeness, no cadence."),
    ] = False,
    circle: Annotated[
        list[str] | None,
        typer.Option(
            "--circle",
            metavar="CIRCLE",
            help="A circle: work, school, community… (repeat for more).",
        ),
    ] = None,
    linkedin: Annotated[
        str, typer.Option(metavar="URL", help="Their LinkedIn profile address.")
    ] = "",
    how_met: Annotated[str, typer.Option("--how-met", metavar="TEXT", help="How you met.")] = "",
    note: Annotated[
        str, typer.Option(metavar="TEXT", help="Anything worth remembering about them.")
    ] = "",
    cadence: Annotated[
        int | None,
        typer.Option(metavar="DAYS", help="Keep in touch every DAYS days (default: by --tier)."),
    ] = None,
    as_json: NewJsonOption = False,
) -> None:
    """Add someone to your network."""
    owner = acting_user(ctx)
    person = people_services.create_person(
        owner=owner,
        name=name,
        organization=org,
        emails=email or [],
        phones=phone or [],
        circles=circle or [],
        title=title,
        tier=None if know_of else tier.value,
        linkedin_url=linkedin,
        how_met=how_met,
        notes=note,
        cadence_override_days=cadence,
    )
    if as_json:
        person = people_selectors.get_person(owner=owner, person_id=person.pk)
        emit_json(person_to_dict(person, people_selectors.strength_of(person, local_today())))
    say(f"Added {person.full_name} (#{person.pk}){_relationship(person)}.", style="green")


def _relationship(person: Person) -> str:
    if person.tier is None:
        return ", someone you know of"
    return f", {TIER_LABELS[Tier(person.tier)].lower()}: keep in touch {_cadence(person)}"


def _cadence(person: Person) -> str:
    return describe_cadence(person.cadence_days)


def log(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Who you talked with (a forgiving name).")
    ],
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="What you talked about, in a few words.")
    ],
    kind: Annotated[
        InteractionKind | None, typer.Option(help="How you talked (default: other).")
    ] = None,
    date: Annotated[
        str,
        typer.Option(
            metavar="DATE", help="When: YYYY-MM-DD, today, yesterday, '3 days ago', a weekday…"
        ),
    ] = "today",
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", metavar="NAME", help="Someone else who was there (repeat)."),
    ] = None,
    started_by: Annotated[
        StartedBy | None,
        typer.Option("--started-by", help="Who reached out: me or them."),
    ] = None,
    as_json: NewJsonOption = False,
) -> None:
    """Log a conversation with one or more people."""
    owner = acting_user(ctx)
    people = [person_named(owner, n) for n in [name, *(with_ or [])]]
    interaction = interaction_services.log_interaction(
        owner=owner,
        person_ids=list(dict.fromkeys(p.pk for p in people)),
        summary=text,
        occurred_on=day_from(date, "--date"),
        kind=kind.value if kind else "other",
        initiated_by=started_by.value if started_by else "",
    )
    if as_json:
        interaction = interaction_selectors.get_interaction(
            owner=owner, interaction_id=interaction.pk
        )
        emit_json(interaction_to_dict(interaction))
    names = ", ".join(p.full_name for p in people)
    say(f"Logged a conversation with {names} on {interaction.occurred_on}.", style="green")


def show_person(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Who to show (a forgiving name, or #12).")
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one person: strength and why, keep-in-touch, recent conversations, promises."""
    owner = acting_user(ctx)
    today = local_today()
    people_services.refresh_scores(owner=owner, today=today)
    person = person_named(owner, name)
    strength = people_selectors.strength_of(person, today)
    timeline = list(
        interaction_selectors.timeline(owner=owner, person_id=person.pk)[:TIMELINE_LENGTH]
    )
    promises = list(promise_selectors.promises_for(owner=owner, person_id=person.pk))
    if as_json:
        emit_json(
            {
                "person": person_to_dict(person, strength),
                "timeline": [interaction_to_dict(i) for i in timeline],
                "promises": [promise_to_dict(p) for p in promises],
            }
        )
        return
    show(_header(person), _keep_in_touch(person, today))
    inputs = people_services.tie_inputs(person)
    change = tie_change(inputs, today, [i.occurred_on for i in timeline[:4]])
    moving = f", {change}" if change and change != HOLDING else ""
    tie = f"Tie strength: {strength_words(strength.score)}{moving}"
    show(Text(f"{tie}: {tie_summary(inputs, today)}", style="bold"))
    for reason in reasons_beyond_summary(strength.reasons):
        show(plain(f"  • {reason}"))
    _show_details(person)
    _show_timeline(timeline, person)
    _show_open_promises(promises, today)


def _header(person: Person) -> Text:
    header = Text(person.full_name, style="bold")
    header.append(f"  #{person.pk}", style="dim")
    work = " at ".join(x for x in (person.title, str(person.organization or "")) if x)
    if work:
        header.append("\n" + work)
    return header


def _keep_in_touch(person: Person, today) -> Text:
    if person.tier is None:
        return Text("Someone you know of: no keep-in-touch cadence.")
    due = person.keep_in_touch_due_on
    line = f"{TIER_LABELS[Tier(person.tier)]}: keep in touch {_cadence(person)}"
    if due is not None:
        line += f"; next due {day(due, today)}"
    if person.snoozed_until and person.snoozed_until > today:
        line += f"; snoozed until {person.snoozed_until}"
    return Text(line)


def _show_details(person: Person) -> None:
    details = [
        ("Emails", ", ".join(e.address for e in person.emails.all())),
        ("Phones", ", ".join(p.number for p in person.phones.all())),
        ("Circles", ", ".join(c.name for c in person.circles.all())),
        ("LinkedIn", person.linkedin_url),
        ("Location", person.location),
        ("How you met", person.how_met),
        ("Introduced by", person.introduced_by.full_name if person.introduced_by else ""),
        ("Interests", person.interests),
        ("Notes", person.notes),
    ]
    for label, value in details:
        if value:
            line = Text(f"{label}: ", style="bold")
            line.append(value)
            show(line)


def _show_timeline(timeline, person: Person) -> None:
    if not timeline:
        show(Text("\nNo conversations yet: log one with `mutuals log NAME TEXT`."))
        return
    grid = table("Date", "Kind", "What", "With", title="\nRecent conversations")
    for interaction in timeline:
        others = ", ".join(p.full_name for p in interaction.people.all() if p.pk != person.pk)
        grid.add_row(
            str(interaction.occurred_on),
            interaction.kind,
            plain(interaction.summary),
            plain(others),
        )
    show(grid)


def _show_open_promises(promises, today) -> None:
    if not promises:
        return
    grid = table("#", "Due", "Promise", title="\nOpen promises")
    for promise in promises:
        grid.add_row(str(promise.pk), day(promise.due_on, today), plain(promise.text))
    show(grid)


def list_people(
    ctx: typer.Context,
    search: Annotated[
        str, typer.Option(metavar="TEXT", help="Match name, organisation, title or email.")
    ] = "",
    circle: Annotated[str, typer.Option(metavar="CIRCLE", help="Only people in this circle.")] = "",
    tier: Annotated[Tier | None, typer.Option(help="Only people this close.")] = None,
    org: Annotated[
        str, typer.Option("--org", metavar="ORG", help="Only people at this organisation.")
    ] = "",
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only people due for keep-in-touch.")
    ] = False,
    balance: Annotated[
        PeopleBalance | None,
        typer.Option(
            help="Only people you owe (they gave more), are even with, who owe you "
            "(you gave more), or none: nothing exchanged yet."
        ),
    ] = None,
    sort: Annotated[
        PeopleSort,
        typer.Option(help="Order of the list; owe: you owe them most first, owed: the reverse."),
    ] = PeopleSort.NAME,
    limit: Annotated[
        int, typer.Option(min=0, metavar="N", help="Show at most this many (0 shows everyone).")
    ] = DEFAULT_LIMIT,
    as_json: JsonOption = False,
) -> None:
    """List your people, with filters."""
    owner = acting_user(ctx)
    today = local_today()
    people_services.refresh_scores(owner=owner, today=today)
    people = people_selectors.people_list(
        owner=owner,
        today=today,
        search=search,
        circle=circle,
        tier=tier.value if tier else "",
        organization=org,
        overdue=overdue,
        balance=balance.value if balance else "",
        sort=sort.value,
    )
    total = people.count()
    people = people.prefetch_related("circles", "emails", "phones")
    shown = list(people[:limit] if limit else people)
    if as_json:
        emit_json(
            {
                "count": total,
                "people": [
                    person_to_dict(p, people_selectors.strength_of(p, today)) for p in shown
                ],
            }
        )
        return
    if not shown:
        say("No one matches. Add someone with `mutuals add NAME`, or loosen the filters.")
        return
    # An 80-column terminal is full already: the balance shows when you sort or filter by it.
    with_balance = balance is not None or sort in (PeopleSort.OWE, PeopleSort.OWED)
    balance_column = ("Give and take",) if with_balance else ()
    grid = table(
        "#", "Name", "Organisation", "Closeness", "Strength", *balance_column, "Last contact", "Due"
    )
    for person in shown:
        grid.add_row(
            str(person.pk),
            plain(person.full_name),
            plain(person.organization or ""),
            TIER_LABELS[Tier(person.tier)] if person.tier else "—",
            strength_words(people_selectors.strength_of(person, today).score, bar=False),
            *((_balance(person),) if with_balance else ()),
            day(person.last_contact_on),
            day(person.keep_in_touch_due_on),
        )
    show(grid)
    if total > len(shown):
        say(f"{len(shown)} of {total} shown; use --limit 0 to see everyone.")


def _balance(person: Person) -> str:
    return balance_words(None if person.balance_on is None else person.balance)


def set_people(
    ctx: typer.Context,
    ids: Annotated[
        str, typer.Option("--ids", metavar="IDS", help="Who: ids separated by commas, e.g. 1,2,3.")
    ] = "",
    unsorted: Annotated[
        bool, typer.Option("--unsorted", help="Who: everyone with no closeness yet.")
    ] = False,
    org: Annotated[
        str, typer.Option("--org", metavar="ORG", help="Who: everyone at this organisation.")
    ] = "",
    search: Annotated[
        str, typer.Option(metavar="TEXT", help="Who: everyone matching name, title or email.")
    ] = "",
    in_circle: Annotated[
        str, typer.Option("--in-circle", metavar="CIRCLE", help="Who: everyone in this circle.")
    ] = "",
    closeness: Annotated[
        Tier | None, typer.Option(help="Set their closeness (it sets the keep-in-touch cadence).")
    ] = None,
    know_of: Annotated[
        bool, typer.Option("--know-of", help="Make them people you only know of: no closeness.")
    ] = False,
    circle: Annotated[
        str, typer.Option("--circle", metavar="CIRCLE", help="Add them to this circle.")
    ] = "",
    cadence: Annotated[
        int | None, typer.Option(metavar="DAYS", help="Keep in touch every DAYS days.")
    ] = None,
    archive: Annotated[
        bool, typer.Option("--archive", help="Archive them: off lists and the agenda.")
    ] = False,
    as_json: NewJsonOption = False,
) -> None:
    """Set closeness, a circle or a cadence for many people at once, or archive them."""
    owner = acting_user(ctx)
    chosen = _chosen_ids(owner, ids, unsorted=unsorted, org=org, search=search, circle=in_circle)
    if closeness is not None and know_of:
        raise CliError("Give --closeness or --know-of, not both.", ExitCode.USAGE)
    changes: dict[str, object] = {}
    if know_of:
        changes["tier"] = None
    elif closeness is not None:
        changes["tier"] = closeness.value
    if cadence is not None:
        changes["cadence_days"] = cadence
    if not chosen:
        say("No one matches: nothing changed.")
        return
    result = bulk_changes.change_people(
        owner=owner, person_ids=chosen, circle=circle, archive=archive, **changes
    )
    message = bulk_changes.describe_change(
        result,
        tier=changes.get("tier", bulk_changes.KEEP),
        cadence_days=changes.get("cadence_days", bulk_changes.KEEP),
    )
    if as_json:
        emit_json({"count": result.count, "archived": result.archived, "message": message})
    say(message, style="green")


def _chosen_ids(
    owner: object, ids: str, *, unsorted: bool, org: str, search: str, circle: str
) -> list[int]:
    """The ids given, or everyone matching the filters; neither is a usage error."""
    filtering = unsorted or org or search or circle
    if ids and filtering:
        raise CliError("Choose people with --ids or with filters, not both.", ExitCode.USAGE)
    if ids:
        try:
            return [int(part) for part in ids.replace(" ", "").split(",") if part]
        except ValueError:
            raise CliError(
                f"--ids takes numbers separated by commas, e.g. 1,2,3 (got {ids!r}).",
                ExitCode.USAGE,
            ) from None
    if not filtering:
        raise CliError(
            "Choose who: --ids 1,2,3, or --unsorted, --org, --search or --in-circle.",
            ExitCode.USAGE,
        )
    found = people_selectors.people_list(
        owner=owner,
        today=local_today(),
        search=search,
        circle=circle,
        organization=org,
        unsorted=unsorted,
    )
    return list(found.order_by().values_list("pk", flat=True))

"""Reads for the network map: your closest people, their ring and group, and who knows whom.

Every query is filtered by owner. The database orders and cuts: of 30,000 people only the
`limit` closest rows are read (ring by closeness tier, then tie strength), so the map costs
the same few queries whatever the network's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import Window

from mutuals.core.cadence import Tier
from mutuals.core.network_map import DEFAULT_LIMIT, KNOWN_OF, MapEdge, MapPerson
from mutuals.network.models import Knows
from mutuals.people.models import Circle, Person

COLOUR_BY = ("circle", "organization")


@dataclass(frozen=True)
class MapFilter:
    colour_by: str = "circle"
    circle: str = ""  # a circle's name: only its people
    organization: str = ""  # words in the organisation's name: only people working there
    around: int | None = None  # a person whose ties are drawn (they are always placed)
    links: bool = False  # draw who knows whom among everyone placed


@dataclass(frozen=True)
class MapData:
    people: list[MapPerson]
    contacts: int  # your contacts the filter lets through, placed or not
    known_of: int | None  # people you only know of it lets through; None: not counted, the
    # map was full of contacts before reaching them
    edges: list[MapEdge] = field(default_factory=list)
    around: Person | None = None


FIELDS = ("id", "full_name", "strength", "organization__name", "ring", "total")
RING_OF_TIER = Case(
    *(When(tier=tier.value, then=Value(i)) for i, tier in enumerate(Tier)),
    default=Value(KNOWN_OF),
    output_field=IntegerField(),
)


def map_people(
    *, owner: AbstractBaseUser, choice: MapFilter | None = None, limit: int = DEFAULT_LIMIT
) -> MapData:
    """Your contacts, and people you only know of who know one of them, closest first, at most
    `limit` of them (plus the person `around`, if any), with the ties to draw.

    The database sorts and cuts, and counts in the same pass (a window count), so of 30,000
    people only `limit` rows travel; people you only know of are read only when your contacts
    leave room for them."""
    choice = choice or MapFilter()
    rows = _filtered(owner, choice).annotate(ring=RING_OF_TIER, total=Window(Count("id")))
    top = rows.filter(tier__isnull=False).order_by("ring", "-strength", "id")
    closest = list(top.values_list(*FIELDS)[:limit])
    contacts = closest[0][-1] if closest else 0
    known_of = None
    if len(closest) < limit:
        linked = _known_of(owner, rows).order_by("id").values_list(*FIELDS)
        more = list(linked[: limit - len(closest)])
        known_of = more[0][-1] if more else 0
        closest += more
    found = [row[:-1] for row in closest]
    around = _around(owner, choice.around)
    if around is not None and all(row[0] != around.pk for row in found):
        ring = list(Tier).index(Tier(around.tier)) if around.tier else KNOWN_OF
        org = around.organization.name if around.organization_id else None
        found.append((around.pk, around.full_name, around.strength, org, ring))
    ids = [row[0] for row in found]
    if choice.colour_by == "organization":
        groups = {pk: org or "" for pk, _, _, org, _ in found}
    else:
        groups = _first_circles(owner, ids, choice.circle)
    people = [
        MapPerson(pk, name, groups.get(pk, ""), ring, strength if ring < KNOWN_OF else 0.0)
        for pk, name, strength, _, ring in found
    ]
    edges = _edges(owner, ids, around.pk if around else None, choice.links)
    return MapData(people, contacts, known_of, edges, around)


def circle_names(*, owner: AbstractBaseUser) -> list[str]:
    return list(Circle.objects.filter(owner=owner).order_by("name").values_list("name", flat=True))


def _filtered(owner: AbstractBaseUser, choice: MapFilter) -> QuerySet[Person]:
    rows = Person.objects.filter(owner=owner, archived_at__isnull=True)
    if choice.circle:
        circle = Circle.objects.filter(owner=owner, name=choice.circle).first()
        rows = rows.filter(circles=circle) if circle else rows.none()
    if choice.organization.strip():
        rows = rows.filter(organization__name__icontains=choice.organization.strip())
    return rows


def _known_of(owner: AbstractBaseUser, rows: QuerySet[Person]) -> QuerySet[Person]:
    """People you only know of who know one of your people (anyone else has no place here)."""
    knows = Knows.objects.filter(owner=owner)
    return rows.filter(tier__isnull=True).filter(
        Exists(knows.filter(person=OuterRef("pk"))) | Exists(knows.filter(knows=OuterRef("pk")))
    )


def _around(owner: AbstractBaseUser, person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    rows = Person.objects.filter(owner=owner, pk=person_id, archived_at__isnull=True)
    return rows.select_related("organization").first()


def _first_circles(owner: AbstractBaseUser, ids: list[int], only: str) -> dict[int, str]:
    """Each person's circle to colour by: the filtered circle, else their first by name."""
    through = Person.circles.through.objects.filter(circle__owner=owner, person_id__in=ids)
    if only:
        through = through.filter(circle__name=only)
    first: dict[int, str] = {}
    for pk, name in through.values_list("person_id", "circle__name").order_by("circle__name"):
        first.setdefault(pk, name)
    return first


def _edges(
    owner: AbstractBaseUser, ids: list[int], around: int | None, links: bool
) -> list[MapEdge]:
    """Ties among the people placed: all of them with `links`, else only those of `around`."""
    if not links and around is None:
        return []
    rows = Knows.objects.filter(owner=owner, person_id__in=ids, knows_id__in=ids)
    if not links:
        rows = rows.filter(Q(person_id=around) | Q(knows_id=around))
    found = rows.order_by("person_id", "knows_id").values_list("person_id", "knows_id", "strength")
    return [MapEdge(a, b, strength) for a, b, strength in found]

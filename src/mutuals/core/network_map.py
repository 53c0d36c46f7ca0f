"""An ego-centred map of your network: you at the centre, your people on rings by closeness.

Idea: people keep their relationships in nested layers of about 5, 15, 50, 150 and 500
(Dunbar, "The anatomy of friendship", 2018), and mutuals' closeness tiers follow them (see
`core.cadence`). The map draws one ring per tier, the inner circle nearest to you, then
dormant ties, then people you only know of, outermost. Only the `limit` closest people are
placed (150 by default, the layer of people you keep in touch with at least yearly): ordered by
ring, then by tie strength, then by id. Same input, same picture.

Each ring is one or more circular tracks. Seats on a track are evenly spaced over the track's
arc, at least `PITCH` apart (chord length), and tracks are `TRACK_STEP` apart, so no two dots
ever overlap; a ring takes as many tracks as its people need. Around the ring, people sit in
the order of their group (a circle or an organisation), so each group forms a sector of the
same colour across the rings. At the top of each ring a wedge is left empty for the ring's
name, which sits between the rings, clear of every dot.

Text: names must be readable on a 375 px phone, where the picture is `PHONE_WIDTH` pixels wide.
The layout picks a text size in map units that is at least `MIN_TEXT_PX` pixels there, and the
wedges are made for it. Which names are written is `place_labels`: closest people first, each
beside its dot on the outer side (else above, else below), skipped when it would touch a dot,
another name or the edge; everyone's name is on their link and in the list beside the map.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from mutuals.core.cadence import TIER_LABELS, Tier

RING_NAMES: Final = (*(TIER_LABELS[t] for t in Tier), "Known of")
KNOWN_OF: Final = len(Tier)  # the ring of people you only know of
# Dunbar's layer each ring stands for, for the legend ("about 5"); None: no layer of its own
LAYER_SIZES: Final = (5, 15, 50, 150, 500, None, None)
DEFAULT_LIMIT: Final = 150
OTHERS: Final = "Others"
MAX_GROUPS: Final = 7  # groups with a colour of their own; the rest share "Others"

DOT_R: Final = 5.0
GAP: Final = 3.0
PITCH: Final = 2 * DOT_R + GAP  # the least distance between two dots' centres
TRACK_STEP: Final = PITCH + 1  # between two tracks of a ring
RING_STEP: Final = 26.0  # between a ring's last track and the next ring's first: room for a name
FIRST_RADIUS: Final = 40.0
YOU_R: Final = 8.0
MARGIN: Final = 4.0
NAME_ROOM: Final = 3.0  # around the outer ring, in text heights, for names written outwards
PHONE_WIDTH: Final = 340.0  # CSS pixels the picture gets on a 375 px phone (padding, border)
MIN_TEXT_PX: Final = 12.0
CHAR_WIDTH: Final = 0.6  # of the text size: a generous average for a sans-serif
NAME_CHARS: Final = 18  # names longer than this are shortened, with an ellipsis


@dataclass(frozen=True, slots=True)
class MapPerson:
    id: int
    name: str
    group: str  # a circle or an organisation; "" for none
    ring: int  # 0 inner circle ... KNOWN_OF
    strength: float  # your tie, in [0, 1]


@dataclass(frozen=True, slots=True)
class MapEdge:
    a: int
    b: int
    strength: float  # how well a and b know each other, in (0, 1]


@dataclass(frozen=True, slots=True)
class PlacedPerson:
    id: int
    name: str
    group: str  # as drawn: OTHERS for none, or for a group beyond the first MAX_GROUPS
    colour: int  # the group's index in NetworkMap.groups
    ring: int
    strength: float
    x: float
    y: float
    angle: float  # radians, clockwise from the right (SVG's y points down)


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    x: float
    y: float  # the baseline
    anchor: str  # "start", "middle" or "end", as SVG's text-anchor
    size: float

    @property
    def box(self) -> Box:
        width = text_width(self.text, self.size)
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return (left, self.y - 0.8 * self.size, left + width, self.y + 0.25 * self.size)


@dataclass(frozen=True, slots=True)
class Ring:
    index: int
    name: str
    inner: float  # radius of its first track
    outer: float  # radius of its last track
    count: int
    label: Label


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class NetworkMap:
    size: float  # the picture is a square this many units wide; you are at its centre
    text_size: float  # units that make MIN_TEXT_PX pixels on a phone
    people: tuple[PlacedPerson, ...]  # closest first
    rings: tuple[Ring, ...]  # only rings with people, innermost first
    groups: tuple[Group, ...]  # the colours, biggest group first; OTHERS last if any
    left_out: int  # people not placed because of the limit

    @property
    def centre(self) -> float:
        return self.size / 2


Box = tuple[float, float, float, float]  # left, top, right, bottom


def text_width(text: str, size: float) -> float:
    return len(text) * CHAR_WIDTH * size


def shorten(name: str, most: int = NAME_CHARS) -> str:
    name = " ".join(name.split())
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"


def layout(people: Iterable[MapPerson], *, limit: int = DEFAULT_LIMIT) -> NetworkMap:
    """Place the `limit` closest people on rings around you (see the module's docstring)."""
    if limit < 0:
        raise ValueError("limit must be zero or more.")
    kept, left_out = _closest(people, limit)
    groups, colour_of = _groups(kept)
    text = MIN_TEXT_PX
    for _ in range(8):  # a bigger text widens the wedges, which can widen the picture
        rings, seats, size = _rings(kept, colour_of, text)
        if text * PHONE_WIDTH / size >= MIN_TEXT_PX - 1e-9:
            break
        text = math.ceil(2 * MIN_TEXT_PX * size / PHONE_WIDTH) / 2
    centre = size / 2
    placed = tuple(
        PlacedPerson(
            p.id,
            p.name,
            groups[colour_of[p.group]].name,
            colour_of[p.group],
            p.ring,
            p.strength,
            _round(centre + radius * math.cos(angle)),
            _round(centre + radius * math.sin(angle)),
            angle,
        )
        for p, (radius, angle) in zip(kept, seats, strict=True)
    )
    moved = tuple(_move(ring, centre) for ring in rings)
    return NetworkMap(size, text, placed, moved, groups, left_out)


def _round(value: float) -> float:
    return round(value, 2)


def _unit(value: float) -> float:
    return 0.0 if math.isnan(value) else min(1.0, max(0.0, value))


def _closest(people: Iterable[MapPerson], limit: int) -> tuple[list[MapPerson], int]:
    """Each id once, the closest `limit` of them (ring, then strength, then id); how many more."""
    cleaned = (
        MapPerson(p.id, p.name, p.group.strip(), min(KNOWN_OF, max(0, p.ring)), _unit(p.strength))
        for p in people
    )
    ordered = sorted(cleaned, key=lambda p: (p.ring, -p.strength, p.id, p.name, p.group))
    unique: list[MapPerson] = []
    seen: set[int] = set()
    for person in ordered:
        if person.id not in seen:
            seen.add(person.id)
            unique.append(person)
    return unique[:limit], max(0, len(unique) - limit)


def _groups(people: list[MapPerson]) -> tuple[tuple[Group, ...], dict[str, int]]:
    """The biggest MAX_GROUPS groups (then by name) get a colour each; the rest, and people in
    no group, share OTHERS, drawn last."""
    counts: dict[str, int] = {}
    for person in people:
        counts[person.group] = counts.get(person.group, 0) + 1
    named = sorted((g for g in counts if g and g != OTHERS), key=lambda g: (-counts[g], g))
    own, rest = named[:MAX_GROUPS], named[MAX_GROUPS:]
    colour_of = {name: i for i, name in enumerate(own)}
    groups = [Group(name, counts[name]) for name in own]
    others = sum(counts[g] for g in rest) + counts.get("", 0) + counts.get(OTHERS, 0)
    if others:
        for name in (*rest, "", OTHERS):
            colour_of[name] = len(groups)
        groups.append(Group(OTHERS, others))
    return tuple(groups), colour_of


@dataclass(frozen=True, slots=True)
class _Track:
    radius: float
    start: float  # the first seat's arc begins here, after the wedge
    arc: float  # radians available for seats
    capacity: int


def _track(radius: float, name_boxes: list[Box]) -> _Track:
    """A track at `radius` whose seats keep clear of the rings' names (around the top, in
    units from you; an inner ring's wide name can reach out past the next ring's first track):
    the wedge is the least angle from the top where a dot is clear of every one of them."""
    wedge = max(_wedge(radius, box) for box in name_boxes)
    arc = 2 * math.pi - 2 * wedge
    step = 2 * math.asin(min(1.0, PITCH / (2 * radius)))
    return _Track(radius, -math.pi / 2 + wedge, arc, max(1, int(arc / step + 1e-9)))


def _wedge(radius: float, name_box: Box) -> float:
    _, top, right, bottom = name_box
    reach = DOT_R + GAP
    above = math.acos(min(1.0, (reach - top) / radius))  # closer to the top, a dot is above it
    below = math.acos(max(-1.0, min(1.0, (-bottom - reach) / radius)))  # further, below it
    beside = math.asin(min(1.0, (right + reach) / radius))  # further, beside it
    end = min(below, beside)
    return end if end > above else 0.0


def first_radius(text: float) -> float:
    """The inner ring's radius: room inside it for you and your "You"."""
    return max(FIRST_RADIUS, YOU_R + 1.6 * text + DOT_R + GAP)


def _rings(
    people: list[MapPerson], colour_of: dict[str, int], text: float
) -> tuple[list[Ring], list[tuple[float, float]], float]:
    """Rings around (0, 0), each person's seat (radius, angle) in `people`'s order, the size."""
    by_ring: dict[int, list[int]] = {}
    for i, person in enumerate(people):
        by_ring.setdefault(person.ring, []).append(i)
    seats: list[tuple[float, float]] = [(0.0, 0.0)] * len(people)
    rings: list[Ring] = []
    radius = first_radius(text)
    names: list[Box] = []  # the names of the rings placed so far, and this one's
    for index in sorted(by_ring):
        members = sorted(
            by_ring[index],
            key=lambda i: (colour_of[people[i].group], -people[i].strength, people[i].id),
        )
        name = RING_NAMES[index]
        label = Label(name, 0.0, _round(-radius + 0.3 * text), "middle", text)
        names.append(label.box)
        tracks = [_track(radius, names)]
        while sum(t.capacity for t in tracks) < len(members):
            tracks.append(_track(tracks[-1].radius + TRACK_STEP, names))
        ring_seats = _seats(tracks, len(members))
        for i, seat in zip(members, ring_seats, strict=True):
            seats[i] = seat
        rings.append(Ring(index, name, tracks[0].radius, tracks[-1].radius, len(members), label))
        radius = tracks[-1].radius + RING_STEP
    outer = rings[-1].outer + DOT_R if rings else first_radius(text)
    size = 2 * (outer + NAME_ROOM * text + MARGIN)
    return rings, seats, _round(size)


def _seats(tracks: list[_Track], n: int) -> list[tuple[float, float]]:
    """`n` seats over the tracks in proportion to their capacity, in order of angle."""
    total = sum(t.capacity for t in tracks)
    shares = [t.capacity * n / total for t in tracks]
    counts = [math.floor(s) for s in shares]
    by_remainder = sorted(range(len(tracks)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    seats: list[tuple[float, float, int]] = []
    for k, (track, count) in enumerate(zip(tracks, counts, strict=True)):
        step = track.arc / count if count else 0.0
        seats.extend((track.start + (j + 0.5) * step, track.radius, k) for j in range(count))
    seats.sort()
    return [(radius, angle) for angle, radius, _ in seats]


def _move(ring: Ring, centre: float) -> Ring:
    label = ring.label
    moved = Label(label.text, centre, _round(centre + label.y), label.anchor, label.size)
    return Ring(ring.index, ring.name, ring.inner, ring.outer, ring.count, moved)


# ---- names on the picture --------------------------------------------------------------------


class _Boxes:
    """Boxes already taken, in square cells, so a new box meets only its neighbours'."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield i, j

    def free(self, box: Box) -> bool:
        return not any(meet(box, o) for c in self._cells(box) for o in self.cells.get(c, ()))

    def add(self, box: Box) -> None:
        for c in self._cells(box):
            self.cells.setdefault(c, []).append(box)


def meet(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def dot_box(x: float, y: float, r: float = DOT_R) -> Box:
    return (x - r, y - r, x + r, y + r)


def you_label(net_map: NetworkMap, size: float) -> Label:
    c = net_map.centre
    return Label("You", c, c + YOU_R + 0.9 * size, "middle", size)


def label_spots(person: PlacedPerson, size: float) -> list[Label]:
    """Where a person's name may go: beside the dot on the outer side, above, below; the full
    name first, then the first name alone (the full one is on the link and in the list)."""
    x, y = person.x, person.y
    side = math.cos(person.angle)
    beside = (x + DOT_R + 2, "start") if side >= 0 else (x - DOT_R - 2, "end")
    full = shorten(person.name)
    names = [full] + [n for n in (shorten(full.split(" ")[0], 12),) if n != full]
    return [
        spot
        for text in names
        for spot in (
            Label(text, beside[0], y + 0.35 * size, beside[1], size),
            Label(text, x, y - DOT_R - 2 - 0.25 * size, "middle", size),
            Label(text, x, y + DOT_R + 2 + 0.8 * size, "middle", size),
        )
    ]


def place_labels(
    net_map: NetworkMap, size: float, *, must: Sequence[int] = ()
) -> tuple[Label, ...]:
    """Names written on the picture at text `size`: people in `must` first, then the closest,
    each only where it touches no dot, no other name, no ring's name and stays inside."""
    taken = _Boxes(4 * size)
    for person in net_map.people:
        taken.add(dot_box(person.x, person.y))
    c = net_map.centre
    taken.add(dot_box(c, c, YOU_R))
    taken.add(you_label(net_map, size).box)
    for ring in net_map.rings:
        taken.add(ring.label.box)
    first = set(must)
    order = [p for p in net_map.people if p.id in first]
    order += [p for p in net_map.people if p.id not in first]
    labels: list[Label] = []
    for person in order:
        for spot in label_spots(person, size):
            box = spot.box
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= net_map.size
            if inside and box[3] <= net_map.size and taken.free(box):
                taken.add(box)
                labels.append(spot)
                break
    return tuple(labels)

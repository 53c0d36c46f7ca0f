"""A picture of your network: your contacts as dots, clustered by circle, drawn as SVG.

Idea: each group (a circle or an organisation; people without one go to "Others") is a disc,
and its people are dots inside it, sized by your tie (4 to 12 units; someone you only know of
is the smallest and drawn hollow). Lines show who knows whom, fainter and thinner for weaker
ties, inside a group and across groups.

Inside a disc the people sit on a sunflower spiral (Vogel, "A better way to construct the
sunflower head", Mathematical Biosciences 44, 1979): the k-th seed turns by the golden angle
(about 137.5 degrees) from the one before and sits at a distance from the centre that grows
with the square root of the area used so far, which spreads seeds evenly with no rings or
spokes. People go strongest first, so the people you are closest to sit at the centre. Dots
differ in size, so each dot starts where the spiral puts it and, if it would touch a dot
already placed, moves out along its ray just far enough to clear it (by a 2-unit gap): no two
dots ever overlap.

Discs are laid out for a narrow phone screen: the picture is `width` units wide (360 by
default, about a phone's width in CSS pixels, so 11-unit text stays readable) and as tall as it
needs, since scrolling down is natural on a phone and zooming sideways is not. Biggest groups
come first; each disc takes one column or the whole row (two columns at 360, more when wider),
rows centred. A group too wide for the picture shrinks every dot and disc by the same factor,
so sizes stay comparable across groups.

Only the strongest `limit` people are drawn (then by id), and only the edges between them.
Same input, same picture: everything is sorted first, so input order never matters.

The SVG names only the strongest three of each group on the picture (everyone has a tooltip),
skipping a name that would cover another, so a phone screen stays legible. Colours come from
CSS with currentColor, so the page's light or dark theme carries through. Names and groups are
user data: the SVG escapes them and drops characters XML cannot hold.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

R_MIN: Final = 4.0
R_MAX: Final = 12.0
GAP: Final = 2.0  # between two dots, so hollow rings and strokes never touch
SPREAD: Final = 1.2  # spiral spacing: a little loose, so few dots need moving out
DISC_PAD: Final = 6.0
MARGIN: Final = 8.0
LABEL_BAND: Final = 22.0  # above each disc, for the group's name
ROW_GAP: Final = 16.0  # below each row, for names under the lowest dots
MIN_COLUMN: Final = 170.0
MIN_WIDTH: Final = 160.0
EMPTY_HEIGHT: Final = 48.0
OTHERS: Final = "Others"
LABELS_PER_GROUP: Final = 3
LABEL_SIZE: Final = 11
GROUP_LABEL_SIZE: Final = 12
GOLDEN_ANGLE: Final = math.pi * (3 - math.sqrt(5))
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class MapPerson:
    id: int
    name: str
    group: str
    strength: float  # your tie, in [0, 1]; 0 for someone you only know of


@dataclass(frozen=True, slots=True)
class MapEdge:
    a: int
    b: int
    strength: float  # how well a and b know each other, in (0, 1]


@dataclass(frozen=True, slots=True)
class PlacedPerson:
    id: int
    name: str
    group: str
    x: float
    y: float
    r: float
    strength: float


@dataclass(frozen=True, slots=True)
class PlacedGroup:
    name: str
    x: float
    y: float
    r: float
    count: int


@dataclass(frozen=True, slots=True)
class NetworkMap:
    width: float
    height: float
    people: tuple[PlacedPerson, ...]
    edges: tuple[MapEdge, ...]
    groups: tuple[PlacedGroup, ...]
    left_out: int  # people not drawn because of the limit


@dataclass(frozen=True, slots=True)
class _Cluster:
    name: str
    members: tuple[MapPerson, ...]  # strongest first
    spots: tuple[tuple[float, float], ...]  # offsets from the disc's centre
    radius: float


def _unit(value: float) -> float:
    return 0.0 if math.isnan(value) else min(1.0, max(0.0, value))


def node_radius(strength: float) -> float:
    """The radius of a dot at full scale: 4 for someone you only know of, 12 for your closest."""
    return R_MIN + (R_MAX - R_MIN) * _unit(strength)


def layout(
    people: Sequence[MapPerson], edges: Sequence[MapEdge], *, limit: int = 300, width: float = 360
) -> NetworkMap:
    """Place the strongest `limit` people in group discs, `width` units wide, as tall as needed."""
    if limit < 0:
        raise ValueError("limit must be zero or more.")
    if not MIN_WIDTH <= width < math.inf:
        raise ValueError(f"width must be a number of units, at least {MIN_WIDTH:g}.")
    kept, left_out = _strongest(people, limit)
    kept_edges = _edges_between({p.id for p in kept}, edges)
    if not kept:
        return NetworkMap(float(width), EMPTY_HEIGHT, (), kept_edges, (), left_out)
    clusters = [_cluster(name, members) for name, members in _by_group(kept)]
    usable = width - 2 * MARGIN
    scale = min(1.0, usable / (2 * max(c.radius for c in clusters)))
    centres, height = _grid([c.radius * scale for c in clusters], usable)
    placed: list[PlacedPerson] = []
    groups: list[PlacedGroup] = []
    for cluster, (cx, cy) in zip(clusters, centres, strict=True):
        disc = _round(cluster.radius * scale)
        groups.append(PlacedGroup(cluster.name, cx, cy, disc, len(cluster.members)))
        for person, (dx, dy) in zip(cluster.members, cluster.spots, strict=True):
            x, y = _round(cx + dx * scale), _round(cy + dy * scale)
            r = _round(node_radius(person.strength) * scale)
            placed.append(
                PlacedPerson(person.id, person.name, cluster.name, x, y, r, person.strength)
            )
    return NetworkMap(float(width), height, tuple(placed), kept_edges, tuple(groups), left_out)


def _round(value: float) -> float:
    return round(value, 2)


def _strongest(people: Sequence[MapPerson], limit: int) -> tuple[list[MapPerson], int]:
    """The `limit` strongest people (then by id), each id once, and how many more there were."""
    cleaned = (
        MapPerson(p.id, p.name, p.group.strip() or OTHERS, _unit(p.strength)) for p in people
    )
    ordered = sorted(cleaned, key=lambda p: (-p.strength, p.id, p.name, p.group))
    unique: list[MapPerson] = []
    seen: set[int] = set()
    for person in ordered:
        if person.id not in seen:
            seen.add(person.id)
            unique.append(person)
    return unique[:limit], max(0, len(unique) - limit)


def _edges_between(ids: set[int], edges: Sequence[MapEdge]) -> tuple[MapEdge, ...]:
    """Each pair of kept people once, as (smaller id, larger id), with its strongest strength."""
    best: dict[tuple[int, int], MapEdge] = {}
    for edge in edges:
        a, b, strength = edge.a, edge.b, edge.strength
        if not strength > 0 or a == b or a not in ids or b not in ids:  # NaN fails `> 0` too
            continue
        pair = (a, b) if a < b else (b, a)
        old = best.get(pair)
        if old is None or strength > old.strength:
            best[pair] = edge
    # most edges arrive tidy already; building new frozen dataclasses is the slow part
    return tuple(
        e if e.a < e.b and e.strength <= 1 else MapEdge(a, b, min(e.strength, 1.0))
        for (a, b), e in sorted(best.items())
    )


def _by_group(people: list[MapPerson]) -> list[tuple[str, list[MapPerson]]]:
    """Groups biggest first (then by name), each strongest first, as `people` already is."""
    groups: dict[str, list[MapPerson]] = {}
    for person in people:
        groups.setdefault(person.group, []).append(person)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def _cluster(name: str, members: list[MapPerson]) -> _Cluster:
    radii = [node_radius(p.strength) for p in members]
    spots = _sunflower(radii)
    reach = max(math.hypot(x, y) + r for (x, y), r in zip(spots, radii, strict=True))
    return _Cluster(name, tuple(members), tuple(spots), reach + DISC_PAD)


Grid = dict[tuple[int, int], list[tuple[float, float, float]]]  # cell -> dots (x, y, r)


def _sunflower(radii: list[float]) -> list[tuple[float, float]]:
    """Vogel's spiral by area used so far; a dot that would touch an earlier one moves out along
    its ray to just past it. Cells as wide as the largest distance needed find the neighbours."""
    cell = 2 * max(radii) + GAP
    grid: Grid = {}
    spots: list[tuple[float, float]] = []
    used = 0.0
    for k, r in enumerate(radii):
        area = (r + GAP / 2) ** 2
        rho = SPREAD * math.sqrt(used + area / 2) if k else 0.0
        used += area
        ray = (math.cos(k * GOLDEN_ANGLE), math.sin(k * GOLDEN_ANGLE))
        while (past := _past_collisions(rho, ray, r, grid, cell)) is not None:
            rho = max(rho, past) + 1e-6
        x, y = rho * ray[0], rho * ray[1]
        grid.setdefault((math.floor(x / cell), math.floor(y / cell)), []).append((x, y, r))
        spots.append((x, y))
    return spots


def _past_collisions(
    rho: float, ray: tuple[float, float], r: float, grid: Grid, cell: float
) -> float | None:
    """How far along `ray` a dot of radius r at distance rho must go to clear the dots it
    touches there (the far end of each one's chord, widened by the gap), or None if it is free."""
    ux, uy = ray
    x, y = rho * ux, rho * uy
    gx, gy = math.floor(x / cell), math.floor(y / cell)
    past: float | None = None
    for i in (gx - 1, gx, gx + 1):
        for j in (gy - 1, gy, gy + 1):
            for sx, sy, sr in grid.get((i, j), ()):
                need = r + sr + GAP
                if (x - sx) ** 2 + (y - sy) ** 2 < need * need:
                    along = ux * sx + uy * sy
                    out = along + math.sqrt(max(need * need - (sx * sx + sy * sy - along**2), 0))
                    past = out if past is None else max(past, out)
    return past


def _grid(radii: list[float], usable: float) -> tuple[list[tuple[float, float]], float]:
    """Disc centres, in order, as rows of columns (each disc one column or more), and the
    picture's height. Rows are centred; discs in a row share the top of their label band."""
    columns = max(1, int(usable // MIN_COLUMN))
    column = usable / columns
    spans = [min(columns, max(1, math.ceil(2 * r / column - 1e-9))) for r in radii]
    rows: list[list[int]] = []
    for i, span in enumerate(spans):
        if not rows or sum(spans[j] for j in rows[-1]) + span > columns:
            rows.append([])
        rows[-1].append(i)
    centres: list[tuple[float, float]] = [(0.0, 0.0)] * len(radii)
    top = MARGIN
    for row in rows:
        left = MARGIN + (columns - sum(spans[i] for i in row)) * column / 2
        for i in row:
            centres[i] = (_round(left + spans[i] * column / 2), _round(top + LABEL_BAND + radii[i]))
            left += spans[i] * column
        top += LABEL_BAND + 2 * max(radii[i] for i in row) + ROW_GAP
    return centres, _round(top + MARGIN)


# ---- drawing --------------------------------------------------------------------------------

STYLE: Final = (
    ".network-map{font-family:system-ui,sans-serif}"
    ".network-map .group{fill:currentColor;fill-opacity:.05;stroke:currentColor;"
    "stroke-opacity:.25}"
    ".network-map .edge{stroke:currentColor;stroke-linecap:round}"
    ".network-map .node{stroke:currentColor;stroke-width:1.5}"
    ".network-map .contact{fill:var(--network-map-dot,currentColor);fill-opacity:.8}"
    ".network-map .known-of{fill:none;pointer-events:all}"
    ".network-map .highlight{stroke:var(--network-map-highlight,#e8590c);stroke-width:3}"
    ".network-map .label{fill:currentColor;paint-order:stroke;"
    "stroke:var(--network-map-halo,Canvas);stroke-opacity:.8;stroke-width:2.5px;stroke-linejoin:round}"
    ".network-map .group-label{font-weight:600}"
    ".network-map a:focus .node{stroke-width:3}"
)

STROKE_LEVELS: Final = 20
STROKES: Final = tuple(
    f'stroke-width="{0.5 + 1.5 * level / STROKE_LEVELS:.2f}" '
    f'stroke-opacity="{0.12 + 0.5 * level / STROKE_LEVELS:.2f}"'
    for level in range(STROKE_LEVELS + 1)
)

Box = tuple[float, float, float, float]  # left, top, right, bottom
BAND: Final = 24.0


def _nonce(nonce: str | None) -> str:
    return f' nonce="{escape(nonce)}"' if nonce else ""


class _Taken:
    """Label boxes already drawn, kept in horizontal bands so a new box meets only its band's."""

    def __init__(self) -> None:
        self.bands: dict[int, list[Box]] = {}

    def _bands(self, box: Box) -> range:
        return range(math.floor(box[1] / BAND), math.floor(box[3] / BAND) + 1)

    def free(self, box: Box) -> bool:
        return not any(_meet(box, o) for b in self._bands(box) for o in self.bands.get(b, ()))

    def add(self, box: Box) -> None:
        for band in self._bands(box):
            self.bands.setdefault(band, []).append(box)


def render_svg(
    net_map: NetworkMap,
    *,
    title: str = "Your network",
    href: Callable[[int], str] | None = None,
    highlight: Collection[int] = (),
    style_nonce: str | None = None,
) -> str:
    """A standalone SVG of the map; colours come from CSS (currentColor), so dark mode works.
    Inside a page with a Content-Security-Policy, `style_nonce` lets its <style> apply."""
    desc = describe(net_map)
    ident = f"network-map-{zlib.crc32(f'{title}|{desc}|{net_map.height}'.encode()):08x}"
    w, h = _num(net_map.width), _num(net_map.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-map" viewBox="0 0 {w} {h}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{_text(title)}</title>',
        f'<desc id="{ident}-desc">{_text(desc)}</desc>',
        f"<style{_nonce(style_nonce)}>{STYLE}</style>",
    ]
    taken = _Taken()
    for group in net_map.groups:
        parts.append(
            f'<circle class="group" cx="{_num(group.x)}" cy="{_num(group.y)}" r="{_num(group.r)}"/>'
        )
        parts.append(_group_label(group, net_map.width, taken))
    parts.extend(_edges(net_map))
    parts.extend(_node(p, href, p.id in highlight) for p in net_map.people)
    parts.extend(_labels(net_map, taken))
    if not net_map.people:
        parts.append(
            f'<text class="label" x="{_num(net_map.width / 2)}" y="{_num(net_map.height / 2 + 4)}"'
            f' font-size="{LABEL_SIZE}" text-anchor="middle">No one to show yet.</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def describe(net_map: NetworkMap) -> str:
    """In words, what the picture shows: '12 people in 3 groups, 20 connections between them'."""
    if not net_map.people:
        text = "No people to show"
    else:
        text = (
            f"{_count(len(net_map.people), 'person', 'people')} in "
            f"{_count(len(net_map.groups), 'group', 'groups')}, "
            f"{_count(len(net_map.edges), 'connection', 'connections')} between them"
        )
    if net_map.left_out:
        text += f"; {_count(net_map.left_out, 'more person', 'more people')} not shown"
    return text + "."


def tooltip(person: PlacedPerson) -> str:
    """'Ada Lovelace — Orion, tie strength 0.72'."""
    text = f"{person.name} — {person.group}, tie strength {person.strength:.2f}"
    return text + (" (known of)" if person.strength == 0 else "")


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _edges(net_map: NetworkMap) -> list[str]:
    # coordinates formatted once per person and strokes once per level: 2,000 lines stay cheap
    ends = {p.id: (_num(p.x), _num(p.y), p.group) for p in net_map.people}
    lines = []
    for edge in net_map.edges:
        (ax, ay, a_group), (bx, by, b_group) = ends[edge.a], ends[edge.b]
        kind = "edge" if a_group == b_group else "edge across"
        lines.append(
            f'<line class="{kind}" x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}" '
            f"{STROKES[round(edge.strength * STROKE_LEVELS)]}/>"
        )
    return lines


def _node(person: PlacedPerson, href: Callable[[int], str] | None, highlighted: bool) -> str:
    kind = "node contact" if person.strength > 0 else "node known-of"
    kind += " highlight" if highlighted else ""
    circle = (
        f'<circle class="{kind}" cx="{_num(person.x)}" cy="{_num(person.y)}" '
        f'r="{_num(person.r)}"><title>{_text(tooltip(person))}</title></circle>'
    )
    return f'<a href="{_text(href(person.id))}">{circle}</a>' if href else circle


def _group_label(group: PlacedGroup, width: float, taken: _Taken) -> str:
    room = max(2 * group.r, (width - 2 * MARGIN) / max(1, int((width - 2 * MARGIN) // MIN_COLUMN)))
    text = _shorten(f"{group.name} · {group.count}", room - 8, GROUP_LABEL_SIZE)
    baseline = group.y - group.r - 7
    taken.add(_box(group.x, baseline, text, GROUP_LABEL_SIZE))
    return (
        f'<text class="label group-label" x="{_num(group.x)}" y="{_num(baseline)}" '
        f'font-size="{GROUP_LABEL_SIZE}" text-anchor="middle">{_text(text)}</text>'
    )


def _labels(net_map: NetworkMap, taken: _Taken) -> list[str]:
    """Names under (or above) the strongest few dots of each group, skipping any that would
    cover another name or leave the picture: a phone has no room for every name."""
    labels: list[str] = []
    shown: dict[str, int] = {}
    for person in net_map.people:  # strongest first within each group
        if shown.get(person.group, 0) >= LABELS_PER_GROUP:
            continue
        shown[person.group] = shown.get(person.group, 0) + 1
        text = _shorten(person.name, 130, LABEL_SIZE)
        for baseline in (person.y + person.r + LABEL_SIZE, person.y - person.r - 4):
            box = _box(person.x, baseline, text, LABEL_SIZE)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= net_map.width
            if inside and box[3] <= net_map.height and taken.free(box):
                taken.add(box)
                labels.append(
                    f'<text class="label" x="{_num(person.x)}" y="{_num(baseline)}" '
                    f'font-size="{LABEL_SIZE}" text-anchor="middle">{_text(text)}</text>'
                )
                break
    return labels


def _shorten(text: str, room: float, size: int) -> str:
    most = max(4, int(room / (0.6 * size)))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _box(x: float, baseline: float, text: str, size: int) -> Box:
    half = len(text) * 0.6 * size / 2
    return (x - half, baseline - 0.8 * size, x + half, baseline + 0.25 * size)


def _meet(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

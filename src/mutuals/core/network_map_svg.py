"""The network map drawn as SVG, for a page: rings, you, your people as links, their names.

Colours and shapes come from the page's stylesheet through classes (`map-g0` ... one per group,
and the group's shape: circle, square, diamond, triangle, so colour is never the only cue), so
the SVG carries no <style> and needs nothing from a Content-Security-Policy.

Zoom: at level 1 the picture fits the screen (at most `FIT_WIDTH` pixels wide); levels 2 and 3
draw it `ZOOM_WIDTHS` pixels wide, to scroll. Names are written at a size that is at least
`MIN_TEXT_PX` pixels where they show: at level 1 there are two sets, one for a phone (the map's
own `text_size`) and one for wider screens (smaller in map units, so more names fit), and the
stylesheet shows one of them by screen width. Everyone's name is on their link (its accessible
name and tooltip) and shows beside the dot on hover and keyboard focus.

Names and groups are user data: everything is escaped, and characters XML cannot hold dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from html import escape
from typing import Final

from mutuals.core.network_map import (
    DOT_R,
    KNOWN_OF,
    RING_NAMES,
    YOU_R,
    Label,
    MapEdge,
    NetworkMap,
    PlacedPerson,
    place_labels,
    shorten,
    you_label,
)

FIT_WIDTH: Final = 600.0  # pixels, level 1 on a wide screen
ZOOM_WIDTHS: Final = {2: 1000.0, 3: 1600.0}
ZOOMS: Final = (1, *ZOOM_WIDTHS)
WIDE_TEXT_PX: Final = 13.0
SHAPES: Final = ("circle", "square", "diamond", "triangle")
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text_sizes(net_map: NetworkMap, zoom: int) -> dict[str, float]:
    """Text size in map units for each set of names drawn at `zoom`, by the set's class."""
    if zoom == 1:
        wide = max(WIDE_TEXT_PX * net_map.size / FIT_WIDTH, 1.0)
        return {"map-names-phone": net_map.text_size, "map-names-wide": _r(wide)}
    return {"map-names-zoomed": _r(WIDE_TEXT_PX * net_map.size / ZOOM_WIDTHS[zoom])}


def render_svg(
    net_map: NetworkMap,
    *,
    zoom: int = 1,
    title: str = "Your network",
    href: Callable[[int], str] | None = None,
    edges: Sequence[MapEdge] = (),
    selected: Collection[int] = (),
    ident: str = "network-map",
) -> str:
    """The map as an inline SVG element: a labelled group of links, one per person."""
    if zoom not in ZOOMS:
        raise ValueError(f"zoom must be one of {ZOOMS}.")
    s = _n(net_map.size)
    width = "" if zoom == 1 else f' width="{_n(ZOOM_WIDTHS[zoom])}"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-map zoom-{zoom}" '
        f'viewBox="0 0 {s} {s}"{width} role="group" aria-labelledby="{ident}-title" '
        f'aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{_text(title)}</title>',
        f'<desc id="{ident}-desc">{_text(describe(net_map))}</desc>',
        *_rings(net_map),
        *_edges(net_map, edges),
    ]
    sizes = text_sizes(net_map, zoom)
    must = list(selected)
    for css_class, size in sizes.items():
        parts.append(f'<g class="map-names {css_class}" aria-hidden="true" font-size="{_n(size)}">')
        parts.extend(_label(ring.label, "map-ring-name") for ring in net_map.rings)
        parts.append(_label(you_label(net_map, size), "map-you-name"))
        parts.extend(_label(lab, "map-name") for lab in place_labels(net_map, size, must=must))
        parts.append("</g>")
    c = _n(net_map.centre)
    parts.append(f'<circle class="map-you" cx="{c}" cy="{c}" r="{_n(YOU_R)}" aria-hidden="true"/>')
    focus_size = max(sizes.values())
    chosen = set(selected)
    linked = {e.b for e in edges if e.a in chosen} | {e.a for e in edges if e.b in chosen}
    parts.append('<g class="map-people">')
    parts.extend(
        _person(p, net_map, href, _mark(p.id, chosen, linked), focus_size) for p in net_map.people
    )
    parts.append("</g></svg>")
    return "\n".join(parts)


def describe(net_map: NetworkMap) -> str:
    """In words: 'Around you, 20 people on 3 rings: Inner circle 5, Close 15; 4 more not shown.'"""
    if not net_map.people:
        text = "No one around you yet"
    else:
        rings = ", ".join(f"{ring.name} {ring.count:,}" for ring in net_map.rings)
        text = (
            f"Around you, {_count(len(net_map.people), 'person', 'people')} on "
            f"{_count(len(net_map.rings), 'ring', 'rings')}: {rings}"
        )
    if net_map.left_out:
        text += f"; {_count(net_map.left_out, 'more person', 'more people')} not shown"
    return text + "."


def person_words(person: PlacedPerson) -> str:
    """A person's accessible name on the map: 'Ada Lovelace, Inner circle, Work'."""
    return f"{person.name}, {RING_NAMES[person.ring]}, {person.group}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value), quote=True)


def _r(value: float) -> float:
    return round(value, 2)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _rings(net_map: NetworkMap) -> list[str]:
    c = _n(net_map.centre)
    parts = ['<g class="map-rings" aria-hidden="true">']
    for k, ring in enumerate(net_map.rings):
        middle = (ring.inner + ring.outer) / 2
        band = ring.outer - ring.inner + 2 * DOT_R + 6
        parts.append(
            f'<circle class="map-band map-band-{k % 2}" cx="{c}" cy="{c}" r="{_n(middle)}" '
            f'stroke-width="{_n(band)}"/>'
        )
    parts.append("</g>")
    return parts


def _edges(net_map: NetworkMap, edges: Sequence[MapEdge]) -> list[str]:
    where = {p.id: (_n(p.x), _n(p.y)) for p in net_map.people}
    lines = []
    for edge in edges:
        if edge.a in where and edge.b in where and edge.a != edge.b:
            (ax, ay), (bx, by) = where[edge.a], where[edge.b]
            opacity = 0.25 + 0.6 * min(1.0, max(0.0, edge.strength))
            lines.append(
                f'<line x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}" stroke-opacity="{opacity:.2f}"/>'
            )
    if not lines:
        return []
    return ['<g class="map-edges" aria-hidden="true">', *lines, "</g>"]


def _label(label: Label, css_class: str) -> str:
    return (
        f'<text class="{css_class}" x="{_n(label.x)}" y="{_n(label.y)}" '
        f'text-anchor="{label.anchor}">{_text(label.text)}</text>'
    )


def _shape(person: PlacedPerson, css_class: str) -> str:
    x, y, r = person.x, person.y, DOT_R
    shape = SHAPES[person.colour % len(SHAPES)]
    if shape == "circle":
        return f'<circle class="{css_class}" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
    if shape == "square":
        h = r * 0.7
        return (
            f'<rect class="{css_class}" x="{_n(x - h)}" y="{_n(y - h)}" '
            f'width="{_n(2 * h)}" height="{_n(2 * h)}"/>'
        )
    if shape == "diamond":
        points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    else:
        points = [
            (x + r * math.cos(a), y + r * math.sin(a))
            for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)
        ]
    return (
        f'<polygon class="{css_class}" points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in points)}"/>'
    )


def swatch(colour: int) -> str:
    """A group's colour and shape as a small SVG for the legend (decorative: the name is text)."""
    dot = PlacedPerson(0, "", "", colour, 0, 0.0, DOT_R + 1, DOT_R + 1, 0.0)
    return (
        f'<svg class="map-swatch" viewBox="0 0 {_n(2 * DOT_R + 2)} {_n(2 * DOT_R + 2)}" '
        f'aria-hidden="true" focusable="false">{_shape(dot, f"map-dot map-g{colour}")}</svg>'
    )


def _focus_label(person: PlacedPerson, net_map: NetworkMap, size: float) -> Label:
    """The full name beside the dot, on whichever side keeps it inside the picture."""
    text = shorten(person.name, 30)
    right = Label(text, person.x + DOT_R + 3, person.y + 0.35 * size, "start", size)
    if right.box[2] <= net_map.size:
        return right
    return Label(text, person.x - DOT_R - 3, person.y + 0.35 * size, "end", size)


def _mark(pk: int, chosen: set[int], linked: set[int]) -> str:
    return " map-selected" if pk in chosen else " map-linked" if pk in linked else ""


def _person(
    person: PlacedPerson,
    net_map: NetworkMap,
    href: Callable[[int], str] | None,
    mark: str,
    size: float,
) -> str:
    kind = "map-dot map-known-of" if person.ring == KNOWN_OF else "map-dot"
    kind += f" map-g{person.colour}{mark}"
    words = _text(person_words(person))
    focus = _focus_label(person, net_map, size)
    inner = (
        f"<title>{words}</title>{_shape(person, kind)}"
        f'<text class="map-focus-name" x="{_n(focus.x)}" y="{_n(focus.y)}" '
        f'font-size="{_n(size)}" text-anchor="{focus.anchor}">{_text(focus.text)}</text>'
    )
    if href is None:
        return f'<g role="img" aria-label="{words}">{inner}</g>'
    return f'<a href="{_text(href(person.id))}" aria-label="{words}">{inner}</a>'

"""The demo network's work histories: where some demo people worked before, and where the demo
owner (a job seeker laid off two months ago) worked.

Deterministic from the network: every ninth person with an organisation worked at another of
the network's organisations for four years, ending three years ago; the owner worked at two of
them, the second until two months ago. Months only, as work histories are dated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mutuals.core.demo import DemoNetwork

EVERY = 9
_TITLES = ("Analyst", "Engineer", "Product Manager", "Designer", "Consultant")


@dataclass(frozen=True, slots=True)
class DemoPosition:
    person: int | None  # key of a DemoPerson; None for the demo owner
    organization: str
    title: str
    started_on: dt.date
    ended_on: dt.date


def _month(today: dt.date, months_ago: int) -> dt.date:
    total = today.year * 12 + today.month - 1 - months_ago
    return dt.date(total // 12, total % 12 + 1, 1)


def generate_positions(network: DemoNetwork) -> tuple[DemoPosition, ...]:
    organizations, today = network.organizations, network.today
    if len(organizations) < 2:
        return ()
    found = [
        DemoPosition(
            None, organizations[0], "Product Analyst", _month(today, 120), _month(today, 62)
        ),
        DemoPosition(
            None,
            organizations[len(organizations) // 2],
            "Product Manager",
            _month(today, 62),
            _month(today, 2),
        ),
    ]
    with_organization = [p for p in network.people if p.organization]
    for index, person in enumerate(with_organization[::EVERY]):
        others = [o for o in organizations if o != person.organization]
        found.append(
            DemoPosition(
                person.key,
                others[(index * 7) % len(others)],
                _TITLES[index % len(_TITLES)],
                _month(today, 84 + index % 12),
                _month(today, 36 + index % 12),
            )
        )
    return tuple(found)

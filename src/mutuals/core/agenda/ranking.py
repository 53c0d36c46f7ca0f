"""The order of items within a kind: score high to low, then name, then ids (so equal scores
always come out the same way)."""

from __future__ import annotations

from mutuals.core.agenda.states import AgendaItem
from mutuals.core.names import fold


def rank_key(
    item: AgendaItem,
) -> tuple[float, str, int, int, int, int, int, int, int, int, int, int]:
    return (
        -item.score,
        fold(item.person_name or ""),
        item.person_id or 0,
        item.promise_id or 0,
        item.need_id or 0,
        item.exchange_id or 0,
        item.ask_id or 0,
        item.introduction_id or 0,
        item.date_id or 0,
        item.lead_id or 0,
        item.event_id or 0,
        item.assignment_id or 0,
    )

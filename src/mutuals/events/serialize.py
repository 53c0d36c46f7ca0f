"""Plain-dict forms of events and communities, shared by the JSON API and `mutuals event ...
--json` / `mutuals community ... --json`. Codes in JSON (`kind`: "association_meeting"),
words beside them for screens (`kind_words`). Use events.selectors (they prefetch people)."""

from __future__ import annotations

from typing import Any

from mutuals.core.events import COMMUNITY_KIND_WORDS, EVENT_KIND_WORDS
from mutuals.events.models import Community, Event
from mutuals.events.selectors import CommunityPage
from mutuals.people.serialize import iso


def event_to_dict(event: Event) -> dict[str, Any]:
    community = event.community
    return {
        "id": event.pk,
        "name": event.name,
        "kind": event.kind,
        "kind_words": EVENT_KIND_WORDS[event.kind],
        "day": iso(event.day),
        "place": event.place,
        "community": {"id": community.pk, "name": community.name} if community else None,
        "people": [
            {"id": link.person_id, "name": link.person.full_name, "met_here": link.met_here}
            for link in event.people.all()
        ],
        "notes": event.notes,
        "from_calendar": bool(event.source_key),
        "created_at": iso(event.created_at),
    }


def community_to_dict(community: Community) -> dict[str, Any]:
    """A community as listed: with the counts `selectors.communities` annotates."""
    return {
        "id": community.pk,
        "name": community.name,
        "kind": community.kind,
        "kind_words": COMMUNITY_KIND_WORDS[community.kind],
        "notes": community.notes,
        "events_count": community.events_count,  # type: ignore[attr-defined]
        "people_count": community.people_count,  # type: ignore[attr-defined]
        "last_went": iso(community.last_went),  # type: ignore[attr-defined]
    }


def community_page_to_dict(page: CommunityPage) -> dict[str, Any]:
    community = page.community
    return {
        "id": community.pk,
        "name": community.name,
        "kind": community.kind,
        "kind_words": COMMUNITY_KIND_WORDS[community.kind],
        "notes": community.notes,
        "last_went": iso(page.last_went),
        "people": [
            {
                "id": regular.person.pk,
                "name": regular.person.full_name,
                "times": regular.times,
                "last_seen": iso(regular.last_seen),
            }
            for regular in page.people
        ],
        "events": [event_to_dict(event) for event in [*page.upcoming, *page.past]],
    }

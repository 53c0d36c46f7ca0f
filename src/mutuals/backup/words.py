"""What each kind of record in a backup is called on screens: one wording for the CLI's
summaries, the restore's messages and the API's descriptions, in the words the pages use
("drafts sent for review", "conversations"), never the file's keys ("draft_reviews")."""

from __future__ import annotations

from collections.abc import Mapping

# Each list of `selectors.DOCUMENT_KINDS` as (one, many).
KIND_WORDS: dict[str, tuple[str, str]] = {
    "organizations": ("organisation", "organisations"),
    "circles": ("circle", "circles"),
    "people": ("person", "people"),
    "interactions": ("conversation", "conversations"),
    "promises": ("promise", "promises"),
    "needs": ("need", "needs"),
    "exchanges": ("give or receive", "gives and receives"),
    "asks": ("ask", "asks"),
    "knows": ("pair who know each other", "pairs who know each other"),
    "introductions": ("introduction", "introductions"),
    "important_dates": ("important date", "important dates"),
    "photos": ("photo", "photos"),
    "positions": ("past position", "past positions"),
    "organization_profiles": ("description of an organisation", "descriptions of organisations"),
    "leads": ("lead", "leads"),
    "lead_people": ("person behind a lead", "people behind leads"),
    "lead_events": ("entry in a lead's timeline", "entries in leads' timelines"),
    "lead_needs": ("need a lead serves", "needs leads serve"),
    "goals": ("weekly goal", "weekly goals"),
    "communities": ("community", "communities"),
    "events": ("event", "events"),
    "event_people": ("person at an event", "people at events"),
    "draft_reviews": ("draft sent for review", "drafts sent for review"),
    "draft_comments": ("comment on a draft", "comments on drafts"),
    "assignments": ("assignment", "assignments"),
    "group_memberships": ("choice of what to pool in a group", "choices of what to pool in groups"),
}


def counted(kind: str, count: int) -> str:
    """`count` records of `kind` in words: "1 person", "2 drafts sent for review"."""
    one, many = KIND_WORDS[kind]
    return f"{count} {one if count == 1 else many}"


def summary(counts: Mapping[str, int]) -> str:
    """The kinds with records, in words and in the order given: "1 person, 2 conversations
    and 1 promise"; "nothing" when there are none."""
    parts = [counted(kind, count) for kind, count in counts.items() if count]
    if len(parts) < 2:
        return parts[0] if parts else "nothing"
    return f"{', '.join(parts[:-1])} and {parts[-1]}"

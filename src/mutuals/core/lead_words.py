"""A lead's stages, roles and sources in words (core.leads has the moves between stages).

A module of its own, without classes, because the models import it at every start of Django
(leads.Lead's choices) and so does the agenda: core.leads's dataclass would be built for every
command, `mutuals today` included, which never uses it.
"""

from __future__ import annotations

OPEN_STAGES = (
    "heard",
    "exploring",
    "warm_path",
    "intro_asked",
    "referred",
    "applied",
    "interviewing",
    "offer",
)
STAGES = (*OPEN_STAGES, "accepted", "closed")
STAGE_WORDS = {
    "heard": "Heard of it",
    "exploring": "Exploring",
    "warm_path": "Warm path found",
    "intro_asked": "Introduction asked",
    "referred": "Referred",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "accepted": "Accepted",
    "closed": "Closed",
}
# What the timeline says when a lead enters a stage.
STAGE_DONE_WORDS = {
    "heard": "Heard of it",
    "exploring": "Started exploring",
    "warm_path": "Found a warm path",
    "intro_asked": "Asked for an introduction",
    "referred": "Was referred",
    "applied": "Applied",
    "interviewing": "Started interviewing",
    "offer": "Got an offer",
    "accepted": "Accepted the offer",
    "closed": "Closed",
}
ROLES = ("mentioned", "can_help", "referrer", "interviewer")
ROLE_WORDS = {
    "mentioned": "mentioned it",
    "can_help": "can help",
    "referrer": "referrer",
    "interviewer": "interviewer",
}
SOURCES = ("hand", "conversation", "posting", "event")
SOURCE_WORDS = {
    "hand": "added by hand",
    "conversation": "from a conversation",
    "posting": "from a posting",
    "event": "from an event",
}
MAX_REASON = 300

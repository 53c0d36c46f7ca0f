"""Request and response shapes of the JSON API.

Responses mirror the plain-dict serializers (people/serialize.py and friends) that the CLI's
--json uses too, so the two interfaces can never disagree. Inputs only check types here; the
services check meaning (required names, known people, date ranges) and say what to fix.

Bodies are strict: a number where a number is expected (never "1", never true), true or false
for a yes/no (never 0), and a date only as a "YYYY-MM-DD" string (never 0, which a lax parser
reads as 1970-01-01). Query strings are text by nature and are read as their types say.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    WithJsonSchema,
    model_validator,
)

from mutuals.people.services import DEFAULT_CLOSENESS

MAX_ID = 2**63 - 1
MAX_LIMIT = 200


def _storable(value: str) -> str:
    """Refuse text no database keeps: NUL characters and unpaired surrogates."""
    if "\x00" in value:
        raise ValueError("Remove the NUL (\\0) character from this text.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("This text has characters that cannot be stored; retype it.") from None
    return value


def _iso_day(value: Any) -> Any:
    """A body's date: the text YYYY-MM-DD only (a date object from Python code passes)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("That day does not exist; give a date as YYYY-MM-DD.") from None
    raise ValueError("Give a date as YYYY-MM-DD.")


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
Text = Annotated[str, AfterValidator(_storable)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# A day in a request body, e.g. "2025-03-14".
Day = Annotated[dt.date, BeforeValidator(_iso_day)]
# Kept as the serializers' ISO strings so the API and the CLI's --json print the same text.
Timestamp = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]
Sort = Literal["name", "strength", "last_contact", "owe", "owed"]
BalanceFilter = Literal["", "owe", "even", "owed", "none"]
PromiseStatus = Literal["open", "done", "all"]


class Input(BaseModel):
    """A request body: a JSON object whose keys are all known (a typo is an error, not a no-op).

    A plain pydantic model: ninja's Schema would read any JSON value, even a list, as an object
    with no fields, so a wrong body would reach the services as an empty one.
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("Send the request body as a JSON object.")
        return data


# Errors -------------------------------------------------------------------------------------


class Error(Schema):
    detail: str = Field(examples=["Not found."])


class FieldErrors(Schema):
    detail: str = Field(examples=["Some fields need attention."])
    errors: dict[str, list[str]] = Field(
        examples=[{"summary": ["Say in a few words what you talked about."]}]
    )


# Shared pieces ------------------------------------------------------------------------------


class PersonRef(Schema):
    id: int
    name: str


class StrengthOut(Schema):
    score: float = Field(description="Tie strength today, from 0 (faint) to 1 (strong).")
    label: str = Field(description="faint, weak, steady or strong.")
    reasons: list[str]
    explanation: str = Field(description="The label and reasons as one sentence.")


class StoredBalanceOut(Schema):
    score: float = Field(
        description="Give/receive balance from -1 (you only received) to 1 (you only gave)."
    )
    label: str = Field(
        description="you give more, even, you receive more, or nothing exchanged yet."
    )
    on: dt.date | None = Field(description="The day it was computed; null if nothing exchanged.")


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_ID, description="How many items to skip.")


class SnoozeIn(Input):
    until: Day = Field(description="Hide it from the agenda until this date (after today).")


# People -------------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    name: str
    first_name: str
    middle_name: str
    last_name: str
    nickname: str
    display_name: str = Field(description="The name as written, shown when set ('' if not).")
    name_prefix: str
    name_suffix: str
    phonetic_name: str
    emails: list[str]
    phones: list[str]
    linkedin_url: str
    organization: str | None
    title: str
    location: str
    circles: list[str]
    interests: str
    how_met: str
    introduced_by: PersonRef | None
    notes: str
    tier: str | None
    cadence_days: int | None = Field(description="Keep-in-touch cadence in effect, in days.")
    cadence_override_days: int | None
    known_since: dt.date | None
    keep_in_touch_due_on: dt.date | None
    last_contact_on: dt.date | None
    interaction_count: int
    snoozed_until: dt.date | None
    archived: bool
    strength: StrengthOut | None
    balance: StoredBalanceOut
    created_at: Timestamp
    updated_at: Timestamp


class PersonPage(Schema):
    count: int = Field(description="How many people match, across all pages.")
    items: list[PersonOut]


class PeopleFilters(Paging):
    search: Text = Field("", description="Part of a name, organisation, title or email.")
    circle: Text = Field("", description="Only people in this circle.")
    tier: Text = Field("", description="Only people of this closeness tier.")
    organization: Text = Field("", description="Only people at this organisation.")
    overdue: bool = Field(False, description="Only people due for keep-in-touch today.")
    archived: bool = Field(False, description="Show archived people instead of current ones.")
    balance: BalanceFilter = Field(
        "",
        description="Only people you owe (they gave more), are even with, who owe you "
        "(you gave more), or none: nothing exchanged yet.",
    )
    sort: Sort = Field(
        "name", description="Order; owe: you owe them most first, owed: they owe you most first."
    )


class _PersonFields(Input):
    first_name: Text | None = None
    middle_name: Text | None = None
    last_name: Text | None = None
    nickname: Text | None = None
    display_name: Text | None = Field(
        None, description="The name exactly as written, shown instead of the parts joined."
    )
    name_prefix: Text | None = None
    name_suffix: Text | None = None
    phonetic_name: Text | None = Field(None, description="How to say or sort the name.")
    emails: list[Text] | None = None
    phones: list[Text] | None = None
    linkedin_url: Text | None = None
    organization: Text | None = None
    title: Text | None = None
    location: Text | None = None
    circles: list[Text] | None = None
    interests: Text | None = None
    how_met: Text | None = None
    introduced_by: Id | None = Field(None, description="The id of who introduced you.")
    notes: Text | None = None
    tier: Text | None = Field(
        None,
        description="inner, close, friend, meaningful, acquaintance or dormant; "
        "null for someone you only know of.",
    )
    cadence_override_days: int | None = Field(
        None, description="Keep in touch every this many days instead of the tier's default."
    )
    known_since: Day | None = None


class PersonIn(_PersonFields):
    name: Text = Field(
        "", description="Full name, kept as written; split into parts when parts are not given."
    )
    tier: Text | None = Field(
        DEFAULT_CLOSENESS,
        description="inner, close, friend, meaningful, acquaintance or dormant; "
        f"null for someone you only know of. Left out: {DEFAULT_CLOSENESS}, as everywhere "
        "someone is added by hand.",
    )


class PersonPatch(_PersonFields):
    name: Text | None = Field(
        None, description="The name as written; replaces the parts unless they are given."
    )


# Interactions -------------------------------------------------------------------------------


class InteractionOut(Schema):
    id: int
    occurred_on: dt.date
    summary: str
    kind: str
    initiated_by: str
    notes: str
    people: list[PersonRef]
    created_at: Timestamp
    updated_at: Timestamp


class InteractionPage(Schema):
    count: int
    items: list[InteractionOut]


class InteractionFilters(Paging):
    person: Id | None = Field(None, description="Only conversations with this person.")


class InteractionIn(Input):
    people: list[Id] = Field([], description="Ids of who you talked with.")
    summary: Text = Field("", description="What you talked about, in a few words.")
    occurred_on: Day | None = Field(None, description="Defaults to today.")
    kind: Text = Field(
        "other", description="coffee, call, email, message, meeting, event or other."
    )
    initiated_by: Text = Field("", description="'me', 'them' or empty when not recorded.")
    notes: Text = ""


class InteractionPatch(Input):
    people: list[Id] | None = None
    summary: Text | None = None
    occurred_on: Day | None = None
    kind: Text | None = None
    initiated_by: Text | None = None
    notes: Text | None = None


# Promises -----------------------------------------------------------------------------------


class PromiseOut(Schema):
    id: int
    text: str
    person: PersonRef | None
    due_on: dt.date
    status: Literal["open", "done"]
    done_at: Timestamp | None
    snoozed_until: dt.date | None
    created_at: Timestamp


class PromisePage(Schema):
    count: int
    items: list[PromiseOut]


class PromiseFilters(Paging):
    status: PromiseStatus = "open"
    person: Id | None = Field(None, description="Only promises to this person.")


class PromiseIn(Input):
    text: Text = Field(description="What you promised, e.g. 'send Rosa the article'.")
    due_on: Day
    person: Id | None = Field(None, description="The id of who you promised it to.")


class PromisePatch(Input):
    text: Text | None = None
    due_on: Day | None = None


# Today --------------------------------------------------------------------------------------


class AgendaItemOut(Schema):
    kind: Literal[
        "promise",
        "assignment",
        "occasion",
        "introduction",
        "thank_you",
        "new_acquaintance",
        "keep_in_touch",
        "ask_unanswered",
        "need_review",
        "dormant",
        "interview",
        "referral_thanks",
        "application",
        "event_follow_up",
    ]
    person: PersonRef | None = Field(
        description="Null for a promise or need of your own, and for an item about a lead "
        "(interview, application) or an event."
    )
    reason: str = Field(description="Why it is on the agenda, in one line.")
    score: float
    promise_id: int | None
    need_id: int | None = Field(description="The need a need_review item is about.")
    exchange_id: int | None = Field(description="The receive a thank_you item is about.")
    ask_id: int | None = Field(description="The ask an ask_unanswered item is about.")
    introduction_id: int | None = Field(
        description="The introduction an introduction item is about."
    )
    date_id: int | None = Field(
        None, description="The important date an occasion item is about (birthday...)."
    )
    lead_id: int | None = Field(
        None, description="The lead an interview, referral_thanks or application item is about."
    )
    event_id: int | None = Field(None, description="The event an event_follow_up is about.")
    assignment_id: int | None = Field(
        None, description="The assignment (from a coach) an assignment item is about."
    )
    about: str = Field(
        "", description="The lead (“Designer at Orion”) or event the item is about, in words."
    )
    due_on: dt.date | None = Field(description="When it became due.")
    overdue_days: int
    strength: float | None
    text: str = Field(
        description="The promise's, need's, receive's or ask's text, or an occasion's label; "
        "empty for other kinds."
    )


class LaterItemOut(AgendaItemOut):
    planned_for: dt.date = Field(description="The day the plan puts it on.")


class MeetingPersonOut(Schema):
    id: int
    name: str


class MeetingOut(Schema):
    title: str
    starts_at: str = Field(description="When it starts: a date and time, or a day when all-day.")
    all_day: bool
    people: list[MeetingPersonOut] = Field(description="Your people at it.")
    words: str = Field(description='As Today says it: "Coffee with Rosa — tomorrow, 10:00".')
    last_time: str | None = Field(description="Your last conversation's line with them.")


class TodayOut(Schema):
    date: dt.date
    plan_size: int = Field(description="How many actions a day's plan holds (Settings).")
    done_today: int = Field(description="Things done today: conversations, promises kept...")
    total_due: int = Field(description="Every item due: today's plan and later together.")
    items: list[AgendaItemOut] = Field(description="Today's plan, in order.")
    later: list[LaterItemOut] = Field(
        description="The next coming days' items (every coming day's with `coming=all`), each "
        "with the day it is planned for."
    )
    later_count: int = Field(description="Every item planned after today, shown or not.")
    later_days: int | None = Field(
        description="How many coming days `later` holds; null when it holds all of them."
    )
    totals: dict[str, int] = Field(description="Items of each kind due, plan and later together.")
    meetings: list[MeetingOut] = Field(
        default_factory=list,
        description="Coming meetings with your people from your calendars (Connections).",
    )


# The request body of an operation that takes a file: the bytes as they are, or a form's `file`
# (the file imports and the mbox import).
FILE_UPLOAD: dict[str, Any] = {
    "requestBody": {
        "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        }
    }
}

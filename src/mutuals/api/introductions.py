"""Warm paths and introductions: GET /api/paths, GET /api/people/{id}/who-they-know,
GET/POST /api/intros, POST /api/intros/offer, GET/DELETE /api/intros/{id},
POST /api/intros/{id}/status."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import MAX_LIMIT, Day, Error, FieldErrors, Id, Input, PersonRef
from mutuals.network import introductions as services
from mutuals.network import selectors
from mutuals.network.serialize import introduction_to_dict

router = Router(tags=["introductions"])

StatusName = Literal["requested", "asked", "accepted", "declined", "made", "thanked"]

MAX_PATHS = 50  # as on the network page


class PathOut(Schema):
    people: list[dict[str, Any]] = Field(description="[{id, name}], you first with id null.")
    score: float = Field(description="The product of the hops' weights.")
    mode: Literal["intro", "info"]
    kind: Literal["direct", "introduction", "discovery"]
    introducer: int | None = Field(description="Whom to ask: the first hop of an introduction.")
    target: int
    why: list[str] = Field(description="One sentence per hop.")


class PathsOut(Schema):
    to: str
    targets: int = Field(description="How many people the search aimed at.")
    note: str
    mode: Literal["intro", "info"]
    ranking: str = Field(description="Which mode ranked the paths, in words.")
    paths: list[PathOut]


class AcquaintanceOut(Schema):
    person: PersonRef
    strength: float
    source: str


class WhoTheyKnow(Schema):
    person: PersonRef
    count: int
    items: list[AcquaintanceOut] = Field(description="People they know who are not your contacts.")


class StepOut(Schema):
    says: str
    moves: list[str] = Field(description="The statuses it can move to next.")
    to: PersonRef | None = Field(description="Who the drafted message is for.")
    draft: dict[str, Any] | None = Field(description="{purpose, subject, text, forwardable}")
    review: dict[str, Any] | None
    warning: dict[str, Any] | None = Field(description="{severity, message} when you owe them.")


class IntroductionOut(Schema):
    id: int
    introducer: PersonRef | None = Field(description="Null when you make it.")
    seeker: PersonRef | None = Field(description="Null when you asked for it.")
    target: PersonRef
    yours_to_make: bool
    reason: str
    status: StatusName
    requested_on: dt.date | None
    asked_on: dt.date | None
    accepted_on: dt.date | None
    declined_on: dt.date | None
    made_on: dt.date | None
    thanked_on: dt.date | None
    followed_up_on: dt.date | None
    next: StepOut | None = None


class IntroductionPage(Schema):
    count: int
    items: list[IntroductionOut]


class RequestIn(Input):
    introducer: Id = Field(description="Who you ask.")
    target: Id = Field(description="Who you would like to meet.")
    reason: str = Field("", max_length=300)
    on: Day | None = None


class OfferIn(Input):
    seeker: Id = Field(description="Who you would introduce (asked first).")
    target: Id = Field(description="Who they would meet.")
    reason: str = Field("", max_length=300)
    on: Day | None = None


class MoveIn(Input):
    status: StatusName
    on: Day | None = None


@router.get("/paths", response={200: PathsOut, 422: FieldErrors}, summary="Warm paths to someone")
def find_paths(
    request: HttpRequest,
    to: str | None = None,
    company: str | None = None,
    match: str | None = None,
    mode: Literal["intro", "info"] = "intro",
    k: Annotated[int, Field(ge=1, le=MAX_PATHS, description=f"How many, 1 to {MAX_PATHS}.")] = 5,
) -> dict[str, Any]:
    """Exactly one of `to` (a name), `company` or `match` (words); at most 3 hops."""
    from mutuals.network import paths
    from mutuals.network.serialize import paths_to_dict

    given = {
        name: value for name, value in (("to", to), ("company", company), ("match", match)) if value
    }
    if len(given) != 1:
        raise ValidationError({"to": ["Give exactly one of to, company or match."]})
    user = owner(request)
    [(kind, value)] = given.items()
    targets = paths.targets(owner=user, kind=kind, value=value)
    found = paths.warm_paths(owner=user, targets=targets, mode=mode, k=k)
    return paths_to_dict(targets, found, mode)


@router.get(
    "/people/{person_id}/who-they-know",
    response={200: WhoTheyKnow, 404: Error},
    summary="Who they know that you don't",
)
def who_they_know(
    request: HttpRequest,
    person_id: Id,
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")] = 20,
) -> dict[str, Any]:
    from mutuals.network import paths
    from mutuals.network.serialize import acquaintance_to_dict
    from mutuals.people.selectors import get_person
    from mutuals.people.serialize import person_ref

    user = owner(request)
    person = get_person(owner=user, person_id=person_id)
    found = paths.who_they_know(owner=user, person_id=person_id, limit=limit)
    items = [acquaintance_to_dict(a) for a in found]
    return {"person": person_ref(person), "count": len(items), "items": items}


@router.get("/intros", response=IntroductionPage, summary="Your introductions")
def list_introductions(request: HttpRequest, status: StatusName | None = None) -> dict[str, Any]:
    found = selectors.introductions(owner=owner(request), status=status)
    return {"count": len(found), "items": [introduction_to_dict(intro) for intro in found]}


def _with_step(request: HttpRequest, intro: Any) -> dict[str, Any]:
    step = selectors.next_step(owner=owner(request), intro=intro, today=timezone.localdate())
    return introduction_to_dict(intro, step)


@router.post(
    "/intros",
    response={201: IntroductionOut, 422: FieldErrors},
    summary="Ask for an introduction",
)
def request_introduction(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    """An ask of the introducer on your ledger; `next` holds the message to send them."""
    intro = services.request_introduction(
        owner=owner(request),
        introducer_id=payload.introducer,
        target_id=payload.target,
        reason=payload.reason,
        on=payload.on,
    )
    return Status(201, _with_step(request, intro))


@router.post(
    "/intros/offer",
    response={201: IntroductionOut, 422: FieldErrors},
    summary="Offer an introduction you would make",
)
def offer_introduction(request: HttpRequest, payload: OfferIn) -> Status[dict[str, Any]]:
    """Starts as `requested`: ask the seeker first; `next` drafts that question."""
    intro = services.offer_introduction(
        owner=owner(request),
        seeker_id=payload.seeker,
        target_id=payload.target,
        reason=payload.reason,
        on=payload.on,
    )
    return Status(201, _with_step(request, intro))


@router.get(
    "/intros/{introduction_id}",
    response={200: IntroductionOut, 404: Error},
    summary="One introduction and its next step",
)
def get_introduction(request: HttpRequest, introduction_id: Id) -> dict[str, Any]:
    intro = selectors.get_introduction(owner=owner(request), introduction_id=introduction_id)
    return _with_step(request, intro)


@router.post(
    "/intros/{introduction_id}/status",
    response={200: IntroductionOut, 404: Error, 422: FieldErrors},
    summary="Move an introduction on",
)
def move_introduction(request: HttpRequest, introduction_id: Id, payload: MoveIn) -> dict[str, Any]:
    """requested → asked → accepted | declined → made → thanked; never back."""
    intro = services.move_introduction(
        owner=owner(request),
        introduction_id=introduction_id,
        status=payload.status,
        on=payload.on,
    )
    return _with_step(request, intro)


@router.delete(
    "/intros/{introduction_id}",
    response={204: None, 404: Error},
    summary="Delete an introduction (the ledger keeps what happened)",
)
def delete_introduction(request: HttpRequest, introduction_id: Id) -> Status[None]:
    services.delete_introduction(owner=owner(request), introduction_id=introduction_id)
    return Status(204, None)

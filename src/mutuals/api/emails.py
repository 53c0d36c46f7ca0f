"""E-mail history: POST /api/import/mbox (the file as the request body, or a multipart field
`file`), your addresses (GET/PUT /api/email/addresses), the people you wrote with who are not
in your records (GET /api/email/suggestions; POST …/{id}/add, …/{id}/dismiss, …/{id}/restore),
where mail came from (GET /api/email/sources; POST /api/email/sources/forget) and recent mbox
imports (GET /api/email/imports)."""

from __future__ import annotations

import io
from typing import Any, BinaryIO, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from mutuals.api.auth import owner
from mutuals.api.schemas import FILE_UPLOAD, Error, FieldErrors, Id, Input, Text
from mutuals.emails import selectors, services
from mutuals.emails.mbox import import_mbox
from mutuals.uploads import UploadTooBig, file_too_big, is_multipart, max_upload_bytes

router = Router(tags=["e-mail"])


class MailSkipped(Schema):
    message: int = Field(description="The message's number in what was read (from 1).")
    message_id: str
    reason: str


class MailRejection(Schema):
    message: int | None = Field(description="The message's number in the file; null: the file.")
    offset: int | None = Field(description="The byte its envelope line starts at.")
    text: str


class MailReportOut(Schema):
    id: int = Field(description="The import's number (GET /api/email/imports).")
    source: str = Field(description='"mbox:<file name>".')
    file: str
    dry_run: bool
    written: bool
    rejected: bool
    read: int = Field(description="Messages read.")
    automated: int = Field(description="Left out: lists, newsletters, automatic replies.")
    undated: int = Field(description="Left out: no date could be read.")
    unaddressed: int = Field(description="Left out: no sender address could be read.")
    known: int = Field(description="Already recorded, from this source or another.")
    added: int = Field(description="New messages recorded (headers only).")
    conversations_added: int
    conversations_changed: int
    conversations_removed: int
    people: int = Field(description="Your people whose conversations changed.")
    offered: int = Field(description="People you wrote with, newly suggested as people.")
    me: list[str] = Field(description="Addresses taken as yours by this import.")
    skipped: list[MailSkipped] = Field(description="The first 200 messages left out, with why.")
    notes: list[str]
    errors: list[MailRejection] = Field(description="Non-empty only when the file was rejected.")


class MailRejectedOut(MailReportOut):
    detail: str


class MailAddressesOut(Schema):
    addresses: list[str] = Field(description="Lower-cased; your account's e-mail included.")
    account: str | None = Field(description="Your account's e-mail, always one of them.")


class MailAddressesIn(Input):
    addresses: list[Text] = Field(
        max_length=50, description="The addresses that are you besides your account's e-mail."
    )


class MailSuggestionOut(Schema):
    id: int
    address: str
    name: str
    sent: int = Field(description="Messages you sent them.")
    received: int = Field(description="Messages they sent you.")
    first_on: str | None
    last_on: str | None
    status: Literal["open", "added", "dismissed"]
    person_id: int | None


class MailSuggestionPage(Schema):
    count: int
    items: list[MailSuggestionOut]


class MailAddIn(Input):
    name: Text = Field("", max_length=200, description="Default: the name their mail carried.")
    tier: Text = Field("", max_length=20, description="Closeness; empty: someone you know of.")


class MailAddedOut(Schema):
    person_id: int
    name: str
    address: str


class MailSourceOut(Schema):
    name: str
    messages: int
    since: str


class MailSourcePage(Schema):
    count: int
    items: list[MailSourceOut]


class MailForgetIn(Input):
    name: Text = Field(
        max_length=200, description="The source, as GET /api/email/sources names it."
    )


class MailForgotOut(Schema):
    name: str
    messages: int = Field(description="Messages removed: those no other source carried.")


class MailImportOut(Schema):
    id: int
    filename: str
    dry_run: bool
    rejected: bool
    created_at: str
    report: dict[str, Any]


class MailImportPage(Schema):
    count: int
    items: list[MailImportOut]


def _stream(request: HttpRequest) -> tuple[BinaryIO | None, str]:
    """The uploaded file as a stream (never read whole) and its name."""
    if is_multipart(request):
        upload = request.FILES.get("file")
        if upload is None:
            return None, ""
        if upload.size is not None and upload.size > max_upload_bytes():
            raise UploadTooBig(file_too_big())
        return upload.open("rb"), upload.name or ""  # type: ignore[return-value]
    if not request.META.get("CONTENT_LENGTH") or request.META["CONTENT_LENGTH"] == "0":
        return None, ""
    if hasattr(request, "_body"):
        return io.BytesIO(request.body), ""
    return request, ""  # type: ignore[return-value]


@router.post(
    "/import/mbox",
    response={200: MailReportOut, 413: Error, 422: MailRejectedOut | FieldErrors},
    summary="Import an mbox file of e-mail",
    openapi_extra=FILE_UPLOAD,
)
def import_mbox_file(
    request: HttpRequest,
    dry_run: bool = False,
    me: str = "",
    filename: str = "",
) -> Status[dict[str, Any]]:
    """Messages with your people become conversations (one per thread and day); headers only.
    One transaction; `?dry_run=true` writes nothing; `?me=ADDRESS[,ADDRESS]` adds addresses that
    are you. A file that cannot be read answers 422 naming the message and its byte offset;
    over the upload limit (MUTUALS_MAX_UPLOAD_MB), 413."""
    stream, name = _stream(request)
    if stream is None:
        raise ValidationError({"file": ["Send the mbox file as the request body."]})
    report = import_mbox(
        owner=owner(request),
        stream=stream,
        filename=filename or name or "upload.mbox",
        dry_run=dry_run,
        me=[a for a in me.split(",") if a.strip()],
    )
    if report["errors"]:
        return Status(422, {"detail": report["errors"][0]["text"], **report})
    return Status(200, report)


@router.get("/email/imports", response=MailImportPage, summary="Recent mbox imports")
def recent_imports(request: HttpRequest) -> dict[str, Any]:
    runs = selectors.recent_imports(owner(request))
    items = [
        {
            "id": run.pk,
            "filename": run.filename,
            "dry_run": run.dry_run,
            "rejected": run.rejected,
            "created_at": run.created_at.isoformat(),
            "report": run.report,
        }
        for run in runs
    ]
    return {"count": len(items), "items": items}


def _addresses(request: HttpRequest) -> dict[str, Any]:
    user = owner(request)
    return {
        "addresses": selectors.my_addresses(user),
        "account": selectors.account_address(user) or None,
    }


@router.get("/email/addresses", response=MailAddressesOut, summary="The addresses that are you")
def my_addresses(request: HttpRequest) -> dict[str, Any]:
    """Mail from these is yours, which says who wrote first."""
    return _addresses(request)


@router.put(
    "/email/addresses",
    response={200: MailAddressesOut, 422: FieldErrors},
    summary="Set the addresses that are you",
)
def set_addresses(request: HttpRequest, payload: MailAddressesIn) -> dict[str, Any]:
    """Replaces the list (your account's e-mail always stays); the kept messages are read
    again with it."""
    services.set_my_addresses(owner=owner(request), addresses=payload.addresses)
    return _addresses(request)


@router.get(
    "/email/suggestions",
    response=MailSuggestionPage,
    summary="People you wrote with who are not in your records",
)
def suggestions(request: HttpRequest, dismissed: bool = False) -> dict[str, Any]:
    """Several messages, both ways; most written first. Never added for you."""
    user = owner(request)
    found = selectors.dismissed(user) if dismissed else selectors.offered(user)
    items = [selectors.correspondent_as_dict(c) for c in found]
    return {"count": len(items), "items": items}


def _suggestion(request: HttpRequest, suggestion_id: int) -> Any:
    found = selectors.correspondent_named(owner(request), str(suggestion_id))
    if found is None:
        raise Http404
    return found


@router.post(
    "/email/suggestions/{suggestion_id}/add",
    response={201: MailAddedOut, 404: Error, 422: FieldErrors},
    summary="Add someone you wrote with as a person",
)
def add_suggestion(request: HttpRequest, suggestion_id: Id, payload: MailAddIn) -> Status[Any]:
    """Their past messages become conversations."""
    found = _suggestion(request, suggestion_id)
    person = services.add_correspondent(
        owner=owner(request),
        correspondent_id=found.pk,
        name=payload.name,
        tier=payload.tier or None,
    )
    return Status(201, {"person_id": person.pk, "name": person.full_name, "address": found.address})


@router.post(
    "/email/suggestions/{suggestion_id}/dismiss",
    response={200: MailSuggestionOut, 404: Error, 422: FieldErrors},
    summary="Stop suggesting someone",
)
def dismiss_suggestion(request: HttpRequest, suggestion_id: Id) -> dict[str, Any]:
    found = _suggestion(request, suggestion_id)
    done = services.dismiss_correspondent(owner=owner(request), correspondent_id=found.pk)
    return selectors.correspondent_as_dict(done)


@router.post(
    "/email/suggestions/{suggestion_id}/restore",
    response={200: MailSuggestionOut, 404: Error, 422: FieldErrors},
    summary="Suggest someone again",
)
def restore_suggestion(request: HttpRequest, suggestion_id: Id) -> dict[str, Any]:
    found = _suggestion(request, suggestion_id)
    done = services.dismiss_correspondent(
        owner=owner(request), correspondent_id=found.pk, undo=True
    )
    return selectors.correspondent_as_dict(done)


@router.get("/email/sources", response=MailSourcePage, summary="Where your kept messages came from")
def sources(request: HttpRequest) -> dict[str, Any]:
    items = [{**s, "since": s["since"].isoformat()} for s in selectors.sources(owner(request))]
    return {"count": len(items), "items": items}


@router.post(
    "/email/sources/forget",
    response={200: MailForgotOut, 404: Error, 422: FieldErrors},
    summary="Forget what one source alone brought",
)
def forget(request: HttpRequest, payload: MailForgetIn) -> dict[str, Any]:
    """Its messages no other source carried, and the conversations they alone made."""
    user = owner(request)
    if payload.name not in {s["name"] for s in selectors.sources(user)}:
        raise Http404
    return {
        "name": payload.name,
        "messages": services.forget_source(owner=user, source=payload.name),
    }

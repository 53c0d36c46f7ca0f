"""The Import page: upload a file (with an upload progress bar), read the report.

A CSV of any shape first goes through a column-mapping step: the upload is kept in a private
folder under MUTUALS_HOME for that step only (named by a random token, removed once imported
or after a day), the page proposes a mapping from the headers and the user confirms it.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mutuals.core.cadence import TIER_LABELS, Tier
from mutuals.core.formats.csv_contacts import FIELDS, guess_mapping, read_headers
from mutuals.core.formats.records import FileRejected
from mutuals.imports import selectors
from mutuals.imports.models import KIND_CHOICES
from mutuals.imports.services import import_file
from mutuals.people import triage
from mutuals.uploads import file_too_big, in_words, max_upload_bytes
from mutuals.web.forms import Form, add_service_errors
from mutuals.web.views import emails as mail_history
from mutuals.web.views.common import or_404

PENDING_SECONDS = 24 * 3600
TIER_CHOICES = [("", "Not set: people you know of (recommended)")] + [
    (tier.value, TIER_LABELS[tier]) for tier in Tier if tier is not Tier.DORMANT
]
FIELD_LABELS = {
    "full_name": "Full name",
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "nickname": "Nickname",
    "email": "Email",
    "phone": "Phone",
    "organization": "Organisation",
    "title": "Title",
    "location": "Location",
    "notes": "Notes",
    "circles": "Circles (tags)",
    "linkedin_url": "LinkedIn URL",
    "connected_on": "Known since",
    "birthday": "Birthday",
    "anniversary": "Anniversary",
    "prefix": "Name prefix",
    "suffix": "Name suffix",
    "phonetic_name": "Phonetic name",
    "uid": "ID",
}


class UploadForm(Form):
    kind = forms.ChoiceField(label="What it is", choices=KIND_CHOICES)
    file = forms.FileField(label="File")
    tier = forms.ChoiceField(label="Closeness for new people", choices=TIER_CHOICES, required=False)
    dry_run = forms.BooleanField(
        label="Dry run: show what would happen, change nothing", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = in_words(max_upload_bytes())
        self.fields["file"].help_text = f"Up to {limit}. Nothing leaves your machine."

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise ValidationError(file_too_big(), code="too_big")
        return upload

    def is_too_big(self) -> bool:
        return self.has_error("file", code="too_big")


def _pending_dir() -> Path:
    folder = Path(settings.MUTUALS_HOME) / "pending-imports"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if time.time() - old.stat().st_mtime > PENDING_SECONDS:
            old.unlink(missing_ok=True)
    return folder


def _pending_path(owner_id: int, token: str) -> Path | None:
    if not token.isalnum() or len(token) > 64:
        return None
    path = _pending_dir() / f"{owner_id}-{token}.csv"
    return path if path.exists() else None


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("form") == "mbox":
        # The e-mail section's own form (web/views/emails.py): its report, or its errors here.
        answer = mail_history.mbox_upload(request)
        if answer is not None:
            return answer
        return _page(request, UploadForm(), 413 if _mbox_too_big(request) else 200)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content = data["file"].read()
        if data["kind"] == "csv":
            return _mapping_step(request, content, data["file"].name, data)
        try:
            report = import_file(
                owner=request.user,
                kind=data["kind"],
                data=content,
                filename=data["file"].name,
                dry_run=data["dry_run"],
                tier=data["tier"] or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _to_report(request, report)
    status = 413 if form.is_bound and form.is_too_big() else 200
    return _page(request, form, status)


def _page(request: HttpRequest, form: UploadForm, status: int) -> HttpResponse:
    runs = selectors.recent_runs(owner=request.user)
    context = {
        "form": form,
        "runs": runs,
        "mbox_form": mail_history.mbox_form_for(request),
        "mbox_runs": mail_history.recent_mbox_imports(request),
    }
    return render(request, "web/imports/import.html", context, status=status)


def _mbox_too_big(request: HttpRequest) -> bool:
    return mail_history.mbox_form_for(request).has_error("mbox", code="too_big")


def _to_report(request: HttpRequest, report: dict[str, Any]) -> HttpResponse:
    latest = selectors.recent_runs(owner=request.user, limit=1)
    return redirect("import_report", latest[0].pk) if latest else redirect("import")


def _mapping_step(
    request: HttpRequest, content: bytes, name: str, data: dict[str, Any]
) -> HttpResponse:
    try:
        headers = read_headers(content)
    except FileRejected as error:
        problem = f"{error.message[:1].upper()}{error.message[1:]}. Nothing was imported."
        return _start_again(request, problem)
    token = secrets.token_hex(16)
    (_pending_dir() / f"{request.user.pk}-{token}.csv").write_bytes(content)
    context = {
        "token": token,
        "filename": name,
        "headers": headers,
        "guess": guess_mapping(headers),
        "fields": [(f, FIELD_LABELS.get(f, f)) for f in FIELDS],
        "tier": data.get("tier") or "",
        "dry_run": data.get("dry_run"),
    }
    return render(request, "web/imports/mapping.html", context)


@login_required
def import_mapping(request: HttpRequest) -> HttpResponse:
    """The column-mapping step's answer: import the kept CSV with the chosen columns."""
    if request.method != "POST":
        return redirect("import")
    token = request.POST.get("token", "")
    path = _pending_path(request.user.pk, token)
    if path is None:
        return _start_again(request, "That upload has expired; choose the file again.")
    mapping = {
        field: request.POST.get(f"map-{field}", "")
        for field in FIELDS
        if request.POST.get(f"map-{field}")
    }
    try:
        report = import_file(
            owner=request.user,
            kind="csv",
            data=path.read_bytes(),
            filename=request.POST.get("filename", "")[:255],
            dry_run=bool(request.POST.get("dry_run")),
            mapping=mapping,
            tier=request.POST.get("tier") or None,
        )
    except ValidationError as error:
        headers = read_headers(path.read_bytes())
        context = {
            "token": token,
            "filename": request.POST.get("filename", ""),
            "headers": headers,
            "guess": mapping,
            "fields": [(f, FIELD_LABELS.get(f, f)) for f in FIELDS],
            "tier": request.POST.get("tier", ""),
            "dry_run": request.POST.get("dry_run"),
            "errors": [m for ms in error.message_dict.values() for m in ms],
        }
        return render(request, "web/imports/mapping.html", context)
    if not report["dry_run"]:
        path.unlink(missing_ok=True)
    return _to_report(request, report)


def _start_again(request: HttpRequest, problem: str) -> HttpResponse:
    runs = selectors.recent_runs(owner=request.user)
    context = {"form": UploadForm(), "runs": runs, "problem": problem}
    context["mbox_form"] = mail_history.mbox_form_for(request)
    return render(request, "web/imports/import.html", context)


@login_required
def import_report(request: HttpRequest, run_id: int) -> HttpResponse:
    run = or_404(selectors.get_run, owner=request.user, run_id=run_id)
    rows = selectors.report_rows(owner=request.user, run=run)
    context = {"run": run, "report": run.report, "rows": rows, "here": request.get_full_path()}
    context["unsorted"] = triage.remaining(owner=request.user)  # the link to sort them
    return render(request, "web/imports/report.html", context)

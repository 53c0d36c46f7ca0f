"""The people list and the pages that add, change, archive and delete someone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.changes.kept import Kept
from mutuals.people import bulk_changes, services, triage
from mutuals.people.models import Person
from mutuals.people.selectors import (
    circles_for,
    get_person,
    organizations_for,
    people_list,
    with_photo_flags,
)
from mutuals.web.forms import (
    BulkPeopleForm,
    PeopleFilterForm,
    PersonForm,
    add_service_errors,
    same_name,
)
from mutuals.web.views.common import next_url, or_404, resolve_name_field

PAGE_SIZE = 50
DATALIST_PEOPLE = 300
NAME_ALIASES = {"name": "first_name"}


def people_names(owner: Any) -> list[str]:
    """Names offered while typing a person's name: the strongest ties first."""
    people = people_list(owner=owner, today=timezone.localdate(), sort="strength")
    return list(people.values_list("full_name", flat=True)[:DATALIST_PEOPLE])


def form_choices(owner: Any) -> dict[str, list[str]]:
    return {
        "circle_names": list(circles_for(owner=owner).values_list("name", flat=True)),
        "people_names": people_names(owner),
    }


@login_required
def people(request: HttpRequest) -> HttpResponse:
    owner = request.user
    today = timezone.localdate()
    # What stays the same until the owner's records change is kept (changes.kept).
    kept = Kept(owner, today)
    circles = kept.get(
        "circles", lambda: list(circles_for(owner=owner).values_list("name", flat=True))
    )
    form = PeopleFilterForm(request.GET, circles=circles)
    filters = form.filters()
    # Strength and balance fade daily; bring them to today before showing or sorting by them.
    # Skipped while nothing changed since it last ran (it reads every row): its own writes give
    # a new version, so it runs once more and then rests.
    kept.get("fresh", lambda: services.refresh_scores(owner=owner, today=today))
    found = people_list(owner=owner, today=today, **filters)
    paginator = Paginator(with_photo_flags(found), PAGE_SIZE)
    matching = tuple(sorted((key, value) for key, value in filters.items() if key != "sort"))
    paginator.count = kept.get(("count", matching), found.count)
    page = paginator.get_page(request.GET.get("page"))
    filtering = any(value for key, value in filters.items() if key != "sort")
    context = {
        "form": form,
        "page": page,
        "filtering": filtering,
        "organization_names": kept.get("organizations", lambda: _organization_names(owner)),
        "bulk_form": BulkPeopleForm(matching=paginator.count, filtering=filtering),
        "filters_query": request.GET.urlencode(),
        "unsorted": kept.get("unsorted", lambda: triage.remaining(owner=owner)),
        "undo_archive": request.session.pop(ARCHIVED_KEY, None),
    }
    return render(request, "web/people/list.html", context)


def _organization_names(owner: Any) -> list[str]:
    return list(organizations_for(owner=owner).values_list("name", flat=True))


ARCHIVED_KEY = "people_bulk_archived"
# Above this many, archiving asks first (one by one stays one click, with undo).
CONFIRM_ARCHIVE_ABOVE = 1


def _bulk_ids(request: HttpRequest, form: BulkPeopleForm) -> list[int]:
    """The ticked people, or everyone matching the list's filters when asked for."""
    if not form.cleaned_data["all_matching"]:
        return form.cleaned_data["ids"]
    query = QueryDict(request.POST.get("filters", ""))
    circles = list(circles_for(owner=request.user).values_list("name", flat=True))
    filters = PeopleFilterForm(query, circles=circles).filters()
    found = people_list(owner=request.user, today=timezone.localdate(), **filters)
    return list(found.order_by().values_list("pk", flat=True))


def _back_to_list(request: HttpRequest) -> HttpResponse:
    query = QueryDict(request.POST.get("filters", "")).urlencode()
    return redirect(reverse("people") + (f"?{query}" if query else ""))


@login_required
@require_POST
def people_bulk(request: HttpRequest) -> HttpResponse:
    form = BulkPeopleForm(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else None
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return _back_to_list(request)
    ids = _bulk_ids(request, form)
    changes = form.changes()
    if (
        changes["archive"]
        and len(ids) > CONFIRM_ARCHIVE_ABOVE
        and not form.cleaned_data["confirmed"]
    ):
        context = {"form": form, "count": len(ids), "post": request.POST}
        return render(request, "web/people/bulk_confirm.html", context)
    try:
        result = bulk_changes.change_people(owner=request.user, person_ids=ids, **changes)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return _back_to_list(request)
    keep = bulk_changes.KEEP
    said = bulk_changes.describe_change(
        result, tier=changes.get("tier", keep), cadence_days=changes.get("cadence_days", keep)
    )
    messages.success(request, said)
    if result.archived_at is not None:
        at = result.archived_at.isoformat()
        request.session[ARCHIVED_KEY] = {"at": at, "count": result.archived}
    return _back_to_list(request)


@login_required
@require_POST
def people_bulk_unarchive(request: HttpRequest) -> HttpResponse:
    try:
        at = dt.datetime.fromisoformat(request.POST.get("at", ""))
    except ValueError:
        messages.error(request, "That undo is no longer available; find them under Archived.")
        return redirect("people")
    count = bulk_changes.unarchive_batch(owner=request.user, archived_at=at)
    people = "person is" if count == 1 else "people are"
    messages.success(request, f"{count} {people} back in your network.")
    return redirect("people")


@login_required
def person_new(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        introducer_id = resolve_name_field(form, "introduced_by", request.user)
        if not form.errors:
            try:
                fields = form.person_fields()
                # A typed name is kept as written and split into parts when none are given.
                name = fields.pop("display_name")
                person = services.create_person(
                    owner=request.user, name=name, introduced_by_id=introducer_id, **fields
                )
            except ValidationError as error:
                add_service_errors(form, error, NAME_ALIASES)
            else:
                messages.success(request, f"Added {person.full_name}.")
                return redirect("person_detail", person_id=person.pk)
    context = {"form": form, "person": None, **form_choices(request.user)}
    return render(request, "web/people/form.html", context)


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        introducer = _introducer_change(form, person, request.user)
        if not form.errors:
            try:
                services.update_person(
                    owner=request.user, person_id=person.pk, **introducer, **form.person_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error, NAME_ALIASES)
            else:
                messages.success(request, "Saved.")
                return redirect("person_detail", person_id=person.pk)
    context = {"form": form, "person": person, **form_choices(request.user)}
    return render(request, "web/people/form.html", context)


def _introducer_change(form: PersonForm, person: Person, owner: Any) -> dict[str, Any]:
    """Keep the introducer when their name is unchanged (names may be shared), else resolve."""
    typed = form.cleaned_data["introduced_by"].strip()
    current = person.introduced_by
    if not typed:
        return {"clear_introduced_by": True}
    if current is not None and same_name(typed, current.full_name):
        return {"introduced_by_id": current.pk}
    return {"introduced_by_id": resolve_name_field(form, "introduced_by", owner)}


@login_required
@require_POST
def person_archive(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    services.archive_person(owner=request.user, person_id=person.pk)
    messages.success(request, f"Archived {person.full_name}: they are off your agenda and list.")
    return redirect(next_url(request, reverse("person_detail", args=[person.pk])))


@login_required
@require_POST
def person_unarchive(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    services.unarchive_person(owner=request.user, person_id=person.pk)
    messages.success(request, f"{person.full_name} is back in your network.")
    return redirect(next_url(request, reverse("person_detail", args=[person.pk])))


@login_required
def person_delete(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    if request.method == "POST":
        services.delete_person(owner=request.user, person_id=person.pk)
        messages.success(request, f"Deleted {person.full_name} and their promises.")
        return redirect("people")
    return render(request, "web/people/confirm_delete.html", {"person": person})

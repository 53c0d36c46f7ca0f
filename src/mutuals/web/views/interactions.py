"""Log a conversation with one or more people; change or delete one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from mutuals.interactions import services
from mutuals.interactions.models import Interaction
from mutuals.interactions.selectors import get_interaction
from mutuals.people.selectors import people_list
from mutuals.web.forms import LogForm, add_service_errors, as_id, as_ids
from mutuals.web.views.common import next_url, or_404

PICKER_SIZE = 30
FORM_FIELDS = ("summary", "occurred_on", "kind", "initiated_by", "notes")


def picker(owner: Any, selected_ids: list[int], query: str) -> dict[str, Any]:
    """The people to tick: those already ticked, then matches for the query (or the newest)."""
    people = people_list(owner=owner, today=timezone.localdate())
    selected = list(people.filter(pk__in=selected_ids)) if selected_ids else []
    if query:
        matches = people_list(owner=owner, today=timezone.localdate(), search=query)
    else:
        matches = people_list(owner=owner, today=timezone.localdate(), sort="recent")
    matches = matches.exclude(pk__in=selected_ids)
    return {"selected": selected, "matches": list(matches[:PICKER_SIZE]), "query": query}


def _ids(data: QueryDict) -> list[int]:
    """The people ticked or named in the address; one that cannot be an id is a 404, like a
    person who is not yours."""
    ids = as_ids(data.getlist("people") + data.getlist("person"))
    if ids is None:
        raise Http404("Not found.")
    return ids


def _ids_to_show_again(data: QueryDict) -> list[int]:
    """The people ticked on a form being shown again with its errors: those that can be ids."""
    values = data.getlist("people") + data.getlist("person")
    return sorted({n for n in map(as_id, values) if n is not None})


def _typed_initial(data: QueryDict) -> dict[str, Any]:
    """What the person had typed before pressing "Find", to show it again."""
    return {key: data[key] for key in FORM_FIELDS if data.get(key)}


@login_required
def log(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    if request.method == "POST" and "find" not in data:
        form = LogForm(data)
        if form.is_valid():
            try:
                interaction = services.log_interaction(
                    owner=request.user,
                    person_ids=form.cleaned_data["people"],
                    **{key: form.cleaned_data[key] for key in FORM_FIELDS},
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _logged(request, interaction)
        selected_ids = _ids_to_show_again(data)
    else:
        form = LogForm(initial=_typed_initial(data))
        selected_ids = _ids(data)
    context = {
        "form": form,
        "picker": picker(request.user, selected_ids, data.get("q", "").strip()),
        "picker_url": reverse("log_people"),
    }
    return render(request, "web/log.html", context)


def _logged(request: HttpRequest, interaction: Interaction) -> HttpResponse:
    people = list(interaction.people.all())
    names = " and ".join(p.full_name for p in people[:3])
    if len(people) > 3:
        names = f"{names} and {len(people) - 3} more"
    messages.success(request, f"Logged a conversation with {names}.")
    if len(people) == 1:
        return redirect("person_detail", person_id=people[0].pk)
    return redirect(next_url(request, reverse("today")))


@login_required
def log_people(request: HttpRequest) -> HttpResponse:
    """The people checkboxes for a filter, for htmx to swap in while typing."""
    context = {"picker": picker(request.user, _ids(request.GET), request.GET.get("q", "").strip())}
    return render(request, "web/partials/people_choices.html", context)


@login_required
def interaction_edit(request: HttpRequest, interaction_id: int) -> HttpResponse:
    interaction = or_404(get_interaction, owner=request.user, interaction_id=interaction_id)
    data = request.POST
    if request.method == "POST" and "find" not in data:
        form = LogForm(data)
        if form.is_valid():
            try:
                _update(request, interaction, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Saved the conversation.")
                return redirect(next_url(request, reverse("today")))
        selected_ids = _ids_to_show_again(data)
    elif request.method == "POST":
        form = LogForm(initial=_typed_initial(data))
        selected_ids = _ids(data)
    else:
        form = LogForm(initial={key: getattr(interaction, key) for key in FORM_FIELDS})
        selected_ids = [p.pk for p in interaction.people.all()]
    context = {
        "form": form,
        "interaction": interaction,
        "picker": picker(request.user, selected_ids, data.get("q", "").strip()),
        "picker_url": reverse("log_people"),
        "next": next_url(request, ""),
    }
    return render(request, "web/interactions/edit.html", context)


def _update(request: HttpRequest, interaction: Interaction, data: dict[str, Any]) -> None:
    services.update_interaction(
        owner=request.user,
        interaction_id=interaction.pk,
        person_ids=data["people"],
        summary=data["summary"],
        occurred_on=data["occurred_on"],
        kind=data["kind"] or "other",
        initiated_by=data["initiated_by"],
        notes=data["notes"],
    )


@login_required
def interaction_delete(request: HttpRequest, interaction_id: int) -> HttpResponse:
    interaction = or_404(get_interaction, owner=request.user, interaction_id=interaction_id)
    if request.method == "POST":
        services.delete_interaction(owner=request.user, interaction_id=interaction.pk)
        messages.success(request, "Deleted the conversation.")
        return redirect(next_url(request, reverse("today")))
    context = {"interaction": interaction, "next": next_url(request, "")}
    return render(request, "web/interactions/confirm_delete.html", context)

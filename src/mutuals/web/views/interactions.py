"""Log a conversation with one or more people; change or delete one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from mutuals.core.conversation_hints import HintKind
from mutuals.interactions import services
from mutuals.interactions.models import Interaction
from mutuals.interactions.selectors import Suggestion, get_interaction, suggestions_for
from mutuals.people.selectors import people_list
from mutuals.web.forms import DATE_WIDGET, Form, IdField, LogForm, add_service_errors, as_id, as_ids
from mutuals.web.views.common import next_url, or_404

PICKER_SIZE = 30
MAX_SUGGESTIONS = 20  # suggestions shown after logging one conversation
SUGGESTION_LABELS = {
    HintKind.PROMISE: "Promise",
    HintKind.NEED: "Their need",
    HintKind.GAVE: "Help you gave",
    HintKind.RECEIVED: "Help you received",
}
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
        return after_logging(request, interaction, reverse("person_detail", args=[people[0].pk]))
    return after_logging(request, interaction, next_url(request, reverse("today")))


def after_logging(request: HttpRequest, interaction: Interaction, back: str) -> HttpResponse:
    """Where a freshly logged conversation goes: to "Record this?" when its words suggest a
    promise, a need or help given or received, else straight `back`."""
    if not suggestions_for(interaction=interaction):
        return redirect(back)
    query = urlencode({"next": back})
    return redirect(reverse("log_suggestions", args=[interaction.pk]) + "?" + query)


class SuggestionForm(Form):
    """One suggestion to confirm, its fields prefixed by its number ("s2-text")."""

    text = forms.CharField(label="What to record", max_length=500)
    person = IdField(required=False)
    due_on = forms.DateField(label="Due", required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, suggestion: Suggestion, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"s{suggestion.number}", **kwargs)
        self.fields["text"].label = SUGGESTION_LABELS[suggestion.hint.kind]


@login_required
def log_suggestions(request: HttpRequest, interaction_id: int) -> HttpResponse:
    """ "Record this?": what the conversation's words suggest, each with Add and No. Nothing is
    recorded until Add; which ones were added or declined travels in the address."""
    interaction = or_404(get_interaction, owner=request.user, interaction_id=interaction_id)
    back = next_url(request, reverse("today"))
    done, skipped = _numbers(request, "done"), _numbers(request, "skip")
    suggestions = suggestions_for(interaction=interaction)[:MAX_SUGGESTIONS]
    failed: dict[int, SuggestionForm] = {}
    number = as_id(request.POST.get("number"))
    chosen = next((s for s in suggestions if s.number == number), None)
    if request.method == "POST" and chosen is not None and chosen.number not in done:
        form = SuggestionForm(request.POST, suggestion=chosen)
        if _record(request, interaction, chosen, form):
            return redirect(_suggestions_url(interaction, back, done | {chosen.number}, skipped))
        failed[chosen.number] = form
    left = [s for s in suggestions if s.number not in done | skipped]
    if not left and not failed:
        return redirect(back)
    items = [
        {
            "suggestion": s,
            "state": "added" if s.number in done else "declined" if s.number in skipped else "",
            "form": failed.get(s.number) or _initial_form(s, interaction),
            "skip_url": _suggestions_url(interaction, back, done, skipped | {s.number}),
        }
        for s in suggestions
    ]
    people = list(interaction.people.all())
    context = {
        "interaction": interaction,
        "items": items,
        "people": people,
        "next": back,
        "done": ",".join(map(str, sorted(done))),
        "skip": ",".join(map(str, sorted(skipped))),
    }
    return render(request, "web/interactions/suggestions.html", context)


def _numbers(request: HttpRequest, key: str) -> set[int]:
    """Suggestion numbers from the address ("1,3"); anything else is ignored."""
    values = (request.POST.get(key) or request.GET.get(key) or "").split(",")
    return {int(v) for v in values if v.isascii() and v.isdigit() and 0 < int(v) <= MAX_SUGGESTIONS}


def _suggestions_url(interaction: Interaction, back: str, done: set[int], skipped: set[int]) -> str:
    query = {"next": back}
    if done:
        query["done"] = ",".join(map(str, sorted(done)))
    if skipped:
        query["skip"] = ",".join(map(str, sorted(skipped)))
    return reverse("log_suggestions", args=[interaction.pk]) + "?" + urlencode(query)


def _initial_form(suggestion: Suggestion, interaction: Interaction) -> SuggestionForm:
    person = suggestion.person
    due = max(interaction.occurred_on, timezone.localdate()) + dt.timedelta(days=7)
    return SuggestionForm(
        initial={
            "text": suggestion.hint.text,
            "person": person.pk if person else None,
            "due_on": due,
        },
        suggestion=suggestion,
    )


def _record(
    request: HttpRequest, interaction: Interaction, chosen: Suggestion, form: SuggestionForm
) -> bool:
    """Add the confirmed suggestion; False with the errors on `form` when it cannot be."""
    if not form.is_valid():
        return False
    person_id = form.cleaned_data["person"] or (chosen.person.pk if chosen.person else None)
    if person_id is None:
        form.add_error("person", "Choose who it is about.")
        return False
    try:
        services.record_suggestion(
            owner=request.user,
            interaction_id=interaction.pk,
            kind=chosen.hint.kind,
            text=form.cleaned_data["text"],
            person_id=person_id,
            detail=chosen.hint.detail,
            due_on=form.cleaned_data["due_on"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, f"Added: {form.cleaned_data['text']}")
    return True


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

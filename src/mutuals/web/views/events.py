"""Events and communities: the events page (upcoming, past, communities), adding an event with
the people met there, an event's page (who was there, add or remove people, edit, delete), and
a community's page (who you know there, when you last went, its events)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.core.events import COMMUNITY_KIND_WORDS, EVENT_KIND_WORDS
from mutuals.events import selectors, services
from mutuals.events.models import Event
from mutuals.people.selectors import resolve_person
from mutuals.web.forms import DATE_WIDGET, Form, add_service_errors, lines
from mutuals.web.views.common import first_message, or_404, resolve_name_field
from mutuals.web.views.people import people_names

MAX_MET = 50  # names in the "who you met there" box


class EventForm(Form):
    name = forms.CharField(label="Name", max_length=200)
    day = forms.DateField(label="Day", widget=DATE_WIDGET)
    kind = forms.ChoiceField(label="Kind", choices=list(EVENT_KIND_WORDS.items()))
    place = forms.CharField(label="Place", max_length=200, required=False)
    community = forms.CharField(
        label="Community",
        max_length=200,
        required=False,
        help_text="The association, club or board it belongs to; added when new.",
        widget=forms.TextInput(attrs={"list": "community-names", "autocomplete": "off"}),
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )


class NewEventForm(EventForm):
    met = forms.CharField(
        label="Who you met there",
        required=False,
        max_length=5_000,
        help_text="One name a line, of people already in your network.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EventPersonForm(Form):
    person = forms.CharField(
        label="Name",
        max_length=320,
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    met_here = forms.BooleanField(label="First met here", required=False, initial=True)


class CommunityForm(Form):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=list(COMMUNITY_KIND_WORDS.items()))
    notes = forms.CharField(
        label="Notes", required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _community_names(owner: Any) -> list[str]:
    return selectors.community_names(owner=owner)


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    page = selectors.events_page(owner=request.user, today=timezone.localdate())
    return render(request, "web/events/list.html", {"page": page})


def _met_ids(form: NewEventForm, owner: Any) -> list[int]:
    """The people named in the "who you met there" box; an error names each unclear name."""
    names = lines(form.cleaned_data.get("met", ""))
    if len(names) > MAX_MET:
        form.add_error("met", f"Name at most {MAX_MET} people here; add more on the event's page.")
        return []
    ids = []
    for name in names:
        match = resolve_person(owner=owner, query=name)
        if match.status == "found" and match.person_id is not None:
            ids.append(match.person_id)
            continue
        suggested = ", ".join(n for _, n in match.suggestions)
        if match.status == "ambiguous":
            form.add_error("met", f"Several people match '{name}': {suggested}. Type more of it.")
        elif suggested:
            form.add_error(
                "met", f"Nobody called '{name}' in your network. Did you mean {suggested}?"
            )
        else:
            form.add_error("met", f"Nobody called '{name}' in your network. Add them first.")
    return ids


@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    initial = {"day": timezone.localdate(), "kind": "meetup"}
    initial["community"] = request.GET.get("community", "")[:200]
    form = NewEventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        met = _met_ids(form, request.user)
        if not form.errors:
            data = form.cleaned_data
            try:
                event = services.create_event(
                    owner=request.user,
                    name=data["name"],
                    day=data["day"],
                    kind=data["kind"],
                    place=data["place"],
                    community=data["community"],
                    notes=data["notes"],
                    people=[(pid, True) for pid in met],
                )
            except ValidationError as error:
                add_service_errors(form, error, aliases={"people": "met"})
            else:
                messages.success(request, f"Event added: {event.name}.")
                return redirect("event_detail", event_id=event.pk)
    context = {"form": form, "community_names": _community_names(request.user)}
    return render(request, "web/events/new.html", context)


def _log_url(event: Event) -> str | None:
    """The Log page with everyone met there ticked (everyone there when no one is marked),
    as a conversation at the event on its day."""
    links = list(event.people.all())
    chosen = [link.person_id for link in links if link.met_here] or [
        link.person_id for link in links
    ]
    if not chosen:
        return None
    said = [("summary", f"Met at {event.name}"), ("kind", "event")]
    if event.day <= timezone.localdate():  # a conversation there, on its day
        said.append(("occurred_on", event.day.isoformat()))
    query = urlencode([("people", pid) for pid in chosen] + said)
    return reverse("log") + "?" + query


@login_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = or_404(selectors.get_event, owner=request.user, event_id=event_id)
    links = list(event.people.all())
    context = {
        "event": event,
        "met": [link for link in links if link.met_here],
        "also": [link for link in links if not link.met_here],
        "person_form": EventPersonForm(),
        "people_names": people_names(request.user),
        "log_url": _log_url(event),
        "upcoming": event.day >= timezone.localdate(),
    }
    return render(request, "web/events/detail.html", context)


@login_required
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = or_404(selectors.get_event, owner=request.user, event_id=event_id)
    initial = {
        "name": event.name,
        "day": event.day,
        "kind": event.kind,
        "place": event.place,
        "community": event.community.name if event.community else "",
        "notes": event.notes,
    }
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(owner=request.user, event_id=event.pk, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Event saved.")
            return redirect("event_detail", event_id=event.pk)
    context = {
        "form": form,
        "event": event,
        "community_names": _community_names(request.user),
    }
    return render(request, "web/events/edit.html", context)


@login_required
@require_POST
def event_person(request: HttpRequest, event_id: int) -> HttpResponse:
    event = or_404(selectors.get_event, owner=request.user, event_id=event_id)
    form = EventPersonForm(request.POST)
    if form.is_valid():
        person_id = resolve_name_field(form, "person", request.user)
        if person_id is not None:
            link = services.add_person(
                owner=request.user,
                event_id=event.pk,
                person_id=person_id,
                met_here=form.cleaned_data["met_here"],
            )
            said = "met there" if link.met_here else "there"
            messages.success(request, f"{link.person.full_name} added as {said}.")
            return redirect("event_detail", event_id=event.pk)
    problems = [str(e) for errors in form.errors.values() for e in errors]
    messages.error(request, problems[0] if problems else "Type the name of someone you know.")
    return redirect("event_detail", event_id=event.pk)


@login_required
@require_POST
def event_person_remove(request: HttpRequest, event_id: int, person_id: int) -> HttpResponse:
    event = or_404(selectors.get_event, owner=request.user, event_id=event_id)
    try:
        services.remove_person(owner=request.user, event_id=event.pk, person_id=person_id)
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        messages.success(request, "Removed from the event (they stay in your network).")
    return redirect("event_detail", event_id=event.pk)


@login_required
def event_delete(request: HttpRequest, event_id: int) -> HttpResponse:
    """GET asks to confirm; POST deletes the event and who was there (the people stay)."""
    event = or_404(selectors.get_event, owner=request.user, event_id=event_id)
    if request.method == "POST":
        services.delete_event(owner=request.user, event_id=event.pk)
        messages.success(request, f"Deleted the event: {event.name}.")
        return redirect("events")
    return render(request, "web/events/confirm_delete.html", {"event": event})


@login_required
def community_new(request: HttpRequest) -> HttpResponse:
    form = CommunityForm(request.POST or None, initial={"kind": "association"})
    if request.method == "POST" and form.is_valid():
        try:
            community = services.create_community(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Community added: {community.name}.")
            return redirect("community_detail", community_id=community.pk)
    return render(request, "web/events/community_new.html", {"form": form})


@login_required
def community_detail(request: HttpRequest, community_id: int) -> HttpResponse:
    """The community's page; POST saves its name, kind and notes."""
    page = or_404(
        selectors.community_page,
        owner=request.user,
        community_id=community_id,
        today=timezone.localdate(),
    )
    community = page.community
    initial = {"name": community.name, "kind": community.kind, "notes": community.notes}
    form = CommunityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_community(
                owner=request.user, community_id=community.pk, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("community_detail", community_id=community.pk)
    return render(request, "web/events/community.html", {"page": page, "form": form})


@login_required
def community_delete(request: HttpRequest, community_id: int) -> HttpResponse:
    """GET asks to confirm; POST deletes the community (its events stay, in none)."""
    community = or_404(selectors.get_community, owner=request.user, community_id=community_id)
    if request.method == "POST":
        services.delete_community(owner=request.user, community_id=community.pk)
        messages.success(request, f"Deleted the community: {community.name}.")
        return redirect("events")
    return render(request, "web/events/community_delete.html", {"community": community})

"""Needs and the give/ask ledger: the needs page (yours and everyone's), the actions on a
need, and what the person page records: a need, a give or receive, an introduction, an ask."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mutuals.ledger import services as ledger
from mutuals.ledger.selectors import ask_warning_for
from mutuals.needs import services
from mutuals.needs.models import STATUS_CHOICES, Need
from mutuals.needs.selectors import get_need, needs_for
from mutuals.people.models import Person
from mutuals.people.selectors import get_person
from mutuals.web.forms import (
    AskForm,
    ExchangeForm,
    IntroductionForm,
    NeedForm,
    NeedsFilterForm,
    add_service_errors,
)
from mutuals.web.views.common import action_done, or_404, resolve_name_field
from mutuals.web.views.person import render_detail

STATUS_TABS = [*STATUS_CHOICES, ("all", "All")]
ASK_ANYWAY = "Read the note above first; choose “Ask anyway” to record this ask."


@login_required
def needs(request: HttpRequest) -> HttpResponse:
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_need(
                owner=request.user,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"] or "other",
                direction=form.cleaned_data["direction"] or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Added to your needs.")
            return redirect("needs")
    status = NeedsFilterForm(request.GET).status_or_open()
    listed = list(needs_for(owner=request.user, status=status))
    context = {
        "form": form,
        "status": status,
        "statuses": STATUS_TABS,
        "mine": [need for need in listed if need.person_id is None],
        "by_person": _by_person(need for need in listed if need.person_id is not None),
        "this_page": request.get_full_path(),  # every item's buttons come back here
    }
    return render(request, "web/needs/list.html", context)


def _by_person(listed: Any) -> list[tuple[Person, list[Need]]]:
    """Needs grouped by person, in the order of each person's oldest need."""
    groups: dict[int, tuple[Person, list[Need]]] = {}
    for need in listed:
        groups.setdefault(need.person_id, (need.person, []))[1].append(need)
    return list(groups.values())


def _need_action(request: HttpRequest, need_id: int, act: Any, said: str) -> HttpResponse:
    need = or_404(get_need, owner=request.user, need_id=need_id)
    act(need)
    return action_done(
        request,
        f"{said}: {need.text}",
        default_next=reverse("needs"),
        undo_url=reverse("need_reopen", args=[need.pk]),
    )


@login_required
@require_POST
def need_helped(request: HttpRequest, need_id: int) -> HttpResponse:
    def helped(need: Need) -> None:
        services.mark_helped(owner=request.user, need_id=need.pk)

    return _need_action(request, need_id, helped, "You helped")


@login_required
@require_POST
def need_done(request: HttpRequest, need_id: int) -> HttpResponse:
    def done(need: Need) -> None:
        services.close_need(owner=request.user, need_id=need.pk, status="done")

    return _need_action(request, need_id, done, "Done")


@login_required
@require_POST
def need_dropped(request: HttpRequest, need_id: int) -> HttpResponse:
    def dropped(need: Need) -> None:
        services.close_need(owner=request.user, need_id=need.pk, status="dropped")

    return _need_action(request, need_id, dropped, "Dropped")


@login_required
@require_POST
def need_reopen(request: HttpRequest, need_id: int) -> HttpResponse:
    need = or_404(services.reopen_need, owner=request.user, need_id=need_id)
    return action_done(request, f"Open again: {need.text}", default_next=reverse("needs"))


@login_required
@require_POST
def need_delete(request: HttpRequest, need_id: int) -> HttpResponse:
    need = or_404(get_need, owner=request.user, need_id=need_id)
    services.delete_need(owner=request.user, need_id=need.pk)
    return action_done(request, f"Deleted: {need.text}", default_next=reverse("needs"))


def _back_to(person: Person) -> HttpResponse:
    return redirect(reverse("person_detail", args=[person.pk]) + "#give-heading")


@login_required
@require_POST
def person_need(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = NeedForm(request.POST, prefix="need")
    if form.is_valid():
        try:
            services.add_need(
                owner=request.user,
                person_id=person.pk,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"] or "other",
                direction=form.cleaned_data["direction"] or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Noted what {person.full_name} needs.")
            return redirect(reverse("person_detail", args=[person.pk]) + "#needs-heading")
    return render_detail(request, person, need_form=form)


@login_required
@require_POST
def person_exchange(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    their_needs = needs_for(owner=request.user, person_id=person.pk)
    form = ExchangeForm(request.POST, prefix="exchange", needs=their_needs)
    if form.is_valid():
        try:
            ledger.record_exchange(
                owner=request.user,
                person_id=person.pk,
                direction=form.cleaned_data["direction"],
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                need_id=form.cleaned_data["need"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Recorded.")
            return _back_to(person)
    return render_detail(request, person, exchange_form=form)


@login_required
@require_POST
def person_introduce(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = IntroductionForm(request.POST, prefix="intro")
    if form.is_valid():
        other_id = resolve_name_field(form, "other", request.user)
        if not form.errors and other_id is not None:
            try:
                first, _ = ledger.record_introduction(
                    owner=request.user,
                    person_id=person.pk,
                    other_id=other_id,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                other = first.introduced_to
                messages.success(
                    request, f"Recorded: you introduced {person.full_name} to {other.full_name}."
                )
                return _back_to(person)
    return render_detail(request, person, introduction_form=form)


@login_required
@require_POST
def person_ask(request: HttpRequest, person_id: int) -> HttpResponse:
    person = or_404(get_person, owner=request.user, person_id=person_id)
    form = AskForm(request.POST, prefix="ask")
    if form.is_valid():
        today = timezone.localdate()
        warning = ask_warning_for(owner=request.user, person_id=person.pk, today=today)
        if warning is not None and not request.POST.get("anyway"):
            form.add_error(None, ASK_ANYWAY)
        else:
            try:
                ledger.record_ask(
                    owner=request.user, person_id=person.pk, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Recorded your ask of {person.full_name}.")
                return _back_to(person)
    return render_detail(request, person, ask_form=form)


@login_required
@require_POST
def exchange_delete(request: HttpRequest, exchange_id: int) -> HttpResponse:
    or_404(ledger.delete_exchange, owner=request.user, exchange_id=exchange_id)
    return action_done(request, "Deleted that give or receive.", default_next=reverse("needs"))


@login_required
@require_POST
def ask_answered(request: HttpRequest, ask_id: int) -> HttpResponse:
    ask = or_404(ledger.answer_ask, owner=request.user, ask_id=ask_id)
    return action_done(request, f"Answered: {ask.text}", default_next=reverse("needs"))


@login_required
@require_POST
def ask_delete(request: HttpRequest, ask_id: int) -> HttpResponse:
    or_404(ledger.delete_ask, owner=request.user, ask_id=ask_id)
    return action_done(request, "Deleted that ask.", default_next=reverse("needs"))

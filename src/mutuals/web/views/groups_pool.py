"""A group's pool on the web, for its members: searching it (how many members know someone,
never who), asking for an introduction to that same target, the requests you made and those
asked of you (accept, or decline after confirming). Writes through `groups.services` and
`groups.requests`; what each side reads through `groups.serialize`, as the CLI and the API do.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mutuals.core import pool
from mutuals.groups import requests, selectors, serialize, services
from mutuals.groups.models import Membership, PoolRequest
from mutuals.web.forms import Form, add_service_errors
from mutuals.web.views.common import first_message, or_404


class TargetForm(Form):
    person = forms.CharField(
        label="A person", required=False, max_length=320, help_text="Their full name."
    )
    organisation = forms.CharField(
        label="An organisation", required=False, max_length=200, help_text="Its name."
    )
    words = forms.CharField(
        label="Words",
        required=False,
        max_length=300,
        help_text="At least two words of a title or an organisation, like “product manager”.",
    )

    def target(self) -> dict[str, str | None]:
        data = self.cleaned_data
        return {key: data.get(key) or None for key in ("person", "organisation", "words")}


class RequestForm(TargetForm):
    note = forms.CharField(
        label="Your note to the member asked",
        required=False,
        max_length=pool.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": f"Keep the note under {pool.MAX_NOTE} characters."},
    )


def _request_form(group_name: str, said: str, target: dict[str, str | None]) -> RequestForm:
    """The request for a searched target, its note drafted (`core.pool.draft_note`)."""
    initial = {**target, "note": pool.draft_note(said, group_name)}
    return RequestForm(initial=initial)


ANSWER_KEY = "groups.search.{group_id}"  # the session's last answer, per group


@login_required
@require_http_methods(["GET", "POST"])
def group_search(request: HttpRequest, group_id: int) -> HttpResponse:
    """The search form (GET), and searching (POST): a search counts against the day's limit,
    then redirects to the form with its answer, kept in the session, so a reload reads the
    answer again and counts nothing. When someone knows the target, the request for it."""
    membership = or_404(services.membership_of, user=request.user, group_id=group_id)
    group = membership.group
    key = ANSWER_KEY.format(group_id=group.pk)
    if request.method == "GET":
        kept = request.session.get(key)
        form = TargetForm(initial=kept["target"] if kept else None)
        return _render_search(request, group, form, kept)
    form = TargetForm(request.POST)
    if not form.is_valid():
        return _render_search(request, group, form, None, status=400)
    target = form.target()
    try:
        answer, sentence = services.search(user=request.user, group_id=group_id, **target)
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_search(request, group, form, None, status=400)
    except services.SearchLimitReached as limit:
        return _render_search(request, group, form, None, status=429, limit=str(limit))
    request.session[key] = {
        "target": target,
        "said": selectors.target_of(**target).said,
        "sentence": sentence,
        "members": answer.members,
    }
    return redirect("group_search", group_id=group_id)


def _render_search(
    request: HttpRequest,
    group: Any,
    form: TargetForm,
    kept: dict[str, Any] | None,
    *,
    status: int = 200,
    limit: str = "",
) -> HttpResponse:
    context: dict[str, Any] = {
        "group": group,
        "form": form,
        "threshold": pool.THRESHOLD,
        "limit": limit,
    }
    if kept:
        context["sentence"] = kept["sentence"]
        context["a_few"] = 0 < kept["members"] < pool.THRESHOLD
        if kept["members"]:
            context["request_form"] = _request_form(group.name, kept["said"], kept["target"])
            context["notice"] = pool.NOTICE.format(group=group.name)
    return render(request, "web/groups/search.html", context, status=status)


@login_required
@require_POST
def group_request(request: HttpRequest, group_id: int) -> HttpResponse:
    """Ask for an introduction to a target searched in the last day, with the note."""
    membership = or_404(services.membership_of, user=request.user, group_id=group_id)
    group = membership.group
    form = RequestForm(request.POST)
    limit = ""
    if form.is_valid():
        try:
            made = requests.request_introduction(
                user=request.user,
                group_id=group_id,
                note=form.cleaned_data["note"],
                **form.target(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except requests.RequestLimitReached as reached:
            limit = str(reached)
        else:
            messages.success(
                request,
                f"Request sent: a member of {group.name} who knows {made.target_said} is asked, "
                "with your note. You learn who only if they accept.",
            )
            return redirect("group_requests", group_id=group_id)
    context = {
        "group": group,
        "form": form,
        "limit": limit,
        "notice": pool.NOTICE.format(group=group.name),
    }
    return render(request, "web/groups/request.html", context, status=429 if limit else 400)


@login_required
@require_GET
def group_requests(request: HttpRequest, group_id: int) -> HttpResponse:
    """Your requests in a group (their state in words) and those asked of you."""
    membership = or_404(services.membership_of, user=request.user, group_id=group_id)
    now = timezone.now()
    mine = [
        {**serialize.my_request_to_dict(found, now), "asked_on": found.requested_at}
        for found in selectors.requests_of(
            user=request.user, group_id=group_id, membership=membership
        )
    ]
    theirs = [
        {**serialize.asked_request_to_dict(found), "asked_on": found.requested_at}
        for found in selectors.asked_of(user=request.user, group_id=group_id, membership=membership)
    ]
    context = {
        "group": membership.group,
        "mine": mine,
        "theirs": theirs,
        "pooling": membership.scope != Membership.NONE,
    }
    return render(request, "web/groups/requests.html", context)


def _asked(user: Any, request_id: int) -> Any:
    """A request asked of the user; a 404 for anyone else."""
    try:
        return selectors.asked_request(user=user, request_id=request_id)
    except PoolRequest.DoesNotExist:
        raise Http404("Not found.") from None


@login_required
@require_POST
def request_accept(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _asked(request.user, request_id)
    try:
        requests.answer_request(user=request.user, request_id=request_id, accept=True)
    except ValidationError as error:
        messages.error(request, first_message(error))
        return redirect("group_requests", group_id=found.group_id)
    data = serialize.asked_request_to_dict(_asked(request.user, request_id))
    messages.success(
        request,
        f"Accepted: {data['requester']} now knows your name, and you theirs. An introduction of "
        f"{data['requester']} to {data['person']} is started: ask them both whether they want "
        "it, then move it on from its page.",
    )
    return redirect("introduction_detail", introduction_id=data["introduction_id"])


@login_required
def request_decline(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _asked(request.user, request_id)
    if request.method == "POST":
        try:
            requests.answer_request(user=request.user, request_id=request_id, accept=False)
        except ValidationError as error:
            messages.error(request, first_message(error))
        else:
            messages.success(
                request, f"Declined. {services.user_name(found.requester.user)} is not told."
            )
        return redirect("group_requests", group_id=found.group_id)
    data = serialize.asked_request_to_dict(found)
    return render(request, "web/groups/decline.html", {"asked": data, "found": found})


@login_required
@require_POST
def request_thank(request: HttpRequest, request_id: int) -> HttpResponse:
    """The requester thanks the member who accepted: recorded on their own ledger."""
    try:
        thanked = requests.thank(user=request.user, request_id=request_id)
    except PoolRequest.DoesNotExist:
        raise Http404("Not found.") from None
    except ValidationError as error:
        messages.error(request, first_message(error))
        group_id = selectors.group_of_my_request(user=request.user, request_id=request_id)
        return redirect("group_requests", group_id=group_id)
    name = services.user_name(thanked.member.user)
    messages.success(
        request,
        f"You thanked {name}: they are in your people, with the introduction to "
        f"{thanked.target_said} received from them on your ledger.",
    )
    return redirect("group_requests", group_id=thanked.group_id)

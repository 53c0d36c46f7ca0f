"""Coaching links on the web: the client's coaches and what each one sees, invitations both
ways, accepting by link or code, ending a link, and the client's audit trail ("Coach
activity" in Settings). Writes go through `coaching.services`, reads through `coaching.links`.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from mutuals.coaching import links, services
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import LEVEL_NAMES, LEVEL_WORDS, LEVELS, NEVER_SHARED, Level
from mutuals.web.forms import add_service_errors
from mutuals.web.views.common import or_404

ACTIVITY_PAGE_SIZE = 50
LEVEL_CHOICES = [(level.value, LEVEL_NAMES[level]) for level in LEVELS]


class LevelForm(forms.Form):
    level = forms.ChoiceField(
        label="What this coach sees",
        choices=LEVEL_CHOICES,
        error_messages={
            "required": "Choose what the coach sees.",
            "invalid_choice": "Choose progress, plan or network.",
        },
    )


class InviteCoachForm(forms.Form):
    coach = forms.CharField(
        label="Coach's user name",
        max_length=150,
        error_messages={"required": "Type the user name of the coach you want to invite."},
    )
    level = forms.ChoiceField(
        label="What they will see",
        choices=LEVEL_CHOICES,
        initial=Level.PROGRESS.value,
        error_messages={"required": "Choose what the coach sees."},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Invitation code",
        max_length=40,
        help_text="Like ABCD-EFGH-JKLM: the code your coach or client gave you.",
        error_messages={"required": services.NO_CODE},
    )


def _levels(selected: str | None = None) -> list[dict[str, str | bool]]:
    return [
        {
            "value": level.value,
            "name": LEVEL_NAMES[level],
            "words": LEVEL_WORDS[level],
            "checked": level.value == (selected or Level.PROGRESS.value),
        }
        for level in LEVELS
    ]


def _link_rows(user) -> tuple[list[dict], list[dict]]:
    """(as a client, as a coach): each link with what the page shows of it."""
    as_client = [
        {"link": link, "levels": _levels(link.level), "level_name": LEVEL_NAMES[Level(link.level)]}
        for link in links.as_client(client=user)
    ]
    as_coach = [
        {"link": link, "level_name": LEVEL_NAMES[Level(link.level)]}
        for link in links.as_coach(coach=user)
    ]
    return as_client, as_coach


def _render_page(
    request: HttpRequest,
    *,
    invite_form: InviteCoachForm | None = None,
    code_form: CodeForm | None = None,
    new_code: str | None = None,
    status: int = 200,
) -> HttpResponse:
    as_client, as_coach = _link_rows(request.user)
    context = {
        "as_client": as_client,
        "as_coach": as_coach,
        "invite_form": invite_form or InviteCoachForm(),
        "code_form": code_form or CodeForm(),
        "new_code": new_code,
        "new_link": request.build_absolute_uri(services.join_path(new_code)) if new_code else "",
        "invitation_days": services.INVITATION_DAYS,
        "invite_levels": _levels(
            invite_form.data.get("level") if invite_form is not None else None
        ),
        "never_shared": NEVER_SHARED,
        "may_coach": services.may_coach(request.user),
    }
    return render(request, "web/coaching.html", context, status=status)


@login_required
@require_GET
def coaching_page(request: HttpRequest) -> HttpResponse:
    return _render_page(request)


@login_required
@require_POST
def link_level(request: HttpRequest, link_id: int) -> HttpResponse:
    link = or_404(links.client_link_by_id, client=request.user, link_id=link_id)
    form = LevelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what the coach sees: progress, plan or network.")
        return redirect("coaching")
    link = services.set_level(
        client=request.user, link_id=link.pk, level=form.cleaned_data["level"]
    )
    chosen = Level(link.level)
    messages.success(
        request, f"{link.coach.username} now sees {LEVEL_NAMES[chosen]}: {LEVEL_WORDS[chosen]}."
    )
    return redirect("coaching")


@login_required
def link_end(request: HttpRequest, link_id: int) -> HttpResponse:
    link = or_404(links.link_of, user=request.user, link_id=link_id)
    role = links.side(link, request.user)
    if request.method == "POST":
        services.end(user=request.user, link_id=link.pk)
        if link.state == CoachLink.INVITED:
            messages.success(request, "Invitation cancelled: its code no longer works.")
        elif role == "client":
            messages.success(request, f"{link.coach.username} no longer sees anything of yours.")
        else:
            name = link.client.username if link.client is not None else ""
            messages.success(request, f"You no longer coach {name}.")
        return redirect("coaching")
    return render(request, "web/coaching_end.html", {"link": link, "role": role})


@login_required
@require_POST
def invite_coach(request: HttpRequest) -> HttpResponse:
    form = InviteCoachForm(request.POST)
    if form.is_valid():
        try:
            link, _code = services.invite_coach(
                client=request.user,
                coach_username=form.cleaned_data["coach"],
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Invited {link.coach.username}. They see nothing until they accept, and then "
                f"only {LEVEL_NAMES[Level(link.level)]}.",
            )
            return redirect("coaching")
    return _render_page(request, invite_form=form, status=400)


@login_required
@require_POST
def invite_client(request: HttpRequest) -> HttpResponse:
    try:
        _link, code = services.invite_client(coach=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("coaching")
    return _render_page(request, new_code=code)


@login_required
@require_POST
def accept_request(request: HttpRequest, link_id: int) -> HttpResponse:
    try:
        link = or_404(services.accept_request, coach=request.user, link_id=link_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("coaching")
    name = link.client.username if link.client is not None else ""
    messages.success(request, f"You now coach {name}; they share {LEVEL_NAMES[Level(link.level)]}.")
    return redirect("coaching")


@login_required
@require_POST
def enter_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["code"]
        try:
            services.invitation_for_code(code)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("coaching_join", code=services.normalise_code(code))
    return _render_page(request, code_form=form, status=400)


@login_required
def join(request: HttpRequest, code: str) -> HttpResponse:
    """The accept screen: who invites, and (for a client) what the coach will see."""
    error = ""
    link = None
    try:
        link = services.invitation_for_code(code)
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if link is not None and link.invited_by == "client" and link.coach_id != request.user.pk:
        error = services.OWN_CODE if link.client_id == request.user.pk else services.NOT_YOUR_CODE
    if link is not None and link.invited_by == "coach" and link.coach_id == request.user.pk:
        error = services.OWN_CODE
    chosen = request.POST.get("level") or Level.PROGRESS.value
    if request.method == "POST" and not error:
        try:
            accepted = services.accept(user=request.user, code=code, level=chosen)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            if accepted.invited_by == "coach":
                messages.success(
                    request,
                    f"{accepted.coach.username} is now your coach and sees "
                    f"{LEVEL_NAMES[Level(accepted.level)]}. You can change it or end it here "
                    "at any time.",
                )
            else:
                name = accepted.client.username if accepted.client is not None else ""
                messages.success(request, f"You now coach {name}.")
            return redirect("coaching")
    context = {
        "link": None if error else link,
        "error": error,
        "code": code,
        "levels": _levels(chosen),
        "never_shared": NEVER_SHARED,
        "client_level_name": LEVEL_NAMES[Level(link.level)] if link is not None else "",
    }
    status = 200
    if error:
        status = 400 if request.method == "POST" else 404
    return render(request, "web/coaching_join.html", context, status=status)


@login_required
@require_GET
def coach_activity(request: HttpRequest) -> HttpResponse:
    page = Paginator(links.activity(client=request.user), ACTIVITY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "web/coaching_activity.html", {"page": page})

"""A group's administration page, for its administrators (and the install's): its numbers and
charts for the last 12 months, its administrators (naming one, removing one, never the last),
and e-mail invitations from a CSV list. Counts only: never a member's network, never what was
searched. For everyone else, a member included, the page does not exist (404).

Reads through `groups.selectors`, writes through `groups.administration`; the numbers are
`core.group_report`'s, drawn by `core.charts_svg.month_chart`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from mutuals.core import group_report
from mutuals.core.charts_svg import month_chart
from mutuals.groups import administration, invitations, selectors, services
from mutuals.groups.models import Group
from mutuals.web.forms import Form, add_service_errors
from mutuals.web.views.common import first_message

TEMPLATES = "web/groups/"


class AdminForm(Form):
    username = forms.CharField(
        label="Member's user name",
        max_length=150,
        help_text="They must already belong to the group.",
        error_messages={"required": "Give the member's user name."},
    )


class InviteForm(Form):
    emails = forms.CharField(
        label="E-mail addresses",
        max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A CSV list or one address a line: the address first on each line.",
        error_messages={"required": "Paste at least one e-mail address."},
    )
    days = forms.IntegerField(
        label="Days each invitation works",
        min_value=1,
        max_value=60,
        initial=services.INVITATION_DAYS,
        widget=forms.NumberInput(attrs={"class": "narrow-number"}),
        error_messages={
            "required": "Say how many days the invitations work (1 to 60).",
            "min_value": "An invitation lasts from 1 to 60 days.",
            "max_value": "An invitation lasts from 1 to 60 days.",
            "invalid": "Days: type a whole number from 1 to 60.",
        },
    )


def _managed(request: HttpRequest, group_id: int) -> Group:
    """The group, when the user administers it (or the install); a 404 for anyone else."""
    try:
        return services.group_for_admin(by=request.user, group_id=group_id)
    except (ObjectDoesNotExist, PermissionDenied):
        raise Http404("Not found.") from None


def _charts(report: group_report.GroupReport) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "words": group_report.FIGURE_WORDS[name],
            "svg": mark_safe(
                month_chart(
                    report.series(name),
                    title=f"{group_report.FIGURE_WORDS[name]}, the last 12 months",
                    description=group_report.describe(report, name),
                    chart_id=f"chart-{name}",
                )
            ),
        }
        for name in group_report.FIGURES
    ]


def _render(
    request: HttpRequest,
    group: Group,
    *,
    admin_form: AdminForm | None = None,
    invite_form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    report = selectors.admin_report(group=group, today=timezone.localdate())
    admins = selectors.admins_of(group=group)
    context = {
        "group": group,
        "report": report,
        "figures": [(name, group_report.FIGURE_WORDS[name]) for name in group_report.FIGURES],
        "months": [
            {
                "month": m.month,
                "counts": [m.figures[n] for n in group_report.FIGURES],
                "members": m.members,
                "pooling": m.pooling,
                "rate": m.rate,
            }
            for m in reversed(report.months)
        ],
        "totals": [report.totals()[n] for n in group_report.FIGURES],
        "charts": _charts(report),
        "admins": [a.user.get_username() for a in admins],
        "admin_form": admin_form or AdminForm(),
        "invite_form": invite_form or InviteForm(),
        "mail": invitations.mail_server_configured(),
        "batches": invitations.batches_of(group=group),
    }
    return render(request, TEMPLATES + "admin.html", context, status=status)


@login_required
@require_GET
def admin_page(request: HttpRequest, group_id: int) -> HttpResponse:
    return _render(request, _managed(request, group_id))


@login_required
@require_POST
def admin_name(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _managed(request, group_id)
    form = AdminForm(request.POST)
    if form.is_valid():
        try:
            member = administration.name_admin(
                by=request.user, group_id=group.pk, username=form.cleaned_data["username"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            name = member.user.get_username()
            messages.success(request, f"{name} is now an administrator of {group.name}.")
            return redirect("group_admin", group_id=group.pk)
    return _render(request, group, admin_form=form, status=400)


@login_required
def admin_remove(request: HttpRequest, group_id: int) -> HttpResponse:
    """Asks first (GET), then makes the administrator a member again (POST); the last one
    cannot be removed, and the page says why."""
    group = _managed(request, group_id)
    username = (request.POST.get("username") or request.GET.get("username") or "").strip()
    if username not in {a.user.get_username() for a in selectors.admins_of(group=group)}:
        raise Http404("Not found.")
    error = ""
    if request.method == "POST":
        try:
            administration.remove_admin(by=request.user, group_id=group.pk, username=username)
        except ValidationError as problem:
            error = first_message(problem)
        else:
            messages.success(
                request,
                f"{username} is a member of {group.name} again, no longer an administrator.",
            )
            if username == request.user.get_username():
                return redirect("group_detail", group_id=group.pk)
            return redirect("group_admin", group_id=group.pk)
    context = {"group": group, "username": username, "error": error}
    return render(request, TEMPLATES + "admin_remove.html", context, status=400 if error else 200)


@login_required
@require_POST
def admin_invite(request: HttpRequest, group_id: int) -> HttpResponse:
    """Makes the invitations: with a mail server, a list sent in the background (then its
    page, to follow it); without one, the codes, shown on the answer once."""
    group = _managed(request, group_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            made = invitations.invite_by_email(
                by=request.user,
                group_id=group.pk,
                csv_text=form.cleaned_data["emails"],
                days=form.cleaned_data["days"],
                base=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if isinstance(made, invitations.BatchProgress):
                messages.success(
                    request,
                    f"{made.total:,} invitations are being sent by e-mail, in the background: "
                    "this page shows how it goes.",
                )
                return redirect("group_invitations", group_id=group.pk, batch_id=made.batch_id)
            context = {"group": group, "report": made, "days": form.cleaned_data["days"]}
            return render(request, TEMPLATES + "admin_invited.html", context)
    return _render(request, group, invite_form=form, status=400)

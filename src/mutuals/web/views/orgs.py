"""Organisations as places: the list, and one organisation's page (people there, leads, warm
paths, your notes)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mutuals.orgs import selectors, services
from mutuals.web.forms import add_service_errors
from mutuals.web.views.common import or_404

LISTED = 200


class OrganizationNotesForm(forms.Form):
    website = forms.CharField(label="Website", max_length=300, required=False)
    notes = forms.CharField(
        label="Your notes",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What they do, who is hiring, what you learned in conversations.",
    )


@login_required
def org_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:200]
    found = selectors.organizations(owner=request.user, search=search)
    total = found.count()
    context = {"organizations": found[:LISTED], "total": total, "search": search}
    return render(request, "web/orgs/list.html", context)


@login_required
def org_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    page = or_404(
        selectors.organization_page,
        owner=request.user,
        organization_id=org_id,
        today=timezone.localdate(),
    )
    profile = page.profile
    initial = {"website": profile.website, "notes": profile.notes} if profile else {}
    form = OrganizationNotesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization(
                owner=request.user, organization_id=org_id, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved your notes on {page.organization.name}.")
            return redirect("org_detail", org_id=org_id)
    return render(request, "web/orgs/detail.html", {"page": page, "form": form})

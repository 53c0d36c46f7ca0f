"""Removing the demo network from the web: a page saying what goes, then the removal, through
the same service as `mutuals demo --clear`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mutuals.demo import selectors as demo_selectors
from mutuals.demo import services as demo_services


@login_required
@require_http_methods(["GET", "POST"])
def demo_clear(request: HttpRequest) -> HttpResponse:
    """GET: how many people, conversations and promises would go; POST: remove them."""
    if request.method == "POST":
        if not demo_services.has_demo(owner=request.user):
            messages.info(request, "There is no demo network to remove.")
            return redirect("settings")
        removed = demo_services.clear_demo(owner=request.user)
        noun = "person" if removed == 1 else "people"
        messages.success(
            request, f"Removed the demo network ({removed} {noun}); what you entered stays."
        )
        return redirect("settings")
    summary = demo_selectors.demo_to_clear(owner=request.user)
    return render(request, "web/demo_clear.html", {"summary": summary})

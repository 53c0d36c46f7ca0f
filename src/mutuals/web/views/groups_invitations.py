"""A group's e-mail invitations on the web, for its administrators: a list sent in the
background, its progress ("312 of 5,000 sent, 2 failed: …", refreshed while it goes), the
report address by address (the failed first), and sending the failed ones again. Writes and
reads through `groups.invitations`; for everyone else the pages do not exist (404).

Making the list is the administration page's form (`group_admin.admin_invite`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from mutuals.groups import invitations
from mutuals.web.views.common import first_message

PER_PAGE = 200
PROGRESS = "web/groups/invitations_progress.html"


def _batch(request: HttpRequest, group_id: int, batch_id: int) -> invitations.BatchProgress:
    """The list's progress for its group's administrators; a 404 for anyone else."""
    try:
        return invitations.batch_of(by=request.user, group_id=group_id, batch_id=batch_id)
    except (ObjectDoesNotExist, PermissionDenied):
        raise Http404("Not found.") from None


@login_required
@require_GET
def invitations_page(request: HttpRequest, group_id: int, batch_id: int) -> HttpResponse:
    """The list's progress and its report, a page of addresses at a time; htmx asks for the
    progress alone while the list is being sent."""
    progress = _batch(request, group_id, batch_id)
    context = {"progress": progress, "group_id": group_id}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, PROGRESS, context)
    rows = invitations.addresses_of(batch=progress)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context.update({"group": {"pk": group_id, "name": progress.group_name}, "page": page})
    return render(request, "web/groups/invitations.html", context)


@login_required
@require_POST
def invitations_retry(request: HttpRequest, group_id: int, batch_id: int) -> HttpResponse:
    """Send the failed ones again (each with a new code); the sent ones are left alone."""
    before = _batch(request, group_id, batch_id)
    try:
        invitations.retry_failed(by=request.user, group_id=group_id, batch_id=batch_id)
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        messages.success(
            request,
            f"Sending the {before.failed:,} that failed again, each with a new code. "
            "The ones sent already are not sent twice.",
        )
    return redirect("group_invitations", group_id=group_id, batch_id=batch_id)

"""The coach's pages: every linked client on one page (`/coach/`), one client's page with what
they share (`/coach/clients/<id>/`), and the client's own "view as my coach" page
(`/coaching/as-coach/<link id>/`), which renders the same template with nothing recorded.

Reads go through `coaching.dashboard` and `coaching.shared` (and so through the gate,
`coaching.access`); a client who is not linked, or not at all, is a 404 either way."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from mutuals.assignments import selectors as assignment_selectors
from mutuals.coaching import dashboard, selectors, shared
from mutuals.coaching.dashboard import ClientRow
from mutuals.coaching.shared import SharedView
from mutuals.core.charts_svg import goal_chart
from mutuals.core.coach_flags import NO_CONVERSATION_DAYS
from mutuals.core.coaching import LEVEL_NAMES, LEVEL_WORDS, NEVER_SHARED
from mutuals.web.templatetags import coach_nav
from mutuals.web.views.common import or_404

SORT_WORDS = {
    "name": "Name",
    "flags": "Flags, most first",
    "activity": "Last activity, quietest first",
}
CHARTED = ("conversations", "gives")


def _charts(row: ClientRow, prefix: str) -> list[dict[str, Any]]:
    goals = {goal.kind: goal for goal in row.progress.goals}
    return [
        {
            "goal": goals[kind],
            "svg": mark_safe(goal_chart(goals[kind], chart_id=f"{prefix}-{kind}")),
        }
        for kind in CHARTED
    ]


@login_required
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """A page of clients (PAGE_SIZE a page), sorted and filtered; a page past the last is the
    last, and anything but a number the first."""
    sort = request.GET.get("sort", "name")
    if sort not in dashboard.SORTS:
        sort = "name"
    flagged = request.GET.get("flagged") == "1"
    number = request.GET.get("page", "1")
    found = dashboard.dashboard_page(
        coach=request.user,
        today=timezone.localdate(),
        sort=sort,  # type: ignore[arg-type]
        flagged_only=flagged,
        page=int(number) if number.isdecimal() and len(number) < 6 else 1,
    )
    if found.rows:
        coach_nav.remember(request.session, True)
    context = {
        "rows": [
            {
                "row": row,
                "charts": _charts(row, f"c{row.client_id}"),
                "level_name": LEVEL_NAMES[row.level],
                "stages": [stage for stage in row.stages if stage.count],
            }
            for row in found.rows
        ],
        "page": found,
        "first_shown": (found.number - 1) * found.per_page + 1,
        "last_shown": (found.number - 1) * found.per_page + len(found.rows),
        "sort": sort,
        "sorts": SORT_WORDS,
        "flagged": flagged,
        "has_clients": found.clients > 0,
        "quiet_days": NO_CONVERSATION_DAYS,
    }
    return render(request, "web/coach.html", context)


def _client_context(view: SharedView, *, as_client: bool, coach_name: str = "") -> dict[str, Any]:
    weeks = list(reversed(view.row.weeks))
    return {
        "view": view,
        "row": view.row,
        "charts": _charts(view.row, "client"),
        "weeks": weeks,
        "stages": [stage for stage in view.row.stages if stage.count],
        "as_client": as_client,
        "coach_name": coach_name,
        "level_name": LEVEL_NAMES[view.level],
        "level_words": LEVEL_WORDS[view.level],
        "never_shared": NEVER_SHARED,
    }


@login_required
@require_GET
def client_page(request: HttpRequest, client_id: int) -> HttpResponse:
    view = or_404(
        shared.coach_view, coach=request.user, client_id=client_id, today=timezone.localdate()
    )
    context = _client_context(view, as_client=False)
    context["assignments"] = assignment_selectors.set_by(coach=request.user, client_id=client_id)
    context["client_id"] = client_id
    return render(request, "web/coach_client.html", context)


@login_required
@require_GET
def as_coach_page(request: HttpRequest, link_id: int) -> HttpResponse:
    """What the coach of link `link_id` sees of you, as they see it; nothing is recorded."""
    link = or_404(selectors.own_link, client=request.user, link_id=link_id)
    view = shared.shared_view(request.user, link.level, timezone.localdate(), link_id=link.pk)
    context = _client_context(view, as_client=True, coach_name=selectors.client_name(link.coach))
    return render(request, "web/coach_client.html", context)

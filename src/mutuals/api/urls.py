"""The JSON API under /api/: every operation needs a personal access token (see auth.py).

OpenAPI schema at /api/openapi.json, interactive docs at /api/docs; docs/api.md has examples.
"""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger

from mutuals.api import (
    addressbook,
    assignments,
    backup,
    coach,
    coaching,
    connections,
    dedupe,
    drafts,
    emails,
    errors,
    events,
    exports,
    groups,
    groups_admin,
    groups_pool,
    imports,
    interactions,
    introductions,
    lead_needs,
    leads,
    ledger,
    needs,
    network,
    operation_rules,
    orgs,
    outreach,
    people,
    people_extras,
    positions,
    preferences,
    progress,
    promises,
    review,
    today,
    tokens,
    users,
)
from mutuals.api.auth import API_AUTH, install_throttling


class LocalSwagger(Swagger):
    """Swagger UI from the assets on this machine (settings.NINJA_DIR), never from a CDN."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api}
        return render(request, self.template, context)


api = NinjaAPI(
    title="mutuals API",
    version="1",
    description=(
        "People, conversations, promises and today's agenda. Authenticate with a personal "
        "access token: `Authorization: Bearer mut_…` (settings page or `mutuals token create`)."
    ),
    auth=API_AUTH,
    urls_namespace="api",
    docs=LocalSwagger(),
)
operation_rules.install(api)
api.add_router("/people", people.router)
api.add_router("/interactions", interactions.router)
api.add_router("/promises", promises.router)
api.add_router("/today", today.router)
api.add_router("/needs", needs.router)
api.add_router("/match", needs.match_router)
api.add_router("/exchanges", ledger.exchanges)
api.add_router("/introductions", ledger.introductions)
api.add_router("/asks", ledger.asks)
api.add_router("", ledger.balances)
api.add_router("", review.router)
api.add_router("", today.actions)
api.add_router("/outreach", outreach.router)
api.add_router("/leads", leads.router)
api.add_router("", lead_needs.router)
api.add_router("/orgs", orgs.router)
api.add_router("/events", events.router)
api.add_router("/communities", events.communities)
api.add_router("", network.router)
api.add_router("", introductions.router)
# Before imports: /api/import/mbox is its own operation, not a kind of /api/import/{kind}.
api.add_router("", emails.router)
api.add_router("", imports.router)
api.add_router("", connections.router)
api.add_router("", addressbook.router)
api.add_router("", exports.router)
api.add_router("", dedupe.router)
api.add_router("", backup.router)
api.add_router("", people_extras.router)
api.add_router("", positions.router)
api.add_router("", tokens.router)
api.add_router("", users.router)
api.add_router("", preferences.router)
api.add_router("", progress.router)
api.add_router("", coaching.router)
api.add_router("", coach.router)
api.add_router("", assignments.router)
api.add_router("", drafts.router)
api.add_router("", groups.router)
api.add_router("", groups_admin.router)
api.add_router("", groups_pool.router)
api.add_router("", errors.unknown_addresses)
errors.install(api, param_names={"payload", "filters", "paging"})
install_throttling(api)

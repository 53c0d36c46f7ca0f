"""The JSON API under /api/: every operation needs a personal access token (see auth.py).

OpenAPI schema at /api/openapi.json, interactive docs at /api/docs; docs/api.md has examples.
"""

import json
import pickle
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.openapi.schema import OpenAPISchema

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


class MutualsAPI(NinjaAPI):
    """The schema is made once a process: it depends only on the code and where the API is
    mounted, and making it took about a second on every GET of /api/openapi.json. Each caller
    gets a fresh copy (plain dicts and lists, read back from the bytes kept), so none can change
    another's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._schemas: dict[str, bytes] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        kept = self._schemas.get(path_prefix)
        if kept is None:
            made = super().get_openapi_schema(path_prefix=path_prefix)
            kept = self._schemas[path_prefix] = pickle.dumps(dict(made))
        return cast(OpenAPISchema, pickle.loads(kept))  # bytes this process made


api = MutualsAPI(
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

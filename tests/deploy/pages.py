"""Every HTML page of the web app, found from its URL patterns, for the owner's own records.

Pages are discovered rather than listed, so a page added later is walked too: each pattern's
id is filled with one of the owner's records (a pattern whose record the owner lacks is left
out), and a pattern counts as a page when GET answers 200 with HTML. A device that reads the
address book is added first when the owner has none (the demo network makes none), so its
revoke confirmation is walked too.
"""

from __future__ import annotations

from django.apps import apps
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, reverse

from mutuals.addressbook import services as addressbook_services
from mutuals.addressbook.models import AppPassword
from mutuals.web.urls import urlpatterns

RECORD_FOR = {
    "person_id": "people.Person",
    "date_id": "people.ImportantDate",
    "interaction_id": "interactions.Interaction",
    "promise_id": "promises.Promise",
    "need_id": "needs.Need",
    "exchange_id": "ledger.Exchange",
    "ask_id": "ledger.Ask",
    "introduction_id": "network.Introduction",
    "run_id": "imports.ImportRun",
    "duplicate_id": "imports.PossibleDuplicate",
    "merge_id": "imports.Merge",
    "token_id": "accounts.ApiToken",
    "lead_id": "leads.Lead",
    "event_id": "events.Event",
    "community_id": "events.Community",
    "org_id": "people.Organization",
    "position_id": "people.Position",
    "device_id": "addressbook.AppPassword",
}
NOT_PAGES = {"logout", "setup", "calendar_feed"}  # signing out; the first run; a calendar file


def _address(pattern: URLPattern, owner) -> str | None:
    kwargs = {}
    for name in pattern.pattern.converters:
        label = RECORD_FOR.get(name)
        if label is None:
            return None
        model = apps.get_model(label)
        owner_field = "user" if not hasattr(model, "owner") else "owner"
        record = model.objects.filter(**{owner_field: owner}).order_by("pk").first()
        if record is None:
            return None
        kwargs[name] = record.pk
    return reverse(pattern.name, kwargs=kwargs)


def html_pages(client: Client, owner) -> list[str]:
    """The addresses whose GET answers an HTML page for `owner` (signed in on `client`)."""
    return list(html_answers(client, owner))


def html_answers(client: Client, owner) -> dict[str, HttpResponse]:
    """html_pages with each page's answer, for a test that reads them all."""
    if not AppPassword.objects.filter(owner=owner).exists():
        addressbook_services.add_device(owner=owner, name="My phone")
    pages = {}
    for pattern in urlpatterns:
        if not isinstance(pattern, URLPattern) or pattern.name in NOT_PAGES:
            continue
        address = _address(pattern, owner)
        if address is None:
            continue
        response = client.get(address)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[address] = response
    return pages

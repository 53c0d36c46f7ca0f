"""The permission matrix's machinery: every web route and API operation found from the code (so
a new one cannot be missed), their addresses filled with the client's real objects, plausible
bodies (the fields the client's own pages post; for the API, the required fields of the schema),
and one request at a time, rolled back, noting whether it wrote anything."""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from mutuals.api.urls import api
from tests.coaching.matrix_data import World

WRITTEN_TABLE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?',
    re.IGNORECASE,
)
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")
# Values for the address parts that are not the client's records: a stage, and secrets no one
# in the matrix holds (a code, a feed's token, a reset link), which must lead nowhere.
TEXT_PARAMETERS = {
    "stage": "applied",
    "code": "nosuchcode2345",
    "token": "nosuchtoken",
    "uidb64": "MQ",
    "kind": "vcard",
    "url": "nothing/",
    "app_label": "auth",
    "content_type_id": "1",
    "rest": "nothing",
}
MISSING_ID = 999_999
# Routes whose parameter names another kind of record than the same name elsewhere: route ->
# {parameter: the key of `World.ids` to fill it with}.
ROUTE_IDS = {"import/mbox/<id:run_id>/": {"run_id": "mail_import_id"}}
# Fields a person fills in even where the page does not insist (the rest stay empty).
WORDS_WANTED = {
    "name",
    "first_name",
    "summary",
    "title",
    "text",
    "subject",
    "comment",
    "passage",
    "label",
}


# ---- what exists -------------------------------------------------------------------------


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield route


def all_routes() -> list[str]:
    """Every address pattern Django resolves, the API's included."""
    return list(dict.fromkeys(_walk(get_resolver().url_patterns)))


def api_routes() -> set[str]:
    return {route for route in all_routes() if route.startswith("api/")}


def web_routes() -> list[str]:
    """Pages, forms' targets and htmx fragments: every route outside the API's operations."""
    return [r for r in all_routes() if not r.startswith("api/") or r in API_PAGES]


# The API's own pages (the schema and its docs), its root and its JSON 404 for any other address.
API_PAGES = ("api/openapi.json", "api/docs", "api/", "api/<path:rest>")


@functools.cache
def openapi_schema() -> dict[str, Any]:
    return api.get_openapi_schema()


def api_operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every operation in the OpenAPI schema."""
    schema = openapi_schema()
    return sorted(
        (method.upper(), path) for path, methods in schema["paths"].items() for method in methods
    )


def api_route_of(path: str) -> str:
    """The Django route an OpenAPI path is served by ("/api/people/{person_id}" ->
    "api/people/<person_id>")."""
    return re.sub(r"\{(\w+)\}", r"<\1>", path.lstrip("/"))


# ---- addresses ---------------------------------------------------------------------------


def _value(name: str, world: World) -> str:
    if name in TEXT_PARAMETERS:
        return TEXT_PARAMETERS[name]
    if name == "object_id" or name == "id":
        return str(world.users["client"].pk)
    return str(world.ids.get(name, MISSING_ID))


def web_url(route: str, world: World) -> str:
    renamed = ROUTE_IDS.get(route, {})

    def fill(match: re.Match[str]) -> str:
        name = match.group(2) or match.group(3)
        return _value(renamed.get(name, name), world)

    url = PARAMETER.sub(fill, route)
    return "/" + url.replace("^", "").replace("$", "")


def api_url(path: str, world: World) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: _value(m.group(1), world), path)


# ---- one request -------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    location: str
    body: str
    tables: set[str]  # the tables the request wrote to
    changed: Any = None  # what `inspect` found before the rollback
    content_type: str = ""
    sent: str = ""  # the request's body, as text


class _WriteWatch:
    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        written = WRITTEN_TABLE.match(sql)
        if written:
            self.tables.add(written.group(1).lower())
        return execute(sql, params, many, context)


Inspect = Callable[[set[str]], Any]


def send(
    client: Client, method: str, url: str, inspect: Inspect | None = None, **kwargs: Any
) -> Answer:
    """Send one request inside a savepoint that is then rolled back: nothing it does lasts.
    `inspect(tables written)` runs before the rollback when the request wrote anything."""
    watch = _WriteWatch()
    cookies = copy.deepcopy(client.cookies)  # signing out or in must not change who asks next
    changed = None
    with transaction.atomic():
        with connection.execute_wrapper(watch):
            response = client.generic(method, url, **kwargs)
        body = _text(response)
        if watch.tables and inspect is not None:
            changed = inspect(watch.tables)
        transaction.set_rollback(True)
    client.cookies = cookies
    return Answer(
        status=response.status_code,
        location=response.get("Location", ""),
        body=body,
        tables=watch.tables,
        changed=changed,
        content_type=response.get("Content-Type", ""),
        sent=_sent(kwargs.get("data")),
    )


def _sent(body: Any) -> str:
    if isinstance(body, bytes):
        return body.decode("utf-8", errors="replace")
    return str(body or "")


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    text = content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # JSON escapes non-ASCII letters; compare with the text itself.
        with contextlib.suppress(ValueError):
            text += json.dumps(json.loads(content), ensure_ascii=False)
    return text


def web_request(
    client: Client,
    method: str,
    url: str,
    data: dict[str, list[str]] | None = None,
    inspect: Inspect | None = None,
) -> Answer:
    if method == "GET":
        return send(client, "GET", url, inspect)
    from django.test.client import MULTIPART_CONTENT, encode_multipart

    boundary = "MatrixBoundary"
    body = encode_multipart(boundary, data or {})
    return send(
        client,
        method,
        url,
        inspect,
        data=body,
        content_type=MULTIPART_CONTENT.replace("BoUnDaRyStRiNg", boundary),
    )


def api_request(
    client: Client, method: str, url: str, body: Any, inspect: Inspect | None = None
) -> Answer:
    if method == "GET":
        return send(client, "GET", url, inspect)
    return send(
        client, method, url, inspect, data=json.dumps(body), content_type="application/json"
    )


# ---- plausible bodies --------------------------------------------------------------------


@dataclass
class _Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    choices: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    """The forms of a page and the values a person filling them in would send."""

    def __init__(self, today: str) -> None:
        super().__init__()
        self.today = today
        self.forms: list[_Form] = []
        self._select: tuple[str, str | None] | None = None
        self._textarea: tuple[str, bool] | None = None
        self._text = ""

    @property
    def _form(self) -> _Form | None:
        return self.forms[-1] if self.forms else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        name = found.get("name", "")
        if tag == "form":
            self.forms.append(_Form(found.get("action", ""), found.get("method", "get").lower()))
        elif self._form is None:
            return
        elif tag == "input" and name:
            kind = found.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in found or (kind == "radio" and name not in self._names()):
                    self._form.fields.append((name, found.get("value", "on")))
                return
            self._form.fields.append((name, self._filled(found)))
        elif tag == "textarea" and name:
            self._textarea = (name, "required" in found)
            self._text = ""
        elif tag == "select" and name:
            self._select = (name, None)
        elif tag == "option" and self._select is not None:
            select_name, chosen = self._select
            value = found.get("value", "")
            if (chosen is None and value) or "selected" in found:
                self._select = (select_name, value)

    def _names(self) -> set[str]:
        return {name for name, _ in self._form.fields} if self._form else set()

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            name, required = self._textarea
            wanted = required or name in WORDS_WANTED
            text = self._text.lstrip("\n") or ("Matrix words" if wanted else "")
            self._form.fields.append((name, text))
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, chosen = self._select
            self._form.fields.append((name, chosen or ""))
            self._select = None

    def _filled(self, found: dict[str, str]) -> str:
        value = found.get("value", "")
        if value or found.get("type", "text") == "hidden":
            return value
        if "required" not in found:
            return "Matrix words" if found.get("name") in WORDS_WANTED else ""
        kind = found.get("type", "text").lower()
        if kind == "date":
            return self.today
        if kind == "number":
            return found.get("min") or "1"
        if kind == "email":
            return "matrix@example.org"
        if kind == "password":
            return "a-long-matrix-password-1"
        return "Matrix words"


def web_extras(world: World) -> dict[str, dict[str, list[str]]]:
    """What a person adds to a page's form beyond its fields as served (people picked in a
    list that a script fills, an address typed in, the source a link names)."""
    person = str(world.ids["person_id"])
    return {
        "log/": {"people": [person]},
        "import/email/addresses": {"address": ["matrix@example.org"]},
        # Forgetting a source: its page is reached with the source's name, then confirmed.
        "import/email/forget": {"name": [world.ids["mail_source"]], "confirm": ["yes"]},
    }


def harvest_forms(html: str, page_url: str, today: str) -> dict[str, dict[str, list[str]]]:
    """The first POST form of `html` for each route it targets: route -> fields."""
    parser = _Forms(today)
    parser.feed(html)
    found: dict[str, dict[str, list[str]]] = {}
    for form in parser.forms:
        if form.method != "post":
            continue
        action = form.action.split("?")[0].split("#")[0] or page_url.split("?")[0]
        try:
            route = resolve(action).route
        except Resolver404:
            continue
        if route in found:
            continue
        data: dict[str, list[str]] = {}
        for name, value in form.fields:
            data.setdefault(name, []).append(value)
        data.pop("csrfmiddlewaretoken", None)
        found[route] = data
    return found


def _api_bodies(world: World, today: str, tomorrow: str) -> dict[tuple[str, str], Any]:
    """Bodies written out where the schema alone does not make one the client's own request
    would succeed with (choices, two different people, a date after today)."""
    person, other = world.ids["person_id"], world.ids["other_person_id"]
    return {
        ("PATCH", "/api/interactions/{interaction_id}"): {"summary": "Matrix words"},
        ("PATCH", "/api/needs/{need_id}"): {"text": "Matrix words"},
        ("PATCH", "/api/orgs/{organization_id}"): {"notes": "Matrix words"},
        ("PATCH", "/api/people/{person_id}"): {"name": "Matrix Person", "notes": "Matrix words"},
        ("POST", "/api/coach/assignments"): {
            "clients": [world.ids["client_id"]],
            "title": "Matrix exercise",
        },
        ("POST", "/api/drafts"): {"coach": world.users["coach_plan"].username, "text": "Hi"},
        ("POST", "/api/interactions"): {
            "people": [person],
            "summary": "Matrix words",
            "occurred_on": today,
        },
        ("POST", "/api/introductions"): {"person": person, "other": other},
        ("POST", "/api/intros"): {"introducer": person, "target": other},
        ("POST", "/api/intros/offer"): {"seeker": person, "target": other},
        ("POST", "/api/intros/{introduction_id}/status"): {"status": "asked"},
        ("POST", "/api/knows"): {"person": person, "knows": other},
        ("POST", "/api/leads"): {"title": "Matrix role"},
        ("POST", "/api/people"): {"name": "Matrix Person"},
        ("POST", "/api/people/bulk"): {"ids": [person], "closeness": "friend"},
        ("POST", "/api/people/{person_id}/snooze"): {"until": tomorrow},
        ("POST", "/api/promises/{promise_id}/snooze"): {"until": tomorrow},
        ("POST", "/api/review/reviewed"): {"all": True},
        ("PATCH", "/api/users/{user_id}"): {"active": False},
        ("POST", "/api/email/sources/forget"): {"name": world.ids["mail_source"]},
        ("PUT", "/api/email/addresses"): {"addresses": ["matrix@example.org"]},
    }


def api_body(method: str, path: str, world: World, today: str, tomorrow: str) -> Any:
    """A body the schema accepts where that is easy: every required field (and, for PATCH and
    PUT, every field) with a plausible value; ids are the client's."""
    written = _api_bodies(world, today, tomorrow)
    if (method, path) in written:
        return written[(method, path)]
    schema = openapi_schema()
    operation = schema["paths"][path][method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return {}
    node = content["application/json"]["schema"]
    return _example(node, schema, world, today, everything=method in ("PATCH", "PUT"), name="")


def _resolve_ref(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _example(
    node: dict[str, Any],
    schema: dict[str, Any],
    world: World,
    today: str,
    *,
    everything: bool,
    name: str,
) -> Any:
    node = _resolve_ref(node, schema)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [_resolve_ref(o, schema) for o in node[key]]
            usable = [o for o in options if o.get("type") != "null"] or options
            return _example(usable[0], schema, world, today, everything=everything, name=name)
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        required = set(node.get("required", ()))
        return {
            key: _example(sub, schema, world, today, everything=False, name=key)
            for key, sub in node.get("properties", {}).items()
            if key in required or everything
        }
    if kind == "array":
        return [_example(node.get("items", {}), schema, world, today, everything=False, name=name)]
    if kind == "integer":
        singular = name[:-1] if name.endswith("_ids") else name
        singular = singular if singular.endswith("_id") else f"{singular}_id"
        return world.ids.get(singular, node.get("minimum", 1))
    if kind == "number":
        return node.get("minimum", 0.5)
    if kind == "boolean":
        return True
    if kind == "string":
        if node.get("format") == "date":
            return today
        if node.get("format") == "date-time":
            return f"{today}T12:00:00Z"
        if node.get("format") == "email":
            return "matrix@example.org"
        return "Matrix words"
    return None

"""The pooled permission matrix (issue 17's quality bar): every pooled route, web and API, asked
by each of eight personas of one group, with an introduction request waiting for its answer.

The world: Sam (the searcher) searched the pool for Copperleaf Systems and asked for an
introduction; the pool picked Beatrix (the introducing member), who pools Tess Targetmx, her
person at Copperleaf; Tess is also a user and a member (the target); Otto is another member,
Gale the group's administrator, Mona a member of another group only, Nils signed in and in no
group, and someone signed out.

For each request:
1. the answer is the one the tables below say (allowed, 404, 403, sign in);
2. Beatrix's identity (her name, last name, user name, user id, and the id of her person in
   the pool) is in no answer to anyone but herself, except her user name in the member list
   her group's administrator reads: nothing tells anyone she is the one who can introduce, and
   the searcher learns her name only after she accepts (checked last, as the positive control);
3. a refused request writes nothing (but a token's last use or a session).

The routes are found from the code (everything under /groups/ and /api/groups); a route with no
row here fails `test_the_tables_name_every_pooled_route`. Each request runs in a savepoint
rolled back afterwards (`tests/coaching/matrix.py`), so the world is built once per module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client, override_settings

from mutuals.accounts.services import create_token
from mutuals.groups import administration, requests, services
from mutuals.groups.models import Membership
from mutuals.people.services import create_person
from tests.coaching import matrix

SEARCHER = "searcher"
INTRODUCER = "introducing member"
TARGET = "target"
OTHER = "other member"
ADMIN = "group admin"
ELSEWHERE = "member of another group"
OUTSIDER = "non-member"
ANONYMOUS = "anonymous"
PERSONAS = (SEARCHER, INTRODUCER, TARGET, OTHER, ADMIN, ELSEWHERE, OUTSIDER, ANONYMOUS)
MEMBERS = (SEARCHER, INTRODUCER, TARGET, OTHER, ADMIN)

# Beatrix, the introducing member: ids no page prints by chance.
B_USER_ID = 7_654_321
B_PERSON_ID = 7_654_331
B_USERNAME = "mxbeaintroducer"
B_FIRST, B_LAST = "Beatrix", "Quillonmx"
B_NAME = f"{B_FIRST} {B_LAST}"
B_MARKERS = (B_NAME, B_LAST, B_USERNAME, str(B_USER_ID), str(B_PERSON_ID))
# Who may read which of them (everyone else: none).
MAY_SEE = {INTRODUCER: set(B_MARKERS), ADMIN: {B_USERNAME}}
ORGANISATION = "Copperleaf Systems"

ALLOWED = "allowed"  # the page or the answer (a form's errors count: the asker may try)
NOT_FOUND = "404"
FORBIDDEN = "403"
SIGN_IN = "sign in"  # the sign-in page (the API: 401)
REFUSED_METHOD = "405"

Rule = dict[str, str]


def rule(signed_in: str, *, who: tuple[str, ...] = (), them: str = ALLOWED, **named: str) -> Rule:
    """`them` for the personas in `who`, `signed_in` for the other signed-in ones."""
    found = {persona: signed_in for persona in PERSONAS}
    found[ANONYMOUS] = SIGN_IN
    found.update(dict.fromkeys(who, them))
    found.update({key.replace("_", " "): value for key, value in named.items()})
    return found


EVERYONE = rule(ALLOWED)
MEMBERS_ONLY = rule(NOT_FOUND, who=MEMBERS)
# Administrators' work: a member is refused (API 403), anyone else finds no group.
API_ADMIN_ONLY = {
    **rule(NOT_FOUND, who=(SEARCHER, INTRODUCER, TARGET, OTHER), them=FORBIDDEN),
    ADMIN: ALLOWED,
}
WEB_ADMIN_ONLY = rule(NOT_FOUND, who=(ADMIN,))  # pages: a 404 for members too
ASKED_ONLY = rule(NOT_FOUND, who=(INTRODUCER,))  # the request asked of Beatrix
REQUESTER_ONLY = rule(NOT_FOUND, who=(SEARCHER,))  # Sam's request (thanking: not yet accepted)
NO_ONE_CREATES = rule(FORBIDDEN)  # no one here administers the install

API: dict[tuple[str, str], Rule] = {
    ("GET", "/api/groups"): EVERYONE,
    ("POST", "/api/groups"): NO_ONE_CREATES,
    ("POST", "/api/groups/join"): EVERYONE,
    ("GET", "/api/groups/{group_id}"): MEMBERS_ONLY,
    ("DELETE", "/api/groups/{group_id}/membership"): MEMBERS_ONLY,
    ("PUT", "/api/groups/{group_id}/pooling"): MEMBERS_ONLY,
    ("DELETE", "/api/groups/{group_id}/pooling"): MEMBERS_ONLY,
    ("POST", "/api/groups/{group_id}/link"): API_ADMIN_ONLY,
    ("POST", "/api/groups/{group_id}/invitations"): API_ADMIN_ONLY,
    ("GET", "/api/groups/{group_id}/invitations/{batch_id}"): API_ADMIN_ONLY,
    ("POST", "/api/groups/{group_id}/invitations/{batch_id}/retry"): API_ADMIN_ONLY,
    ("GET", "/api/groups/{group_id}/members"): API_ADMIN_ONLY,
    ("GET", "/api/groups/{group_id}/report"): API_ADMIN_ONLY,
    ("POST", "/api/groups/{group_id}/admins"): API_ADMIN_ONLY,
    ("DELETE", "/api/groups/{group_id}/admins/{username}"): API_ADMIN_ONLY,
    ("GET", "/api/groups/{group_id}/search"): MEMBERS_ONLY,
    ("GET", "/api/groups/{group_id}/requests"): MEMBERS_ONLY,
    ("POST", "/api/groups/{group_id}/requests"): MEMBERS_ONLY,
    ("GET", "/api/groups/{group_id}/asked"): MEMBERS_ONLY,
    ("POST", "/api/groups/requests/{request_id}"): ASKED_ONLY,
    ("POST", "/api/groups/requests/{request_id}/thank"): REQUESTER_ONLY,
}

# Web routes -> rule (for the methods each serves; the others answer 405); a pair is
# (GET, POST).
WEB: dict[str, Rule | tuple[Rule, Rule]] = {
    "groups/": EVERYONE,
    "groups/code": EVERYONE,
    # A code no one was given: the page says so (404, signed out too: a visitor reads a code's
    # group there); posting it, the form says so (signed out: sign in first).
    "groups/join/<str:code>": ({**rule(NOT_FOUND), ANONYMOUS: NOT_FOUND}, EVERYONE),
    # Making an account with an e-mail invitation: signed in, the join page; signed out, that
    # unknown code is a 404.
    "groups/join/<str:code>/account": {**EVERYONE, ANONYMOUS: NOT_FOUND},
    "groups/<id:group_id>/": MEMBERS_ONLY,
    "groups/<id:group_id>/pooling": MEMBERS_ONLY,
    "groups/<id:group_id>/withdraw": MEMBERS_ONLY,
    "groups/<id:group_id>/leave": MEMBERS_ONLY,
    "groups/<id:group_id>/search": MEMBERS_ONLY,
    "groups/<id:group_id>/request": MEMBERS_ONLY,
    "groups/<id:group_id>/requests": MEMBERS_ONLY,
    "groups/<id:group_id>/admin": WEB_ADMIN_ONLY,
    "groups/<id:group_id>/admin/name": WEB_ADMIN_ONLY,
    "groups/<id:group_id>/admin/remove": WEB_ADMIN_ONLY,
    "groups/<id:group_id>/admin/invite": WEB_ADMIN_ONLY,
    "groups/<id:group_id>/admin/invitations/<id:batch_id>": WEB_ADMIN_ONLY,
    "groups/<id:group_id>/admin/invitations/<id:batch_id>/retry": WEB_ADMIN_ONLY,
    "groups/requests/<id:request_id>/accept": ASKED_ONLY,
    "groups/requests/<id:request_id>/decline": ASKED_ONLY,
    "groups/requests/<id:request_id>/thank": REQUESTER_ONLY,
}


def pooled_web_routes() -> list[str]:
    return [route for route in matrix.web_routes() if route.startswith("groups/")]


def pooled_operations() -> list[tuple[str, str]]:
    return [
        (method, path)
        for method, path in matrix.api_operations()
        if path.startswith(("/api/groups", "/api/pool"))
    ]


# ---- the world ---------------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, Any]
    group_id: int
    request_id: int
    tokens: dict[str, str]
    batch_id: int


def _user(username: str, first: str = "", last: str = "", **fields: Any) -> Any:
    return get_user_model().objects.create_user(
        username=username,
        password="a-long-matrix-password-1",
        first_name=first,
        last_name=last,
        **fields,
    )


def _join(group_id: int, by: Any, user: Any) -> None:
    services.join(user=user, code=services.new_link_code(by=by, group_id=group_id))


def build_world() -> World:
    installer = get_user_model().objects.create_superuser(
        username="installer", password="a-long-matrix-password-1"
    )
    group = services.create_group(by=installer, name="Northfield alumni")
    elsewhere = services.create_group(by=installer, name="Southbank cohort")
    users = {
        SEARCHER: _user("samsearcher", "Sam", "Searcher"),
        INTRODUCER: _user(B_USERNAME, B_FIRST, B_LAST, pk=B_USER_ID),
        TARGET: _user("tesstarget", "Tess", "Targetmx"),
        OTHER: _user("ottoother", "Otto", "Other"),
        ADMIN: _user("galeadmin", "Gale", "Admin"),
        ELSEWHERE: _user("monaelsewhere", "Mona", "Elsewhere"),
        OUTSIDER: _user("nilsoutside", "Nils", "Outside"),
    }
    for persona in MEMBERS:
        _join(group.pk, installer, users[persona])
    _join(elsewhere.pk, installer, users[ELSEWHERE])
    administration.name_admin(by=installer, group_id=group.pk, username="galeadmin")
    services.leave(user=installer, group_id=group.pk)  # the group's administrator is Gale
    beatrix = users[INTRODUCER]
    person = create_person(
        owner=beatrix, name="Tess Targetmx", tier="close", organization=ORGANISATION
    )
    type(person).objects.filter(pk=person.pk).update(
        id=B_PERSON_ID
    )  # a number no page prints by chance
    services.set_pooling(user=beatrix, group_id=group.pk, scope=Membership.ALL)
    sam = users[SEARCHER]
    services.search(user=sam, group_id=group.pk, organisation=ORGANISATION)
    asked = requests.request_introduction(
        user=sam, group_id=group.pk, organisation=ORGANISATION, note="I am moving into payments."
    )
    assert asked.member.user_id == B_USER_ID
    assert asked.target_id == B_PERSON_ID
    tokens = {p: create_token(user=u, label="matrix")[1] for p, u in users.items()}
    batch = services.invite_emails_later(  # a list of invitations waiting to be sent
        by=users[ADMIN], group_id=group.pk, csv_text="new@example.org"
    )
    return World(
        users=users, group_id=group.pk, request_id=asked.pk, tokens=tokens, batch_id=batch.pk
    )


# ---- asking ------------------------------------------------------------------------------

QUERY = f"?organisation={ORGANISATION.replace(' ', '+')}"
WEB_BODIES: dict[str, dict[str, list[str]]] = {
    "groups/code": {"code": ["QWER-TYUP-ASDF"]},
    "groups/<id:group_id>/pooling": {"scope": ["all"]},
    "groups/<id:group_id>/request": {"organisation": [ORGANISATION], "note": ["Hello"]},
    "groups/<id:group_id>/admin/name": {"username": ["ottoother"]},
    "groups/<id:group_id>/admin/remove": {"username": ["galeadmin"]},
    "groups/<id:group_id>/admin/invite": {"emails": ["new@example.org"], "days": ["3"]},
}
WEB_QUERIES = {
    "groups/<id:group_id>/search": QUERY,
    "groups/<id:group_id>/admin/remove": "?username=galeadmin",
}


def _fill(route: str, world: World) -> str:
    values = {
        "group_id": str(world.group_id),
        "request_id": str(world.request_id),
        "batch_id": str(world.batch_id),
        "code": "QWER-TYUP-ASDF",
        "username": "galeadmin",
    }
    for name, value in values.items():
        route = route.replace(f"<id:{name}>", value).replace(f"<str:{name}>", value)
        route = route.replace(f"{{{name}}}", value)
    return route


def api_body(method: str, path: str) -> Any:
    return {
        ("POST", "/api/groups"): {"name": "Matrix group"},
        ("POST", "/api/groups/join"): {"code": "QWER-TYUP-ASDF"},
        ("PUT", "/api/groups/{group_id}/pooling"): {"scope": "all"},
        ("POST", "/api/groups/{group_id}/invitations"): {"emails": "new@example.org"},
        ("POST", "/api/groups/{group_id}/admins"): {"username": "ottoother"},
        ("POST", "/api/groups/{group_id}/requests"): {"organisation": ORGANISATION},
        ("POST", "/api/groups/requests/{request_id}"): {"answer": "decline"},
    }.get((method, path), {})


def web_outcome(answer: matrix.Answer) -> str:
    if answer.status == 302 and answer.location.startswith("/login/"):
        return SIGN_IN
    return _outcome(answer.status)


def api_outcome(answer: matrix.Answer) -> str:
    return SIGN_IN if answer.status == 401 else _outcome(answer.status)


def _outcome(status: int) -> str:
    codes = {404: NOT_FOUND, 403: FORBIDDEN, 405: REFUSED_METHOD}
    if status in codes:
        return codes[status]
    if 200 <= status < 400 or status in (400, 409, 422, 429):
        return ALLOWED
    return f"status {status}"


class Module:
    def __init__(self) -> None:
        self.world = build_world()
        self.pages: dict[str, Client] = {}
        self.apis: dict[str, Client] = {}
        for persona in PERSONAS:
            page = Client(raise_request_exception=False)
            token = {}
            if persona != ANONYMOUS:
                page.force_login(self.world.users[persona])
                token = {"HTTP_AUTHORIZATION": f"Bearer {self.world.tokens[persona]}"}
            self.pages[persona] = page
            self.apis[persona] = Client(raise_request_exception=False, **token)

    def web(self, persona: str, method: str, route: str) -> matrix.Answer:
        url = (
            "/" + _fill(route, self.world) + (WEB_QUERIES.get(route, "") if method == "GET" else "")
        )
        return matrix.web_request(self.pages[persona], method, url, WEB_BODIES.get(route, {}))

    def serves(self, method: str, route: str) -> bool:
        """Whether the route serves the method at all (a signed-in member is not told 405)."""
        return web_outcome(self.web(SEARCHER, method, route)) != REFUSED_METHOD

    def api(self, persona: str, method: str, path: str) -> matrix.Answer:
        url = _fill(path, self.world) + (QUERY if path.endswith("/search") else "")
        return matrix.api_request(self.apis[persona], method, url, api_body(method, path))


@pytest.fixture(scope="module")
def module(django_db_setup, django_db_blocker) -> Iterator[Module]:
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"not a test database: {name}"
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield Module()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _rule(route: str, method: str) -> Rule:
    found = WEB[route]
    if isinstance(found, tuple):
        return found[0] if method == "GET" else found[1]
    return found


# What a refused request may still write: a token's last use, a session, a code that did
# not work counted against the asker's address (accounts.throttle).
BOOKKEEPING = {"accounts_apitoken", "django_session", "accounts_failedattempts"}
REFUSED = (NOT_FOUND, FORBIDDEN, SIGN_IN, REFUSED_METHOD)


def wrote(answer: matrix.Answer) -> set[str]:
    return answer.tables - BOOKKEEPING


def leaks(persona: str, answer: matrix.Answer) -> list[str]:
    """Beatrix's markers in an answer the persona may not read them in (a form shown again
    with what was posted tells the asker only what they sent)."""
    seen = f"{answer.body}\n{answer.location}".lower()
    return [
        marker
        for marker in B_MARKERS
        if marker not in MAY_SEE.get(persona, set())
        and marker.lower() in seen
        and marker.lower() not in answer.sent.lower()
    ]


# ---- the checks --------------------------------------------------------------------------


def test_the_tables_name_every_pooled_route():
    assert sorted(set(pooled_web_routes()) ^ set(WEB)) == []
    assert sorted(set(pooled_operations()) ^ set(API)) == []


def test_every_rule_names_every_persona():
    for found in [
        *API.values(),
        *(r for v in WEB.values() for r in (v if isinstance(v, tuple) else (v,))),
    ]:
        assert set(found) == set(PERSONAS)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_pooled_route_answers_as_the_table_says_and_leaks_no_introducer(module, persona):
    problems: list[str] = []
    for route in pooled_web_routes():
        for method in ("GET", "POST"):
            answer = module.web(persona, method, route)
            found = web_outcome(answer)
            expected = _rule(route, method)[persona]
            if not module.serves(
                method, route
            ):  # refused before anything is read, or first asked to sign in
                expected = found if found in (REFUSED_METHOD, SIGN_IN) else REFUSED_METHOD
            if found != expected:
                problems.append(
                    f"{method} /{route}: expected {expected}, got {found} ({answer.status})"
                )
            if found in REFUSED and wrote(answer):
                problems.append(f"{method} /{route}: refused, yet wrote {sorted(wrote(answer))}")
            problems += [f"{method} /{route}: LEAK of {m!r}" for m in leaks(persona, answer)]
    for method, path in pooled_operations():
        answer = module.api(persona, method, path)
        expected, found = API[(method, path)][persona], api_outcome(answer)
        if found != expected:
            problems.append(f"{method} {path}: expected {expected}, got {found} ({answer.status})")
        if found in REFUSED and wrote(answer):
            problems.append(f"{method} {path}: refused, yet wrote {sorted(wrote(answer))}")
        problems += [f"{method} {path}: LEAK of {m!r}" for m in leaks(persona, answer)]
    assert problems == [], f"{persona}:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_the_scan_finds_what_is_there(module):
    """The checks can fail: a member's own write is seen; the administrator reads Beatrix's
    user name in the member list, Beatrix reads Sam's request (to her person, by its id), and
    Sam reads her name once she accepts."""
    pooled = module.web(SEARCHER, "POST", "groups/<id:group_id>/pooling")
    assert "groups_membership" in wrote(pooled)  # the write watch sees a member's own write
    members = module.api(ADMIN, "GET", "/api/groups/{group_id}/members")
    assert B_USERNAME in members.body
    asked = module.api(INTRODUCER, "GET", "/api/groups/{group_id}/asked")
    assert str(B_PERSON_ID) in asked.body
    with transaction.atomic():
        requests.answer_request(
            user=module.world.users[INTRODUCER], request_id=module.world.request_id, accept=True
        )
        mine = module.api(SEARCHER, "GET", "/api/groups/{group_id}/requests")
        page = module.web(SEARCHER, "GET", "groups/<id:group_id>/requests")
        transaction.set_rollback(True)
    assert leaks(SEARCHER, mine) == [B_NAME, B_LAST]
    assert B_NAME in page.body

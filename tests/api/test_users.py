"""/api/users and /api/invitations: owner and administrators only (403 for everyone else)."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import Client

from mutuals.accounts import invitations, roles, services
from mutuals.accounts.models import Invitation
from mutuals.accounts.services import create_user
from tests.api.conftest import field_errors, token_client
from tests.factories import PASSWORD

NEW = "a brand new walk in the park"


@pytest.fixture
def dana(db):
    return create_user(username="dana", password=PASSWORD, is_owner=True)


@pytest.fixture
def dana_api(dana) -> Client:
    return token_client(dana)


@pytest.fixture
def alex_api(dana) -> Client:
    alex = services.create_user_as(by=dana, username="alex", password=PASSWORD, admin=True)
    return token_client(alex)


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _json(client: Client, method: str, path: str, body: object):
    return getattr(client, method)(path, body, content_type="application/json")


def test_the_owner_lists_everyone_with_roles(dana_api, jordan):
    roles.set_role(by=None, user_id=jordan.pk, role="coach")
    body = dana_api.get("/api/users").json()
    assert body["count"] == 2
    first, second = body["items"]
    assert (first["username"], first["is_owner"], first["is_admin"]) == ("dana", True, True)
    assert (second["username"], second["role"], second["is_active"]) == ("jordan", "coach", True)
    assert second["last_login"] is None
    assert "password" not in second


def test_create_a_coach(dana_api):
    response = _json(
        dana_api, "post", "/api/users", {"username": "sam", "password": NEW, "role": "coach"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["role"] == "coach"
    assert authenticate(username="sam", password=NEW) is not None


def test_create_refuses_a_weak_password_naming_it(dana_api):
    response = _json(dana_api, "post", "/api/users", {"username": "sam", "password": "x"})
    assert "password" in field_errors(response)
    assert not get_user_model().objects.filter(username="sam").exists()


def test_bodies_are_strict(dana_api):
    body = {"username": "sam", "password": NEW, "role": "boss", "colour": "red"}
    errors = field_errors(_json(dana_api, "post", "/api/users", body))
    assert set(errors) == {"role", "colour"}
    errors = field_errors(_json(dana_api, "patch", "/api/users/1", {"active": 0}))
    assert "active" in errors


def test_patch_disables_at_once_and_keeps_the_data(dana_api, jordan, jordan_api):
    assert jordan_api.get("/api/people").status_code == 200
    response = _json(dana_api, "patch", f"/api/users/{jordan.pk}", {"active": False})
    assert response.json()["is_active"] is False
    assert jordan_api.get("/api/people").status_code == 401
    _json(dana_api, "patch", f"/api/users/{jordan.pk}", {"active": True})
    assert jordan_api.get("/api/people").status_code == 200


def test_patch_role_and_admin(dana_api, jordan):
    response = _json(dana_api, "patch", f"/api/users/{jordan.pk}", {"role": "coach", "admin": True})
    assert response.status_code == 200, response.content
    assert (response.json()["role"], response.json()["is_admin"]) == ("coach", True)


def test_a_refused_patch_changes_nothing(dana_api, dana, jordan):
    response = _json(dana_api, "patch", f"/api/users/{dana.pk}", {"role": "coach", "active": False})
    assert response.status_code == 422
    assert roles.role_of(_user("dana")) == "member"
    assert _user("dana").is_active


def test_patch_of_nobody_is_404(dana_api):
    assert _json(dana_api, "patch", "/api/users/99999", {"role": "coach"}).status_code == 404


def test_an_admin_manages_but_names_no_admin(alex_api, jordan):
    assert alex_api.get("/api/users").status_code == 200
    assert _json(alex_api, "patch", f"/api/users/{jordan.pk}", {"role": "coach"}).status_code == 200
    response = _json(alex_api, "patch", f"/api/users/{jordan.pk}", {"admin": True})
    assert response.status_code == 403
    body = {"username": "sam", "password": NEW, "admin": True}
    assert _json(alex_api, "post", "/api/users", body).status_code == 403
    assert not roles.is_admin(_user("jordan"))


def test_a_member_gets_403_on_every_user_route(riley_api, jordan, dana):
    calls = [
        ("get", "/api/users", None),
        ("post", "/api/users", {"username": "sam", "password": NEW}),
        ("patch", f"/api/users/{jordan.pk}", {"active": False}),
        ("patch", "/api/users/99999", {"role": "coach"}),
        ("post", "/api/invitations", {"role": "coach"}),
    ]
    for method, path, body in calls:
        response = riley_api.get(path) if body is None else _json(riley_api, method, path, body)
        assert response.status_code == 403, (path, response.content)
        assert "administrators" in response.json()["detail"]
    assert _user("jordan").is_active
    assert not Invitation.objects.exists()
    assert not get_user_model().objects.filter(username="sam").exists()


def test_anonymous_gets_401(dana):
    assert Client().get("/api/users").status_code == 401


def test_an_invitation_link_works_once(dana_api, settings):
    settings.MUTUALS_BASE_URL = ""
    response = _json(
        dana_api, "post", "/api/invitations", {"role": "coach", "days": 3, "username": "sam"}
    )
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["link"].startswith("http://testserver/invite/")
    code = made["link"].rstrip("/").rsplit("/", 1)[1]
    invitations.accept_invitation(code=code, password=NEW)
    assert roles.is_coach(_user("sam"))
    with pytest.raises(invitations.InvitationRefused):
        invitations.accept_invitation(code=code, password=NEW)


def test_invitation_days_out_of_range_are_422(dana_api):
    assert "days" in field_errors(_json(dana_api, "post", "/api/invitations", {"days": 0}))


def test_errors_are_declared_in_the_schema(dana_api):
    paths = dana_api.get("/api/openapi.json").json()["paths"]
    for path, method in [
        ("/api/users", "get"),
        ("/api/users", "post"),
        ("/api/users/{user_id}", "patch"),
        ("/api/invitations", "post"),
    ]:
        codes = set(paths[path][method]["responses"])
        assert {"401", "403", "422"} <= codes, (path, method, codes)
    assert "404" in paths["/api/users/{user_id}"]["patch"]["responses"]

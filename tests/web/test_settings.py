from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.accounts.models import ApiToken
from mutuals.accounts.services import authenticate_token, create_token
from tests.factories import PASSWORD


def test_the_page_links_to_the_api_docs(jordan_client):
    assertContains(jordan_client.get("/settings/"), 'href="/api/docs"')


def test_a_new_token_is_shown_once(jordan_client, jordan):
    response = jordan_client.post("/settings/tokens", {"label": "laptop script"})
    secret = response.context["new_secret"]
    assertContains(response, secret)
    assert authenticate_token(secret) == jordan
    later = jordan_client.get("/settings/")
    assertContains(later, "laptop script")
    assertNotContains(later, secret)


def test_a_long_label_is_refused_next_to_the_field(jordan_client):
    response = jordan_client.post("/settings/tokens", {"label": "x" * 101})
    assertContains(response, 'id="id_label_error"')
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it_working(jordan_client, jordan):
    token, secret = create_token(user=jordan, label="old")
    assert jordan_client.get(f"/settings/tokens/{token.pk}/revoke").status_code == 405
    response = jordan_client.post(f"/settings/tokens/{token.pk}/revoke")
    assertRedirects(response, "/settings/", fetch_redirect_response=False)
    assert authenticate_token(secret) is None


def test_riley_neither_sees_nor_revokes_jordans_tokens(riley_client, jordan):
    token, _ = create_token(user=jordan, label="jordan's laptop")
    assertNotContains(riley_client.get("/settings/"), "jordan&#x27;s laptop")
    assert riley_client.post(f"/settings/tokens/{token.pk}/revoke").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_changing_the_password_keeps_you_signed_in(jordan_client, jordan):
    new = "a brand new walk in the park"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    response = jordan_client.post("/settings/password", data)
    assertRedirects(response, "/settings/", fetch_redirect_response=False)
    assert jordan_client.get("/settings/").status_code == 200
    assert Client().login(username="jordan", password=new)


def test_a_wrong_old_password_is_refused_next_to_it(jordan_client, jordan):
    new = "a brand new walk in the park"
    data = {"old_password": "wrong", "new_password1": new, "new_password2": new}
    response = jordan_client.post("/settings/password", data)
    assertContains(response, 'id="id_old_password_error"')
    assert Client().login(username="jordan", password=PASSWORD)

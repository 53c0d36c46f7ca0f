import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from mutuals.people.selectors import count_people
from tests.factories import PASSWORD


def on_the_server() -> Client:
    """A browser on the computer mutuals runs on: it needs no set-up code."""
    return Client(HTTP_HOST="127.0.0.1:8000")


def setup_data(**overrides):
    data = {
        "username": "dana",
        "password": "a quiet walk by the river",
        "password_again": "a quiet walk by the river",
    }
    return {**data, **overrides}


def test_a_fresh_install_sends_every_page_to_setup(db):
    assertRedirects(Client().get("/people/"), "/setup/", fetch_redirect_response=False)


def test_the_setup_page_offers_the_demo_network_checked(db):
    response = on_the_server().get("/setup/")
    assertContains(response, "Fill my account with a demo network to explore")
    checkbox = (
        '<input type="checkbox" name="load_demo" id="id_load_demo" checked '
        'aria-describedby="id_load_demo_helptext">'
    )
    assertContains(response, checkbox, html=True)


def test_setup_creates_the_owner_signs_them_in_and_opens_today(db):
    client = on_the_server()
    response = client.post("/setup/", setup_data())
    assertRedirects(response, "/", fetch_redirect_response=False)
    assert get_user_model().objects.get().is_superuser
    assertContains(client.get("/"), "Today")


def test_setup_without_the_demo_box_leaves_the_account_empty(db):
    client = on_the_server()
    client.post("/setup/", setup_data())
    assert count_people(owner=get_user_model().objects.get()) == 0


def test_setup_with_the_demo_box_fills_the_account(db):
    pytest.importorskip("mutuals.demo.services")
    client = on_the_server()
    client.post("/setup/", setup_data(load_demo="on"))
    assert count_people(owner=get_user_model().objects.get()) > 0


def test_a_weak_password_is_refused_next_to_the_field(db):
    response = on_the_server().post("/setup/", setup_data(password="short", password_again="short"))
    assertContains(response, 'id="id_password_error"', html=False)
    assert not get_user_model().objects.exists()


def test_the_two_passwords_must_match(db):
    response = on_the_server().post("/setup/", setup_data(password_again="something else entirely"))
    assertContains(response, "The two passwords differ")
    assert not get_user_model().objects.exists()


def test_once_someone_owns_the_install_setup_sends_to_sign_in(jordan):
    assertRedirects(on_the_server().get("/setup/"), "/login/", fetch_redirect_response=False)


def test_once_someone_owns_the_install_setup_cannot_make_another_owner(jordan):
    on_the_server().post("/setup/", setup_data())
    assert not get_user_model().objects.filter(username="dana").exists()


def test_pages_ask_a_visitor_to_sign_in(jordan):
    response = Client().get("/people/")
    assertRedirects(response, "/login/?next=/people/", fetch_redirect_response=False)


def test_signing_in_opens_today(jordan):
    client = Client()
    response = client.post("/login/", {"username": "jordan", "password": PASSWORD})
    assertRedirects(response, "/", fetch_redirect_response=False)


def test_a_wrong_password_says_so(jordan):
    response = Client().post("/login/", {"username": "jordan", "password": "nope"})
    assertContains(response, "Please enter a correct username and password")


def test_signing_out_needs_a_post(jordan_client):
    assert jordan_client.get("/logout/").status_code == 405
    assertRedirects(jordan_client.post("/logout/"), "/login/", fetch_redirect_response=False)


def test_the_sign_in_page_of_a_fresh_install_sends_to_setup(db):
    assertRedirects(Client().get("/login/"), "/setup/", fetch_redirect_response=False)

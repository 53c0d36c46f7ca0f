"""A form sent without its CSRF token gets our own page, which passes the CSP."""

from __future__ import annotations

import pytest
from django.test import Client

from mutuals.people.models import Person

pytestmark = pytest.mark.django_db


def test_a_form_without_its_token_is_refused_in_words_and_changes_nothing(jordan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(jordan)
    response = client.post("/people/new", {"name": "Rosa Núñez"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "nothing was changed" in page
    assert "<style" not in page
    assert not Person.objects.filter(owner=jordan).exists()

"""The main navigation: every section, Import and Export included, the current one marked."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "current"),
    [("/import/", "Import"), ("/export/", "Export"), ("/network/map", "Network")],
)
def test_the_nav_marks_the_section_you_are_in(jordan_client, address, current):
    response = jordan_client.get(address)
    assertContains(response, f'aria-current="page">{current}</a>', count=1)


def test_the_nav_offers_import_and_export(jordan_client):
    response = jordan_client.get("/")
    assertContains(response, '<a href="/import/">Import</a>')
    assertContains(response, '<a href="/export/">Export</a>')

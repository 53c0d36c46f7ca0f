"""A file an import cannot read leaves every record exactly as it was (issue 5's bar: byte for
byte), whatever the bytes: checked with the full JSON backup before and after."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.backup.services import backup, dumps
from mutuals.imports.models import ImportRun
from mutuals.imports.services import KINDS, import_file
from tests.factories import log, make_person

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"
BROKEN = {
    "linkedin": b"PK\x03\x04 not really a zip",
    "vcard": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Left open\r\n",
    "google": b"\x00\x01\x02 binary",
    "outlook": b"Name;Nothing;Useful\r\n1;2;3\r\n",
    "ics": b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:not a date\r\n",
    "csv": b"",
}


@pytest.fixture
def records(jordan):
    rosa = make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"], organization="Orion")
    log(jordan, rosa, days=4)
    return jordan


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_file_changes_nothing_at_all(records, kind):
    before = dumps(backup(owner=records))
    report = import_file(owner=records, kind=kind, data=BROKEN[kind], mapping={"full_name": "Name"})
    assert report["errors"], report
    assert dumps(backup(owner=records)) == before
    assert ImportRun.objects.get(owner=records).rejected


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(KINDS), data=st.binary(max_size=400))
def test_random_bytes_either_import_or_change_nothing(records, kind, data):
    before = dumps(backup(owner=records))
    report = import_file(owner=records, kind=kind, data=data, mapping={"full_name": "Name"})
    if report["errors"]:
        assert dumps(backup(owner=records)) == before

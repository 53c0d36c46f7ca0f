"""No parser ever returns a NUL (PostgreSQL refuses it in text) or another C0 control but
newline and tab, whatever bytes it is given."""

import contextlib
import dataclasses
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.core.formats.csv_contacts import (
    parse_generic_csv,
    parse_google_csv,
    parse_outlook_csv,
)
from mutuals.core.formats.linkedin import (
    LinkedInExport,
    parse_connections,
    parse_invitations,
    parse_messages,
    read_export,
)
from mutuals.core.formats.records import FileRejected
from mutuals.core.formats.text import clean
from mutuals.core.formats.vcard import parse_vcards
from tests.core.formats.strategies import REMOVED_CONTROLS

PARSERS = (
    parse_vcards,
    parse_connections,
    parse_messages,
    parse_invitations,
    read_export,
    parse_google_csv,
    parse_outlook_csv,
    lambda data: parse_generic_csv(data, {"full_name": "Name", "notes": "Notes"}),
)


def strings_in(value):
    """Every string inside a parser's result: records, their fields, tuples of them."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, LinkedInExport | tuple | list):
        items = dataclasses.astuple(value) if dataclasses.is_dataclass(value) else value
        for item in items:
            yield from strings_in(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from strings_in(getattr(value, field.name))


def controls_in(data: bytes) -> set[str]:
    found: set[str] = set()
    for parse in PARSERS:
        with contextlib.suppress(FileRejected):
            for text in strings_in(parse(data)):
                found |= set(text) & set(REMOVED_CONTROLS)
    return found


def test_clean_removes_nul_and_other_controls_and_keeps_newline_and_tab():
    assert clean("a\x00b\x07c\td\r\ne\rf\x1f") == "abc\td\ne\nf"


def test_a_nul_in_a_csv_name_is_removed():
    (ada,) = parse_generic_csv(b"Name\r\nA\x00da\r\n", {"full_name": "Name"}).records
    assert ada.full_name == "Ada"


def test_a_nul_in_a_linkedin_connection_is_removed():
    (ada,) = parse_connections(b"First Name,Last Name\nA\x00da,Lo\x01\n").records
    assert ada.full_name == "Ada Lo"


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_no_parser_returns_a_control_character_for_any_bytes(data):
    assert controls_in(data) == set()


CONTROL = st.sampled_from(list(REMOVED_CONTROLS))
CELL = st.text(alphabet=st.one_of(CONTROL, st.sampled_from("Ada Lo,;\"'é\n")), max_size=12)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CELL, min_size=2, max_size=6))
def test_no_parser_returns_a_control_character_from_a_readable_file_full_of_them(cells):
    name, *rest = cells
    quoted = ",".join('"' + c.replace('"', '""') + '"' for c in rest)
    files = [
        f"First Name,Last Name,Name,Notes,E-mail 1 - Value\n{name},x,{name},{quoted}\n",
        f"BEGIN:VCARD\nFN:{name}\nN:{name};{name}\nNOTE:{''.join(rest)}\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:"
        + "".join(f"={ord(c):02X}" for c in name)
        + "\nEND:VCARD\n",
    ]
    for text in files:
        assert controls_in(text.encode("utf-8", "surrogatepass")) == set()


@given(CELL)
def test_no_control_character_comes_out_of_a_linkedin_zip(cell):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Connections.csv", f"First Name,Last Name\n{cell}x,y\n".encode())
    assert controls_in(buffer.getvalue()) == set()

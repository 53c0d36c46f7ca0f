"""core.mail.mbox: an mbox file read as a stream of header blocks."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.mail.mbox import HEADER_LIMIT, MboxRejected, read_headers, read_mbox
from tests.emails.mail import raw


def read(data: bytes):
    return list(read_headers(io.BytesIO(data)))


def test_each_message_with_its_number_and_offset():
    one = raw("a@x", sender="rosa@example.org")
    two = raw("b@x", sender="sam@example.org", at=1, body=b"From the desk of Sam\n>From me\n")
    found = read(one + two)
    assert [(m.number, m.offset, h.message_id) for m, h in found] == [
        (1, 0, "a@x"),
        (2, len(one), "b@x"),
    ]


def test_a_body_line_starting_with_from_is_not_a_new_message():
    body = b"Hello\n\nFrom what I hear, fine.\nFrom here on\n"
    found = read(raw("a@x", sender="r@example.org", body=body) + raw("b@x", sender="s@example.org"))
    assert [h.message_id for _, h in found] == ["a@x", "b@x"]


def test_crlf_files_and_gmail_envelopes():
    data = (
        b"From 1234567890@xxx Sat Nov 21 09:50:57 +0000 2020\r\n"
        b"From: rosa@example.org\r\nMessage-ID: <a@x>\r\n\r\nbody\r\n\r\n"
        b"From 1234567891@xxx Sat Nov 21 10:50:57 +0000 2020\r\n"
        b"From: sam@example.org\r\nMessage-ID: <b@x>\r\n\r\nbody\r\n"
    )
    found = read(data)
    assert [h.message_id for _, h in found] == ["a@x", "b@x"]
    # No Date header: the envelope's date stands in.
    assert found[1][1].date.isoformat() == "2020-11-21T10:50:57+00:00"


def test_a_huge_body_is_skipped_not_kept():
    body = (b"x" * 1000 + b"\n") * 50_000 + b"y" * 200_000 + b"\n"  # 50 MB; one long line
    found = read(raw("big@x", sender="r@example.org", body=body) + raw("b@x", sender="s@e.org"))
    assert [h.message_id for _, h in found] == ["big@x", "b@x"]
    assert all(len(m.headers) < 1000 for m, _ in found)


def test_not_an_mbox_is_rejected():
    with pytest.raises(MboxRejected) as error:
        read(b"BEGIN:VCARD\nFN:Rosa\nEND:VCARD\n")
    assert error.value.number is None
    assert error.value.sentence().startswith("This is not an mbox file")
    with pytest.raises(MboxRejected, match="empty"):
        read(b"\n\n")


def test_a_file_cut_inside_headers_names_the_message():
    one = raw("a@x", sender="r@example.org")
    cut = raw("b@x", sender="s@example.org")[:60]
    with pytest.raises(MboxRejected) as error:
        read(one + cut)
    assert (error.value.number, error.value.offset) == (2, len(one))
    assert error.value.sentence().startswith(f"Message 2 (at byte {len(one):,}): the file ends")
    assert error.value.sentence().endswith("Nothing was imported.")


def test_headers_that_never_end_are_rejected():
    data = b"From a@b Tue Dec  1 10:00:00 2026\n" + b"X-Junk: " + b"y" * 100 + b"\n"
    data += (b"X-More: " + b"z" * 1000 + b"\n") * (HEADER_LIMIT // 1000 + 2)
    with pytest.raises(MboxRejected, match="1 MB") as error:
        read(data)
    assert error.value.number == 1


def test_a_message_without_a_body_or_empty_line_before_the_next():
    data = b"From a@b Tue Dec  1 10:00:00 2026\nMessage-ID: <a@x>\n"
    data += b"From b@b Tue Dec  1 11:00:00 2026\nMessage-ID: <b@x>\n\n"
    assert [h.message_id for _, h in read(data)] == ["a@x", "b@x"]


messages = st.lists(
    st.tuples(st.binary(max_size=200), st.binary(max_size=300)), min_size=1, max_size=8
)


@given(messages)
def test_every_message_is_found_whatever_its_bytes(parts):
    """Headers without empty lines and bodies with From lines quoted (as mboxrd writes them)."""
    data = b""
    for number, (headers, body) in enumerate(parts):
        block = b"".join(
            b"X-H: " + line + b"\n" for line in headers.replace(b"\r", b"").split(b"\n") if line
        )
        quoted = b"\n".join(
            b">" + line if line.lstrip(b">").startswith(b"From ") else line
            for line in body.replace(b"\r", b"").split(b"\n")
        )
        data += f"From s{number}@x Tue Dec  1 10:00:00 2026\n".encode()
        data += block + f"Message-ID: <{number}@x>\n\n".encode() + quoted + b"\n"
    found = list(read_mbox(io.BytesIO(data)))
    assert [m.number for m in found] == list(range(1, len(parts) + 1))

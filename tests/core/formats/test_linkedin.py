import contextlib
import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.core.formats import linkedin
from mutuals.core.formats.linkedin import (
    normalize_linkedin_url,
    parse_connections,
    parse_invitations,
    parse_linkedin_datetime,
    parse_message_rows,
    parse_messages,
    read_export,
)
from mutuals.core.formats.records import FileRejected, Labelled, Parsed, Skipped

SAMPLES = Path(__file__).parent / "samples"
CONNECTIONS = (SAMPLES / "linkedin_connections.csv").read_bytes()
CONNECTIONS_DE = (SAMPLES / "linkedin_connections_de.csv").read_bytes()
CONNECTIONS_2018 = (SAMPLES / "linkedin_connections_2018.csv").read_bytes()
MESSAGES = (SAMPLES / "linkedin_messages.csv").read_bytes()
INVITATIONS = (SAMPLES / "linkedin_invitations.csv").read_bytes()


def by_name(parsed):
    return {contact.full_name: contact for contact in parsed.records}


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Connections.csv


def test_the_sample_starts_with_a_byte_order_mark_and_crlf():
    assert CONNECTIONS.startswith(b"\xef\xbb\xbfNotes:\r\n")


def test_connections_below_the_notes_preamble_are_read_in_file_order():
    names = [c.full_name for c in parse_connections(CONNECTIONS).records]
    assert names == ["Ada Quill", "Bram Vos", "Chidi Okafor", "Dana Reyes"]


def test_each_connection_keeps_the_physical_line_its_row_starts_on():
    lines = [c.line for c in parse_connections(CONNECTIONS).records]
    assert lines == [5, 6, 8, 10]


def test_a_quoted_comma_stays_inside_its_cell():
    ada = by_name(parse_connections(CONNECTIONS))["Ada Quill"]
    assert (ada.title, ada.organization) == ("Head of Data, EMEA", "Northwind Analytics")


def test_a_quoted_line_break_stays_inside_its_cell_as_one_newline():
    assert by_name(parse_connections(CONNECTIONS))["Chidi Okafor"].title == "Engineer\n(Platform)"


def test_the_connected_on_date_is_read():
    assert by_name(parse_connections(CONNECTIONS))["Ada Quill"].connected_on == date(2023, 2, 14)


def test_an_empty_email_cell_gives_no_email():
    assert by_name(parse_connections(CONNECTIONS))["Ada Quill"].emails == ()


def test_a_shared_email_is_kept_without_a_label():
    bram = by_name(parse_connections(CONNECTIONS))["Bram Vos"]
    assert bram.emails == (Labelled("bram.vos@example.org"),)


def test_profile_urls_are_normalised():
    bram = by_name(parse_connections(CONNECTIONS))["Bram Vos"]
    assert bram.linkedin_url == "https://www.linkedin.com/in/bram-vos"


def test_a_row_with_only_a_date_is_skipped_as_a_hidden_member():
    skipped = parse_connections(CONNECTIONS).skipped
    assert Skipped(7, "a hidden member: LinkedIn gives only the date") in skipped


def test_a_row_without_a_name_is_skipped():
    data = b"First Name,Last Name,Company\n,,Acme\n"
    assert parse_connections(data) == Parsed((), (Skipped(2, "no name"),))


def test_an_unreadable_date_keeps_the_connection_undated_and_says_so():
    parsed = parse_connections(CONNECTIONS)
    assert by_name(parsed)["Dana Reyes"].connected_on is None
    assert [s.line for s in parsed.skipped if "Yesterday-ish" in s.reason] == [10]


def test_german_headers_are_mapped_by_alias():
    joerg = by_name(parse_connections(CONNECTIONS_DE))["Jörg Müller"]
    assert (joerg.organization, joerg.title) == ("Contoso GmbH", "Leiter Vertrieb")


def test_french_headers_are_mapped_by_alias():
    data = (
        "Prénom,Nom,URL,Adresse e-mail,Entreprise,Poste,Date de connexion\nAda,Quill,,,Acme,CEO,\n"
    )
    ada = parse_connections(data.encode()).records[0]
    assert (ada.full_name, ada.organization, ada.title) == ("Ada Quill", "Acme", "CEO")


def test_german_month_names_are_read():
    kaethe = by_name(parse_connections(CONNECTIONS_DE))["Käthe Schröder"]
    assert kaethe.connected_on == date(2019, 12, 17)


def test_a_country_subdomain_profile_url_becomes_www():
    joerg = by_name(parse_connections(CONNECTIONS_DE))["Jörg Müller"]
    assert joerg.linkedin_url == "https://www.linkedin.com/in/joerg-mueller"


def test_old_exports_read_us_dates_with_a_time():
    elif_ = by_name(parse_connections(CONNECTIONS_2018))["Elif Demir"]
    assert elif_.connected_on == date(2018, 1, 8)


def test_member_urns_in_old_exports_are_not_emails():
    assert by_name(parse_connections(CONNECTIONS_2018))["Elif Demir"].emails == ()


def test_old_exports_without_a_url_column_give_no_profile():
    farid = by_name(parse_connections(CONNECTIONS_2018))["Farid Haddad"]
    assert (farid.linkedin_url, farid.emails) == ("", (Labelled("farid.haddad@example.com"),))


def test_the_header_is_found_whatever_the_column_order():
    data = b"Connected On,Company,Last Name,URL,First Name\n02 Jan 2020,Acme,Quill,,Ada\n"
    ada = parse_connections(data).records[0]
    assert (ada.first_name, ada.last_name, ada.organization) == ("Ada", "Quill", "Acme")


def test_a_file_without_the_name_header_is_rejected_saying_what_it_expected():
    with pytest.raises(FileRejected, match="no header with First Name and Last Name"):
        parse_connections(b"Name,Email\nAda,ada@example.com\n")


def test_undecodable_bytes_reject_the_file_with_the_line():
    with pytest.raises(FileRejected) as rejected:
        parse_connections(b"First Name,Last Name\nA,B\n\x81\x8d,x\n")
    assert rejected.value.line == 3


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://www.linkedin.com/in/ada-quill", "https://www.linkedin.com/in/ada-quill"),
        ("http://linkedin.com/in/Ada-Quill/", "https://www.linkedin.com/in/ada-quill"),
        ("www.linkedin.com/in/ada?trk=x#top", "https://www.linkedin.com/in/ada"),
        ("  https://DE.LinkedIn.com/pub/ada/1/2/3 ", "https://www.linkedin.com/pub/ada/1/2/3"),
        ("https://example.com/in/ada", ""),
        ("https://notlinkedin.com/in/ada", ""),
        ("urn:li:member:12345", ""),
        ("https://www.linkedin.com/", ""),
        ("", ""),
    ],
)
def test_linkedin_urls_are_normalised_and_others_give_nothing(url, normal):
    assert normalize_linkedin_url(url) == normal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 Feb 2023", datetime(2023, 2, 14, tzinfo=UTC)),
        ("05 Mai 2023", datetime(2023, 5, 5, tzinfo=UTC)),
        ("3 janv. 2022", datetime(2022, 1, 3, tzinfo=UTC)),
        ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14, tzinfo=UTC)),
        ("12/24/17, 12:05 AM", datetime(2017, 12, 24, 0, 5, tzinfo=UTC)),
        ("2024-03-01 09:15:00 UTC", datetime(2024, 3, 1, 9, 15, tzinfo=UTC)),
        ("31 Feb 2023", None),
        ("soon", None),
        ("", None),
    ],
)
def test_linkedin_dates_in_all_their_forms(text, expected):
    assert parse_linkedin_datetime(text) == expected


# messages.csv


def test_messages_are_grouped_into_conversations_by_id():
    conversations = parse_messages(MESSAGES).records
    assert [(c.conversation_id, c.message_count) for c in conversations] == [
        ("2-abc123==", 3),
        ("2-grp999==", 2),
        ("2-inb111==", 1),
    ]


def test_a_one_to_one_conversation_names_only_the_other_person():
    coffee = parse_messages(MESSAGES).records[0]
    assert (coffee.other_names, coffee.other_urls) == (
        ("Ada Quill",),
        ("https://www.linkedin.com/in/ada-quill-4b2a1c",),
    )


def test_a_group_thread_lists_every_other_participant():
    group = parse_messages(MESSAGES).records[1]
    assert group.other_names == ("Bram Vos", "Chidi Okafor")


def test_a_conversation_knows_its_span_and_active_days():
    coffee = parse_messages(MESSAGES).records[0]
    assert (coffee.started_at, coffee.last_at, coffee.days) == (
        datetime(2024, 3, 1, 9, 15, tzinfo=UTC),
        datetime(2024, 3, 2, 18, 1, 55, tzinfo=UTC),
        (date(2024, 3, 1), date(2024, 3, 2)),
    )


def test_a_conversation_i_never_wrote_in_still_leaves_me_out():
    inbound = parse_messages(MESSAGES).records[2]
    assert (inbound.other_names, inbound.first_from_me) == (("Farid Haddad",), False)


def test_who_wrote_first_is_known():
    coffee, group, _ = parse_messages(MESSAGES).records
    assert (coffee.first_from_me, group.first_from_me) == (True, False)


def test_a_conversation_takes_its_subject_and_first_line():
    coffee = parse_messages(MESSAGES).records[0]
    assert (coffee.subject, coffee.line) == ("Coffee?", 2)


def test_the_most_frequent_sender_is_me():
    rows = parse_message_rows(MESSAGES).records
    assert {m.sender_name for m in rows if m.from_me} == {"Sam Rivera"}


def test_multiline_html_content_is_kept_whole():
    first = parse_message_rows(MESSAGES).records[0]
    assert first.content == "<p>Hi Ada,</p>\n<p>Would you have 20 minutes next week?</p>"


def test_sponsored_messages_and_drafts_are_skipped_with_reasons():
    assert parse_messages(MESSAGES).skipped == (
        Skipped(8, "sponsored or spam message"),
        Skipped(9, "a draft, never sent"),
    )


def test_messages_in_the_spam_folder_are_skipped():
    data = (
        b"CONVERSATION ID,FROM,TO,DATE,CONTENT,FOLDER\nc1,Ada,Sam,2024-01-01 10:00:00 UTC,hi,SPAM\n"
    )
    assert parse_messages(data) == Parsed((), (Skipped(2, "sponsored or spam message"),))


def test_a_message_with_an_unreadable_date_is_skipped():
    data = b"CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ada,Sam,someday,hi\n"
    assert parse_messages(data).skipped == (Skipped(2, "date 'someday' not understood"),)


def test_old_message_exports_use_the_direction_and_group_by_the_other_person():
    data = (
        b"From,To,Date,Subject,Content,Direction,Folder\n"
        b"Ada Quill,Sam Rivera,2017-05-01 10:00:00 UTC,Hello,Hi Sam,INCOMING,INBOX\n"
        b"Sam Rivera,Ada Quill,2017-05-02 10:00:00 UTC,,Hi Ada,OUTGOING,SENT\n"
    )
    (conversation,) = parse_messages(data).records
    assert (conversation.other_names, conversation.message_count) == (("Ada Quill",), 2)
    assert conversation.first_from_me is False


def test_a_file_without_message_columns_is_rejected():
    with pytest.raises(FileRejected, match=r"messages\.csv"):
        parse_messages(b"First Name,Last Name\nAda,Quill\n")


# Invitations.csv


def test_an_outgoing_invitation_names_the_invitee():
    sent = parse_invitations(INVITATIONS).records[0]
    assert (sent.name, sent.profile_url, sent.outgoing) == (
        "Elif Demir",
        "https://www.linkedin.com/in/elif-demir",
        True,
    )


def test_an_incoming_invitation_names_the_inviter():
    received = parse_invitations(INVITATIONS).records[1]
    assert (received.name, received.profile_url, received.outgoing) == (
        "Farid Haddad",
        "https://www.linkedin.com/in/farid-haddad",
        False,
    )


def test_invitation_dates_in_us_and_iso_forms_are_read():
    times = [i.sent_at for i in parse_invitations(INVITATIONS).records]
    assert times == [
        datetime(2023, 2, 14, 18, 14, tzinfo=UTC),
        datetime(2024, 1, 5, 10, tzinfo=UTC),
    ]


def test_the_invitation_message_keeps_its_commas():
    assert parse_invitations(INVITATIONS).records[0].message.startswith("Great talk at the meetup,")


def test_an_invitation_with_an_unknown_direction_is_skipped():
    data = b"From,To,Sent At,Message,Direction\nA,B,2024-01-01 10:00:00 UTC,,SIDEWAYS\n"
    assert parse_invitations(data).skipped[0].line == 2


# The export


def test_the_export_zip_is_read_with_files_in_a_folder_and_any_case():
    data = zipped(
        {
            "Basic_LinkedInDataExport_01-01-2026/Connections.csv": CONNECTIONS,
            "Basic_LinkedInDataExport_01-01-2026/MESSAGES.CSV": MESSAGES,
            "Basic_LinkedInDataExport_01-01-2026/Invitations.csv": INVITATIONS,
            "Basic_LinkedInDataExport_01-01-2026/Profile.csv": b"First Name\nSam\n",
        }
    )
    export = read_export(data)
    assert export.connections == parse_connections(CONNECTIONS)
    assert export.messages == parse_messages(MESSAGES)
    assert export.invitations == parse_invitations(INVITATIONS)


def test_a_zip_with_only_some_files_leaves_the_others_none():
    export = read_export(zipped({"Connections.csv": CONNECTIONS}))
    assert (export.messages, export.invitations) == (None, None)


@pytest.mark.parametrize(
    ("data", "kind"),
    [(CONNECTIONS, "connections"), (MESSAGES, "messages"), (INVITATIONS, "invitations")],
)
def test_a_single_csv_is_recognised_by_its_header(data, kind):
    export = read_export(data)
    assert [k for k in ("connections", "messages", "invitations") if getattr(export, k)] == [kind]


def test_a_file_that_is_neither_zip_nor_known_csv_is_rejected():
    with pytest.raises(FileRejected, match="neither LinkedIn's export zip"):
        read_export(b"Name,Phone\nAda,123\n")


def test_a_damaged_zip_is_rejected():
    with pytest.raises(FileRejected, match="damaged"):
        read_export(zipped({"Connections.csv": CONNECTIONS})[:60])


def test_a_zip_without_linkedin_files_is_rejected():
    with pytest.raises(FileRejected, match=r"no Connections\.csv"):
        read_export(zipped({"holiday.jpg": b"\xff\xd8"}))


def test_a_rejected_file_inside_the_zip_is_named():
    with pytest.raises(FileRejected, match=r"in Connections\.csv: this doesn't look like"):
        read_export(zipped({"Connections.csv": b"hello\n"}))


def test_a_member_larger_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(linkedin, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(FileRejected, match="refused as unsafe"):
        read_export(zipped({"Connections.csv": CONNECTIONS + b"x" * 2000}))


def test_a_member_whose_declared_size_lies_is_rejected():
    data = zipped({"Connections.csv": CONNECTIONS + b"x" * 2000})
    declared = len(CONNECTIONS + b"x" * 2000).to_bytes(4, "little")
    lying = data.replace(declared, (10).to_bytes(4, "little"))
    assert lying != data
    with pytest.raises(FileRejected):
        read_export(lying)


def test_a_zip_with_too_many_files_is_refused(monkeypatch):
    monkeypatch.setattr(linkedin, "MAX_MEMBERS", 3)
    files = {f"f{i}.txt": b"" for i in range(4)}
    with pytest.raises(FileRejected, match="over 3 files"):
        read_export(zipped(files))


# Robustness


@given(st.binary(max_size=400))
def test_any_bytes_give_records_or_a_rejection(data):
    for parse in (parse_connections, parse_messages, parse_invitations, read_export):
        with contextlib.suppress(FileRejected):
            parse(data)


def mutated(sample: bytes, position: int, cell: str) -> bytes:
    text = sample.decode("utf-8-sig")
    at = position % (len(text) + 1)
    return (text[:at] + cell + text[at:]).encode("utf-8")


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(
    st.sampled_from([CONNECTIONS, CONNECTIONS_DE, MESSAGES, INVITATIONS]),
    st.integers(min_value=0),
    st.text(alphabet=st.sampled_from(',"\r\n;:/ aZ0é\x00\ufeff'), max_size=12),
)
def test_cells_inserted_anywhere_in_a_valid_file_never_crash_the_parsers(sample, position, cell):
    data = mutated(sample, position, cell)
    for parse in (parse_connections, parse_messages, parse_invitations, read_export):
        with contextlib.suppress(FileRejected):
            assert isinstance(parse(data), Parsed | linkedin.LinkedInExport)


@given(st.binary(max_size=200))
def test_any_bytes_inside_a_zip_give_records_or_a_rejection(data):
    with contextlib.suppress(FileRejected):
        read_export(zipped({"Connections.csv": data, "messages.csv": data}))

"""`mutuals import mbox` and `mutuals email …`."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.emails.models import Correspondent, MailImport, Message
from mutuals.interactions.models import Interaction
from tests.cli.conftest import failed, parsed
from tests.emails.mail import ME, raw
from tests.factories import make_person

ROSA = "rosa@example.org"
LEE = "lee@example.net"


def mbox(tmp_path, *messages: bytes, name: str = "mail.mbox"):
    path = tmp_path / name
    path.write_bytes(b"".join(messages))
    return str(path)


def with_rosa_and_lee():
    return (
        raw("a@x", sender=ME, to=ROSA, at=0),
        raw("b@x", sender=ROSA, to=ME, at=2, in_reply_to="a@x"),
        raw("c@x", sender=LEE, to=ME, at=3),
        raw("d@x", sender=ME, to=LEE, at=4, in_reply_to="c@x"),
        raw("e@x", sender=LEE, to=ME, at=5, in_reply_to="d@x"),
        raw("f@x", sender="news@shop.example", to=ME, at=6, extra=b"List-Id: <shop>"),
    )


def test_import_mbox_records_conversations_and_says_so(mutuals, jordan, tmp_path):
    rosa = make_person(jordan, "Rosa Núñez", emails=[ROSA])
    path = mbox(tmp_path, *with_rosa_and_lee())
    data = parsed(mutuals("import", "mbox", path, "--me", ME, "--json"))
    assert (data["read"], data["added"], data["automated"]) == (6, 5, 1)
    assert (data["conversations_added"], data["offered"], data["errors"]) == (1, 1, [])
    assert data["file"] == "mail.mbox"
    assert Interaction.objects.get(owner=jordan).people.get() == rosa
    again = parsed(mutuals("import", "mbox", path, "--json"))
    assert (again["added"], again["known"], again["conversations_added"]) == (0, 5, 0)
    result = mutuals("import", "mbox", path)
    assert result.exit_code == 0
    assert "Recorded 0 new messages of 6 read" in result.stderr
    assert MailImport.objects.filter(owner=jordan).count() == 3


def test_a_dry_run_writes_nothing_not_even_your_address(mutuals, jordan, tmp_path):
    make_person(jordan, "Rosa Núñez", emails=[ROSA])
    data = parsed(
        mutuals(
            "import",
            "mbox",
            mbox(tmp_path, *with_rosa_and_lee()),
            "--dry-run",
            "--me",
            ME,
            "--json",
        )
    )
    assert (data["dry_run"], data["written"], data["conversations_added"]) == (True, False, 1)
    assert not Message.objects.exists()
    assert not Interaction.objects.exists()
    assert parsed(mutuals("email", "addresses", "--json"))["addresses"] == []


def test_a_cut_short_file_names_the_message_and_changes_nothing(mutuals, jordan, tmp_path):
    first = raw("a@x", sender=ROSA)
    path = mbox(tmp_path, first, raw("b@x", sender=ROSA)[:50])
    message = failed(mutuals("import", "mbox", path), ExitCode.INVALID)
    assert f"Message 2 (at byte {len(first)}): the file ends inside its headers" in message
    assert "Nothing was imported" in message
    assert not Message.objects.exists()


def test_not_an_mbox_and_a_missing_file(mutuals, jordan, tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text("BEGIN:VCARD\nEND:VCARD\n")
    assert "not an mbox file" in failed(mutuals("import", "mbox", str(path)), ExitCode.INVALID)
    missing = failed(mutuals("import", "mbox", str(tmp_path / "nope.mbox")), ExitCode.NOT_FOUND)
    assert "Cannot read" in missing


def test_suggestions_add_and_dismiss(mutuals, jordan, tmp_path):
    mutuals("import", "mbox", mbox(tmp_path, *with_rosa_and_lee()), "--me", ME)
    offers = parsed(mutuals("email", "suggestions", "--json"))
    assert [(o["address"], o["sent"], o["received"]) for o in offers["items"]] == [(LEE, 1, 2)]
    assert mutuals("email", "dismiss", LEE).exit_code == 0
    assert parsed(mutuals("email", "suggestions", "--json"))["count"] == 0
    assert parsed(mutuals("email", "suggestions", "--dismissed", "--json"))["count"] == 1
    assert mutuals("email", "dismiss", "--undo", LEE).exit_code == 0
    added = parsed(mutuals("email", "add", LEE, "--name", "Lee Park", "--tier", "friend", "--json"))
    assert added["name"] == "Lee Park"
    lee = Interaction.objects.get(owner=jordan, people__pk=added["person_id"])
    assert lee.initiated_by == "them"
    assert Correspondent.objects.get(owner=jordan, address=LEE).status == "added"
    assert parsed(mutuals("email", "suggestions", "--json"))["count"] == 0
    again = failed(mutuals("email", "add", LEE), ExitCode.INVALID)
    assert "already among your people" in again
    assert "No one called" in failed(mutuals("email", "add", "x@y.z"), ExitCode.NOT_FOUND)


def test_addresses_sources_and_forget(mutuals, jordan, tmp_path):
    make_person(jordan, "Rosa Núñez", emails=[ROSA])
    mutuals("import", "mbox", mbox(tmp_path, *with_rosa_and_lee(), name="old.mbox"), "--me", ME)
    assert parsed(mutuals("email", "addresses", "--add", "J@Work.example", "--json")) == {
        "addresses": ["j@work.example", ME],
        "account": None,
    }
    assert parsed(mutuals("email", "addresses", "--remove", "j@work.example", "--json"))[
        "addresses"
    ] == [ME]
    assert parsed(mutuals("email", "sources", "--json"))["items"][0]["messages"] == 5
    said = mutuals("email", "forget", "mbox:old.mbox")
    assert said.exit_code == 0
    assert "--yes" in said.stderr
    assert Message.objects.count() == 5
    assert mutuals("email", "forget", "mbox:old.mbox", "--yes").exit_code == 0
    assert not Message.objects.exists()
    assert not Interaction.objects.exists()
    assert "No source" in failed(mutuals("email", "forget", "mbox:old.mbox"), ExitCode.NOT_FOUND)


def test_the_import_report_says_one_of_a_thing_in_the_singular(mutuals, jordan, tmp_path):
    make_person(jordan, "Rosa Núñez", emails=[ROSA])
    result = mutuals("import", "mbox", mbox(tmp_path, *with_rosa_and_lee()), "--me", ME)
    said = " ".join(result.stderr.split())
    assert "1 conversation added" in said
    assert "1 person you wrote with is not in your records" in said
    assert "Recorded 5 new messages of 6 read" in said
    forgot = " ".join(mutuals("email", "forget", "mbox:mail.mbox").stderr.split())
    assert "up to 5 messages and their conversations" in forgot

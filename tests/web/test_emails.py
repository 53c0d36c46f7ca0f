"""The mbox upload on the Import page, its report, the E-mail page; a person's timeline shows
the e-mail conversations; Riley reaches none of Jordan's."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.emails.models import Correspondent, MailImport, Message, MyAddress
from mutuals.interactions.models import Interaction
from tests.emails.mail import ME, raw
from tests.factories import make_person

ROSA = "rosa@example.org"
LEE = "lee@example.net"
MAIL = b"".join(
    (
        raw("a@x", sender=ME, to=ROSA, at=0, subject="Lunch in Lisbon"),
        raw("b@x", sender=ROSA, to=ME, at=2, in_reply_to="a@x", subject="Re: Lunch in Lisbon"),
        raw("c@x", sender=LEE, to=ME, at=3),
        raw("d@x", sender=ME, to=LEE, at=4, in_reply_to="c@x"),
        raw("e@x", sender=LEE, to=ME, at=5, in_reply_to="d@x"),
        raw("f@x", sender="news@shop.example", to=ME, extra=b"List-Id: <shop.example>"),
    )
)


def upload(client, data: bytes = MAIL, **fields):
    form = {"form": "mbox", "mbox": SimpleUploadedFile("takeout.mbox", data), "me": ME}
    return client.post("/import/", {**form, **fields})


def test_the_import_page_offers_an_mbox_upload(jordan_client):
    page = jordan_client.get("/import/")
    assertContains(page, 'id="mbox-form"')
    assertContains(page, '<label for="id_mbox">mbox file</label>', html=False)
    assertContains(page, "no message text is kept")


def test_an_mbox_upload_shows_its_report_and_the_timeline_shows_the_conversation(
    jordan_client, jordan
):
    rosa = make_person(jordan, "Rosa Núñez", emails=[ROSA])
    response = upload(jordan_client)
    run = MailImport.objects.get(owner=jordan)
    assert response.status_code == 302
    assert response["Location"] == f"/import/mbox/{run.pk}/"
    report = jordan_client.get(response["Location"])
    assertContains(report, "E-mail imported")
    assertContains(report, "<dt>Conversations added</dt><dd>1</dd>", html=True)
    assertContains(report, "See 1 person you wrote with")
    timeline = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(timeline, "E-mail (2 messages): Lunch in Lisbon")
    assertContains(timeline, "2 Nov 2026")
    assert Interaction.objects.get(owner=jordan).kind == "email"


def test_a_broken_file_is_a_sentence_naming_the_message_and_changes_nothing(jordan_client, jordan):
    first = raw("a@x", sender=ROSA)
    response = upload(jordan_client, first + raw("b@x", sender=ROSA)[:80])
    report = jordan_client.get(response["Location"])
    assertContains(report, "Nothing was imported")
    assertContains(report, f"Message 2 (at byte {len(first)}): the file ends inside its headers")
    assert not Message.objects.exists()


def test_a_missing_file_and_a_bad_address_are_said_next_to_their_fields(jordan_client, jordan):
    page = jordan_client.post("/import/", {"form": "mbox", "me": ME})
    assert page.status_code == 200
    assertContains(page, "This field is required")
    page = upload(jordan_client, me="not an address")
    assert page.status_code == 200
    assertContains(page, "is not an e-mail address")
    assert not Message.objects.exists()


def test_a_dry_run_changes_nothing(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez", emails=[ROSA])
    report = jordan_client.get(upload(jordan_client, dry_run="on")["Location"])
    assertContains(report, "What this import would do")
    assert not Message.objects.exists()
    assert not MyAddress.objects.exists()


def test_the_email_page_adds_and_dismisses_suggestions(jordan_client, jordan):
    upload(jordan_client)
    page = jordan_client.get("/import/email/")
    assertContains(page, "People you wrote with (1)")
    assertContains(page, LEE)
    assertContains(page, "you wrote 1, they wrote 2")
    offer = Correspondent.objects.get(owner=jordan, address=LEE)
    dismissed = jordan_client.post(
        f"/import/email/suggestions/{offer.pk}/dismiss", HTTP_HX_REQUEST="true"
    )
    assertContains(dismissed, "is no longer suggested")
    assertContains(dismissed, f"/import/email/suggestions/{offer.pk}/restore")
    assertNotContains(jordan_client.get("/import/email/"), "you wrote 1, they wrote 2")
    jordan_client.post(f"/import/email/suggestions/{offer.pk}/restore")
    added = jordan_client.post(
        f"/import/email/suggestions/{offer.pk}/add", {"name": "Lee Park", "tier": "friend"}
    )
    person = Correspondent.objects.get(pk=offer.pk).person
    assert added["Location"] == f"/people/{person.pk}/"
    assertContains(jordan_client.get(added["Location"]), "E-mail (3 messages)")


def test_the_email_page_sets_addresses_and_forgets_a_source_after_confirming(jordan_client, jordan):
    upload(jordan_client)
    jordan_client.post("/import/email/addresses", {"address": "Jordan@Work.example"})
    assertContains(jordan_client.get("/import/email/"), "jordan@work.example")
    removed = jordan_client.post(
        "/import/email/addresses/remove", {"address": "jordan@work.example"}, follow=True
    )
    assertContains(removed, "jordan@work.example is no longer taken as yours.")
    assertNotContains(jordan_client.get("/import/email/"), "jordan@work.example")
    confirm = jordan_client.get("/import/email/forget", {"name": "mbox:takeout.mbox"})
    assertContains(confirm, "Forget mbox:takeout.mbox?")
    assert Message.objects.count() == 5  # asking changes nothing
    jordan_client.post("/import/email/forget", {"name": "mbox:takeout.mbox"})
    assert Message.objects.count() == 5  # nor does a post without the confirmation
    jordan_client.post("/import/email/forget", {"name": "mbox:takeout.mbox", "confirm": "yes"})
    assert not Message.objects.exists()


def test_the_empty_email_page_says_what_to_do(jordan_client):
    page = jordan_client.get("/import/email/")
    assertContains(page, "No one to suggest")
    assertContains(page, "No mail yet")


def test_riley_reaches_none_of_jordans(jordan_client, riley_client, jordan):
    upload(jordan_client)
    run = MailImport.objects.get(owner=jordan)
    offer = Correspondent.objects.get(owner=jordan, address=LEE)
    assert riley_client.get(f"/import/mbox/{run.pk}/").status_code == 404
    for action in ("add", "dismiss", "restore"):
        assert (
            riley_client.post(f"/import/email/suggestions/{offer.pk}/{action}").status_code == 404
        )
    page = riley_client.get("/import/email/")
    assertNotContains(page, LEE)
    assertNotContains(page, "takeout.mbox")
    riley_client.post("/import/email/forget", {"name": "mbox:takeout.mbox", "confirm": "yes"})
    riley_client.post("/import/email/addresses/remove", {"address": ME})
    assert Message.objects.filter(owner=jordan).count() == 5
    assert Correspondent.objects.get(pk=offer.pk).status == "open"
    assert MyAddress.objects.filter(owner=jordan, address=ME).exists()

"""/api/import/mbox and /api/email/…; Riley never sees or changes Jordan's."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from mutuals.emails.models import Correspondent, Message
from mutuals.interactions.models import Interaction
from tests.api.conftest import field_errors
from tests.emails.mail import ME, raw
from tests.factories import make_person

ROSA = "rosa@example.org"
LEE = "lee@example.net"
MAIL = b"".join(
    (
        raw("a@x", sender=ME, to=ROSA, at=0),
        raw("b@x", sender=ROSA, to=ME, at=2, in_reply_to="a@x"),
        raw("c@x", sender=LEE, to=ME, at=3),
        raw("d@x", sender=ME, to=LEE, at=4, in_reply_to="c@x"),
        raw("e@x", sender=LEE, to=ME, at=5, in_reply_to="d@x"),
    )
)


def post_mbox(client, data: bytes, query: str = "?me=" + ME):
    return client.post(f"/api/import/mbox{query}", data, content_type="application/octet-stream")


def test_an_mbox_body_becomes_conversations(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez", emails=[ROSA])
    response = post_mbox(jordan_api, MAIL)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["added"], body["conversations_added"], body["offered"]) == (5, 1, 1)
    assert body["written"] is True
    assert body["source"] == "mbox:upload.mbox"
    assert Interaction.objects.get(owner=jordan).people.get() == rosa
    assert post_mbox(jordan_api, MAIL).json()["added"] == 0
    listed = jordan_api.get("/api/email/imports").json()
    assert listed["count"] == 2


def test_a_multipart_upload_keeps_its_name_and_a_dry_run_writes_nothing(jordan_api, jordan):
    upload = SimpleUploadedFile("takeout.mbox", MAIL)
    response = jordan_api.post(f"/api/import/mbox?dry_run=true&me={ME}", {"file": upload})
    assert response.status_code == 200, response.content
    assert response.json()["source"] == "mbox:takeout.mbox"
    assert response.json()["written"] is False
    assert not Message.objects.exists()


def test_a_cut_short_file_is_422_naming_the_message(jordan_api, jordan):
    first = raw("a@x", sender=ROSA)
    response = post_mbox(jordan_api, first + raw("b@x", sender=ROSA)[:40])
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [
        {"message": 2, "offset": len(first), "text": body["detail"]},
    ]
    assert body["detail"].startswith(f"Message 2 (at byte {len(first)})")
    assert not Message.objects.exists()


def test_an_empty_body_names_the_file(jordan_api):
    assert "file" in field_errors(post_mbox(jordan_api, b""))


def test_addresses_are_set_and_read(jordan_api, jordan):
    response = jordan_api.put(
        "/api/email/addresses", {"addresses": ["Me@Work.example"]}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"addresses": ["me@work.example"], "account": None}
    bad = jordan_api.put(
        "/api/email/addresses", {"addresses": ["not an address"]}, content_type="application/json"
    )
    assert "addresses" in field_errors(bad)


def test_suggestions_are_added_dismissed_and_restored(jordan_api, jordan):
    post_mbox(jordan_api, MAIL)
    items = jordan_api.get("/api/email/suggestions").json()["items"]
    assert [(i["address"], i["sent"], i["received"]) for i in items] == [(LEE, 1, 2)]
    number = items[0]["id"]
    assert jordan_api.post(f"/api/email/suggestions/{number}/dismiss").json()["status"] == (
        "dismissed"
    )
    assert jordan_api.get("/api/email/suggestions").json()["count"] == 0
    assert jordan_api.get("/api/email/suggestions?dismissed=true").json()["count"] == 1
    assert jordan_api.post(f"/api/email/suggestions/{number}/restore").json()["status"] == "open"
    added = jordan_api.post(
        f"/api/email/suggestions/{number}/add",
        {"name": "Lee Park", "tier": "friend"},
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    assert Interaction.objects.filter(owner=jordan, people__pk=added.json()["person_id"]).exists()


def test_sources_are_listed_and_forgotten(jordan_api, jordan):
    post_mbox(jordan_api, MAIL)
    assert jordan_api.get("/api/email/sources").json()["items"][0]["messages"] == 5
    forgot = jordan_api.post(
        "/api/email/sources/forget", {"name": "mbox:upload.mbox"}, content_type="application/json"
    )
    assert forgot.json() == {"name": "mbox:upload.mbox", "messages": 5}
    assert not Message.objects.exists()
    again = jordan_api.post(
        "/api/email/sources/forget", {"name": "mbox:upload.mbox"}, content_type="application/json"
    )
    assert again.status_code == 404


def test_riley_sees_and_changes_none_of_jordans(jordan_api, riley_api, jordan, riley):
    make_person(jordan, "Rosa Núñez", emails=[ROSA])
    post_mbox(jordan_api, MAIL)
    number = Correspondent.objects.get(owner=jordan, address=LEE).pk
    assert riley_api.get("/api/email/suggestions").json() == {"count": 0, "items": []}
    assert riley_api.get("/api/email/sources").json() == {"count": 0, "items": []}
    assert riley_api.get("/api/email/imports").json() == {"count": 0, "items": []}
    assert riley_api.get("/api/email/addresses").json()["addresses"] == []
    for action in ("add", "dismiss", "restore"):
        response = riley_api.post(
            f"/api/email/suggestions/{number}/{action}",
            *(({}, "application/json") if action == "add" else ()),
        )
        assert response.status_code == 404, action
    forget = riley_api.post(
        "/api/email/sources/forget", {"name": "mbox:upload.mbox"}, content_type="application/json"
    )
    assert forget.status_code == 404
    # Riley importing the same messages makes Riley's own, leaving Jordan's as they were.
    assert post_mbox(riley_api, MAIL).json()["added"] == 5
    assert Message.objects.filter(owner=jordan).count() == 5
    assert Correspondent.objects.get(owner=jordan, address=LEE).status == "open"

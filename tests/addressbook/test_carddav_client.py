"""A real CardDAV client reads the address book: vdirsyncer (pimutils/vdirsyncer, the sync
client khard and many phones' desktops use), in its own process, against the composed app on a
loopback port. It finds the address book from the server's root alone (its discovery falls back
to /.well-known/carddav, which redirects to /dav/), copies every card into a local folder, and
on the next sync sees what changed in mutuals, and nothing of another user's."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from PIL import Image

from mutuals.addressbook import services
from mutuals.people import services as people_services
from mutuals.people.important_dates import add_important_date
from mutuals.people.photos import set_photo
from tests.factories import make_person, make_user

VDIRSYNCER = str(Path(sys.executable).parent / "vdirsyncer")


def _config(tmp_path: Path, url: str, username: str, password: str) -> Path:
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(
        f"""[general]
status_path = "{tmp_path / "status"}/"

[pair contacts]
a = "mutuals"
b = "local"
collections = ["from a"]
conflict_resolution = "a wins"

[storage mutuals]
type = "carddav"
url = "{url}/"
username = "{username}"
password = "{password}"
read_only = true

[storage local]
type = "filesystem"
path = "{tmp_path / "contacts"}/"
fileext = ".vcf"
"""
    )
    return config


def _vdirsyncer(tmp_path: Path, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        [VDIRSYNCER, "-c", str(config), *args],
        input="y\n" * 5,  # discover asks before making the local folder
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _synced(tmp_path: Path, config: Path) -> dict[str, vobject.base.Component]:
    for step in ("discover", "sync"):
        done = _vdirsyncer(tmp_path, config, step)
        assert done.returncode == 0, done.stdout + done.stderr
    folder = tmp_path / "contacts" / "people"
    return {
        card.fn.value: card
        for card in (vobject.readOne(path.read_text("utf-8")) for path in folder.glob("*.vcf"))
    }


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def jordans_phone(dav_server, tmp_path):
    jordan = make_user("jordan")
    rosa = make_person(
        jordan,
        "Rosa Núñez",
        organization="Acme, Inc.",
        title="Head of data",
        emails=["rosa@example.org"],
        phones=["+44 20 7946 0000"],
        notes="Owes me a coffee",
    )
    add_important_date(owner=jordan, person_id=rosa.pk, kind="birthday", month=4, day=15)
    set_photo(owner=jordan, person_id=rosa.pk, data=_jpeg())
    sam = make_person(jordan, "Sam Lee")
    riley = make_user("riley")
    make_person(riley, "Riley's secret contact")
    device = services.add_device(owner=jordan, name="Jordan's phone")
    config = _config(tmp_path, dav_server.url, "jordan", device.password)
    return jordan, rosa, sam, config


def test_the_client_finds_and_copies_every_card(jordans_phone, tmp_path):
    *_, config = jordans_phone

    cards = _synced(tmp_path, config)

    assert sorted(cards) == ["Rosa Núñez", "Sam Lee"]
    rosa = cards["Rosa Núñez"]
    assert rosa.org.value == ["Acme, Inc."]
    assert rosa.title.value == "Head of data"
    assert rosa.email.value == "rosa@example.org"
    assert rosa.tel.value.replace(" ", "") == "+442079460000"
    assert rosa.bday.value == "1604-04-15"
    assert rosa.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]
    assert rosa.photo.value[:2] == b"\xff\xd8"  # a JPEG
    assert "note" not in rosa.contents


def test_the_next_sync_sees_an_edit_and_a_person_archived(jordans_phone, tmp_path):
    jordan, rosa, sam, config = jordans_phone
    _synced(tmp_path, config)

    people_services.update_person(owner=jordan, person_id=rosa.pk, title="Chief data officer")
    people_services.archive_person(owner=jordan, person_id=sam.pk)
    cards = _synced(tmp_path, config)

    assert cards["Rosa Núñez"].title.value == "Chief data officer"
    assert sorted(cards) == ["Rosa Núñez"]

"""The address book behind a real TLS reverse proxy (Debian's nginx, as docs/deploy.md sets it
up, started by tests/browser/test_tls_proxy.py's fixture): a phone given the https address
finds the book from the server's name and reads it; without a password it gets nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import requests

from tests.browser.test_tls_proxy import https_url, pytestmark  # noqa: F401 (the fixture, the skip)
from tests.deploy.environment import clean_environment

MUTUALS = str(Path(sys.executable).with_name("mutuals"))
PROPFIND_BOOK = b"""<?xml version="1.0" encoding="utf-8"?>
<propfind xmlns="DAV:"><prop><getetag/><resourcetype/></prop></propfind>"""


def test_a_phone_reads_the_book_through_the_https_proxy(https_url, migrated_home, tmp_path):  # noqa: F811
    env = clean_environment(migrated_home, DJANGO_SETTINGS_MODULE="mutuals.settings")
    subprocess.run(
        [MUTUALS, "add", "Rosa Núñez", "--email", "rosa@example.org"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    password = subprocess.run(
        [MUTUALS, "addressbook", "add-device", "My phone"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.strip()
    certificate = str(tmp_path / "cert.pem")

    def ask(method: str, path: str, **options) -> requests.Response:
        return requests.request(method, https_url + path, verify=certificate, timeout=30, **options)

    found = ask("PROPFIND", "/.well-known/carddav", auth=("dana", password), headers={"Depth": "1"})
    (principal,) = set(re.findall(r"/dav/u\d+/", found.text))
    cards = ask(
        "PROPFIND",
        principal + "people/",
        auth=("dana", password),
        headers={"Depth": "1"},
        data=PROPFIND_BOOK,
    )
    card = ask(
        "GET", re.findall(r"/dav/u\d+/people/[^<]+\.vcf", cards.text)[0], auth=("dana", password)
    )
    no_password = ask("GET", "/dav/")
    wrong_password = ask("PROPFIND", "/dav/", auth=("dana", "not-the-password"))

    assert found.history[0].status_code == 301
    assert found.url == https_url + "/dav/"
    assert found.status_code == 207
    assert cards.status_code == 207
    assert card.status_code == 200
    assert "FN:Rosa Núñez" in card.text
    assert no_password.status_code == 401
    assert wrong_password.status_code == 401

"""`mutuals serve` (the real command, in its own process) serves the address book beside the
web app: a phone set up by the user guide reaches it, with one of its devices' passwords."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import requests

from tests.cli.test_serve import free_port, wait_until_serving

MUTUALS = str(Path(sys.executable).with_name("mutuals"))


def _mutuals(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [MUTUALS, *args], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def test_mutuals_serve_answers_carddav_with_a_devices_password(migrated_home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")}
    env["MUTUALS_HOME"] = str(migrated_home)
    _mutuals(env, "add", "Rosa Núñez", "--email", "rosa@example.org")
    password = _mutuals(env, "addressbook", "add-device", "My phone").strip()
    user = _mutuals(env, "addressbook", "add-device", "--json", "Laptop")
    username = json.loads(user)["username"]
    port = free_port()
    process = subprocess.Popen(
        [MUTUALS, "serve", "--port", str(port), "--no-worker"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base + "/", process)

        found = requests.request(
            "PROPFIND",
            base + "/.well-known/carddav",
            auth=(username, password),
            headers={"Depth": "0"},
            timeout=30,
        )
        cards = requests.request(
            "PROPFIND",
            found.url.rstrip("/") + "/",
            auth=(username, password),
            headers={"Depth": "1"},
            timeout=30,
        )
        refused = requests.get(base + "/dav/", timeout=30)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)

    assert found.history[0].status_code == 301
    assert found.url == base + "/dav/"
    assert found.status_code == 207
    assert cards.status_code == 207
    assert refused.status_code == 401

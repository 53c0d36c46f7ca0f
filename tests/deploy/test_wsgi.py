"""`mutuals.wsgi` for servers other than `mutuals serve`: a configuration Django cannot start
with stops the server with one sentence, never a traceback; a good one serves."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mutuals.cli.setup import POSTGRES_DRIVER_MISSING
from tests.cli.test_dispatch import NO_POSTGRES_DRIVER, user_environment

LOAD_AND_CALL = """
from mutuals.wsgi import application
status = []
body = b"".join(application(
    {"REQUEST_METHOD": "GET", "PATH_INFO": "/setup/", "SERVER_NAME": "127.0.0.1",
     "REMOTE_ADDR": "127.0.0.1",
     "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": __import__("io").BytesIO(),
     "wsgi.errors": __import__("sys").stderr},
    lambda code, headers: status.append(code),
))
print(status[0])
"""


def _load(tmp_path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LOAD_AND_CALL],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )


def test_a_postgresql_url_without_its_driver_stops_the_server_in_one_sentence(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(NO_POSTGRES_DRIVER)
    env = user_environment(tmp_path / "home")
    env["PYTHONPATH"] = str(tmp_path)
    env["MUTUALS_DATABASE_URL"] = "postgres://mutuals@127.0.0.1:9/mutuals"

    done = _load(tmp_path, env)

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == f"mutuals cannot start: {POSTGRES_DRIVER_MISSING}"


@pytest.mark.parametrize("setting", ["MUTUALS_DB_BUSY_TIMEOUT"])
def test_a_mistyped_setting_stops_the_server_in_one_sentence(tmp_path, setting):
    env = user_environment(tmp_path / "home")
    env[setting] = "five"

    done = _load(tmp_path, env)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert setting in done.stderr


def test_a_good_configuration_serves_the_set_up_page(tmp_path, migrated_home):
    env = user_environment(migrated_home)

    done = _load(tmp_path, env)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "200 OK"

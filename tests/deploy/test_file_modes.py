"""The data directory is 0700 and the database files and secret key 0600, whatever the umask,
so no other local account can read anyone's contacts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.deploy.environment import ROOT, clean_environment
from tests.homes import DATABASE

# Django starts, creates the tables and keeps the connection open, so SQLite's -wal and -shm
# files exist when their modes are read.
OPEN_THE_DATABASE = """
import json, os, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM auth_user")
home = os.environ["MUTUALS_HOME"]
modes = {name: os.stat(os.path.join(home, name)).st_mode & 0o777 for name in os.listdir(home)}
modes["."] = os.stat(home).st_mode & 0o777
print(json.dumps(modes))
"""


def start_with_umask_022(home) -> dict[str, int]:
    env = clean_environment(home, DJANGO_SETTINGS_MODULE="mutuals.settings")
    done = subprocess.run(
        [sys.executable, "-c", OPEN_THE_DATABASE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_new_data_directory_and_its_files_are_readable_by_their_owner_only(tmp_path):
    modes = start_with_umask_022(tmp_path / "home")

    assert modes == {
        ".": 0o700,
        "secret_key": 0o600,
        "mutuals.sqlite3": 0o600,
        "mutuals.sqlite3-wal": 0o600,
        "mutuals.sqlite3-shm": 0o600,
    }


def test_a_data_directory_left_open_by_an_older_version_is_closed_at_start(
    tmp_path, migrated_home_template
):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    # An older version's database: already migrated (tests/homes.py), so this start only opens it.
    shutil.copyfile(migrated_home_template / DATABASE, home / DATABASE)
    (home / "secret_key").touch()
    for name in (DATABASE, "secret_key"):
        (home / name).chmod(0o644)
    (home / "secret_key").write_text("an-older-secret-key-kept-as-it-was-" * 2)

    modes = start_with_umask_022(home)

    assert modes["."] == 0o700
    assert modes["mutuals.sqlite3"] == 0o600
    assert modes["mutuals.sqlite3-wal"] == 0o600
    assert modes["secret_key"] == 0o600

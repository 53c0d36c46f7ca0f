"""Data directories (MUTUALS_HOME) for the tests that start `mutuals` in a child process.

Migrating a new SQLite database costs a child process about 6 CPU seconds, almost all of it
Django rendering the state of every migration. A test of the first run or of an upgrade must
pay it (tests/cli/test_first_run.py, the new-directory test of tests/deploy/test_file_modes.py,
the fresh-install test of tests/cli/test_serve.py); a test of something else (serving, the
digest worker, the TLS proxy, `mutuals user create`, an older version's directory whose modes
are closed at start) only needs a home whose database is already migrated. Those start from a
copy of one template home, migrated once per test process (per xdist worker) by the same
`migrate` a first command runs. Only the database file is copied: the secret key is made anew
in each home, as on a real first start, and the directory and file keep an install's modes.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

DATABASE = "mutuals.sqlite3"
# Runs in a user's shell (no MUTUALS_* of the test run): Django on the full settings, every
# app's migrations applied, exactly as the first `mutuals` command on a new home does it.
MIGRATE = (
    "from mutuals.cli.setup import migrate_quietly, setup_django\n"
    "setup_django('mutuals.settings')\n"
    "migrate_quietly()\n"
)


def user_environment(home: Path) -> dict[str, str]:
    """A user's shell: no MUTUALS_* or Django settings of the test run, a home of its own."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("MUTUALS_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env["MUTUALS_HOME"] = str(home)
    return env


def build_template(home: Path) -> Path:
    """Migrate a new home in a child process, then fold SQLite's write-ahead log into the
    database file so that the file alone is a complete copy."""
    done = subprocess.run(
        [sys.executable, "-c", MIGRATE],
        env=user_environment(home),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(home / DATABASE) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return home


def copy_home(template: Path, home: Path) -> Path:
    """A new data directory at `home` whose database is a copy of the template's."""
    home.mkdir(mode=0o700, parents=True)
    home.chmod(0o700)
    shutil.copyfile(template / DATABASE, home / DATABASE)
    (home / DATABASE).chmod(0o600)
    return home

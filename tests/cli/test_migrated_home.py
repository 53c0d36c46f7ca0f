"""The migrated home the process tests start from (tests/homes.py) is what a first command
leaves behind: every migration applied, no user, no secret key yet, an install's file modes."""

from __future__ import annotations

import json
import stat

from tests.cli.test_first_run import run


def test_a_copied_home_is_current_private_and_has_no_account_yet(migrated_home):
    database = migrated_home / "mutuals.sqlite3"
    assert stat.S_IMODE(migrated_home.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert not (migrated_home / "secret_key").exists()

    done = run(migrated_home, "init", "--json")

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["migrated"] is False
    assert report["account"] == {"username": "alex", "created": True, "has_password": False}
    assert (migrated_home / "secret_key").exists()

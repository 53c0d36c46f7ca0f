"""kill -9 during an import and during a restore, on SQLite or (run under
scripts/with_postgres.py) PostgreSQL. Each trial starts `mutuals import linkedin` or
`mutuals restore` for a new, empty user and kills it with SIGKILL: half the trials at a random
moment of the whole run (start-up included), half at a random moment inside its write
transaction (seen from outside: SQLite's write lock taken, or a PostgreSQL backend holding a
transaction id). Then:

- SQLite: `PRAGMA integrity_check` answers ok;
- PostgreSQL: the server is stopped as a crash would stop it (`pg_ctl restart -m immediate`),
  it recovers, and every table of the app reads;
- the user has all of the file's people or none (a restore: all of the backup's people and
  conversations, or none).

    .venv/bin/python -m bench.faults [--trials 20] [--rows 10000]
    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python -m bench.faults

Prints each trial and the totals; exits 1 on any corrupt database or partial write."""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import env
from bench.results import load_average, machine

POLL_S = 0.005
RUN_TIMEOUT_S = 300.0


@dataclass
class Trial:
    kind: str
    when: str  # "anywhere" or "in the write"
    killed: bool  # False when the command had already finished
    in_transaction: bool  # the write transaction was open just before the kill
    consistent: bool  # the database reads back whole (integrity check, or restart and reads)
    all_or_nothing: bool
    found: int  # people (a restore: people + conversations) the user has afterwards


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__)
    parser.add_argument("--trials", type=int, default=20, help="of each kind (import, restore)")
    parser.add_argument("--rows", type=int, default=10_000, help="people in the imported file")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    database = open_database()
    print(f"kill -9 trials on {database.name}; {machine()}; load {load_average()}", flush=True)
    try:
        return _run(database, args.trials, args.rows, random.Random(args.seed))
    finally:
        shutil.rmtree(database.home, ignore_errors=True)


def _run(database: _Database, trials: int, rows: int, rng: random.Random) -> int:
    from bench.imports import _connections

    files = database.home / "files"
    files.mkdir()
    connections_csv = files / "Connections.csv"
    connections_csv.write_bytes(_connections(rows, random.Random(1)))
    backup_file, backup_size = _demo_backup(database.home, files)
    kinds: dict[str, tuple[list[str], int, Callable[[str], int]]] = {
        "import": (["import", "linkedin", str(connections_csv)], rows, _people),
        "restore": (["restore", str(backup_file)], backup_size, _restored),
    }
    results: list[Trial] = []
    for kind, (command, whole, count) in kinds.items():
        full_s = _calibrate(database, kind, command, whole, count)
        print(f"{kind}: an uninterrupted run takes {full_s:.1f} s", flush=True)
        for n in range(trials):
            in_write = n % 2 == 1
            trial = _trial(database, kind, n, command, whole, count, full_s, in_write, rng)
            results.append(trial)
            print(
                f"  {kind} {n + 1:2d} ({trial.when}): "
                f"{'killed' if trial.killed else 'had finished'}"
                f"{' inside its write transaction' if trial.in_transaction else ''}, "
                f"{'consistent' if trial.consistent else 'CORRUPT'}, "
                f"{trial.found} of {whole} {'(ok)' if trial.all_or_nothing else '(PARTIAL)'}",
                flush=True,
            )
    return _summary(database.name, results)


def _calibrate(
    database: _Database, kind: str, command: list[str], whole: int, count: Callable[[str], int]
) -> float:
    user = _new_user(f"{kind}-whole")
    started = time.perf_counter()
    done = subprocess.run(
        _mutuals(user, command), env=database.environ, capture_output=True, timeout=RUN_TIMEOUT_S
    )
    took = time.perf_counter() - started
    if done.returncode != 0 or count(user) != whole:
        sys.exit(f"an uninterrupted {kind} failed: {done.stderr.decode()[-400:]}")
    return took


def _trial(
    database: _Database,
    kind: str,
    n: int,
    command: list[str],
    whole: int,
    count: Callable[[str], int],
    full_s: float,
    in_write: bool,
    rng: random.Random,
) -> Trial:
    user = _new_user(f"{kind}-{n}")
    process = subprocess.Popen(
        _mutuals(user, command),
        env=database.environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if in_write:
        database.wait_for_write(process)
        time.sleep(rng.uniform(0, 0.1))
    else:
        time.sleep(rng.uniform(0, full_s))
    in_transaction = database.writing()
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    consistent = database.consistent()
    found = count(user)
    return Trial(
        kind,
        "in the write" if in_write else "anywhere",
        killed,
        killed and in_transaction,
        consistent,
        found in (0, whole),
        found,
    )


def _summary(name: str, results: list[Trial]) -> int:
    print(f"\n| {name} | trials | killed | inside the write transaction | corrupt | partial |")
    print("|---|---|---|---|---|---|")
    bad = 0
    for kind in ("import", "restore"):
        mine = [t for t in results if t.kind == kind]
        corrupt = sum(not t.consistent for t in mine)
        partial = sum(not t.all_or_nothing for t in mine)
        in_write = sum(t.in_transaction for t in mine)
        killed = sum(t.killed for t in mine)
        print(f"| {kind} | {len(mine)} | {killed} | {in_write} | {corrupt} | {partial} |")
        bad += corrupt + partial
    return 1 if bad else 0


# ---- the database under test --------------------------------------------------------------


def open_database() -> _Database:
    """A fresh mutuals home with its tables: SQLite in it, or the PostgreSQL server named by
    MUTUALS_DATABASE_URL (scripts/with_postgres.py sets it)."""
    return _Database.open()


class _Database:
    """A temporary mutuals home on SQLite, or the PostgreSQL server in MUTUALS_DATABASE_URL."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.environ = {**os.environ, "MUTUALS_HOME": str(home)}
        self.environ.pop("DJANGO_SETTINGS_MODULE", None)
        self.name = "PostgreSQL" if os.environ.get("MUTUALS_DATABASE_URL") else "SQLite"

    @classmethod
    def open(cls) -> _Database:
        if not os.environ.get("MUTUALS_DATABASE_URL"):
            return _Sqlite(env.prepare())
        # env.prepare would forget the server's URL: the same steps, keeping it.
        home = Path(tempfile.mkdtemp(prefix="mutuals-faults-"))
        (home / "static").mkdir()  # whitenoise's STATIC_ROOT, for bench.writers' server
        os.environ["MUTUALS_HOME"] = str(home)
        os.environ["DJANGO_SETTINGS_MODULE"] = "mutuals.settings"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        return _Postgres(home)

    def wait_for_write(self, process: subprocess.Popen[bytes]) -> None:
        """Until another connection is inside a write transaction (or the command ends)."""
        while process.poll() is None and not self.writing():
            time.sleep(POLL_S)

    def writing(self) -> bool:
        raise NotImplementedError

    def consistent(self) -> bool:
        raise NotImplementedError


class _Sqlite(_Database):
    @property
    def path(self) -> Path:
        return self.home / "mutuals.sqlite3"

    def writing(self) -> bool:
        """Another connection holds the write lock."""
        probe = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
        return False

    def consistent(self) -> bool:
        from django.db import connections

        connections.close_all()
        check = sqlite3.connect(self.path)
        try:
            return check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            check.close()


class _Postgres(_Database):
    def __init__(self, home: Path) -> None:
        super().__init__(home)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            self.data = cursor.fetchone()[0]

    def writing(self) -> bool:
        """Another backend holds a transaction id: it has written inside its transaction."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
            )
            return bool(cursor.fetchone()[0])

    def consistent(self) -> bool:
        """Crash the server (immediate stop skips the shutdown checkpoint), start it again, and
        read every table of the app."""
        from django.apps import apps
        from django.db import connections

        connections.close_all()
        log = str(Path(self.data).parent / "server.log")
        restart = ["pg_ctl", "-D", self.data, "-l", log, "-m", "immediate", "-w", "restart"]
        # No pipes: the restarted server would hold them open, and this would wait forever.
        done = subprocess.run(
            _as_postgres(restart), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120
        )
        if done.returncode != 0:
            print(f"    pg_ctl restart failed (exit {done.returncode})", flush=True)
            return False
        try:
            for model in apps.get_models():
                model.objects.count()
        except Exception as error:  # any failure to read is what this trial looks for
            print(f"    a table did not read: {type(error).__name__}", flush=True)
            return False
        return True


def _as_postgres(command: list[str]) -> list[str]:
    tool = shutil.which(command[0]) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{command[0]}"))), None
    )
    full = [tool or command[0], *command[1:]]
    return ["runuser", "-u", "postgres", "--", *full] if os.geteuid() == 0 else full


# ---- users, files and counts ----------------------------------------------------------------


def _new_user(name: str) -> str:
    from django.contrib.auth import get_user_model
    from django.db import connections

    get_user_model().objects.create_user(username=name)
    connections.close_all()
    return name


def _mutuals(user: str, command: list[str]) -> list[str]:
    return [str(Path(sys.executable).with_name("mutuals")), "--user", user, *command]


def _people(user: str) -> int:
    from mutuals.people.models import Person

    return Person.objects.filter(owner__username=user).count()


def _restored(user: str) -> int:
    from mutuals.interactions.models import Interaction

    return _people(user) + Interaction.objects.filter(owner__username=user).count()


def _demo_backup(home: Path, files: Path) -> tuple[Path, int]:
    """A backup of the demo network, and how many people and conversations it holds."""
    from django.contrib.auth import get_user_model

    from mutuals.backup.selectors import backup, dumps
    from mutuals.demo.services import load_demo

    owner = get_user_model().objects.create_user(username="backup-source")
    load_demo(owner=owner)
    path = files / "backup.json"
    path.write_text(dumps(backup(owner=owner)), encoding="utf-8")
    return path, _restored("backup-source")


if __name__ == "__main__":
    raise SystemExit(main())

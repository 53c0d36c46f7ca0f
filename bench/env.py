"""A throwaway mutuals home: a fresh SQLite file database in a temporary directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def prepare() -> Path:
    """Point mutuals at a new temporary home, configure Django and create the tables."""
    home = Path(tempfile.mkdtemp(prefix="mutuals-bench-"))
    (home / "static").mkdir()  # whitenoise's STATIC_ROOT; absent, every request warns
    os.environ["MUTUALS_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "mutuals.settings"
    # The warm-path bench compares with a SQL query when a PostgreSQL server was given.
    os.environ.setdefault("MUTUALS_BENCH_POSTGRES", os.environ.get("MUTUALS_DATABASE_URL", ""))
    os.environ.pop("MUTUALS_DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return home

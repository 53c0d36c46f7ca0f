"""Django inside the CLI: configure it once, for what the command needs, and bring the database
schema up to date.

A command that only reads and writes records runs on `mutuals.cli.settings` (the ORM without
the admin, templates, static files or URLs); `mutuals serve` and the few commands that need the
web's pieces run on `mutuals.settings`. cli/main.py says which each command needs.
"""

from __future__ import annotations

import os

FULL_SETTINGS = "mutuals.settings"
ORM_SETTINGS = "mutuals.cli.settings"

POSTGRES_DRIVER_MISSING = (
    "MUTUALS_DATABASE_URL names a PostgreSQL database, but its driver is not installed: "
    "run `pip install 'mutuals[postgres]'`, then try again."
)


class SetupFailed(Exception):
    """Django cannot start with this configuration; the message says what to change."""


def setup_django(settings_module: str = FULL_SETTINGS) -> None:
    """Configure Django unless something (a test run) already did.

    DJANGO_SETTINGS_MODULE, when set, wins over `settings_module`. A configuration Django
    cannot start with (a PostgreSQL URL without its driver, a mistyped MUTUALS_* number)
    raises SetupFailed with one sentence, never a traceback.
    """
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        engine = str(settings.DATABASES["default"].get("ENGINE", ""))
        if "postgis" in engine or "postgresql" in engine:
            _require_postgres_driver()
        _populate(settings)
    except ImproperlyConfigured as error:
        raise SetupFailed(" ".join(str(error).split())) from None


def _require_postgres_driver() -> None:
    """Django's PostgreSQL backend needs psycopg (3) or psycopg2, importable, with libpq."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        try:
            import psycopg2  # noqa: F401
        except ImportError:
            raise SetupFailed(POSTGRES_DRIVER_MISSING) from None


def _populate(settings) -> None:
    import django

    django.setup(set_prefix=False)
    if not settings.LOGGING_CONFIG and settings.LOGGING:
        import logging.config

        logging.config.dictConfig(settings.LOGGING)  # the CLI's settings skip Django's defaults


def migrate_quietly() -> None:
    """Create or update the database tables; prints nothing."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


_checked = False


def prepare_database() -> bool:
    """Bring the tables up to date when they are not (a fresh data directory, a new version);
    True when it migrated. Checked once per process, cheaply (database_is_current)."""
    global _checked
    if _checked:
        return False
    migrated = not database_is_current()
    if migrated:
        migrate_quietly()
    _checked = True
    return migrated


def database_is_current() -> bool:
    """Whether every migration file of the installed apps is recorded as applied.

    One query and a directory listing per app, instead of Django's migration loader (which
    imports every migration module: most of a command's start-up). A missing table counts as
    not current; a stray answer either way only costs a `migrate` that finds nothing to do.
    """
    from django.apps import apps
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = set(cursor.fetchall())
    except DatabaseError:
        return False
    for config in apps.get_app_configs():
        folder = os.path.join(config.path, "migrations")
        try:
            names = os.listdir(folder)
        except OSError:
            continue  # an app without migrations
        for name in names:
            stem, _, extension = name.partition(".")
            is_migration = extension == "py" and stem and stem[0] not in "_~"
            if is_migration and (config.label, stem) not in applied:
                return False
    return True


def database_description() -> str:
    """Where the records are kept, for people: the SQLite file, or the PostgreSQL server."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if str(database["ENGINE"]).endswith("sqlite3"):
        return f"database: {database['NAME']}"
    where = f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}"
    return f"database: PostgreSQL '{database['NAME']}' on {where}"

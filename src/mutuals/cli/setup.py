"""Django inside the CLI: configure it once, and bring the database schema up to date."""

from __future__ import annotations

import os


def setup_django() -> None:
    """Configure Django from mutuals.settings unless something (a test run) already did."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuals.settings")
    from django.apps import apps

    if not apps.ready:
        import django

        django.setup()


def migrate_quietly() -> None:
    """Create or update the database tables; prints nothing."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)

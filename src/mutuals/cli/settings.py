"""Settings for the CLI's record commands: mutuals.settings without the web.

A command that reads or writes records needs the ORM only. Without the admin (whose start-up
imports every app's admin module, forms and templates), static files, sessions, messages,
templates and middleware, Django's set-up takes about half as long. Everything else (the
database, the secret key, MUTUALS_* switches) is mutuals.settings' own, so the two cannot
disagree. `mutuals serve`, and commands that touch the web's records or addresses, run on
mutuals.settings itself (cli/main.py marks them).
"""

from __future__ import annotations

from mutuals.settings import *  # noqa: F403
from mutuals.settings import INSTALLED_APPS as _WEB_APPS

WEB_ONLY_APPS = frozenset(
    {
        "django.contrib.admin",
        "django.contrib.messages",
        "django.contrib.sessions",
        "django.contrib.staticfiles",
        "django_htmx",
        "mutuals.web",
        # The task queue: importing it patches Django's generics (django_stubs_ext), which
        # imports the admin, mail and HTTP machinery. Only `mutuals worker` and `serve` need it.
        "django_tasks",
        "django_tasks_db",
    }
)

INSTALLED_APPS = [app for app in _WEB_APPS if app not in WEB_ONLY_APPS]
MIDDLEWARE: list[str] = []
TEMPLATES: list[dict[str, object]] = []
STATICFILES_DIRS: list[str] = []
# Django's own logging adds a handler that mails errors to the admins: making it imports the
# debug views and with them the whole request/response machinery (a tenth of a command's
# start). The CLI has no admins to mail; cli/setup.py applies LOGGING (to stderr) alone.
LOGGING_CONFIG = None

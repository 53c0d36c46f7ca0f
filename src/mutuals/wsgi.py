"""The WSGI application for a server other than `mutuals serve` (gunicorn, uWSGI, mod_wsgi,
`waitress-serve mutuals.wsgi:application`): Django, and the CardDAV address book under `/dav/`
beside it (addressbook/dav/app.py). A configuration Django cannot start with (a PostgreSQL URL
without its driver, a mistyped MUTUALS_* number) stops the server with one sentence saying what
to change, as the CLI does, instead of a traceback."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from mutuals.addressbook.dav.app import mount
from mutuals.cli.setup import SetupFailed, setup_django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuals.settings")
try:
    setup_django()
except SetupFailed as error:
    sys.exit(f"mutuals cannot start: {error}")
application = mount(get_wsgi_application())

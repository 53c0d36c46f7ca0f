"""The one way mutuals talks to the install's mail server (`MUTUALS_SMTP_HOST`): a connection
with the configured settings and a bounded wait, shared by the morning digest and group
invitations. Callers open it, send, close it and turn failures into their own sentences."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import get_connection

SMTP_TIMEOUT = 10  # seconds a mail server has to answer; a silent one fails the send


def smtp_connection() -> Any:
    """An SMTP connection (not opened yet) to the configured mail server; errors raise."""
    return get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host=settings.EMAIL_HOST,
        port=settings.EMAIL_PORT,
        username=settings.EMAIL_HOST_USER,
        password=settings.EMAIL_HOST_PASSWORD,
        use_tls=settings.EMAIL_USE_TLS,
        use_ssl=settings.EMAIL_USE_SSL,
        timeout=SMTP_TIMEOUT,
        fail_silently=False,
    )

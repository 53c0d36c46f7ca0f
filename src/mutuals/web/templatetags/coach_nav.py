"""`{% shows_clients as coaching %}`: whether the nav offers "Clients", for a coach (the coach
role, or at least one active client link).

Decided at sign-in and kept in the session, so pages pay no query for it (several pages hold
their query counts fixed): `remember_at_sign_in` runs on every sign-in, /coach/ renews it when
it has clients, and it is worked out again after KEEP_SECONDS (a client who accepts later shows
the link within minutes). A session from before this existed shows no link until then."""

from __future__ import annotations

import time
from typing import Any

from django import template
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from mutuals.coaching.selectors import is_coaching

register = template.Library()

SESSION_KEY = "coaching_nav"
KEEP_SECONDS = 600


def remember(session: Any, value: bool) -> None:
    session[SESSION_KEY] = [value, time.time()]


@receiver(user_logged_in, dispatch_uid="mutuals-coach-nav")
def remember_at_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        remember(request.session, is_coaching(user))


@register.simple_tag(takes_context=True)
def shows_clients(context: dict[str, Any]) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return False
    kept = request.session.get(SESSION_KEY)
    if not (isinstance(kept, list) and len(kept) == 2):
        return False
    if time.time() - kept[1] < KEEP_SECONDS:
        return bool(kept[0])
    value = is_coaching(user)
    remember(request.session, value)
    return value

"""Throttling of sign-ins and API tokens: growing waits after failures, then a long lock.

The rule, per source of failures:

- a source is one user name from one address (sign-in), any user name from one address
  (password sprays), API tokens from one address, or invitation codes from one address;
- its first few failures are free (2 for a user name from an address, 10 for an address);
  each failure after that makes the source wait before its next try: 15 seconds, doubling with
  every further failure (30 s, 1 min, 2 min…) up to a cap (15 minutes for a user name from an
  address, an hour for an address alone);
- while a source waits, its attempts are refused without checking the password (the right
  password too), and refusals do not count as further failures;
- a successful sign-in forgets its user name and address pair (not the address's count: a
  spray from an address that also owns an account must not reset itself); a day without
  failures forgets any source; `mutuals user passwd NAME` forgets every wait on that name.

A user name alone is never locked: otherwise anyone on the internet could lock the owner out
by typing their name. The sources are stored as keyed hashes (HMAC with the install's secret
key), and logs name them by the first 8 characters of that hash only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutuals.accounts.models import FailedAttempts

logger = logging.getLogger("mutuals.accounts")

Kind = FailedAttempts.Kind
FIRST_WAIT = dt.timedelta(seconds=15)
FORGET_AFTER = dt.timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    free: int
    cap: dt.timedelta


RULES = {
    Kind.SIGN_IN: Rule(free=2, cap=dt.timedelta(minutes=15)),
    Kind.ADDRESS: Rule(free=10, cap=dt.timedelta(hours=1)),
    Kind.TOKEN: Rule(free=10, cap=dt.timedelta(hours=1)),
    Kind.INVITATION: Rule(free=10, cap=dt.timedelta(hours=1)),
}


@dataclass(frozen=True)
class Wait:
    """A source must wait until `until` before its next try."""

    until: dt.datetime
    now: dt.datetime

    @property
    def seconds(self) -> int:
        return max(1, math.ceil((self.until - self.now).total_seconds()))

    @property
    def in_words(self) -> str:
        """'15 seconds', '2 minutes', '1 hour' — rounded up, so it is never too early."""
        seconds = self.seconds
        if seconds < 60:
            return _plural(seconds, "second")
        minutes = math.ceil(seconds / 60)
        if minutes < 60:
            return _plural(minutes, "minute")
        return _plural(math.ceil(minutes / 60), "hour")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def wait_after(failures: int, rule: Rule) -> dt.timedelta:
    """How long a source waits after its `failures`-th failure under `rule`."""
    if failures <= rule.free:
        return dt.timedelta(0)
    doublings = min(failures - rule.free - 1, 20)  # 15 s * 2**20 is far past every cap
    return min(rule.cap, FIRST_WAIT * 2**doublings)


def source_key(*parts: str) -> str:
    """A keyed hash of a source: it cannot be turned back into a name or an address."""
    text = "\x1f".join(parts)
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _user_key(username: str) -> str:
    return source_key("user", username.strip().lower())


def _sign_in_sources(username: str, address: str) -> list[tuple[str, str, str]]:
    """(kind, key, user_key) of the sources a sign-in attempt belongs to."""
    user_key = _user_key(username)
    return [
        (Kind.SIGN_IN, source_key("sign-in", user_key, address), user_key),
        (Kind.ADDRESS, source_key("address", address), ""),
    ]


def _current_wait(sources: list[tuple[str, str]], now: dt.datetime) -> Wait | None:
    kinds = {kind for kind, _ in sources}
    keys = {key for _, key in sources}
    untils = [
        until
        for kind, key, until in FailedAttempts.objects.filter(
            kind__in=kinds, key__in=keys, wait_until__gt=now
        ).values_list("kind", "key", "wait_until")
        if (kind, key) in sources and until is not None
    ]
    return Wait(until=max(untils), now=now) if untils else None


def _record_failure(kind: str, key: str, user_key: str, now: dt.datetime) -> dt.datetime | None:
    """Count one failure of a source; returns until when it must now wait, if it must."""
    with transaction.atomic():
        row = FailedAttempts.objects.select_for_update().filter(kind=kind, key=key).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = FailedAttempts.objects.create(
                        kind=kind, key=key, user_key=user_key, last_failure_at=now
                    )
            except IntegrityError:  # another request created it meanwhile
                row = FailedAttempts.objects.select_for_update().get(kind=kind, key=key)
        if now - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        wait = wait_after(row.failures, RULES[Kind(kind)])
        row.wait_until = now + wait if wait else None
        row.save(update_fields=["failures", "last_failure_at", "wait_until"])
    if row.wait_until is not None:
        logger.warning(
            "%s failure %d from source %s: waits %ds",
            kind,
            row.failures,
            key[:8],
            wait.total_seconds(),
        )
    return row.wait_until


def sign_in_wait(*, username: str, address: str, now: dt.datetime | None = None) -> Wait | None:
    """How long a sign-in as `username` from `address` must still wait, if it must."""
    now = now or timezone.now()
    sources = [(kind, key) for kind, key, _ in _sign_in_sources(username, address)]
    return _current_wait(sources, now)


def record_sign_in_failure(
    *, username: str, address: str, now: dt.datetime | None = None
) -> Wait | None:
    """Count a failed sign-in; returns the wait it now causes, if any."""
    now = now or timezone.now()
    untils = [
        _record_failure(kind, key, user_key, now)
        for kind, key, user_key in _sign_in_sources(username, address)
    ]
    latest = max((until for until in untils if until is not None), default=None)
    return Wait(until=latest, now=now) if latest else None


def record_sign_in_success(*, username: str, address: str) -> None:
    """A right password forgets its user name and address pair (not the address alone)."""
    kind, key, _ = _sign_in_sources(username, address)[0]
    FailedAttempts.objects.filter(kind=kind, key=key).delete()


def forget_user(*, username: str) -> int:
    """Lift every wait on a user name (after its password is reset on the server)."""
    deleted, _ = FailedAttempts.objects.filter(user_key=_user_key(username)).delete()
    return deleted


def token_wait(*, address: str, now: dt.datetime | None = None) -> Wait | None:
    """How long bad API tokens from `address` make it wait, if they do."""
    now = now or timezone.now()
    return _current_wait([(Kind.TOKEN, source_key("token", address))], now)


def record_token_failure(*, address: str, now: dt.datetime | None = None) -> Wait | None:
    """Count a bad API token from `address`; returns the wait it now causes, if any."""
    now = now or timezone.now()
    until = _record_failure(Kind.TOKEN, source_key("token", address), "", now)
    return Wait(until=until, now=now) if until else None


def invitation_wait(*, address: str, now: dt.datetime | None = None) -> Wait | None:
    """How long unknown invitation codes from `address` make it wait, if they do."""
    now = now or timezone.now()
    return _current_wait([(Kind.INVITATION, source_key("invite", address))], now)


def record_invitation_failure(*, address: str, now: dt.datetime | None = None) -> Wait | None:
    """Count an unknown invitation code from `address`; returns the wait it now causes."""
    now = now or timezone.now()
    until = _record_failure(Kind.INVITATION, source_key("invite", address), "", now)
    return Wait(until=until, now=now) if until else None

"""Personal access tokens for the JSON API, the calendar feed's secret address, failed
sign-in counts, the set-up code, users' roles and invitations. Only hashes of secrets and of
sources are stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    label = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognise it.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"


class CalendarFeed(models.Model):
    """The secret address of a user's calendar feed (exports.services); only its hash is kept.

    One per user: making a new address overwrites the hash, so the old address stops working.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar feed of user #{self.owner_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class FailedAttempts(models.Model):
    """Failed sign-ins or API tokens from one source, and until when that source must wait
    (accounts.throttle has the rule). The source is kept only as a keyed hash: never a user
    name or an address in clear."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign-in", "one user name from one address"
        ADDRESS = "address", "any user name from one address"
        TOKEN = "token", "API tokens from one address"
        INVITATION = "invite", "invitation codes from one address"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=64)
    user_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="The user name hashed, so a new password can lift its waits.",
    )
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    wait_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="failed_attempts_one_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.failures} failures ({self.kind} {self.key[:8]})"


class SetupCode(models.Model):
    """The one-time code that lets the first visitor of a fresh install become its owner
    (printed by `mutuals serve`); only its SHA-256 is kept, and it expires."""

    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"set-up code until {self.expires_at:%Y-%m-%d %H:%M}"


class Preferences(models.Model):
    """What a user chose about their daily plan and reminders. A user without a row has the
    defaults (accounts.selectors.preferences_of), so nothing needs creating up front."""

    DEFAULT_PLAN_SIZE = 5
    MAX_PLAN_SIZE = 20
    DEFAULT_DIGEST_HOUR = 7

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    plan_size = models.PositiveSmallIntegerField(
        default=DEFAULT_PLAN_SIZE, help_text="How many actions the daily plan holds."
    )
    digest_enabled = models.BooleanField(
        default=False, help_text="Send the morning e-mail digest of the day's plan."
    )
    digest_hour = models.PositiveSmallIntegerField(
        default=DEFAULT_DIGEST_HOUR, help_text="Local hour (0-23) the digest is sent after."
    )
    landed_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day you accepted an offer: keep-in-touch mode (relaxed cadences) "
        "until you go back to searching; empty while searching.",
    )

    def __str__(self) -> str:
        return f"preferences of user {self.owner_id}"


class Role(models.Model):
    """What a user is on a shared install (accounts.roles has the rules): a member (a job
    seeker, the default: a user without a row is one) or a coach; and, independently, whether
    the owner named them an administrator, who may manage the install's users."""

    MEMBER = "member"
    COACH = "coach"
    KIND_CHOICES = [(MEMBER, "member"), (COACH, "coach")]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role"
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default=MEMBER)
    is_admin = models.BooleanField(
        default=False, help_text="Named by the owner: may manage the install's users."
    )

    def __str__(self) -> str:
        return f"{self.kind} (user {self.user_id})"


class Invitation(models.Model):
    """A single-use link that lets a person make their own account (accounts.invitations);
    only the SHA-256 of its code is kept, and it expires."""

    code_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=Role.KIND_CHOICES, default=Role.MEMBER)
    username = models.CharField(
        max_length=150, blank=True, help_text="Chosen in advance, or empty: they choose it."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.kind})"

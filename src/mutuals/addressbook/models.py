"""A device's app password for the address book; only its SHA-256 is kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AppPassword(models.Model):
    """One device (a phone, a laptop) that reads its owner's address book over CardDAV.

    The password is shown once, when the device is added; only its SHA-256 is stored (it is
    120 random bits, so a slow hash would add nothing but half a second to every request a
    phone makes). Revoking a device deletes its row.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="app_passwords"
    )
    name = models.CharField(max_length=60)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="app_password_name_per_owner")
        ]

    def __str__(self) -> str:
        return f"app password '{self.name}' of user #{self.owner_id}"

"""The give/ask ledger: what you gave and received, and what you asked (PRODUCT.md, P1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mutuals.core.reciprocity_words import Direction, ExchangeKind

DIRECTION_CHOICES = [(Direction.GAVE.value, "I gave"), (Direction.RECEIVED.value, "I received")]
KIND_CHOICES = [(kind.value, kind.value.capitalize()) for kind in ExchangeKind]


class Exchange(models.Model):
    """Something given to or received from one person, optionally fulfilling a need."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="exchanges")
    direction = models.CharField(max_length=10, choices=DIRECTION_CHOICES)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    text = models.CharField(max_length=500)
    occurred_on = models.DateField()
    need = models.ForeignKey(
        "needs.Need", null=True, blank=True, on_delete=models.SET_NULL, related_name="exchanges"
    )
    introduced_to = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For an introduction you made: the other person.",
    )
    thanked_on = models.DateField(
        null=True, blank=True, help_text="For something you received: when you said thank you."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["owner", "person"], name="exchange_owner_person")]

    def __str__(self) -> str:
        return f"{self.direction} {self.kind}: {self.text[:40]}"


class Ask(models.Model):
    """Something you asked of someone, and whether they answered."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="asks")
    text = models.CharField(max_length=500)
    asked_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-asked_on", "-id"]
        indexes = [models.Index(fields=["owner", "person"], name="ask_owner_person")]

    def __str__(self) -> str:
        return self.text

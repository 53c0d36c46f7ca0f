"""Weekly goals: one row per setting, so the weeks before a change keep the target they had.

Each `Goal` holds from its `since` Monday until the next row of the same owner and kind;
`active=False` means no goal of that kind from then on. The rules live in `core.progress`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from mutuals.core.progress_words import GOAL_KINDS, GOAL_WORDS

KIND_CHOICES = [(kind, GOAL_WORDS[kind]) for kind in GOAL_KINDS]


class Goal(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    weekly_target = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=True)
    since = models.DateField(help_text="The Monday this setting starts.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "since"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "since"], name="goal_owner_kind_since")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.weekly_target} a week from {self.since}"

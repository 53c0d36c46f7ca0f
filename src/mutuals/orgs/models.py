"""What you keep about an organisation beyond its name: its website and your notes.

The organisation itself is `people.Organization` (one per owner and folded name, the one each
person's organisation points to); this table only adds to it, so organisation pages need no
change to people's rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OrganizationProfile(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    organization = models.OneToOneField(
        "people.Organization", on_delete=models.CASCADE, related_name="profile"
    )
    website = models.URLField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"About organisation {self.organization_id}"

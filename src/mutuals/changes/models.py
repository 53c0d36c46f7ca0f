from django.db import models


class Version(models.Model):
    """A random token that changes whenever an owner's records change. `owner_id` is a user's
    id, or `tracking.EVERYONE` (0) for writes whose owner is not known (the CLI, the admin
    site): its token is part of every owner's version. Not a foreign key, so EVERYONE needs
    no user."""

    owner_id = models.BigIntegerField(primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"version of {self.owner_id or 'everyone'}"

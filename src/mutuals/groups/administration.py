"""What a group's administrators do besides inviting: name more administrators, and remove
one (never the last). E-mail invitations are `groups.invitations`.

Kept apart from `services.py` (joining, pooling, searching) so each module holds one concept.
Who may: a group administrator of that group, or an administrator of the install
(`services.group_for_admin`: a member is refused with PermissionDenied; for anyone else the
group does not exist). Keyword-only, the acting user explicit (`by`).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from mutuals.groups import services
from mutuals.groups.models import Group, Membership

NOT_A_MEMBER = "{name} is not a member of this group: they join first, then you can name them."
ALREADY_ADMIN = "{name} is already an administrator of this group."
NOT_AN_ADMIN = "{name} is not an administrator of this group."
LAST_ADMIN = (
    "{name} is this group's only administrator: name another one before removing them, "
    "so the group always has one."
)


def _member(group: Group, username: str) -> Membership:
    name = (username or "").strip()
    if not name:
        raise ValidationError({"username": ["Give the member's user name."]})
    found = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(group=group, user__username=name)
        .first()
    )
    if found is None:
        raise ValidationError({"username": [NOT_A_MEMBER.format(name=f"'{name[:150]}'")]})
    return found


@transaction.atomic
def name_admin(*, by: AbstractBaseUser, group_id: int, username: str) -> Membership:
    """Make a member of the group one of its administrators."""
    group = services.group_for_admin(by=by, group_id=group_id)
    member = _member(group, username)
    if member.role == Membership.ADMIN:
        raise ValidationError({"username": [ALREADY_ADMIN.format(name=member.user.get_username())]})
    member.role = Membership.ADMIN
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def remove_admin(*, by: AbstractBaseUser, group_id: int, username: str) -> Membership:
    """Make one of the group's administrators a member again (they stay in the group); never
    the last one. The group's row is locked first, so two removals at once cannot leave it
    with none."""
    services.group_for_admin(by=by, group_id=group_id)
    group = Group.objects.select_for_update().get(pk=group_id)
    member = _member(group, username)
    name = member.user.get_username()
    if member.role != Membership.ADMIN:
        raise ValidationError({"username": [NOT_AN_ADMIN.format(name=name)]})
    admins = Membership.objects.filter(group=group, role=Membership.ADMIN)
    if not admins.exclude(pk=member.pk).exists():
        raise ValidationError({"username": [LAST_ADMIN.format(name=name)]})
    member.role = Membership.MEMBER
    member.save(update_fields=["role"])
    return member

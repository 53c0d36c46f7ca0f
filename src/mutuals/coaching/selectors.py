"""Small reads about coaching: whether someone coaches, what a client is called, a client's
own link. The dashboard is in `coaching.dashboard`, what one client shares in `coaching.shared`;
`coaching.links` lists links and a client's coach activity.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from mutuals.accounts.roles import is_coach
from mutuals.coaching.models import CoachLink


def is_coaching(user: AbstractBaseUser) -> bool:
    """Whether `user` coaches: the coach role or at least one active client link."""
    return is_coach(user) or CoachLink.objects.filter(coach=user, state=CoachLink.ACTIVE).exists()


def client_name(user: AbstractBaseUser) -> str:
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or user.get_username())


def own_link(*, client: AbstractBaseUser, link_id: int) -> CoachLink:
    """The client's own active link `link_id` (for "view as my coach"); else DoesNotExist."""
    return CoachLink.objects.select_related("coach").get(
        pk=link_id, client=client, state=CoachLink.ACTIVE
    )

"""Every write to coaching links: invite, accept, choose the level, end.

A coach invites a client with a single-use code (`invite_client`); a client invites a coach by
user name (`invite_coach`: that invitation is the client's consent, at the level they chose).
The link is *active* only once the other side accepts (`accept` with the code, or
`accept_request` for a coach answering a client's invitation from their list). Only the client
sets the level (`set_level`); either side ends a link (`end`), effective at once: the next
`access.client_for` refuses. Codes are kept as SHA-256 only, expire, and work once.

Who may coach: the coach side of a link holds the coach role or is an administrator
(`may_coach`), checked in one place (`_check_may_coach`) whenever a link is offered or
accepted. Anyone may be the client: accepting a coach's invitation makes you their client.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutuals.accounts.roles import is_admin, is_coach
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import LEVELS, Level
from mutuals.core.codes import hash_code, new_code, normalise_code

INVITATION_DAYS = 7
MAX_INVITATION_DAYS = 30
OPEN = (CoachLink.INVITED, CoachLink.ACTIVE)

NO_CODE = "Type the invitation code you were given (like ABCD-EFGH-JKLM)."
UNKNOWN_CODE = "That invitation code is not one we know. Check it against the one you were given."
USED_CODE = "That invitation code has already been used: each code works once."
EXPIRED_CODE = "That invitation code has expired. Ask for a new one."
OWN_CODE = "That is your own invitation: send it to the person you want to link with."
NOT_YOUR_CODE = "That invitation is for another coach: only the coach it names can accept it."
SELF = "You cannot be your own coach."
ALREADY = "You are already linked with {name}, or an invitation between you is waiting."
NOT_A_COACH = "{name} is not a coach on this install: ask the owner to make {name} a coach."
YOU_ARE_NOT_A_COACH = (
    "Only a coach can invite or accept clients, and you are not one on this install: "
    "ask the owner to make {name} a coach."
)


def may_coach(user: AbstractBaseUser | None) -> bool:
    """The coach side of a link: an enabled coach, or an administrator."""
    return is_coach(user) or is_admin(user)


def _check_may_coach(coach: AbstractBaseUser, *, acting: bool, field: str) -> None:
    """THE check on who may coach. `acting`: the coach is the one asking (their own words)."""
    if may_coach(coach):
        return
    words = YOU_ARE_NOT_A_COACH if acting else NOT_A_COACH
    raise ValidationError({field: [words.format(name=coach.get_username())]})


def join_path(code: str) -> str:
    """The address (path) that accepts an invitation: /coaching/join/<code>."""
    return f"/coaching/join/{code}"


def _level(level: str) -> Level:
    try:
        return Level(str(level).strip().lower())
    except ValueError:
        names = ", ".join(item.value for item in LEVELS)
        raise ValidationError({"level": [f"'{level}' is not a level: choose {names}."]}) from None


def _days(days: int) -> int:
    if not 1 <= int(days) <= MAX_INVITATION_DAYS:
        raise ValidationError(
            {"days": [f"An invitation lasts from 1 to {MAX_INVITATION_DAYS} days."]}
        )
    return int(days)


def _open_link_between(coach: AbstractBaseUser, client: AbstractBaseUser) -> bool:
    return CoachLink.objects.filter(coach=coach, client=client, state__in=OPEN).exists()


@transaction.atomic
def invite_client(
    *, coach: AbstractBaseUser, days: int = INVITATION_DAYS, now: dt.datetime | None = None
) -> tuple[CoachLink, str]:
    """A coach's invitation, waiting for any one person to accept it with the code: the link
    and the code (shown once; only its hash is kept). Its path is `join_path(code)`."""
    now = now or timezone.now()
    _check_may_coach(coach, acting=True, field="coach")
    code = new_code()
    link = CoachLink.objects.create(
        coach=coach,
        client=None,
        invited_by="coach",
        state=CoachLink.INVITED,
        code_hash=hash_code(code),
        expires_at=now + dt.timedelta(days=_days(days)),
    )
    return link, code


@transaction.atomic
def invite_coach(
    *,
    client: AbstractBaseUser,
    coach_username: str,
    level: str = Level.PROGRESS,
    days: int = INVITATION_DAYS,
    now: dt.datetime | None = None,
) -> tuple[CoachLink, str]:
    """A client asks `coach_username` to coach them, at `level` (their consent is given
    here); the link is active once the coach accepts. The link and a code the client may also
    send to the coach."""
    now = now or timezone.now()
    chosen = _level(level)
    name = coach_username.strip()
    if not name:
        raise ValidationError({"coach": ["Type the user name of the coach you want to invite."]})
    coach = get_user_model().objects.filter(username__iexact=name, is_active=True).first()
    if coach is None:
        raise ValidationError(
            {"coach": [f"There is no one called '{name}' on this install. Check the user name."]}
        )
    if coach.pk == client.pk:
        raise ValidationError({"coach": [SELF]})
    _check_may_coach(coach, acting=False, field="coach")
    if _open_link_between(coach, client):
        raise ValidationError({"coach": [ALREADY.format(name=coach.get_username())]})
    code = new_code()
    try:
        with transaction.atomic():  # another open link for the pair, made meanwhile
            link = CoachLink.objects.create(
                coach=coach,
                client=client,
                level=chosen.value,
                invited_by="client",
                state=CoachLink.INVITED,
                code_hash=hash_code(code),
                expires_at=now + dt.timedelta(days=_days(days)),
            )
    except IntegrityError:
        raise ValidationError({"coach": [ALREADY.format(name=coach.get_username())]}) from None
    return link, code


def invitation_for_code(code: str, *, now: dt.datetime | None = None) -> CoachLink:
    """The waiting invitation a code opens (for the accept screen), or ValidationError saying
    why not (no code, unknown, used, expired)."""
    now = now or timezone.now()
    if not normalise_code(code):
        raise ValidationError({"code": [NO_CODE]})
    link = (
        CoachLink.objects.select_related("coach", "client")
        .filter(code_hash=hash_code(code))
        .first()
    )
    if link is None:
        raise ValidationError({"code": [UNKNOWN_CODE]})
    if link.state != CoachLink.INVITED:
        raise ValidationError({"code": [USED_CODE]})
    if link.expires_at is not None and link.expires_at <= now:
        raise ValidationError({"code": [EXPIRED_CODE]})
    return link


@transaction.atomic
def accept(
    *,
    user: AbstractBaseUser,
    code: str,
    level: str = Level.PROGRESS,
    now: dt.datetime | None = None,
) -> CoachLink:
    """Accept an invitation by its code. A coach's invitation makes `user` the client, at the
    `level` they choose (progress, the least, unless they say otherwise); a client's invitation
    can be accepted only by the coach it names, at the level the client chose."""
    now = now or timezone.now()
    chosen = _level(level)
    found = invitation_for_code(code, now=now)
    # Locked until this commits: a second use of the same code then finds it used.
    link = CoachLink.objects.select_for_update(of=("self",)).get(pk=found.pk)
    if link.state != CoachLink.INVITED:
        raise ValidationError({"code": [USED_CODE]})
    if link.invited_by == "coach":
        if link.coach_id == user.pk:
            raise ValidationError({"code": [OWN_CODE]})
        if _open_link_between(link.coach, user):
            raise ValidationError({"code": [ALREADY.format(name=link.coach.get_username())]})
        _check_may_coach(link.coach, acting=False, field="code")
        link.client = user
        link.level = chosen.value
    else:
        if link.client_id == user.pk:
            raise ValidationError({"code": [OWN_CODE]})
        if link.coach_id != user.pk:
            raise ValidationError({"code": [NOT_YOUR_CODE]})
        _check_may_coach(user, acting=True, field="code")
    link.state = CoachLink.ACTIVE
    link.accepted_at = now
    try:
        with transaction.atomic():  # another open link for the pair, made meanwhile
            link.save(update_fields=["client", "level", "state", "accepted_at"])
    except IntegrityError:
        raise ValidationError({"code": [ALREADY.format(name=link.coach.get_username())]}) from None
    return link


@transaction.atomic
def accept_request(
    *, coach: AbstractBaseUser, link_id: int, now: dt.datetime | None = None
) -> CoachLink:
    """A coach accepts a client's invitation from their list (no code needed: it names them).
    CoachLink.DoesNotExist when there is no such waiting invitation to this coach."""
    now = now or timezone.now()
    link = CoachLink.objects.select_for_update().get(
        pk=link_id, coach=coach, invited_by="client", state=CoachLink.INVITED
    )
    if link.expires_at is not None and link.expires_at <= now:
        raise ValidationError({"code": [EXPIRED_CODE]})
    _check_may_coach(coach, acting=True, field="code")
    link.state = CoachLink.ACTIVE
    link.accepted_at = now
    link.save(update_fields=["state", "accepted_at"])
    return link


@transaction.atomic
def set_level(*, client: AbstractBaseUser, link_id: int, level: str) -> CoachLink:
    """The client changes what one coach sees; it applies to the coach's next look. Only the
    client may: for anyone else the link does not exist (CoachLink.DoesNotExist)."""
    chosen = _level(level)
    link = CoachLink.objects.select_for_update().get(pk=link_id, client=client, state__in=OPEN)
    link.level = chosen.value
    link.save(update_fields=["level"])
    return link


@transaction.atomic
def end(*, user: AbstractBaseUser, link_id: int, now: dt.datetime | None = None) -> CoachLink:
    """End a link (or cancel a waiting invitation), from either side, at once: the coach's next
    look is refused, and the code no longer works. CoachLink.DoesNotExist when `user` is on
    neither side of an open link `link_id`."""
    from django.db.models import Q

    now = now or timezone.now()
    link = (
        CoachLink.objects.select_for_update()
        .filter(Q(coach=user) | Q(client=user), pk=link_id, state__in=OPEN)
        .get()
    )
    link.state = CoachLink.ENDED
    link.ended_at = now
    link.code_hash = None
    link.save(update_fields=["state", "ended_at", "code_hash"])
    return link

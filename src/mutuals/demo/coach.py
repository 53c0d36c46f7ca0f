"""The coaching demo (`mutuals demo --coach`): a coach and three clients to try coach mode with.

The coach ("coach") coaches Dana, Sam and Lee. Each client has the demo network
(`demo.services.load_demo`, a seed of their own) with its weekly goals, and is linked the way
real people link (`coaching.services`: the coach's invitation, accepted by the client) at one
of the three levels: Dana at progress, Sam at plan, Lee at network, so the coach's pages show
what each level adds. Sam and Lee (plan and up, where drafts are shared) have each sent the
coach a draft, which the coach commented on with suggested wording; each client has one
assignment from the coach.

The accounts have no password yet, as the install's first owner (`accounts.services.
create_local_owner`): each is given one with `mutuals user passwd NAME`. They are known as the
demo's by their e-mail address on the reserved `.invalid` domain (RFC 2606: nothing is ever
delivered there), so loading never takes over, and clearing never removes, a real user who
happens to be called "dana". Loading fills in whatever is missing, so running it twice adds
nothing; clearing deletes the four accounts and, with them, everything that is theirs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mutuals.accounts import roles
from mutuals.assignments import services as assignment_services
from mutuals.assignments.models import Assignment
from mutuals.coaching import services as coaching_services
from mutuals.coaching.access import active_link
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import Level, allows
from mutuals.core.drafts import Purpose
from mutuals.demo.services import has_demo, load_demo
from mutuals.feedback import services as feedback_services
from mutuals.feedback.models import DraftReview
from mutuals.people.models import Person

DEMO_DOMAIN = "demo.invalid"
COACH = "coach"
COACH_FIRST_NAME = "Jim"


@dataclass(frozen=True, slots=True)
class DemoClient:
    username: str
    first_name: str
    level: Level
    seed: int
    assignment: str  # a template key of core.assignments


CLIENTS = (
    DemoClient("dana", "Dana", Level.PROGRESS, 7, "list-former-colleagues"),
    DemoClient("sam", "Sam", Level.PLAN, 11, "give-to-dormant-tie"),
    DemoClient("lee", "Lee", Level.NETWORK, 13, "ask-for-advice"),
)
USERNAMES = (COACH, *(client.username for client in CLIENTS))

DRAFT = (
    "Hi {first},\n\n"
    "I hope all is well at {organization}. I was laid off last month and I am looking for a "
    "new role. Could you pass my resume to your hiring manager?\n\n"
    "Thanks,\n{me}"
)
PASSAGE = "Could you pass my resume to your hiring manager?"
COMMENT = (
    "Asking for a referral in your first message in a while puts them on the spot. Ask about "
    "their work first, and suggest a short call."
)
SUGGESTION = (
    "Could we talk for twenty minutes in the next few weeks? I would love to hear what your "
    "team is working on."
)


@dataclass(frozen=True, slots=True)
class CoachDemo:
    """What `load_coach_demo` found and added."""

    coach: str
    clients: tuple[tuple[str, Level], ...]  # (user name, level), in CLIENTS' order
    added: int  # accounts, networks, links, drafts and assignments added by this run
    without_password: tuple[str, ...]  # the demo accounts nobody has set a password for yet


def demo_address(username: str) -> str:
    return f"{username}@{DEMO_DOMAIN}"


def demo_accounts() -> QuerySet[AbstractBaseUser]:
    """The coaching demo's accounts that exist (the user name and the demo address both)."""
    return get_user_model().objects.filter(
        username__in=USERNAMES, email__in=[demo_address(name) for name in USERNAMES]
    )


def has_coach_demo() -> bool:
    return demo_accounts().exists()


def _check_names_are_free() -> None:
    """A ValidationError, before anything is written, when a user the demo did not make holds
    one of its names."""
    same_name = Q()
    for name in USERNAMES:
        same_name |= Q(username__iexact=name)
    others = get_user_model().objects.filter(same_name).exclude(pk__in=demo_accounts())
    taken = [user.get_username() for user in others]
    if taken:
        names = ", ".join(f"'{name}'" for name in sorted(taken))
        raise ValidationError(
            {
                "username": [
                    f"This install already has a user called {names}, whom the coaching demo "
                    "did not make: the demo needs the names coach, dana, sam and lee."
                ]
            }
        )


def _account(username: str, first_name: str) -> tuple[AbstractBaseUser, bool]:
    """The demo account called `username`, made without a password if missing."""
    User = get_user_model()
    found = User.objects.filter(username=username, email=demo_address(username)).first()
    if found is not None:
        return found, False
    user = User(username=username, first_name=first_name, email=demo_address(username))
    user.set_unusable_password()
    user.save()
    return user, True


def _link(
    coach: AbstractBaseUser, client: AbstractBaseUser, level: Level, now: dt.datetime
) -> bool:
    """Link them by the coach's invitation and the client's acceptance, unless a link (or an
    invitation) between them is already open."""
    open_states = (CoachLink.INVITED, CoachLink.ACTIVE)
    if CoachLink.objects.filter(coach=coach, client=client, state__in=open_states).exists():
        return False
    _invitation, code = coaching_services.invite_client(coach=coach, now=now)
    coaching_services.accept(user=client, code=code, level=level.value, now=now)
    return True


def _recipient(client: AbstractBaseUser) -> Person | None:
    """Someone from the client's demo network to write to: a friend who works somewhere."""
    return (
        Person.objects.filter(owner=client, is_demo=True, tier="friend", organization__isnull=False)
        .select_related("organization")
        .order_by("search_name", "pk")
        .first()
    )


def _draft(
    coach: AbstractBaseUser, client: AbstractBaseUser, first_name: str, now: dt.datetime
) -> bool:
    """The client's draft sent to the coach, with the coach's comment and suggested wording;
    none below plan level, where drafts are not shared."""
    if DraftReview.objects.filter(client=client, coach=coach).exists():
        return False
    link = active_link(coach=coach, client_id=client.pk)
    if link is None or not allows(link.level, Level.PLAN):
        return False
    recipient = _recipient(client)
    first = recipient.first_name if recipient else "Alex"
    organization = recipient.organization.name if recipient and recipient.organization else "work"
    review = feedback_services.send_for_review(
        client=client,
        coach_id=coach.pk,
        text=DRAFT.format(first=first, organization=organization, me=first_name),
        subject="Catching up",
        purpose=Purpose.RECONNECT.value,
        recipient_id=recipient.pk if recipient else None,
        now=now,
    )
    feedback_services.comment_on_passage(
        coach=coach,
        review_id=review.pk,
        passage=PASSAGE,
        comment=COMMENT,
        suggestion=SUGGESTION,
        now=now,
    )
    return True


def _assignment(
    coach: AbstractBaseUser, client: AbstractBaseUser, template_key: str, today: dt.date
) -> bool:
    if Assignment.objects.filter(client=client, coach=coach).exists():
        return False
    assignment_services.assign(
        coach=coach, client_ids=[client.pk], template_key=template_key, today=today
    )
    return True


@transaction.atomic
def load_coach_demo(*, today: dt.date | None = None, now: dt.datetime | None = None) -> CoachDemo:
    """Make the coaching demo, or fill in what is missing of it (in one transaction). A
    ValidationError, with nothing written, when a user the demo did not make has one of its
    names."""
    now = now or timezone.now()
    day = today or timezone.localdate(now)
    _check_names_are_free()
    coach, made = _account(COACH, COACH_FIRST_NAME)
    added = int(made)
    if not roles.is_coach(coach):
        coach = roles.set_role(by=None, user_id=coach.pk, role=roles.COACH)
    for spec in CLIENTS:
        client, made = _account(spec.username, spec.first_name)
        added += made
        if not has_demo(owner=client):
            load_demo(owner=client, seed=spec.seed, today=day)
            added += 1
        added += _link(coach, client, spec.level, now)
        added += _draft(coach, client, spec.first_name, now)
        added += _assignment(coach, client, spec.assignment, day)
    return CoachDemo(
        coach=COACH,
        clients=tuple((spec.username, spec.level) for spec in CLIENTS),
        added=added,
        without_password=tuple(
            user.get_username()
            for user in sorted(demo_accounts(), key=lambda u: USERNAMES.index(u.get_username()))
            if not user.has_usable_password()
        ),
    )


@transaction.atomic
def clear_coach_demo() -> int:
    """Delete the coaching demo's accounts and everything that is theirs (networks, links,
    drafts, assignments); every other user's records stay. Returns the accounts removed."""
    accounts = list(demo_accounts())
    for user in accounts:
        user.delete()
    return len(accounts)

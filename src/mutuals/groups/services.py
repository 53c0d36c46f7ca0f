"""Every write to groups: create one, invite, join, choose what to pool, withdraw, leave.

Keyword-only, the acting user explicit (`by`), one transaction each. Who may:
- create a group: an administrator of the install (`accounts.roles.is_admin`); they become its
  first group administrator;
- invite (a new link code, or e-mail invitations from a CSV list): a group administrator or an
  install administrator;
- join: anyone holding the group's current link code, or an e-mail invitation's code;
- choose what to pool, withdraw, leave: the member, for themselves only.

Pooling copies only a name, an organisation, a title and a coarse closeness of each person in
the member's chosen scope (`rebuild_pool`); withdrawing deletes every row at once. When a
member's records change (`changes.tracking.bump`), their memberships are marked stale in one
indexed UPDATE (`mark_stale`); a search rebuilds the stale members it would count, and a few
others, before it counts (`refresh_pool`), and never counts a member still stale, so a person
taken out of a circle, archived or moved stops being counted at the next search. A person
deleted leaves the pool with their row (a cascade).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutuals.accounts.roles import is_admin
from mutuals.changes.tracking import EVERYONE
from mutuals.core import pool
from mutuals.core.codes import hash_code, new_code, normalise_code
from mutuals.core.names import fold
from mutuals.groups import history
from mutuals.groups.models import (
    Group,
    GroupInvitation,
    InvitationBatch,
    Membership,
    PooledPerson,
    PooledReach,
)
from mutuals.people.models import Circle, Person

INVITATION_DAYS = 14
# Stale members a search rebuilds at most before it counts (those it would count first); any
# left (after a command marked everyone stale) are not counted until a later search rebuilds
# them. One member of 100 people takes about 80 ms to rebuild.
REBUILT_PER_SEARCH = 20
# A search that finds more stale members than it rebuilds hands the group to the task queue
# (groups/drain.py), which rebuilds them all, this many to a transaction's batch.
DRAIN_BATCH = 50
MAX_EMAILS = 5000
SCOPES = (Membership.NONE, Membership.ALL, Membership.CIRCLES, Membership.PEOPLE)

NOT_AN_ADMIN = "Only an administrator of this install can create a group."
NOT_A_GROUP_ADMIN = "Only an administrator of this group can invite people to it."
UNKNOWN_CODE = "That code is not one we know. Check it against the one you were given."
USED_CODE = "That invitation has already been used: each e-mail invitation works once."
EXPIRED_CODE = "That invitation has expired. Ask the group's administrator for a new one."
ALREADY_MEMBER = "You already belong to {name}."
LAST_ADMIN = "You are this group's only administrator: name another one before you leave."


def join_path(code: str) -> str:
    """The address (path) that joins a group with a code: /groups/join/<code>."""
    return f"/groups/join/{code}"


def _check_group_admin(*, by: AbstractBaseUser, group: Group) -> None:
    """An install administrator, or the group's; a member is refused (PermissionDenied), and
    for anyone else the group does not exist (Membership.DoesNotExist)."""
    if is_admin(by):
        return
    role = Membership.objects.filter(group=group, user=by).values_list("role", flat=True).first()
    if role is None:
        raise Membership.DoesNotExist
    if role != Membership.ADMIN:
        raise PermissionDenied(NOT_A_GROUP_ADMIN)


def group_for_admin(*, by: AbstractBaseUser, group_id: int) -> Group:
    """A group its administrator (or an install administrator) manages; PermissionDenied for
    a member, Group or Membership.DoesNotExist for anyone else."""
    group = Group.objects.get(pk=group_id)
    _check_group_admin(by=by, group=group)
    return group


def membership_of(*, user: AbstractBaseUser, group_id: int) -> Membership:
    """The user's membership of a group; Membership.DoesNotExist when they do not belong (the
    group then does not exist for them)."""
    return Membership.objects.select_related("group").get(group_id=group_id, user=user)


# ---- groups and invitations -------------------------------------------------------------


@transaction.atomic
def create_group(*, by: AbstractBaseUser, name: str, daily_searches: int | None = None) -> Group:
    """A new group, its creator its first administrator (pooling nothing)."""
    if not is_admin(by):
        raise PermissionDenied(NOT_AN_ADMIN)
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError({"name": ["Give the group a name, like 'Northfield alumni'."]})
    if len(clean) > 120:
        raise ValidationError({"name": ["A group's name is at most 120 characters."]})
    if daily_searches is not None and not 1 <= daily_searches <= 1000:
        raise ValidationError({"daily_searches": ["A daily limit is from 1 to 1000 searches."]})
    key = fold(clean)[:120]
    if Group.objects.filter(search_name=key).exists():
        raise ValidationError({"name": [f"There is already a group called '{clean}'."]})
    fields = {} if daily_searches is None else {"daily_searches": daily_searches}
    group = Group.objects.create(name=clean, search_name=key, created_by=by, **fields)
    Membership.objects.create(group=group, user=by, role=Membership.ADMIN, joined_at=timezone.now())
    history.note(group_id=group.pk, joined=1)
    return group


@transaction.atomic
def new_link_code(*, by: AbstractBaseUser, group_id: int) -> str:
    """The group's join link, a new code each time (the previous one stops working)."""
    group = Group.objects.select_for_update().get(pk=group_id)
    _check_group_admin(by=by, group=group)
    code = new_code()
    group.link_code_hash = hash_code(code)
    group.save(update_fields=["link_code_hash"])
    return code


def _addresses(text: str) -> list[str]:
    """The addresses of a CSV list: the first column of each row (a header row "email" is
    skipped). A bad line is named; nothing is kept then."""
    found: dict[str, None] = {}
    errors: list[str] = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cell = row[0].strip() if row else ""
        if not cell or (number == 1 and cell.casefold() in ("email", "e-mail", "address")):
            continue
        try:
            validate_email(cell)
        except ValidationError:
            errors.append(f"Line {number}: '{cell[:80]}' is not an e-mail address.")
            continue
        found.setdefault(cell.lower(), None)
    if errors:
        raise ValidationError({"emails": errors[:20]})
    if not found:
        raise ValidationError({"emails": ["The list has no e-mail addresses: one per line."]})
    if len(found) > MAX_EMAILS:
        raise ValidationError({"emails": [f"Invite at most {MAX_EMAILS} addresses at a time."]})
    return list(found)


@transaction.atomic
def invite_emails(
    *,
    by: AbstractBaseUser,
    group_id: int,
    csv_text: str,
    days: int = INVITATION_DAYS,
    now: dt.datetime | None = None,
) -> list[tuple[str, str]]:
    """Single-use invitations for each address of a CSV list: (address, code) pairs, the codes
    shown only now (only their hashes are kept). A bad line is named and nothing is made."""
    now = now or timezone.now()
    group = Group.objects.get(pk=group_id)
    _check_group_admin(by=by, group=group)
    if not 1 <= days <= 60:
        raise ValidationError({"days": ["An invitation lasts from 1 to 60 days."]})
    pairs = [(address, new_code()) for address in _addresses(csv_text)]
    GroupInvitation.objects.bulk_create(
        GroupInvitation(
            group=group,
            email=address,
            code_hash=hash_code(code),
            invited_by=by,
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
        for address, code in pairs
    )
    return pairs


@transaction.atomic
def invite_emails_later(
    *,
    by: AbstractBaseUser,
    group_id: int,
    csv_text: str,
    days: int = INVITATION_DAYS,
    link_root: str = "",
    now: dt.datetime | None = None,
) -> InvitationBatch:
    """A list of invitations to send in the background (`groups.invitations`), each waiting,
    by `invite_emails`' rules. No code is made now: each gets its own when its e-mail goes
    (the hash kept meanwhile is of a code no one is shown)."""
    now = now or timezone.now()
    group = Group.objects.get(pk=group_id)
    _check_group_admin(by=by, group=group)
    if not 1 <= days <= 60:
        raise ValidationError({"days": ["An invitation lasts from 1 to 60 days."]})
    addresses = _addresses(csv_text)
    batch = InvitationBatch.objects.create(
        group=group,
        invited_by=by,
        created_at=now,
        days=days,
        link_root=link_root[:300],
        total=len(addresses),
    )
    GroupInvitation.objects.bulk_create(
        (
            GroupInvitation(
                group=group,
                batch=batch,
                state=GroupInvitation.WAITING,
                email=address,
                code_hash=hash_code(new_code()),
                invited_by=by,
                created_at=now,
                expires_at=now + dt.timedelta(days=days),
            )
            for address in addresses
        ),
        batch_size=1000,
    )
    return batch


def _opened_by(
    user: AbstractBaseUser, code: str, now: dt.datetime, *, lock: bool
) -> tuple[Group, GroupInvitation | None]:
    """The group a code opens for the user, and the e-mail invitation it is (None for a
    link); ValidationError with a sentence for an unknown, used or expired code, or for a
    group the user already belongs to."""
    if not normalise_code(code):
        raise ValidationError({"code": ["Type the code you were given (like ABCD-EFGH-JKLM)."]})
    digest = hash_code(code)
    group = Group.objects.filter(link_code_hash=digest).first()
    invitation = None
    if group is None:
        invitations = GroupInvitation.objects.select_related("group")
        if lock:
            invitations = invitations.select_for_update()
        invitation = invitations.filter(code_hash=digest).first()
        if invitation is None:
            raise ValidationError({"code": [UNKNOWN_CODE]})
        if invitation.used_at is not None or invitation.account_id not in (None, user.pk):
            raise ValidationError({"code": [USED_CODE]})
        if invitation.expires_at <= now:
            raise ValidationError({"code": [EXPIRED_CODE]})
        group = invitation.group
    if Membership.objects.filter(group=group, user=user).exists():
        raise ValidationError({"code": [ALREADY_MEMBER.format(name=group.name)]})
    return group, invitation


def group_for_code(*, user: AbstractBaseUser, code: str, now: dt.datetime | None = None) -> Group:
    """The group a code would join, read only (nothing used up): ValidationError with `join`'s
    own sentences for an unknown, used or expired code, or a group the user belongs to."""
    return _opened_by(user, code, now or timezone.now(), lock=False)[0]


@transaction.atomic
def join(*, user: AbstractBaseUser, code: str, now: dt.datetime | None = None) -> Membership:
    """Join the group a code opens (its link, or an e-mail invitation, which it uses up), by
    `group_for_code`'s rules, the invitation locked."""
    now = now or timezone.now()
    group, invitation = _opened_by(user, code, now, lock=True)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(group=group, user=user, joined_at=now)
    except IntegrityError:
        raise ValidationError({"code": [ALREADY_MEMBER.format(name=group.name)]}) from None
    if invitation is not None:
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
    history.note(group_id=group.pk, day=timezone.localdate(now), joined=1)
    return membership


@transaction.atomic
def leave(*, user: AbstractBaseUser, group_id: int, now: dt.datetime | None = None) -> None:
    """Leave a group: the membership and every pooled row of it go at once; the group's
    history counts one more who left (`groups.history`)."""
    membership = Membership.objects.select_for_update().get(group_id=group_id, user=user)
    if membership.role == Membership.ADMIN:
        others = Membership.objects.filter(group_id=group_id, role=Membership.ADMIN)
        if not others.exclude(pk=membership.pk).exists():
            raise ValidationError({"group": [LAST_ADMIN]})
    PooledPerson.objects.filter(member=membership).delete()
    PooledReach.objects.filter(member=membership).delete()
    _cancel_asked(membership)
    history.note_left(membership, day=timezone.localdate(now or timezone.now()))
    membership.delete()


# ---- pooling -----------------------------------------------------------------------------


def _chosen_circles(user: AbstractBaseUser, names: Iterable[str]) -> list[Circle]:
    wanted = {fold(name.strip())[:60]: name.strip() for name in names if name.strip()}
    if not wanted:
        raise ValidationError({"circles": ["Name at least one of your circles to pool."]})
    found = list(Circle.objects.filter(owner=user, search_name__in=wanted))
    missing = sorted(set(wanted) - {circle.search_name for circle in found})
    if missing:
        names_missing = ", ".join(f"'{wanted[key]}'" for key in missing)
        raise ValidationError({"circles": [f"You have no circle called {names_missing}."]})
    return found


def _chosen_people(user: AbstractBaseUser, ids: Sequence[int]) -> list[Person]:
    wanted = set(ids)
    if not wanted:
        raise ValidationError({"people": ["Choose at least one person to pool."]})
    found = list(Person.objects.filter(owner=user, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"people": ["Some of those people are not in your network."]})
    return found


def _people_in(user: AbstractBaseUser, circles: Sequence[str]) -> list[int]:
    """The ids of the user's people in these circles (named; an unknown one is refused)."""
    found = _chosen_circles(user, circles)
    return list(
        Person.objects.filter(owner=user, circles__in=found).distinct().values_list("pk", flat=True)
    )


def pooled_people(membership: Membership):  # type: ignore[no-untyped-def]
    """The member's people their scope pools now: known (a closeness), not archived."""
    people = Person.objects.filter(
        owner_id=membership.user_id, tier__isnull=False, archived_at__isnull=True
    )
    if membership.scope == Membership.ALL:
        return people
    if membership.scope == Membership.CIRCLES:
        return people.filter(circles__in=membership.circles.all()).distinct()
    if membership.scope == Membership.PEOPLE:
        return people.filter(pk__in=membership.people.values("pk"))
    return people.none()


def _row(membership: Membership, person_id: int, values: dict[str, str | None]) -> PooledPerson:
    name = values["full_name"] or ""
    organisation = values["organization__name"] or ""
    title = values["title"] or ""
    closeness = pool.closeness_of(values["tier"])
    assert closeness is not None  # pooled_people keeps only people with a closeness
    return PooledPerson(
        group_id=membership.group_id,
        member=membership,
        person_id=person_id,
        name=name,
        organisation=organisation,
        title=title,
        closeness=pool.closeness_rank(closeness),
        name_key=pool.name_key(name)[:320],
        organisation_key=pool.organisation_key(organisation)[:200],
        words_key=pool.words_key(title, organisation)[:420],
    )


def rebuild_pool(membership: Membership) -> int:
    """Replace the member's pooled rows with what their scope pools now; how many. Only the
    name, organisation, title and tier are read: nothing else can be copied. Call it inside a
    transaction holding the membership's row lock: the stale mark is cleared before the records
    are read, so a change committed meanwhile marks it stale again (it waits for the lock)."""
    Membership.objects.filter(pk=membership.pk).update(stale=False)
    membership.stale = False
    PooledPerson.objects.filter(member=membership).delete()
    PooledReach.objects.filter(member=membership).delete()
    found = pooled_people(membership).values_list(
        "pk", "full_name", "organization__name", "title", "tier"
    )
    rows = [
        _row(membership, pk, {"full_name": n, "organization__name": o, "title": t, "tier": r})
        for pk, n, o, t, r in found
    ]
    PooledPerson.objects.bulk_create(rows, batch_size=2000)
    PooledReach.objects.bulk_create(_reach(membership, rows), batch_size=2000)
    return len(rows)


def _reach(membership: Membership, rows: list[PooledPerson]) -> list[PooledReach]:
    """The member's warmest closeness at each organisation their rows name."""
    best: dict[str, int] = {}
    for row in rows:
        if row.organisation_key:
            best[row.organisation_key] = min(row.closeness, best.get(row.organisation_key, 9))
    return [
        PooledReach(
            group_id=membership.group_id, member=membership, organisation_key=key, closeness=rank
        )
        for key, rank in best.items()
    ]


def mark_stale(*, owner_id: int) -> int:
    """The owner's pooling memberships (EVERYONE: every pooling membership of the install) are
    stale: one UPDATE through the user index; how many were marked."""
    members = Membership.objects.filter(stale=False).exclude(scope=Membership.NONE)
    if owner_id != EVERYONE:
        members = members.filter(user_id=owner_id)
    return members.update(stale=True)


def records_changed_receiver(sender: object, owner_id: int, **kwargs: object) -> None:
    """`changes.tracking.records_changed`: the owner's pooled rows may be out of date."""
    mark_stale(owner_id=owner_id)


@transaction.atomic
def set_pooling(
    *,
    user: AbstractBaseUser,
    group_id: int,
    scope: str,
    circles: Sequence[str] = (),
    people: Sequence[int] = (),
    add_circles: Sequence[str] = (),
    now: dt.datetime | None = None,
) -> Membership:
    """Choose what this member pools to the group: nothing, all, some circles (by name) or
    chosen people (by id, with everyone now in `add_circles`, by name, added to them); their
    rows are rebuilt at once. Starting or stopping is counted in the group's history."""
    if scope not in SCOPES:
        raise ValidationError(
            {"scope": [f"'{scope}' is not a choice: choose {', '.join(SCOPES)}."]}
        )
    membership = Membership.objects.select_for_update().get(group_id=group_id, user=user)
    chosen_circles = _chosen_circles(user, circles) if scope == Membership.CIRCLES else []
    if scope == Membership.PEOPLE and add_circles:
        people = [*people, *_people_in(user, add_circles)]
    chosen_people = _chosen_people(user, people) if scope == Membership.PEOPLE else []
    day = timezone.localdate(now or timezone.now())
    history.note_scope_change(membership, membership.scope, scope, day=day)
    membership.scope = scope
    membership.save(update_fields=["scope"])
    membership.circles.set(chosen_circles)
    membership.people.set(chosen_people)
    if scope == Membership.NONE:
        PooledPerson.objects.filter(member=membership).delete()
        PooledReach.objects.filter(member=membership).delete()
        Membership.objects.filter(pk=membership.pk).update(stale=False)  # nothing to rebuild
        _cancel_asked(membership)
    else:
        rebuild_pool(membership)
    return membership


def withdraw(
    *, user: AbstractBaseUser, group_id: int, now: dt.datetime | None = None
) -> Membership:
    """Stop pooling to this group: every row of theirs goes at once."""
    return set_pooling(user=user, group_id=group_id, scope=Membership.NONE, now=now)


def rebuild_members(member_ids: Iterable[int]) -> int:
    """Rebuild these members' rows (those still pooling and stale); how many. Each in its own
    transaction, locked, so two searches never rebuild one member twice over (the second finds
    it fresh)."""
    rebuilt = 0
    for member_id in member_ids:
        with transaction.atomic():
            membership = Membership.objects.select_for_update().filter(pk=member_id).first()
            if membership is None or not membership.stale:
                continue
            if membership.scope == Membership.NONE:
                Membership.objects.filter(pk=member_id).update(stale=False)
                continue
            rebuild_pool(membership)
            rebuilt += 1
    return rebuilt


# ---- searching ---------------------------------------------------------------------------


class SearchLimitReached(Exception):
    """The member made their day's pooled searches in this group."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"You have made your {limit} pooled searches for today in this group; "
            "searches open again tomorrow."
        )


def _count_up(model: type, match: dict[str, object]) -> int:
    """Add one to a day's counter row (made when missing); its new count. One statement
    (UPDATE ... RETURNING) when the row is there, as it is after a day's first search."""
    from django.db import connection
    from django.db.models import Model

    meta = model._meta  # type: ignore[attr-defined]
    columns, params = [], []
    for name, value in match.items():
        columns.append(f"{connection.ops.quote_name(meta.get_field(name).column)} = %s")
        params.append(value.pk if isinstance(value, Model) else value)
    sql = (
        f"UPDATE {connection.ops.quote_name(meta.db_table)} SET count = count + 1 "
        f"WHERE {' AND '.join(columns)} RETURNING count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is not None:
        return int(found[0])
    try:
        with transaction.atomic():
            model.objects.create(count=1, **match)  # type: ignore[attr-defined]
            return 1
    except IntegrityError:  # made meanwhile by another search
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return int(cursor.fetchone()[0])


@transaction.atomic(savepoint=False)
def _counted(membership: Membership, kind: str, today: dt.date) -> None:
    """Count the search against the member's daily limit (refused past it: nothing counted)
    and in the group's log for its administrators (the kind only, never the text)."""
    from mutuals.groups.models import MemberSearches, SearchLog

    done = _count_up(MemberSearches, {"member": membership, "day": today})
    if done > membership.group.daily_searches:
        raise SearchLimitReached(membership.group.daily_searches)
    _count_up(SearchLog, {"group": membership.group, "day": today, "kind": kind})


def search(
    *,
    user: AbstractBaseUser,
    group_id: int,
    person: str | None = None,
    organisation: str | None = None,
    words: str | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> tuple[pool.PoolAnswer, str]:
    """A member's pooled search: the counts and the sentence that says them. A target that is
    not specific is refused (ValidationError) before it counts against the daily limit
    (SearchLimitReached past it). Stale pooled rows are rebuilt before anything is counted."""
    from mutuals.groups import selectors

    now = now or timezone.now()
    today = today or timezone.localdate(now)
    membership = membership_of(user=user, group_id=group_id)
    target = selectors.target_of(person=person, organisation=organisation, words=words)
    with transaction.atomic():  # one transaction for the search's three small writes
        _counted(membership, target.kind, today)
        _remember_searched(membership, target, now)
    searched = {"group_id": group_id, "searcher_member_id": membership.pk, "target": target}
    refresh_pool(**searched)
    answer = selectors.pooled_search(**searched)
    return answer, pool.answer_words(answer, target.said)


def refresh_pool(*, group_id: int, searcher_member_id: int, target: object) -> int:
    """Before a search counts: rebuild the group's stale members whose rows match the target,
    then other stale ones (their records may match now), `REBUILT_PER_SEARCH` at most in all;
    how many. Reads only the stale members (a partial index), never every member's version."""
    from mutuals.groups import selectors

    assert isinstance(target, selectors.Target)
    stale = selectors.stale_members(group_id=group_id, limit=REBUILT_PER_SEARCH + 1)
    if not stale:
        return 0  # the usual case: one look at an empty partial index
    matched = []
    if len(stale) > REBUILT_PER_SEARCH:  # more than one search rebuilds: those it counts first
        matched = selectors.stale_matches(
            group_id=group_id,
            searcher_member_id=searcher_member_id,
            target=target,
            limit=REBUILT_PER_SEARCH,
        )
    chosen = list(dict.fromkeys([*matched, *stale]))[:REBUILT_PER_SEARCH]
    rebuilt = rebuild_members(chosen)
    if len(stale) > REBUILT_PER_SEARCH:  # more than a search rebuilds: the rest in the background
        from mutuals.groups import drain

        drain.hand_over(group_id)
    return rebuilt


def drain_stale(*, group_id: int) -> int:
    """Rebuild the group's stale members, oldest mark first as far as ids go, `DRAIN_BATCH` at
    a time, until none is left; how many. Bounded: members marked again while it runs are
    rebuilt too, but it stops after twice as many as were stale when it started (and a batch)."""
    from mutuals.groups import selectors

    stale = Membership.objects.filter(group_id=group_id, stale=True).count()
    budget, rebuilt = 2 * stale + DRAIN_BATCH, 0
    while budget > 0:
        batch = selectors.stale_members(group_id=group_id, limit=min(DRAIN_BATCH, budget))
        if not batch:
            break
        rebuilt += rebuild_members(batch)
        budget -= len(batch)
    return rebuilt


# ---- what searching and requesting share -------------------------------------------------


def fingerprint_of(target: object) -> str:
    """A keyed fingerprint of a target (HMAC with the install's secret): the same target
    searched and requested agree, and the stored value does not give the name back."""
    from django.utils.crypto import salted_hmac

    from mutuals.groups.selectors import Target

    assert isinstance(target, Target)
    text = "|".join((target.name_key, target.organisation_key, " ".join(sorted(target.words))))
    return salted_hmac("mutuals.groups.target", text, algorithm="sha256").hexdigest()


def _remember_searched(membership: Membership, target: object, now: dt.datetime) -> None:
    """Keep, for a day, that this member searched this target (its fingerprint only)."""
    from mutuals.groups.models import SearchedTarget

    since = now - dt.timedelta(hours=pool.SEARCHED_WITHIN_HOURS)
    SearchedTarget.objects.filter(member=membership, searched_at__lt=since).delete()
    SearchedTarget.objects.bulk_create(
        [SearchedTarget(member=membership, fingerprint=fingerprint_of(target), searched_at=now)],
        update_conflicts=True,
        unique_fields=["member", "fingerprint"],
        update_fields=["searched_at"],
    )


def _cancel_asked(membership: Membership) -> None:
    """The member stopped pooling or leaves: their open requests are cancelled (the requester
    then reads "no introduction this time", as after a decline)."""
    from mutuals.groups.models import PoolRequest

    PoolRequest.objects.filter(member=membership, status=pool.OPEN).update(
        status=pool.CANCELLED, answered_at=timezone.now()
    )


def user_name(user: AbstractBaseUser) -> str:
    """How a member is named to another member once both agreed: their full name, else their
    user name."""
    full = getattr(user, "get_full_name", lambda: "")()
    return " ".join(str(full).split()) or user.get_username()

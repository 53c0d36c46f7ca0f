"""Every write to groups: the surface the interfaces and other apps import, each part in the
module of its concept. Keyword-only, the acting user explicit (`by`, `user`), one transaction
each.

- `groups.membership`: create a group (an install administrator, its first group
  administrator), its join link (`new_link_code`), join by a code (`group_for_code` reads one
  without using it up), leave; `group_for_admin` and `membership_of` say who may act;
- `groups.invite_lists`: e-mail invitations from a CSV list, made at once or sent in the
  background (a group administrator or an install administrator);
- `groups.pooling`: what a member pools (`set_pooling`, `withdraw`: the member, for themselves
  only), the pooled copies rebuilt (`rebuild_pool`, `rebuild_members`) and marked stale when
  their records change (`mark_stale`);
- `groups.searching`: the pooled search (`search`), its daily limit (`SearchLimitReached`), the
  stale members it rebuilds first (`refresh_pool`) and the queue's drain (`drain_stale`).

Pooling copies only a name, an organisation, a title and a coarse closeness of each person in
the member's chosen scope; withdrawing deletes every row at once. When a member's records
change (`changes.tracking.bump`), their memberships are marked stale in one indexed UPDATE; a
search rebuilds the stale members it would count, and a few others, before it counts, and never
counts a member still stale, so a person taken out of a circle, archived or moved stops being
counted at the next search. A person deleted leaves the pool with their row (a cascade).
"""

from __future__ import annotations

from mutuals.groups.invite_lists import (
    INVITATION_DAYS,
    MAX_EMAILS,
    invite_emails,
    invite_emails_later,
)
from mutuals.groups.membership import (
    ALREADY_MEMBER,
    EXPIRED_CODE,
    LAST_ADMIN,
    NOT_A_GROUP_ADMIN,
    NOT_AN_ADMIN,
    UNKNOWN_CODE,
    USED_CODE,
    create_group,
    group_for_admin,
    group_for_code,
    join,
    join_path,
    leave,
    membership_of,
    new_link_code,
    user_name,
)
from mutuals.groups.pooling import (
    SCOPES,
    mark_stale,
    pooled_people,
    rebuild_members,
    rebuild_pool,
    records_changed_receiver,
    set_pooling,
    withdraw,
)
from mutuals.groups.searching import (
    DRAIN_BATCH,
    REBUILT_PER_SEARCH,
    SearchLimitReached,
    drain_stale,
    fingerprint_of,
    refresh_pool,
    search,
)

__all__ = [
    "ALREADY_MEMBER",
    "DRAIN_BATCH",
    "EXPIRED_CODE",
    "INVITATION_DAYS",
    "LAST_ADMIN",
    "MAX_EMAILS",
    "NOT_AN_ADMIN",
    "NOT_A_GROUP_ADMIN",
    "REBUILT_PER_SEARCH",
    "SCOPES",
    "UNKNOWN_CODE",
    "USED_CODE",
    "SearchLimitReached",
    "create_group",
    "drain_stale",
    "fingerprint_of",
    "group_for_admin",
    "group_for_code",
    "invite_emails",
    "invite_emails_later",
    "join",
    "join_path",
    "leave",
    "mark_stale",
    "membership_of",
    "new_link_code",
    "pooled_people",
    "rebuild_members",
    "rebuild_pool",
    "records_changed_receiver",
    "refresh_pool",
    "search",
    "set_pooling",
    "user_name",
    "withdraw",
]

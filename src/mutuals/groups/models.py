"""Groups (an alumni association, an outplacement firm's clients, a cohort) and their pool.

A `Group` is made by an administrator of the install. Its `Membership`s say who belongs, as a
member or a group administrator, and what each one pools: nothing, everyone they know, the
people in some of their circles, or people they chose. A member's pooled people are copied as
`PooledPerson` rows holding only a name, an organisation, a title and a coarse closeness
(`core.pool`), with normalised keys the search reads through its indexes. The row's `person`
is a private reference used only to rebuild and withdraw; no read ever returns it. A search
for an organisation alone counts `PooledReach`, each member's warmest closeness per
organisation, made from the same rows.

Invitations: one link code per group (`Group.link_code_hash`, SHA-256 only) and single-use
e-mail invitations (`GroupInvitation`). Searches are counted per member and day (the limit)
and per group, day and kind (what group administrators see): never the searched text.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

DAILY_SEARCHES = 30  # a member's pooled searches per group and day, unless the group says


class Group(models.Model):
    name = models.CharField(max_length=120)
    search_name = models.CharField(max_length=120, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    daily_searches = models.PositiveIntegerField(default=DAILY_SEARCHES)
    # The link anyone may join by while it is set; a new one replaces it.
    link_code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["search_name", "id"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    MEMBER, ADMIN = "member", "admin"
    ROLE_CHOICES = [(MEMBER, "member"), (ADMIN, "group administrator")]
    NONE, ALL, CIRCLES, PEOPLE = "none", "all", "circles", "people"
    SCOPE_CHOICES = [
        (NONE, "nothing"),
        (ALL, "everyone I know"),
        (CIRCLES, "people in some of my circles"),
        (PEOPLE, "people I choose"),
    ]

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(max_length=10, choices=ROLE_CHOICES, default=MEMBER)
    scope = models.CharField(max_length=10, choices=SCOPE_CHOICES, default=NONE)
    circles = models.ManyToManyField("people.Circle", blank=True, related_name="+")
    people = models.ManyToManyField("people.Person", blank=True, related_name="+")
    joined_at = models.DateTimeField()
    # Set when the member's records changed since their pooled rows were built (a request or a
    # command of theirs wrote, or the admin site or a command acting on others wrote anyone's:
    # `changes.tracking.bump`); a search or a request rebuilds stale members before it counts
    # (a few, those it would count first) and never counts or asks one still stale.
    stale = models.BooleanField(default=False)

    class Meta:
        ordering = ["group_id", "joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_one_per_user")
        ]
        indexes = [
            models.Index(fields=["user"], name="membership_user"),
            # A search reads only the few stale members of its group, never every member.
            models.Index(fields=["group"], condition=models.Q(stale=True), name="membership_stale"),
        ]

    def __str__(self) -> str:
        return f"membership {self.pk}"


class PooledPerson(models.Model):
    """One person a member pools to a group: only what a search may match on."""

    # No index of its own: the two search indexes start with the group.
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+", db_index=False)
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="pooled")
    # Private: for rebuilding and withdrawing only; a person deleted leaves the pool with it.
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=320)
    organisation = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    closeness = models.PositiveSmallIntegerField()  # core.pool.CLOSENESS's index: 0 is close
    name_key = models.CharField(max_length=320)
    organisation_key = models.CharField(max_length=200)
    words_key = models.CharField(max_length=420)

    class Meta:
        # The search's two ways in, each covering what the count reads (the member and the
        # closeness), so a large organisation is counted from the index alone; on PostgreSQL
        # the organisation's also carries the words (INCLUDE), so words at an organisation are
        # matched there too, without reading the table. The member's own index is the foreign
        # key's. Words alone: a trigram index on PostgreSQL (migration 0003).
        indexes = [
            models.Index(
                fields=["group", "organisation_key", "member", "closeness"],
                include=["words_key"],
                name="pooled_group_org_words",
            ),
            models.Index(
                fields=["group", "name_key", "member", "closeness"], name="pooled_group_name"
            ),
        ]

    def __str__(self) -> str:
        return f"pooled row {self.pk}"


class PooledReach(models.Model):
    """One row per member and organisation they pool someone at, with their warmest closeness
    there: what a search for an organisation counts (one row per member instead of one per
    person), made with the member's pooled rows (`services.rebuild_pool`) and gone with them."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+", db_index=False)
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    organisation_key = models.CharField(max_length=200)
    closeness = models.PositiveSmallIntegerField()  # the warmest of the member's rows there

    class Meta:
        indexes = [
            models.Index(
                fields=["group", "organisation_key", "member", "closeness"], name="reach_group_org"
            )
        ]

    def __str__(self) -> str:
        return f"pooled reach {self.pk}"


class InvitationBatch(models.Model):
    """A list of e-mail invitations sent in the background (the task queue): who sent it, when,
    and where join links start. Each address's progress is on its `GroupInvitation`."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    days = models.PositiveSmallIntegerField()
    link_root = models.CharField(max_length=300, blank=True)  # where join links start
    total = models.PositiveIntegerField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invitation list {self.pk}"


class GroupInvitation(models.Model):
    """An e-mail invitation: its code works once, for the address it was sent to.

    Sent in the background, its code is made only when its e-mail goes (`state` waiting →
    sending → sent or failed; the raw code is never stored, only its hash), so a retry sends
    only the failed ones and a code that reached no one was never known to anyone. The code
    also lets a person with no account make one, once (`account`)."""

    WAITING, SENDING, SENT, FAILED = "waiting", "sending", "sent", "failed"
    STATE_CHOICES = [
        ("", "made, not sent by mutuals"),
        (WAITING, "waiting to be sent"),
        (SENDING, "being sent"),
        (SENT, "sent"),
        (FAILED, "not sent"),
    ]

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254)
    code_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        InvitationBatch,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        db_index=False,  # the (batch, state) index starts with it
    )
    state = models.CharField(max_length=10, choices=STATE_CHOICES, blank=True, default="")
    reason = models.CharField(max_length=300, blank=True)  # why it was not sent, in words
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The account a person with none made with this code (once).
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["batch", "state"], name="invitation_batch_state")]

    def __str__(self) -> str:
        return f"group invitation {self.pk}"


class MemberSearches(models.Model):
    """How many pooled searches a member made on a day (the daily limit reads it)."""

    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "day"], name="membersearches_one_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.count} searches on {self.day}"


class SearchLog(models.Model):
    """What a group's administrators see of searches: how many of each kind, per day."""

    PERSON, ORGANISATION, WORDS = "person", "organisation", "words"
    KIND_CHOICES = [(PERSON, "a person"), (ORGANISATION, "an organisation"), (WORDS, "words")]

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    kind = models.CharField(max_length=15, choices=KIND_CHOICES)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["group", "day", "kind"], name="searchlog_one_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.count} {self.kind} searches on {self.day}"


class SearchedTarget(models.Model):
    """That a member searched a target lately: a keyed fingerprint (HMAC) of the target, never
    its text, kept a day so a request can be only for a target its member searched."""

    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    searched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "fingerprint"], name="searchedtarget_one_per_target"
            )
        ]

    def __str__(self) -> str:
        return f"searched target {self.pk}"


class PoolRequest(models.Model):
    """A member's request for an introduction through the pool (`core.pool`'s statuses).

    `member` is who was asked: never shown to the requester until they accept. `target` is the
    asked member's own person (private to them). A member who leaves keeps no request: theirs
    are cancelled first and the reference cleared.
    """

    STATUS_CHOICES = [
        ("open", "waiting for an answer"),
        ("accepted", "accepted"),
        ("declined", "declined"),
        ("cancelled", "cancelled"),
    ]

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    requester = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="requests")
    member = models.ForeignKey(
        Membership, null=True, on_delete=models.SET_NULL, related_name="asked"
    )
    target = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_said = models.CharField(max_length=600)  # what the requester searched, their words
    fingerprint = models.CharField(max_length=64)
    note = models.TextField()  # with the notice for the person in the pool
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="open")
    day = models.DateField()
    requested_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    introduction = models.ForeignKey(
        "network.Introduction", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thanked_at = models.DateTimeField(null=True, blank=True)  # the requester thanked the member

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["requester", "day"], name="poolrequest_requester_day"),
            models.Index(fields=["member", "status"], name="poolrequest_member_status"),
        ]

    def __str__(self) -> str:
        return f"pool request {self.pk} ({self.status})"


class RequestLog(models.Model):
    """What a group's administrators see of requests: how many were made and accepted, per
    day (never by whom or for whom)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    requested = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["group", "day"], name="requestlog_one_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.requested} requests on {self.day}"


class MemberLog(models.Model):
    """What a group's administrators see of its members over time: how many joined, left,
    started and stopped pooling, per day (never who). Written as it happens, so a month's
    figures stay what they were when members leave later."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    joined = models.PositiveIntegerField(default=0)
    left = models.PositiveIntegerField(default=0)
    started_pooling = models.PositiveIntegerField(default=0)
    stopped_pooling = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["group", "day"], name="memberlog_one_a_day")]

    def __str__(self) -> str:
        return f"{self.joined} joined on {self.day}"

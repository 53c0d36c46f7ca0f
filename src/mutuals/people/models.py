"""People you know (or know of), their organisations and the circles you put them in."""

from __future__ import annotations

import calendar

from django.conf import settings
from django.db import models

from mutuals.core import positions
from mutuals.core import reciprocity_words as reciprocity  # the balance label alone
from mutuals.core.cadence import TIER_LABELS, Tier

TIER_CHOICES = [(tier.value, TIER_LABELS[tier]) for tier in Tier]


class Organization(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    name = models.CharField(max_length=200)
    search_name = models.CharField(max_length=200, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "search_name"], name="org_unique_per_owner")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Circle(models.Model):
    """A tag that groups people: work, community, services, family..."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    name = models.CharField(max_length=60)
    search_name = models.CharField(max_length=60, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "search_name"], name="circle_unique_per_owner")
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Anyone you know or know of; `tier` is null for people you only know of."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    first_name = models.CharField(max_length=100, blank=True)
    middle_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    nickname = models.CharField(max_length=100, blank=True)
    # The name as the person or their card writes it ("王小明", "Dr. Ngozi Okafor-Jones"); shown
    # instead of the parts joined when set, never re-cased or re-ordered.
    display_name = models.CharField(max_length=320, blank=True)
    name_prefix = models.CharField(max_length=40, blank=True)
    name_suffix = models.CharField(max_length=40, blank=True)
    phonetic_name = models.CharField(max_length=200, blank=True)
    full_name = models.CharField(max_length=320, editable=False)
    search_name = models.CharField(max_length=320, editable=False, db_index=True)

    linkedin_url = models.URLField(max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    circles = models.ManyToManyField(Circle, blank=True, related_name="people")
    interests = models.TextField(blank=True, help_text="Values and interests.")
    how_met = models.CharField(max_length=300, blank=True)
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    notes = models.TextField(blank=True)

    # Your relationship: null tier = someone you only know of.
    tier = models.CharField(max_length=20, choices=TIER_CHOICES, null=True, blank=True)
    cadence_override_days = models.PositiveIntegerField(null=True, blank=True)
    cadence_days = models.PositiveIntegerField(null=True, editable=False)
    known_since = models.DateField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Contact statistics derived from interactions (see core.strength.ContactStats); kept up
    # to date by the services so the agenda and lists never scan every interaction.
    first_contact_on = models.DateField(null=True, editable=False)
    last_contact_on = models.DateField(null=True, editable=False)
    interaction_count = models.PositiveIntegerField(default=0, editable=False)
    intensity = models.FloatField(default=0.0, editable=False)
    intensity_on = models.DateField(null=True, editable=False)
    peak_intensity = models.FloatField(default=0.0, editable=False)
    peak_on = models.DateField(null=True, editable=False)
    initiated_by_me = models.PositiveIntegerField(default=0, editable=False)
    initiated_by_them = models.PositiveIntegerField(default=0, editable=False)
    keep_in_touch_due_on = models.DateField(null=True, editable=False)
    strength = models.FloatField(default=0.0, editable=False)
    strength_on = models.DateField(null=True, editable=False)
    # The give/receive balance (core.reciprocity.balance of their exchanges) as of
    # `balance_on`, kept by people.services.refresh_balances so lists can sort and filter by
    # it; `balance_on` is null while nothing was exchanged (the score cannot fade then).
    balance = models.FloatField(default=0.0, editable=False)
    balance_label = models.CharField(
        max_length=40, default=reciprocity.balance_label(0.0, anything=False), editable=False
    )
    balance_on = models.DateField(null=True, editable=False)

    class Meta:
        ordering = ["search_name", "id"]
        indexes = [
            models.Index(fields=["owner", "search_name"], name="person_owner_name"),
            models.Index(fields=["owner", "keep_in_touch_due_on"], name="person_owner_due"),
            models.Index(fields=["owner", "last_contact_on"], name="person_owner_last"),
            models.Index(fields=["owner", "first_contact_on"], name="person_owner_first"),
            # The whole order of the strength sort (people.selectors.SORTS), so the People list
            # reads its first page in order, whatever other index a filter could use.
            models.Index(
                fields=["owner", "-strength", "search_name", "id"], name="person_owner_strength"
            ),
            models.Index(fields=["owner", "balance"], name="person_owner_balance"),
            # The People list: counting who is (not) archived reads this narrow index instead of
            # every row (9 ms on 30,000 people), and a closeness filter finds its few rows here.
            models.Index(fields=["owner", "archived_at", "tier"], name="person_owner_current"),
            # Today's agenda (agenda.selectors.contact_states): every column of its filter, so
            # SQLite tests each current person in the index instead of reading the row (the
            # candidate contacts of 30,000 people: 19.9 -> 12.9 ms). Built on SQLite only
            # (migration 0008): PostgreSQL's planner does not use it.
            models.Index(
                fields=[
                    "owner",
                    "archived_at",
                    "tier",
                    "snoozed_until",
                    "keep_in_touch_due_on",
                    "first_contact_on",
                    "created_at",
                    "known_since",
                    "last_contact_on",
                    "peak_intensity",
                ],
                name="person_owner_agenda",
            ),
            models.Index(fields=["owner", "-created_at", "-id"], name="person_owner_recent"),
            # The sorting page's queue (people.triage.ORDER): who has no closeness yet, most
            # evidence first, read in order instead of sorting 15,000 rows per person shown.
            models.Index(
                fields=["owner", "-interaction_count", "-last_contact_on", "created_at", "id"],
                condition=models.Q(tier__isnull=True, archived_at__isnull=True),
                name="person_owner_unsorted",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_contact(self) -> bool:
        return self.tier is not None

    @property
    def initials(self) -> str:
        """One or two letters for an avatar without a photo: "Rosa Núñez" -> "RN"."""
        words = self.full_name.split()
        if not words:
            return "?"
        letters = words[0][:1] + (words[-1][:1] if len(words) > 1 else "")
        return letters.upper()


class EmailAddress(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField(max_length=254)
    label = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["address"], name="email_address")]

    def __str__(self) -> str:
        return self.address


class PhoneNumber(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=40)
    label = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.number


class ImportantDate(models.Model):
    """A day that comes back every year: a birthday, an anniversary; the year may be unknown."""

    BIRTHDAY, ANNIVERSARY, OTHER = "birthday", "anniversary", "other"
    KIND_CHOICES = [(BIRTHDAY, "Birthday"), (ANNIVERSARY, "Anniversary"), (OTHER, "Other")]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="important_dates")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    label = models.CharField(max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    month = models.PositiveSmallIntegerField()
    day = models.PositiveSmallIntegerField()
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month", "day", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(kind="birthday"),
                name="one_birthday_per_person",
            )
        ]
        indexes = [models.Index(fields=["owner", "month", "day"], name="date_owner_month_day")]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:02d}-{self.day:02d}"

    @property
    def when(self) -> str:
        """The day in words: "15 April", or "15 April 1985" when the year is known."""
        day = f"{self.day} {calendar.month_name[self.month]}"
        return f"{day} {self.year}" if self.year else day

    @property
    def what(self) -> str:
        """Its label, or its kind in words: "Work anniversary", "Birthday"."""
        return self.label or self.get_kind_display()


class Photo(models.Model):
    """A picture of a person, always re-encoded by people.photos (never the uploaded bytes);
    the newest one is shown."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="photos")
    image = models.BinaryField()
    content_type = models.CharField(max_length=40, default="image/jpeg")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "person"], name="photo_owner_person")]

    def __str__(self) -> str:
        return f"photo of person {self.person_id}"


class Position(models.Model):
    """A place someone worked, or you worked (`person` null): their history beyond the current
    organisation. `ended_on` null means still there. Dates carry the month at most ("Mar
    2019" is 1 March 2019); either may be unknown.

    A person's old organisation becomes one when it changes (people.services); yours come from
    LinkedIn's Positions.csv (keyed by `source_key`, so importing again adds nothing) or by hand.
    """

    HAND, CHANGED, LINKEDIN = "hand", "changed", "linkedin"
    SOURCE_CHOICES = [
        (HAND, "added by hand"),
        (CHANGED, "organisation changed"),
        (LINKEDIN, "LinkedIn positions"),
    ]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="positions"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)  # what the role was: LinkedIn's description
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=SOURCE_CHOICES, default=HAND)
    source_key = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [
            models.F("ended_on").desc(nulls_first=True),
            models.F("started_on").desc(nulls_last=True),
            "id",
        ]
        indexes = [
            models.Index(fields=["owner", "organization"], name="position_owner_org"),
            models.Index(fields=["owner", "person"], name="position_owner_person"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source_key"],
                condition=~models.Q(source_key=""),
                name="position_source_once",
            )
        ]

    def __str__(self) -> str:
        return f"position at organisation {self.organization_id}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    @property
    def years(self) -> str:
        """The years in words: "2019-2023", "2019-now", "until 2023" (core.positions)."""
        return positions.years(self.started_on, self.ended_on, current=self.ended_on is None)

"""Forms for the pages. They check the shape of the input (a date is a date); the services
check the meaning (the summary is not empty, the person is yours) and their errors are put
back on these forms with `add_service_errors`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.core.names import fold
from mutuals.interactions.models import INITIATED_CHOICES, KIND_CHOICES
from mutuals.ledger.models import DIRECTION_CHOICES
from mutuals.ledger.models import KIND_CHOICES as EXCHANGE_KIND_CHOICES
from mutuals.needs.models import KIND_CHOICES as NEED_KIND_CHOICES
from mutuals.needs.models import STATUS_CHOICES as NEED_STATUS_CHOICES
from mutuals.people.models import TIER_CHOICES, Person
from mutuals.people.services import DEFAULT_CLOSENESS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SNOOZE_CHOICES = [(7, "1 week"), (30, "1 month")]
# The largest id a 64-bit primary key holds (PostgreSQL bigint, SQLite INTEGER); a larger
# number in an address or a form is nobody's record, and the database cannot even be asked.
MAX_ID = 2**63 - 1
ID_DIGITS = len(str(MAX_ID))


def as_id(value: object) -> int | None:
    """A record id from an address or a form field, or None when the text cannot be one: not
    a whole number written in ASCII digits, or outside 1..MAX_ID."""
    text = "" if value is None else str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > ID_DIGITS:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def as_ids(values: Iterable[object]) -> list[int] | None:
    """The distinct ids in `values`, sorted; None when any of them cannot be an id."""
    ids = [as_id(value) for value in values]
    if any(number is None for number in ids):
        return None
    return sorted({number for number in ids if number is not None})


class IdField(forms.IntegerField):
    """A record's id in a hidden field: a whole number in 1..MAX_ID."""

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": "Choose someone from the list.",
        "min_value": "Choose someone from the list.",
        "max_value": "Choose someone from the list.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


def add_service_errors(
    form: forms.Form, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: next to its field when the form has it."""
    aliases = aliases or {}
    messages = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for key, texts in messages.items():
        name = aliases.get(key or "", key)
        field = name if name in form.fields else None
        for text in texts:
            form.add_error(field, text)


def lines(text: str) -> list[str]:
    """One value per line (commas also split, so a pasted list works)."""
    return [part.strip() for line in text.splitlines() for part in line.split(",") if part.strip()]


class Form(forms.Form):
    """A form whose labels end without a colon, like every label on the pages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignInForm(AuthenticationForm):
    """Django's sign-in form with our label wording."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "User name"


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # It shares the settings page with other forms: do not jump into it on load.
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


class SetupForm(Form):
    username = forms.CharField(
        label="User name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label="Password",
        help_text="At least 8 characters; a short sentence is easy to remember.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    load_demo = forms.BooleanField(
        label="Fill my account with a demo network to explore",
        help_text="About 250 made-up people and two years of conversations. "
        "You can remove them later with `mutuals demo --clear`.",
        required=False,
        initial=True,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") != data["password"]:
            self.add_error("password_again", "The two passwords differ; type the same one twice.")
        return data


class PersonForm(Form):
    display_name = forms.CharField(
        label="Name as shown",
        required=False,
        max_length=320,
        help_text="As they write it; leave empty to show the parts below joined.",
    )
    name_prefix = forms.CharField(
        label="Prefix", required=False, max_length=40, help_text="e.g. Dr., Prof."
    )
    first_name = forms.CharField(label="First name", required=False, max_length=100)
    middle_name = forms.CharField(label="Middle name", required=False, max_length=100)
    last_name = forms.CharField(label="Last name", required=False, max_length=100)
    name_suffix = forms.CharField(
        label="Suffix", required=False, max_length=40, help_text="e.g. Jr., PhD"
    )
    nickname = forms.CharField(label="Nickname", required=False, max_length=100)
    phonetic_name = forms.CharField(
        label="Pronounced",
        required=False,
        max_length=200,
        help_text="How to say or sort their name, e.g. Wáng Xiǎomíng.",
    )
    tier = forms.ChoiceField(
        label="Closeness",
        required=False,
        choices=[("", "Not a contact: someone I know of"), *TIER_CHOICES],
        initial=DEFAULT_CLOSENESS,
        help_text="Sets how often to keep in touch: inner circle weekly, close monthly, "
        "good friend every 3 months, meaningful every 6, acquaintance yearly.",
    )
    cadence_override_days = forms.IntegerField(
        label="Keep in touch every (days)",
        required=False,
        min_value=1,
        max_value=3650,
        help_text="Leave empty to use the default for their closeness.",
    )
    organization = forms.CharField(label="Organisation", required=False, max_length=200)
    title = forms.CharField(label="Title", required=False, max_length=200)
    location = forms.CharField(label="Location", required=False, max_length=200)
    emails = forms.CharField(
        label="Emails",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line.",
    )
    phones = forms.CharField(
        label="Phones",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line.",
    )
    linkedin_url = forms.CharField(label="LinkedIn URL", required=False, max_length=300)
    circles = forms.CharField(
        label="Circles",
        required=False,
        help_text="Comma separated, e.g. work, community, family.",
        widget=forms.TextInput(attrs={"list": "circle-names"}),
    )
    interests = forms.CharField(
        label="Values and interests", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    how_met = forms.CharField(label="How you met", required=False, max_length=300)
    introduced_by = forms.CharField(
        label="Introduced by",
        required=False,
        help_text="The name of someone in your network.",
        widget=forms.TextInput(attrs={"list": "people-names"}),
    )
    known_since = forms.DateField(label="Known since", required=False, widget=DATE_WIDGET)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def clean_known_since(self) -> Any:
        known = self.cleaned_data.get("known_since")
        if known and known > timezone.localdate():
            raise ValidationError("Known since cannot be in the future.")
        return known

    def person_fields(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of create_person / update_person."""
        data = self.cleaned_data
        keys = (
            "first_name", "middle_name", "last_name", "nickname", "linkedin_url", "title",
            "location", "interests", "how_met", "notes", "cadence_override_days", "known_since",
            "display_name", "name_prefix", "name_suffix", "phonetic_name",
        )  # fmt: skip
        fields = {key: data[key] for key in keys}
        fields["tier"] = data["tier"] or None
        fields["organization"] = data["organization"]
        fields["emails"] = lines(data["emails"])
        fields["phones"] = lines(data["phones"])
        fields["circles"] = [c.strip() for c in data["circles"].split(",") if c.strip()]
        return fields

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        return {
            "first_name": person.first_name,
            "middle_name": person.middle_name,
            "last_name": person.last_name,
            "nickname": person.nickname,
            "display_name": person.display_name,
            "name_prefix": person.name_prefix,
            "name_suffix": person.name_suffix,
            "phonetic_name": person.phonetic_name,
            "tier": person.tier or "",
            "cadence_override_days": person.cadence_override_days,
            "organization": person.organization.name if person.organization else "",
            "title": person.title,
            "location": person.location,
            "emails": "\n".join(e.address for e in person.emails.all()),
            "phones": "\n".join(p.number for p in person.phones.all()),
            "linkedin_url": person.linkedin_url,
            "circles": ", ".join(c.name for c in person.circles.all()),
            "interests": person.interests,
            "how_met": person.how_met,
            "introduced_by": person.introduced_by.full_name if person.introduced_by else "",
            "known_since": person.known_since,
            "notes": person.notes,
        }


def same_name(a: str, b: str) -> bool:
    return fold(a) == fold(b)


class PeopleIdsField(forms.Field):
    """The ids of the checked people; whether they are the user's is the service's check."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        ids = as_ids(value or [])
        if ids is None:
            raise ValidationError("Choose people from the list.")
        return ids


class QuickLogForm(Form):
    summary = forms.CharField(
        label="What did you talk about?", widget=forms.Textarea(attrs={"rows": 2})
    )
    occurred_on = forms.DateField(label="When", widget=DATE_WIDGET)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Not recorded"), *KIND_CHOICES]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].initial = timezone.localdate()


class LogForm(QuickLogForm):
    people = PeopleIdsField(label="Who", required=False)
    initiated_by = forms.ChoiceField(
        label="Who reached out", required=False, choices=INITIATED_CHOICES
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["people", "summary", "occurred_on", "kind", "initiated_by", "notes"]


class PromiseForm(Form):
    text = forms.CharField(
        label="What you promised",
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "e.g. share the hiring-trends report"}),
    )
    due_on = forms.DateField(label="Due", widget=DATE_WIDGET)
    person = forms.CharField(
        label="For (optional)",
        required=False,
        help_text="The name of someone in your network.",
        widget=forms.TextInput(attrs={"list": "people-names"}),
    )

    def __init__(self, *args: Any, with_person: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = timezone.localdate()
        if not with_person:
            del self.fields["person"]


class SnoozeForm(Form):
    days = forms.TypedChoiceField(coerce=int, choices=SNOOZE_CHOICES, initial=7)


class TokenForm(Form):
    label = forms.CharField(
        label="Label",
        max_length=100,
        required=False,
        help_text="What will use it, e.g. 'laptop script'.",
    )


class PeopleFilterForm(Form):
    q = forms.CharField(label="Search", required=False)
    circle = forms.ChoiceField(label="Circle", required=False)
    tier = forms.ChoiceField(
        label="Closeness", required=False, choices=[("", "Any closeness"), *TIER_CHOICES]
    )
    organization = forms.CharField(
        label="Organisation",
        required=False,
        widget=forms.TextInput(attrs={"list": "organization-names"}),
    )
    balance = forms.ChoiceField(
        label="Give and take",
        required=False,
        choices=[
            ("", "Any balance"),
            ("owe", "They have given more"),
            ("even", "Even"),
            ("owed", "You have given more"),
            ("none", "Nothing exchanged yet"),
        ],
    )
    overdue = forms.BooleanField(label="Due for a catch-up", required=False)
    archived = forms.BooleanField(label="Archived", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("name", "Name"),
            ("strength", "Strength"),
            ("last_contact", "Last contact"),
            ("owe", "They have given most"),
            ("owed", "You have given most"),
        ],
    )

    def __init__(self, *args: Any, circles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["circle"].choices = [("", "Any circle"), *((c, c) for c in circles)]

    def filters(self) -> dict[str, Any]:
        """The valid filters; an invalid one (a circle that no longer exists) is dropped."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "search": data.get("q", ""),
            "circle": data.get("circle", ""),
            "tier": data.get("tier", ""),
            "organization": data.get("organization", ""),
            "balance": data.get("balance", ""),
            "overdue": data.get("overdue", False),
            "archived": data.get("archived", False),
            "sort": data.get("sort") or "name",
        }


class BulkPeopleForm(Form):
    """What to change for the people ticked on the People page (or all matching the filters);
    an empty field leaves that part as each person has it."""

    KNOW_OF = "none"

    ids = PeopleIdsField(required=False)
    all_matching = forms.BooleanField(label="All people matching the filters", required=False)
    closeness = forms.ChoiceField(
        label="Closeness",
        required=False,
        choices=[
            ("", "Keep as it is"),
            *TIER_CHOICES,
            (KNOW_OF, "Not a contact: someone I know of"),
        ],
    )
    circle = forms.CharField(
        label="Add to circle",
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "bulk-circle-names"}),
    )
    cadence_days = forms.IntegerField(
        label="Keep in touch every (days)", required=False, min_value=1, max_value=3650
    )
    archive = forms.BooleanField(label="Archive them", required=False)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, matching: int | None = None, filtering: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "bulk_%s")  # the filter form above has a "circle" too
        super().__init__(*args, **kwargs)
        if matching is not None:
            people = "person" if matching == 1 else "people"
            where = " matching the filters" if filtering else ", on every page"
            self.fields["all_matching"].label = f"All {matching:,} {people}{where}"

    def changes(self) -> dict[str, Any]:
        """The cleaned changes as keyword arguments of people.bulk_changes.change_people;
        a field left empty is left out (unchanged)."""
        data = self.cleaned_data
        changes: dict[str, Any] = {"circle": data["circle"], "archive": data["archive"]}
        if data["closeness"]:
            changes["tier"] = None if data["closeness"] == self.KNOW_OF else data["closeness"]
        if data["cadence_days"] is not None:
            changes["cadence_days"] = data["cadence_days"]
        return changes


class NeedForm(Form):
    """One line about what someone needs (or you need); the kind is optional."""

    text = forms.CharField(
        label="What is needed",
        max_length=500,
        error_messages={"required": "Say in one line what is needed."},
        widget=forms.TextInput(attrs={"placeholder": "e.g. an intro to a data team lead"}),
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *NEED_KIND_CHOICES]
    )
    direction = forms.ChoiceField(
        label="Looking or offering",
        required=False,
        choices=[
            ("", "Tell from the words"),
            ("looking", "Looking for it"),
            ("offering", "Hiring or offering it"),
        ],
        help_text="“Hiring a designer” is offering; “a design role” is looking.",
    )


class AgendaNeedForm(NeedForm):
    """The agenda's "Note a need": whose (a name; empty for your own), what, and the kind."""

    person = forms.CharField(
        label="Whose need",
        required=False,
        max_length=300,
        help_text="A name, or the start of one; leave empty for your own.",
    )

    field_order = ["person", "text", "kind"]


class NeedsFilterForm(Form):
    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[*NEED_STATUS_CHOICES, ("all", "All")],
    )

    def status_or_open(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("status") or "open"


class ExchangeForm(Form):
    """Something you gave to or received from one person, maybe meeting one of their needs."""

    direction = forms.ChoiceField(label="Direction", choices=DIRECTION_CHOICES)
    kind = forms.ChoiceField(label="Kind", choices=EXCHANGE_KIND_CHOICES)
    text = forms.CharField(
        label="What it was",
        max_length=500,
        error_messages={"required": "Say in a few words what it was."},
        widget=forms.TextInput(attrs={"placeholder": "e.g. shared the hiring-trends report"}),
    )
    need = forms.TypedChoiceField(
        label="Meets their need (optional)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
    )

    def __init__(self, *args: Any, needs: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", "None"), *((n.pk, n.text) for n in needs)]


class IntroductionForm(Form):
    other = forms.CharField(
        label="I introduced them to",
        max_length=300,
        error_messages={"required": "Type the name of the person you introduced them to."},
        help_text="The name of someone in your network.",
        widget=forms.TextInput(attrs={"list": "people-names"}),
    )
    text = forms.CharField(label="Note (optional)", required=False, max_length=500)


class AskForm(Form):
    text = forms.CharField(
        label="What you are asking",
        max_length=500,
        error_messages={"required": "Say in a few words what you are asking for."},
        widget=forms.TextInput(attrs={"placeholder": "e.g. an intro to the hiring manager"}),
    )

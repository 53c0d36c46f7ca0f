"""Groups on the web, for their members: the groups you belong to and joining one by code or
link; a group's page (what you pool, withdrawing, leaving). Writes go through
`groups.services`, reads through `groups.selectors`; the pool's search and introduction
requests are in `groups_pool.py`. A group you do not belong to does not exist for you (404).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from mutuals.accounts import throttle
from mutuals.accounts.addresses import client_address
from mutuals.core import pool
from mutuals.core.codes import normalise_code
from mutuals.groups import selectors, services, signup
from mutuals.groups.models import Membership
from mutuals.groups.serialize import ROLE_WORDS
from mutuals.people.selectors import circles_for, resolve_person
from mutuals.web.forms import Form, add_service_errors, lines
from mutuals.web.views.common import first_message, or_404

CODE_HELP = "Like ABCD-EFGH-JKLM: the code the group's administrator gave you."
SCOPE_CHOICES = [
    (Membership.NONE, "Nothing"),
    (Membership.ALL, "Everyone I know"),
    (Membership.CIRCLES, "The people in some of my circles"),
    (Membership.PEOPLE, "People I choose"),
]


class CodeForm(Form):
    code = forms.CharField(
        label="Join code",
        max_length=40,
        help_text=CODE_HELP,
        error_messages={"required": "Type the code you were given (like ABCD-EFGH-JKLM)."},
    )


class PoolingForm(Form):
    scope = forms.ChoiceField(
        label="What you pool",
        choices=SCOPE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you pool.",
            "invalid_choice": "Choose nothing, everyone, some circles or people you choose.",
        },
    )
    circles = forms.MultipleChoiceField(
        label="Circles", required=False, choices=[], widget=forms.CheckboxSelectMultiple
    )
    people = forms.TypedMultipleChoiceField(
        label="People you pool now",
        required=False,
        coerce=int,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    add_people = forms.CharField(
        label="Add people",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Their names, one a line.",
    )
    add_circle = forms.ChoiceField(
        label="Add everyone in a circle",
        required=False,
        choices=[],
        help_text="They join the people you choose; untick any of them afterwards.",
    )

    def __init__(self, *args: Any, circles: list[str], people: list[tuple[int, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["circles"].choices = [(name, name) for name in circles]  # type: ignore[attr-defined]
        self.fields["people"].choices = people  # type: ignore[attr-defined]
        self.fields["add_circle"].choices = [("", "No circle"), *self.fields["circles"].choices]  # type: ignore[attr-defined]


# ---- words -------------------------------------------------------------------------------


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def pooling_words(membership: Membership, count: int) -> str:
    """What the member pools, in a sentence: "You pool 120 people from your circles Work and
    Alumni." (`membership.circles` read, prefetched where many are shown)."""
    if membership.scope == Membership.NONE:
        return "You pool no one yet."
    if membership.scope == Membership.ALL:
        return f"You pool everyone you know: {_people(count)}."
    if membership.scope == Membership.CIRCLES:
        names = sorted(circle.name for circle in membership.circles.all())
        circles = f"your circle {names[0]}" if len(names) == 1 else f"your circles {_and(names)}"
        return f"You pool {_people(count)} from {circles}."
    return f"You pool {_people(count)} you chose."


# ---- the list, and joining ---------------------------------------------------------------


def _render_list(
    request: HttpRequest, *, code_form: CodeForm | None = None, status: int = 200
) -> HttpResponse:
    memberships = selectors.groups_of(user=request.user)
    prefetch_related_objects(memberships, "circles")
    asked = [
        {"found": found, "requester": services.user_name(found.requester.user)}
        for found in selectors.asked_of(user=request.user, open_only=True)
    ]
    context = {
        "rows": [
            {
                "membership": m,
                "role": ROLE_WORDS[m.role],
                "pooling": pooling_words(m, m.pooled_count),
            }
            for m in memberships
        ],
        "asked": asked,
        "code_form": code_form or CodeForm(),
    }
    return render(request, "web/groups/list.html", context, status=status)


@login_required
@require_GET
def groups_page(request: HttpRequest) -> HttpResponse:
    return _render_list(request)


@login_required
@require_POST
def group_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["code"]
        try:
            services.group_for_code(user=request.user, code=code)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("group_join", code=normalise_code(code))
    return _render_list(request, code_form=form, status=400)


def group_join(request: HttpRequest, code: str) -> HttpResponse:
    """The join screen: the group named, then joining. Signed out: the group named, with
    signing in to join and, for an e-mail invitation, making an account (`group_signup`). A
    bad, used or expired code: the service's sentence."""
    if not request.user.is_authenticated:
        if request.method != "GET":
            return redirect_to_login(request.get_full_path())
        return _visitor_join(request, code)
    error, group = "", None
    try:
        group = services.group_for_code(user=request.user, code=code)
    except ValidationError as problem:
        error = first_message(problem)
    if request.method == "POST" and group is not None:
        try:
            membership = services.join(user=request.user, code=code)
        except ValidationError as problem:
            error = first_message(problem)
        else:
            messages.success(
                request,
                f"You joined {membership.group.name}. You pool nothing yet: choose below what "
                "to pool, if anything.",
            )
            return redirect("group_detail", group_id=membership.group_id)
    status = 200
    if error:
        status = 400 if request.method == "POST" else 404
    return render(request, "web/groups/join.html", {"group": group, "error": error}, status=status)


# ---- joining with no account yet: a visitor with an e-mail invitation ------------------


class SignUpForm(Form):
    name = forms.CharField(
        label="Your name",
        max_length=300,
        help_text="As other members see it once you both agree to an introduction.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
        error_messages={"required": signup.NAME_NEEDED},
    )
    password = forms.CharField(
        label="Password",
        help_text="At least 8 characters; a short sentence is easy to remember.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Choose a password."},
    )
    password_again = forms.CharField(
        label="Password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again."},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") != data["password"]:
            self.add_error("password_again", "The two passwords differ; type the same one twice.")
        return data


def _throttled(request: HttpRequest) -> HttpResponse | None:
    """Codes that do not work, from one address, wait as sign-in failures do."""
    wait = throttle.invitation_wait(address=client_address(request))
    if wait is None:
        return None
    message = (
        f"Too many codes that do not work came from your address. Try again in {wait.in_words}."
    )
    return render(request, "web/groups/join.html", {"error": message}, status=429)


def _visitor_open(request: HttpRequest, code: str) -> tuple[Any, str | None] | HttpResponse:
    """The group and the address an account can be made for, or the page saying why not."""
    try:
        return signup.for_visitor(code=code)
    except ValidationError as problem:
        error = first_message(problem)
        if error == services.UNKNOWN_CODE:
            throttle.record_invitation_failure(address=client_address(request))
        status = 404 if error == services.UNKNOWN_CODE else 410
        return render(request, "web/groups/join.html", {"error": error}, status=status)


def _visitor_join(request: HttpRequest, code: str) -> HttpResponse:
    refused = _throttled(request)
    if refused is not None:
        return refused
    opened = _visitor_open(request, code)
    if isinstance(opened, HttpResponse):
        return opened
    group, email = opened
    context = {
        "group": group,
        "visitor": True,
        "email": email,
        "sign_in": f"{resolve_url('login')}?{urlencode({'next': request.path})}",
        "code": code,
    }
    return render(request, "web/groups/join.html", context)


def group_signup(request: HttpRequest, code: str) -> HttpResponse:
    """Make an account with a group's e-mail invitation (name and password; the address is
    the invitation's), signed in at once and sent to the group's join page. Signed in already:
    the join page."""
    if request.user.is_authenticated:
        return redirect("group_join", code=code)
    refused = _throttled(request)
    if refused is not None:
        return refused
    opened = _visitor_open(request, code)
    if isinstance(opened, HttpResponse):
        return opened
    group, email = opened
    if email is None:  # the shared code, or an invitation whose account is made: sign in
        return redirect("group_join", code=code)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = signup.sign_up(
                code=code,
                full_name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user)
            messages.success(
                request,
                f"Your account is made: you sign in as {email}. Join {group.name} below.",
            )
            return redirect("group_join", code=code)
    context = {"group": group, "email": email, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "web/groups/signup.html", context, status=status)


# ---- a group's page: pooling, withdrawing, leaving ---------------------------------------


def _chosen_rows(membership: Membership) -> list[dict[str, Any]]:
    """The people the member chose, each with their circles (for finding one among hundreds
    on the page): one query for the people, one for their circles."""
    chosen = membership.people.order_by("search_name", "id").prefetch_related("circles")
    return [
        {
            "id": person.pk,
            "name": person.full_name,
            "circles": sorted(circle.name for circle in person.circles.all()),
        }
        for person in chosen
    ]


def _pooling_form(
    request: HttpRequest,
    membership: Membership,
    data: Any = None,
    chosen_rows: list[dict[str, Any]] | None = None,
) -> PoolingForm:
    rows = _chosen_rows(membership) if chosen_rows is None else chosen_rows
    chosen = [(row["id"], row["name"]) for row in rows]
    circles = list(circles_for(owner=request.user).values_list("name", flat=True))
    initial = {
        "scope": membership.scope,
        "circles": [circle.name for circle in membership.circles.all()],
        "people": [pk for pk, _ in chosen],
    }
    return PoolingForm(data, circles=circles, people=chosen, initial=initial)


def _render_group(
    request: HttpRequest,
    membership: Membership,
    *,
    form: PoolingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    count = membership.pooled.count()
    rows = _chosen_rows(membership)
    form = form or _pooling_form(request, membership, chosen_rows=rows)
    if form.is_bound:  # shown again after an error: as ticked
        ticked = {int(v) for v in form.data.getlist("people") if str(v).isdigit()}
    else:
        ticked = {row["id"] for row in rows}
    context = {
        "membership": membership,
        "group": membership.group,
        "pooling": pooling_words(membership, count),
        "form": form,
        "chosen": [{**row, "ticked": row["id"] in ticked} for row in rows],
        "chosen_circles": sorted({name for row in rows for name in row["circles"]}),
        "is_admin": membership.role == Membership.ADMIN,
        "role": ROLE_WORDS[membership.role],
        "never_pooled": pool.NEVER_POOLED,
        "never_pooled_people": pool.NEVER_POOLED_PEOPLE,
    }
    return render(request, "web/groups/group.html", context, status=status)


@login_required
@require_GET
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    membership = or_404(services.membership_of, user=request.user, group_id=group_id)
    return _render_group(request, membership)


def _added_people(form: PoolingForm, owner: Any) -> list[int]:
    """The ids of the people named in "Add people"; an error on the field for a name that is
    unclear or missing."""
    found: list[int] = []
    for name in lines(form.cleaned_data.get("add_people", "")):
        match = resolve_person(owner=owner, query=name)
        if match.status == "found" and match.person_id is not None:
            found.append(match.person_id)
        elif match.status == "ambiguous":
            form.add_error("add_people", f"Several people match '{name}': type more of the name.")
        else:
            form.add_error("add_people", f"Nobody called '{name}' in your network.")
    return found


@login_required
@require_POST
def group_pooling(request: HttpRequest, group_id: int) -> HttpResponse:
    membership = or_404(services.membership_of, user=request.user, group_id=group_id)
    form = _pooling_form(request, membership, request.POST)
    if form.is_valid():
        scope = form.cleaned_data["scope"]
        if scope == Membership.NONE:
            return redirect("group_withdraw", group_id=group_id)
        people = [*form.cleaned_data["people"], *_added_people(form, request.user)]
        if not form.errors:
            try:
                updated = services.set_pooling(
                    user=request.user,
                    group_id=group_id,
                    scope=scope,
                    circles=form.cleaned_data["circles"] if scope == Membership.CIRCLES else [],
                    people=people if scope == Membership.PEOPLE else [],
                    add_circles=[form.cleaned_data["add_circle"]]
                    if scope == Membership.PEOPLE and form.cleaned_data.get("add_circle")
                    else [],
                )
            except ValidationError as error:
                add_service_errors(form, error, aliases={"people": "add_people"})
            else:
                count = updated.pooled.count()
                messages.success(
                    request,
                    f"{pooling_words(updated, count)} Only their names, "
                    "organisations, titles and closeness are pooled.",
                )
                return redirect("group_detail", group_id=group_id)
    return _render_group(request, membership, form=form, status=400)


@login_required
def group_withdraw(request: HttpRequest, group_id: int) -> HttpResponse:
    membership = or_404(services.membership_of, user=request.user, group_id=group_id)
    if request.method == "POST":
        services.withdraw(user=request.user, group_id=group_id)
        messages.success(
            request, f"You pool nothing to {membership.group.name} now; every row of yours is gone."
        )
        return redirect("group_detail", group_id=group_id)
    count = membership.pooled.count()
    context = {"group": membership.group, "count": count, "people": _people(count)}
    return render(request, "web/groups/withdraw.html", context)


@login_required
def group_leave(request: HttpRequest, group_id: int) -> HttpResponse:
    membership = or_404(services.membership_of, user=request.user, group_id=group_id)
    error = ""
    if request.method == "POST":
        try:
            services.leave(user=request.user, group_id=group_id)
        except ValidationError as problem:
            error = first_message(problem)
        else:
            messages.success(
                request, f"You left {membership.group.name}; nothing of yours is in its pool now."
            )
            return redirect("groups")
    context = {"group": membership.group, "error": error}
    return render(request, "web/groups/leave.html", context, status=400 if error else 200)

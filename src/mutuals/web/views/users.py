"""Settings → People who use this install (the owner and administrators only: others get 404,
so they do not learn the pages exist), and the invitation page anyone with a link opens.

Every rule is in accounts.services, accounts.roles and accounts.invitations; these views only
read forms and say what happened."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mutuals.accounts import invitations, roles, services, throttle
from mutuals.accounts.addresses import client_address
from mutuals.accounts.selectors import users
from mutuals.web.forms import Form, SetupForm, add_service_errors
from mutuals.web.views.common import or_404

ROLE_CHOICES = [
    (roles.MEMBER, "Member: looks for work with their own records"),
    (roles.COACH, "Coach: guides job seekers who link to them"),
]


class UserForm(Form):
    username = forms.CharField(
        label="User name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    password = forms.CharField(
        label="Their first password",
        help_text="At least 8 characters; they can change it in their settings.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    role = forms.ChoiceField(
        label="Role", choices=ROLE_CHOICES, initial=roles.MEMBER, widget=forms.RadioSelect
    )
    admin = forms.BooleanField(
        label="Administrator: may manage the people who use this install", required=False
    )

    def __init__(self, *args: Any, owner: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not owner:
            del self.fields["admin"]


class InvitationForm(Form):
    role = forms.ChoiceField(
        label="Invite as", choices=ROLE_CHOICES, initial=roles.MEMBER, widget=forms.RadioSelect
    )
    username = forms.CharField(
        label="Their user name (optional)",
        max_length=150,
        required=False,
        help_text="Leave it empty to let them choose.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    days = forms.IntegerField(
        label="Days the link works",
        initial=invitations.DEFAULT_DAYS,
        min_value=1,
        max_value=invitations.MAX_DAYS,
        help_text=f"1 to {invitations.MAX_DAYS}; it works once.",
    )


def _admin_only(request: HttpRequest) -> None:
    """Other users do not learn these pages exist."""
    if not roles.is_admin(request.user):
        raise Http404("Not found.")


def _people(request: HttpRequest) -> list[dict[str, Any]]:
    owner = roles.is_owner(request.user)
    rows = []
    for person in users():
        is_owner = bool(person.is_superuser)
        role = roles.role_of(person)
        named_admin = not is_owner and _named_admin(person)
        rows.append(
            {
                "user": person,
                "is_self": person.pk == request.user.pk,
                "role": roles.KIND_WORDS[role],
                "is_coach": role == roles.COACH,
                "is_owner": is_owner,
                "is_admin": named_admin,
                "can_disable": person.pk != request.user.pk
                and (owner or not (is_owner or named_admin)),
                "can_name_admin": owner and not is_owner,
            }
        )
    return rows


def _named_admin(person: Any) -> bool:
    row = getattr(person, "role", None)
    return bool(row is not None and row.is_admin)


def _render(
    request: HttpRequest,
    *,
    user_form: UserForm | None = None,
    invitation_form: InvitationForm | None = None,
    new_link: str | None = None,
) -> HttpResponse:
    owner = roles.is_owner(request.user)
    context = {
        "people": _people(request),
        "is_owner": owner,
        "user_form": user_form or UserForm(owner=owner),
        "invitation_form": invitation_form or InvitationForm(auto_id="invite_%s"),
        "waiting": invitations.waiting_invitations(),
        "new_link": new_link,
    }
    return render(request, "web/users.html", context)


@login_required
def users_page(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    return _render(request)


@login_required
@require_POST
def user_create(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    form = UserForm(request.POST, owner=roles.is_owner(request.user))
    if form.is_valid():
        try:
            user = services.create_user_as(
                by=request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                role=form.cleaned_data["role"],
                admin=form.cleaned_data.get("admin", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            kind = roles.KIND_WORDS[form.cleaned_data["role"]]
            messages.success(
                request,
                f"Added {user.get_username()} as a {kind}: they can sign in now, "
                "with their own records.",
            )
            return redirect("users")
    return _render(request, user_form=form)


@login_required
def user_disable(request: HttpRequest, user_id: int) -> HttpResponse:
    """GET asks to confirm; POST disables."""
    _admin_only(request)
    person = or_404(users().get, pk=user_id)
    if request.method == "POST":
        try:
            services.set_active(by=request.user, user_id=user_id, active=False)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _refusal(error))
            return redirect("users")
        messages.success(
            request,
            f"Disabled {person.get_username()}: they are signed out and their API tokens stop "
            "working; their records stay.",
        )
        return redirect("users")
    return render(request, "web/users_disable.html", {"person": person})


def _refusal(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, PermissionDenied):
        return "Only the owner of this install can do that."
    return " ".join(error.messages)


@login_required
@require_POST
def user_enable(request: HttpRequest, user_id: int) -> HttpResponse:
    _admin_only(request)
    try:
        user = or_404(services.set_active, by=request.user, user_id=user_id, active=True)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _refusal(error))
        return redirect("users")
    messages.success(request, f"{user.get_username()} can sign in again.")
    return redirect("users")


@login_required
@require_POST
def user_role(request: HttpRequest, user_id: int) -> HttpResponse:
    """Make someone a coach or a member (`role`), or name or unname an administrator
    (`admin`: "yes" or "no")."""
    _admin_only(request)
    role = request.POST.get("role") or None
    admin_choice = request.POST.get("admin")
    admin = {"yes": True, "no": False}.get(admin_choice or "")
    if role is None and admin is None:
        messages.error(request, "Choose a role, or whether they are an administrator.")
        return redirect("users")
    try:
        user = or_404(roles.set_role, by=request.user, user_id=user_id, role=role, admin=admin)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _refusal(error))
        return redirect("users")
    name = user.get_username()
    if role is not None:
        messages.success(request, f"{name} is now a {roles.KIND_WORDS[role]}.")
    if admin is not None:
        messages.success(
            request,
            f"{name} is now an administrator: they can manage the people who use this install."
            if admin
            else f"{name} is no longer an administrator.",
        )
    return redirect("users")


@login_required
@require_POST
def invitation_create(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    form = InvitationForm(request.POST, auto_id="invite_%s")
    if form.is_valid():
        try:
            made = invitations.create_invitation(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown on this response only: only the code's hash is kept.
            messages.success(
                request,
                "Made an invitation link: copy it now and send it to them your own way.",
            )
            return _render(request, new_link=request.build_absolute_uri(made.path))
    return _render(request, invitation_form=form)


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, invitation_id: int) -> HttpResponse:
    _admin_only(request)
    or_404(invitations.withdraw_invitation, by=request.user, invitation_id=invitation_id)
    messages.success(request, "Withdrew the invitation: its link no longer works.")
    return redirect("users")


class AcceptForm(SetupForm):
    """The invited person's user name (unless chosen in advance) and password."""

    def __init__(self, *args: Any, preset_name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["load_demo"]
        if preset_name:
            del self.fields["username"]
            self.fields["password"].widget.attrs["autofocus"] = True


def invitation_accept(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone with the link: choose a name (unless set) and a password. Unknown codes are
    throttled per address like sign-in; a used or expired link says so."""
    address = client_address(request)
    wait = throttle.invitation_wait(address=address)
    if wait is not None:
        message = (
            "Too many invitation links that do not work came from your address. "
            f"Try again in {wait.in_words}."
        )
        return _refused(request, message, status=429)
    try:
        invitation = invitations.open_invitation(code)
    except invitations.InvitationRefused as refusal:
        if refusal.unknown:
            throttle.record_invitation_failure(address=address)
            return _refused(request, refusal.message, status=404)
        return _refused(request, refusal.message, status=410)
    form = AcceptForm(request.POST or None, preset_name=invitation.username)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept_invitation(
                code=code,
                username=form.cleaned_data.get("username", ""),
                password=form.cleaned_data["password"],
            )
        except invitations.InvitationRefused as refusal:
            return _refused(request, refusal.message, status=410)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user)
            messages.success(request, f"Welcome, {user.get_username()}: your account is ready.")
            return redirect("today")
    context = {
        "form": form,
        "invitation": invitation,
        "role": roles.KIND_WORDS[invitation.kind],
        "status": "open",
    }
    return render(request, "web/invitation.html", context)


def _refused(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    return render(
        request, "web/invitation.html", {"refusal": message, "status": "refused"}, status=status
    )

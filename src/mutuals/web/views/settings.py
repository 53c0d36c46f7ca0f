"""Settings: personal access tokens for the API, the password, and (for the owner and
administrators) a link to the people who use this install (views/users.py)."""

from __future__ import annotations

from django import forms
from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mutuals.accounts import services
from mutuals.accounts.roles import is_admin
from mutuals.accounts.selectors import preferences_of, tokens_for
from mutuals.demo.services import has_demo
from mutuals.digest import selectors as digest_selectors
from mutuals.digest import services as digest_services
from mutuals.leads import landed
from mutuals.web.account_forms import EmailForm, RevokingPasswordForm
from mutuals.web.forms import TokenForm, add_service_errors
from mutuals.web.views.common import or_404


def _render(
    request: HttpRequest,
    *,
    token_form: TokenForm | None = None,
    password_form: RevokingPasswordForm | None = None,
    email_form: EmailForm | None = None,
    digest_form: DigestForm | None = None,
    plan_form: PlanForm | None = None,
    new_secret: str | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "tokens": tokens_for(user=request.user),
        "token_form": token_form or TokenForm(),
        "password_form": password_form or RevokingPasswordForm(request.user),
        "new_secret": new_secret,
        "has_demo": has_demo(owner=request.user),
        "manages_users": is_admin(request.user),
        "email_form": (email_form or EmailForm(initial={"email": request.user.email}))
        if django_settings.MUTUALS_SMTP_HOST
        else None,
        **_digest_context(request, digest_form),
        "plan_form": plan_form
        or PlanForm(initial={"plan_size": preferences_of(request.user).plan_size}),
        "landed_on": preferences_of(request.user).landed_on,
    }
    return render(request, "web/settings.html", context, status=status)


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return _render(request)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = services.create_token(
                user=request.user, label=form.cleaned_data["label"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown on this response only: the secret is never stored and cannot be shown again.
            messages.success(request, f"Created the token '{token.label}'.")
            return _render(request, new_secret=secret)
    return _render(request, token_form=form)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    or_404(services.revoke_token, user=request.user, token_id=token_id)
    messages.success(request, "Revoked the token: it no longer opens the API.")
    return redirect("settings")


@login_required
@require_POST
def token_revoke_all(request: HttpRequest) -> HttpResponse:
    revoked = services.revoke_all_tokens(user=request.user)
    messages.success(request, f"Revoked all your API tokens ({revoked}): none opens the API now.")
    return redirect("settings")


@login_required
@require_POST
def password_change(request: HttpRequest) -> HttpResponse:
    form = RevokingPasswordForm(request.user, request.POST)
    if form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        message = "Your password is changed."
        if form.cleaned_data["revoke_tokens"]:
            revoked = services.revoke_all_tokens(user=request.user)
            message += f" Revoked all your API tokens ({revoked})."
        messages.success(request, message)
        return redirect("settings")
    return _render(request, password_form=form)


@login_required
@require_POST
def email_change(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST)
    if form.is_valid():
        try:
            services.set_email(user=request.user, email=form.cleaned_data["email"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved: a password-reset link goes to that address.")
            return redirect("settings")
    return _render(request, email_form=form)


class PlanForm(forms.Form):
    """How many actions the daily plan holds (accounts.Preferences, through update_preferences,
    which refuses sizes outside 1 to 20)."""

    plan_size = forms.IntegerField(
        label="Actions in the daily plan",
        help_text="Today shows this many; the rest waits for the coming days. 1 to 20.",
    )


@login_required
@require_POST
def plan_preferences(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.update_preferences(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            size = form.cleaned_data["plan_size"]
            messages.success(request, f"Saved: your daily plan holds {size} actions.")
            return redirect("settings")
    return _render(request, plan_form=form)


@login_required
def back_to_searching(request: HttpRequest) -> HttpResponse:
    """Leave keep-in-touch mode: GET asks to confirm, POST switches back (leads.landed)."""
    landed_on = preferences_of(request.user).landed_on
    if landed_on is None:
        return redirect("settings")
    if request.method == "POST":
        landed.back_to_searching(owner=request.user)
        messages.success(
            request, "You are back to searching: cadences are as before, check-ins removed."
        )
        return redirect("settings")
    return render(request, "web/settings_searching.html", {"landed_on": landed_on})


class DigestForm(forms.Form):
    """The morning digest's settings (accounts.Preferences, through update_preferences)."""

    digest_enabled = forms.BooleanField(label="Send me the morning digest", required=False)
    digest_hour = forms.TypedChoiceField(
        label="Send it after",
        coerce=int,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        help_text="Your local time; it goes out within a few minutes of that hour.",
    )


def _digest_context(request: HttpRequest, form: DigestForm | None) -> dict[str, object]:
    preferences = preferences_of(request.user)
    initial = {
        "digest_enabled": preferences.digest_enabled,
        "digest_hour": preferences.digest_hour,
    }
    return {
        "digest_form": form or DigestForm(initial=initial),
        "digest_last": digest_selectors.last_digest(owner=request.user),
        "digest_mail_server": digest_selectors.mail_server_configured(),
    }


@login_required
@require_POST
def digest_preferences(request: HttpRequest) -> HttpResponse:
    form = DigestForm(request.POST)
    if form.is_valid():
        try:
            services.update_preferences(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            enabled = form.cleaned_data["digest_enabled"]
            hour = form.cleaned_data["digest_hour"]
            messages.success(
                request,
                f"Saved: the morning digest is on, sent after {hour:02d}:00."
                if enabled
                else "Saved: the morning digest is off.",
            )
            return redirect("settings")
    return _render(request, digest_form=form)


@login_required
@require_POST
def digest_send(request: HttpRequest) -> HttpResponse:
    outcome = digest_services.send_digest(owner=request.user, force=True)
    if outcome.sent:
        messages.success(request, outcome.message)
    else:
        messages.error(request, outcome.message)
    return redirect("settings")

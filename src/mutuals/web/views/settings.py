"""Settings: personal access tokens for the API, and the password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mutuals.accounts import services
from mutuals.accounts.selectors import tokens_for
from mutuals.web.forms import ChangePasswordForm, TokenForm, add_service_errors
from mutuals.web.views.common import or_404


def _render(
    request: HttpRequest,
    *,
    token_form: TokenForm | None = None,
    password_form: ChangePasswordForm | None = None,
    new_secret: str | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "tokens": tokens_for(user=request.user),
        "token_form": token_form or TokenForm(),
        "password_form": password_form or ChangePasswordForm(request.user),
        "new_secret": new_secret,
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
def password_change(request: HttpRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, request.POST)
    if form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, "Your password is changed.")
        return redirect("settings")
    return _render(request, password_form=form)

"""First run: the owner of a fresh install chooses a user name and password."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mutuals.accounts.selectors import has_any_user
from mutuals.accounts.services import create_owner
from mutuals.web.forms import SetupForm, SignInForm, add_service_errors

logger = logging.getLogger("mutuals.web")

DEMO_FAILED = (
    "Your account is ready, but the demo network could not be loaded. "
    "Start by adding people you know, or try `mutuals demo` later."
)


def setup(request: HttpRequest) -> HttpResponse:
    if has_any_user():
        return redirect("login")
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = create_owner(
                username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if form.cleaned_data["load_demo"]:
                _load_demo(request, user)
            messages.success(request, "Welcome to mutuals. This is your agenda for today.")
            return redirect("today")
    return render(request, "web/setup.html", {"form": form})


def sign_in(request: HttpRequest) -> HttpResponse:
    """Django's sign-in page, except that a fresh install is sent to set its owner up."""
    if not has_any_user():
        return redirect("setup")
    view = LoginView.as_view(
        template_name="web/login.html",
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
    )
    return view(request)


def _load_demo(request: HttpRequest, user: object) -> None:
    try:
        from mutuals.demo.services import load_demo

        load_demo(owner=user)
    except Exception:
        # The account exists either way; the demo is a nicety, so say so and carry on.
        logger.exception("Loading the demo network failed")
        messages.warning(request, DEMO_FAILED)

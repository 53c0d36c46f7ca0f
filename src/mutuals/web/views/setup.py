"""First run: the owner of a fresh install chooses a user name and password (with the set-up
code `mutuals serve` printed, unless their browser runs on the server); and the sign-in page,
throttled (accounts.throttle) and saying how to reset a forgotten password."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mutuals.accounts import setup_code
from mutuals.accounts.addresses import is_loopback
from mutuals.accounts.selectors import has_any_user
from mutuals.web.account_forms import ClaimForm, ThrottledSignInForm, passwd_command
from mutuals.web.forms import add_service_errors

logger = logging.getLogger("mutuals.web")

DEMO_FAILED = (
    "Your account is ready, but the demo network could not be loaded. "
    "Start by adding people you know, or try `mutuals demo` later."
)


def setup(request: HttpRequest) -> HttpResponse:
    if has_any_user():
        return redirect("login")
    local = is_loopback(request)
    if not local and request.method == "GET" and not setup_code.has_live_setup_code():
        _issue_code_to_log()
    initial = {"code": request.GET.get("code", "")[:40]}
    form = ClaimForm(request.POST or None, initial=initial, code_required=not local)
    if request.method == "POST" and form.is_valid():
        try:
            user = setup_code.claim_install(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                code=form.cleaned_data.get("code", ""),
                code_required=not local,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user)
            if form.cleaned_data["load_demo"]:
                _load_demo(request, user)
            messages.success(request, "Welcome to mutuals. This is your agenda for today.")
            return redirect("today")
    return render(request, "web/setup.html", {"form": form, "local": local})


def _issue_code_to_log() -> None:
    """Served by something other than `mutuals serve` (which prints the code itself): put a
    code in the server's log, the one place only whoever runs the server can read."""
    code = setup_code.issue_setup_code()
    if code:
        logger.warning("No owner yet. The set-up code for /setup/ is %s (valid one day).", code)


def sign_in(request: HttpRequest) -> HttpResponse:
    """Django's sign-in page, except that a fresh install is sent to set its owner up, and
    too many failures answer 429 with a sentence saying when to try again."""
    if not has_any_user():
        return redirect("setup")
    view = LoginView.as_view(
        template_name="web/login.html",
        authentication_form=ThrottledSignInForm,
        redirect_authenticated_user=True,
        extra_context={
            "passwd_command": passwd_command(),
            "email_reset": bool(settings.MUTUALS_SMTP_HOST),
        },
    )
    response = view(request)
    wait = getattr(request, "sign_in_wait", None)
    if wait is not None and response.status_code == 200:
        response.status_code = 429
        response["Retry-After"] = str(wait.seconds)
    return response


def _load_demo(request: HttpRequest, user: object) -> None:
    try:
        from mutuals.demo.services import load_demo

        load_demo(owner=user)
    except Exception:
        # The account exists either way; the demo is a nicety, so say so and carry on.
        logger.exception("Loading the demo network failed")
        messages.warning(request, DEMO_FAILED)

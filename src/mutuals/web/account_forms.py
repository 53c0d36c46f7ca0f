"""Forms of the account pages: claiming the install, signing in, the password and e-mail."""

from __future__ import annotations

import shlex
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from mutuals.web.forms import ChangePasswordForm, Form, SetupForm, SignInForm

PASSWD_COMMAND = "mutuals user passwd {name}"


def passwd_command(username: str = "") -> str:
    """The command that sets a new password on the server, with the name quoted for a shell."""
    name = username.strip()
    return PASSWD_COMMAND.format(name=shlex.quote(name) if 0 < len(name) <= 150 else "NAME")


class ClaimForm(SetupForm):
    """The set-up page: the owner's name and password, and the one-time set-up code unless the
    browser runs on the server itself."""

    code = forms.CharField(
        label="Set-up code",
        max_length=40,
        required=False,
        help_text="Printed by `mutuals serve` in the console where it started, "
        "like ABCD-EFGH-JKLM-NPQR.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    field_order = ["code", "username", "password", "password_again", "load_demo"]

    def __init__(self, *args: Any, code_required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not code_required:
            del self.fields["code"]


class ThrottledSignInForm(SignInForm):
    """Sign-in that says when to try again after too many failures (accounts.throttle)."""

    def get_invalid_login_error(self) -> ValidationError:
        wait = getattr(self.request, "sign_in_wait", None)
        if wait is None:
            return super().get_invalid_login_error()
        command = passwd_command(self.data.get("username", ""))
        return ValidationError(
            f"Too many attempts. Try again in {wait.in_words}, or reset your password with "
            f"`{command}` on the server.",
            code="throttled",
        )


class RevokingPasswordForm(ChangePasswordForm):
    """Changing your password, with the offer to revoke every API token at the same time."""

    revoke_tokens = forms.BooleanField(
        label="Also revoke all my API tokens",
        help_text="Do this if you think someone else knew your password.",
        required=False,
    )


class EmailForm(Form):
    email = forms.CharField(
        label="E-mail for password resets",
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

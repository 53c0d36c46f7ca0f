"""Password reset by e-mail, Django's own views, offered only when an SMTP server is set
(MUTUALS_SMTP_HOST). Without one these addresses do not exist, and the sign-in page names the
command that sets a new password on the server instead (`mutuals user passwd NAME`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse_lazy

from mutuals.accounts import throttle

TEMPLATES = "web/password_reset/"


def _only_with_smtp(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.MUTUALS_SMTP_HOST:
            raise Http404("Not found.")
        return view(request, *args, **kwargs)

    return wrapped


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting the new password also lifts any sign-in wait on the name, as the CLI does."""

    template_name = TEMPLATES + "confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        throttle.forget_user(username=form.user.get_username())
        return response


request_reset = _only_with_smtp(
    auth_views.PasswordResetView.as_view(
        template_name=TEMPLATES + "form.html",
        email_template_name=TEMPLATES + "email.txt",
        subject_template_name=TEMPLATES + "subject.txt",
        success_url=reverse_lazy("password_reset_done"),
    )
)
reset_sent = _only_with_smtp(
    auth_views.PasswordResetDoneView.as_view(template_name=TEMPLATES + "done.html")
)
reset_confirm = _only_with_smtp(ResetConfirmView.as_view())
reset_complete = _only_with_smtp(
    auth_views.PasswordResetCompleteView.as_view(template_name=TEMPLATES + "complete.html")
)

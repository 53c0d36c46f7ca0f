"""A strict Content-Security-Policy on every response, so injected markup cannot run.

Scripts, styles, images, fonts and fetches come only from this site; no inline script or
style runs unless it carries this response's nonce (`request.csp_nonce`, fresh for every
request); nothing may frame the pages or receive their forms. Django 5.2 has no CSP of its
own (Django 6 adds one); this is the few lines it takes. `data:` images stay allowed for the
favicon placeholder and the icons in Swagger UI's stylesheet.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "Content-Security-Policy"
POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'nonce-{nonce}'; "
    "style-src 'self' 'nonce-{nonce}'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Give each request a nonce and each response the policy (unless a view set its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault(HEADER, POLICY.format(nonce=nonce))
        return response

"""Who is asking: the client's address, and whether the request comes from this computer.

Behind a reverse proxy (MUTUALS_BEHIND_TLS_PROXY=1) every request reaches mutuals from the
proxy, so the client is the last address in X-Forwarded-For: the one the proxy itself added
(earlier ones are whatever the client claimed). Without that setting the header is ignored.

A request counts as coming from this computer only when it reached mutuals from a loopback
address, names a loopback host (127.0.0.1, localhost, [::1]) and carries no forwarding header:
a proxy on the same computer forwards requests from anywhere, and usually says so in those
headers or passes the public host name on.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port

FORWARDING_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
UNKNOWN = "unknown"


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "MUTUALS_TRUST_FORWARDED_FOR", False):
        forwarded = request.headers.get("X-Forwarded-For", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or UNKNOWN


def is_loopback(request: HttpRequest) -> bool:
    if getattr(settings, "MUTUALS_TRUST_FORWARDED_FOR", False):
        return False
    if any(request.headers.get(header) for header in FORWARDING_HEADERS):
        return False
    host, _ = split_domain_port(request.META.get("HTTP_HOST", ""))
    if host not in LOOPBACK_HOSTS:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False

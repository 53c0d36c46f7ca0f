"""docs/api.md shows a curl example for every operation the API serves."""

from __future__ import annotations

import re
from pathlib import Path

from mutuals.api.urls import api

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def documented_calls() -> set[tuple[str, str]]:
    calls = set()
    for line in DOCS.read_text().splitlines():
        if not line.startswith("curl "):
            continue
        method = re.search(r"-X (\w+)", line)
        url = re.search(r"\$MUTUALS(/[^\"?\s]*)", line)
        assert url, f"a curl example without $MUTUALS: {line}"
        calls.add((method.group(1) if method else "GET", "/api" + url.group(1)))
    return calls


def test_every_operation_has_a_curl_example():
    calls = documented_calls()
    for path, methods in api.get_openapi_schema()["paths"].items():
        pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", r"[^/]+", re.escape(path)) + "$")
        for method in methods:
            assert any(m == method.upper() and pattern.match(url) for m, url in calls), (
                f"docs/api.md has no example of {method.upper()} {path}"
            )

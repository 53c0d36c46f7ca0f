"""Rules every API operation follows, installed once for all of them rather than per endpoint.

- Unknown query parameters answer 422 naming them: `/api/people?introduced_by=74` used to
  answer everyone, as if the filter had worked. Each operation knows its query parameters from
  its signature (ninja's parameter models), so there is no list to keep in step. The check
  runs after authentication (no token: still 401) and after the known parameters are read.
- The error answers an operation can give are declared in the OpenAPI schema, with their
  shapes: 422 (every operation: unknown parameters), 401 and 429 (a missing or wrong token,
  too many wrong tokens), 404 (an id that is not one of yours), 400 and 413 (a body
  that is not JSON, or over its size limit) and 503 (a write while the database is busy).

Operations left out of the schema (the JSON 404 for unknown addresses) are not touched.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.operation import Operation

from mutuals.api.schemas import MAX_ID, Error, FieldErrors

UNKNOWN = "This parameter is not known here; see /api/docs for the ones this address takes."
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def query_names(operation: Operation) -> frozenset[str]:
    """The query parameters an operation reads: its own and those of its Query[Schema]s."""
    names: set[str] = set()
    for model in operation.models:
        if model.__ninja_param_source__ == "query":
            names.update(model.__ninja_flatten_map__)
    return frozenset(names)


def _sources(operation: Operation) -> set[str]:
    return {model.__ninja_param_source__ for model in operation.models}


def _takes_an_id(operation: Operation) -> bool:
    """Whether any parameter or body field is a record's id (an Id: at most MAX_ID)."""
    bound = f'"maximum": {MAX_ID}'
    return any(bound in json.dumps(model.model_json_schema()) for model in operation.models)


def error_codes(operation: Operation) -> dict[int, type]:
    """The error answers `operation` can give besides those its own code declares."""
    codes: dict[int, type] = {422: FieldErrors}
    if operation.auth_callbacks:
        codes |= {401: Error, 429: Error}
    sources = _sources(operation)
    if _takes_an_id(operation):
        codes[404] = Error
    if sources & {"body", "form", "file"} or "requestBody" in (operation.openapi_extra or {}):
        codes |= {400: Error, 413: Error}
    if set(operation.methods) & WRITES:
        codes[503] = Error
    return codes


def _refusing_unknown(view: Callable[..., Any], known: frozenset[str]) -> Callable[..., Any]:
    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = sorted(set(request.GET) - known)
        if unknown:
            raise ValidationError({name: [UNKNOWN] for name in unknown})
        return view(request, *args, **kwargs)

    return checked


def _apply(run: Callable[..., Any]) -> Callable[..., Any]:
    """A ninja "view" decorator, used for what it is handed: the operation about to serve
    (`run` is its bound method). `run` itself is returned as it was."""
    operation = getattr(run, "__self__", None)
    if not isinstance(operation, Operation):
        raise TypeError("operation_rules.install must come before any other view decorator")
    if not operation.include_in_schema:
        return run
    operation.view_func = _refusing_unknown(operation.view_func, query_names(operation))
    for code, model in error_codes(operation).items():
        if code not in operation.response_models:
            operation.response_models[code] = operation._create_response_model(model)
    return run


def install(api: NinjaAPI) -> None:
    """Apply the rules to every operation of `api`; call it before adding the routers."""
    api.add_decorator(_apply, mode="view")

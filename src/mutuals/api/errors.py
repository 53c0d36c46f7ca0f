"""Every API error is JSON: {"detail": "..."} and, for bad input, {"errors": {field: [...]}}.

- the services' ValidationError and ninja's own input checks -> 422 with messages per field;
- a record that does not exist or belongs to someone else -> 404 {"detail": "Not found."};
- no or a bad token -> 401;
- a body that is not JSON, or a multipart body that cannot be read -> 400;
- a body over its size limit -> 413, saying the limit in words and what to do instead;
- a database busy with another write (a large import) -> 503 with Retry-After (mutuals.busy);
- anything unexpected -> 500, logged without personal data (the exception's type, the method,
  the path with ids only and the code lines, never the message, which may quote what the user
  typed).
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from mutuals import busy, uploads
from mutuals.api.schemas import MAX_ID

logger = logging.getLogger("mutuals.api")

FIELD_ERRORS = "Some fields need attention."
NOT_FOUND = "Not found."
NO_TOKEN = (
    "Send a personal access token in the header 'Authorization: Bearer mut_…'. "
    "Create one on the settings page or with `mutuals token create`."
)
BAD_TOKEN = (
    "That token is not valid: it may have been revoked or mistyped. "
    "Create a new one on the settings page or with `mutuals token create`."
)
BAD_BODY = "Send the request body as a JSON object."
BAD_MULTIPART = (
    "The multipart body could not be read (is its boundary missing?). "
    "Send the file as the request body, or as a multipart field named 'file'."
)
SERVER_ERROR = "Something went wrong on our side and it was logged. Try again in a moment."
NO_SUCH_ID = "No record has an id that large; give the id of one of your records."
NON_FIELD = "__all__"
# Where ninja says an input came from; the field is what follows (after the parameter name).
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
_MESSAGES = {
    "missing": "This field is required.",
    "date_from_datetime_parsing": "Give a date as YYYY-MM-DD.",
    "date_parsing": "Give a date as YYYY-MM-DD.",
    "date_type": "Give a date as YYYY-MM-DD.",
    "extra_forbidden": "This field is not known.",
    "int_type": "Give a whole number (not in quotes).",
    "int_parsing": "Give a whole number.",
    "int_from_float": "Give a whole number.",
    "float_type": "Give a number (not in quotes).",
    "float_parsing": "Give a number.",
    "bool_type": "Give true or false.",
    "bool_parsing": "Give true or false.",
    "string_type": "Give text, in quotes.",
    "list_type": "Give a list, in square brackets.",
}


def field_errors_response(
    api: NinjaAPI, request: HttpRequest, errors: dict[str, list[str]]
) -> HttpResponse:
    body = {"detail": FIELD_ERRORS, "errors": errors}
    return api.create_response(request, body, status=422)


def _from_django(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {NON_FIELD: list(error.messages)}


def _field_name(loc: tuple[Any, ...] | list[Any], param_names: set[str]) -> str:
    """("body", "payload", "people", 0) -> "people"; ("query", "limit") -> "limit"."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in param_names:
        parts = parts[1:]
    if not parts or parts[0] in param_names:
        return NON_FIELD
    return parts[0]


def _message(error: dict[str, Any]) -> str:
    if error.get("type") in _MESSAGES:
        return _MESSAGES[error["type"]]
    if error.get("type") == "less_than_equal" and error.get("ctx", {}).get("le") == MAX_ID:
        return NO_SUCH_ID
    message = str(error.get("msg", "This value is not valid."))
    message = message.removeprefix("Value error, ")
    return message if message.endswith(".") else message + "."


def _from_ninja(error: NinjaValidationError, param_names: set[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for item in error.errors:
        field = _field_name(item.get("loc", ()), param_names)
        message = _message(item)
        if message not in errors.setdefault(field, []):
            errors[field].append(message)
    return errors


# Mounted last: any other address under /api/ answers a JSON 404 rather than an HTML page.
unknown_addresses = Router()


@unknown_addresses.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False
)
def unknown_address(request: HttpRequest, rest: str) -> HttpResponse:
    raise Http404


def install(api: NinjaAPI, param_names: set[str]) -> None:
    """Register the handlers; `param_names` are the views' body/query parameter names."""

    @api.exception_handler(DjangoValidationError)
    def services_said_no(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return field_errors_response(api, request, _from_django(exc))

    @api.exception_handler(NinjaValidationError)
    def input_did_not_parse(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return field_errors_response(api, request, _from_ninja(exc, param_names))

    @api.exception_handler(ObjectDoesNotExist)
    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    @api.exception_handler(AuthenticationError)
    def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = BAD_TOKEN if request.headers.get("Authorization") else NO_TOKEN
        response = api.create_response(request, {"detail": detail}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="mutuals"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja raises 400 only when the body is not JSON; say what to send instead.
        detail = BAD_BODY if exc.status_code == 400 else str(exc)
        return api.create_response(request, {"detail": detail}, status=exc.status_code)

    @api.exception_handler(MultiPartParserError)
    def bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return api.create_response(request, {"detail": BAD_MULTIPART}, status=400)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        if isinstance(exc, uploads.UploadTooBig):
            detail = exc.message
        else:
            detail = uploads.too_big_message(request)
        return api.create_response(request, {"detail": detail}, status=413)

    @api.exception_handler(DatabaseError)
    def database_error(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
        reason = busy.busy_reason(exc)
        if reason is None:
            return unexpected(request, exc)
        busy.log_busy(reason, request)
        response = api.create_response(request, {"detail": busy.BUSY}, status=503)
        response["Retry-After"] = str(busy.RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        frames = "".join(traceback.format_tb(exc.__traceback__))
        logger.error(
            "API error %s on %s %s\n%s", type(exc).__name__, request.method, request.path, frames
        )
        return api.create_response(request, {"detail": SERVER_ERROR}, status=500)

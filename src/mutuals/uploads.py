"""How big a request may be, said in words, and reading an uploaded file within that limit.

Two limits. A file (an import, a backup to restore) may be up to MUTUALS_MAX_UPLOAD_MB, sent to
an address that takes one: the API's import and restore (raw body or multipart) and the Import
page. Every other body (JSON, forms) keeps a small limit, settings.MUTUALS_MAX_BODY_BYTES. A
request declaring a body over its limit is refused with 413 before anything reads it
(web.middleware.BodySizeMiddleware); a multipart file found over the limit once parsed (it
waits in a temporary file, not in memory) raises UploadTooBig, answered the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

# The addresses that take a file, so their body may be as large as an upload.
FILE_PREFIXES = ("/api/import/", "/api/restore")
FILE_PAGES = ("/import/",)
# What a multipart body carries besides its file: the other fields and the part boundaries.
MULTIPART_ALLOWANCE = 256 * 1024
RESTORE_PREFIX = "/api/restore"


class UploadTooBig(RequestDataTooBig):
    """A file over the upload limit; its message says the limit and what to do instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def in_words(size: int) -> str:
    """2_621_440 -> "2.5 MB"; 104_857_600 -> "100 MB"; 65_536 -> "64 KB"; 100 -> "100 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size} bytes"


def max_upload_bytes() -> int:
    return int(settings.MUTUALS_MAX_UPLOAD_BYTES)


def file_too_big(limit: int | None = None) -> str:
    words = in_words(limit if limit is not None else max_upload_bytes())
    return (
        f"The file is over the {words} limit. Send a part of it: from a LinkedIn export, "
        "import Connections.csv on its own (then messages.csv); split a large address book "
        "or calendar in two. Or raise MUTUALS_MAX_UPLOAD_MB on the server."
    )


def backup_too_big() -> str:
    return (
        f"The backup is over the {in_words(max_upload_bytes())} limit. Restore it on the "
        "server with `mutuals restore FILE`, or raise MUTUALS_MAX_UPLOAD_MB there."
    )


def body_too_big() -> str:
    return (
        f"The request body is over the {in_words(int(settings.MUTUALS_MAX_BODY_BYTES))} limit "
        "for this address. Send less at once, for example fewer records per request."
    )


def is_multipart(request: HttpRequest) -> bool:
    return request.content_type == "multipart/form-data"


def takes_a_file(request: HttpRequest) -> bool:
    return request.path.startswith(FILE_PREFIXES) or request.path in FILE_PAGES


def body_limit(request: HttpRequest) -> int:
    """The largest body `request` may declare: a file's where one is taken, else the small
    one. A multipart body carries a little more than its file."""
    if not takes_a_file(request):
        return int(settings.MUTUALS_MAX_BODY_BYTES)
    return max_upload_bytes() + (MULTIPART_ALLOWANCE if is_multipart(request) else 0)


def too_big_message(request: HttpRequest) -> str:
    """What to tell the sender of a body over `body_limit(request)`."""
    if request.path.startswith(RESTORE_PREFIX):
        return backup_too_big()
    if takes_a_file(request):
        return file_too_big()
    return body_too_big()


def declared_length(request: HttpRequest) -> int:
    """The body's size as the request declares it (Content-Length), 0 when it does not."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def read_file(request: HttpRequest, field: str = "file") -> tuple[bytes, str]:
    """The uploaded file's bytes and name: the multipart field `field`, else the raw body
    (with no name). Raises UploadTooBig over the limit; never parses a raw file as a form."""
    if not is_multipart(request):
        body = request.body
        if len(body) > max_upload_bytes():
            raise UploadTooBig(file_too_big())
        return body, ""
    upload = request.FILES.get(field)
    if upload is None:
        return b"", ""
    if upload.size is not None and upload.size > max_upload_bytes():
        raise UploadTooBig(file_too_big())
    return upload.read(), upload.name or ""

"""Importing an mbox file (Gmail Takeout, Thunderbird, Apple Mail): the file is read as a
stream of header blocks (`core.mail.mbox`), whole, before anything is written; then
`services.record_messages` records them in one transaction under the source
"mbox:<file name>". A file that cannot be read (not an mbox, cut short inside a message's
headers, a header block over 1 MB) is rejected with the message's number and byte offset and
changes nothing. Each run's report is kept as a `MailImport`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO

from django.contrib.auth.models import AbstractBaseUser

from mutuals.core.mail.headers import MailHeaders
from mutuals.core.mail.mbox import MboxRejected, read_headers
from mutuals.emails.models import MailImport
from mutuals.emails.recording import Progress, record_messages
from mutuals.emails.report import MailReport

Reading = Callable[[int], None]  # messages read so far


def source_for(filename: str) -> str:
    return f"mbox:{(filename or 'upload').strip()[:190]}"


def import_mbox(
    *,
    owner: AbstractBaseUser,
    stream: BinaryIO,
    filename: str = "",
    dry_run: bool = False,
    me: Sequence[str] = (),
    reading: Reading | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import the mbox `stream`; `me`: addresses that are you, added to your list. Returns the
    report as a dict (`MailReport.as_dict` plus "file", "errors" and "rejected")."""
    source = source_for(filename)

    def headers() -> Iterator[MailHeaders]:
        for message, parsed in read_headers(stream):
            if reading is not None and message.number % 1000 == 0:
                reading(message.number)
            yield parsed

    try:
        report = record_messages(
            owner=owner,
            messages=headers(),
            source=source,
            dry_run=dry_run,
            me=me,
            progress=progress,
        )
        result = {**report.as_dict(), "errors": [], "rejected": False}
    except MboxRejected as error:
        empty = MailReport(source=source, dry_run=dry_run).as_dict()
        result = {
            **empty,
            "written": False,
            "errors": [{"message": error.number, "offset": error.offset, "text": error.sentence()}],
            "rejected": True,
        }
    result["file"] = filename[:255]
    run = MailImport.objects.create(
        owner=owner,
        filename=filename[:255],
        dry_run=dry_run,
        rejected=result["rejected"],
        report=result,
    )
    result["id"] = run.pk
    return result

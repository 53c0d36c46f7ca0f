"""Reading contact CSV files row by row: what Google, Outlook and any mapped CSV share.

Every file: UTF-8 with or without BOM, UTF-16 (Outlook), Windows-1252 as a fallback; comma,
semicolon or tab separated (decided from the header line); CRLF; quoted newlines; no control
characters but newline and tab. Columns are found by name, never by position. A row starts on
the physical line its first cell is on. Rows of empty cells are ignored; rows with nothing to
identify a person are skipped with a reason; addresses without `@` are left out with a note on
their line.

The dates of a file are read together (`file_dates.read_dates`), so that "1/9/2022" means the
same day in every row and the report can say which order was used.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from mutuals.core.formats.file_dates import FileDates, read_dates
from mutuals.core.formats.records import Contact, FileRejected, Parsed, PartialDate, Skipped
from mutuals.core.formats.text import clean, fold

Row = dict[str, str]
Builder = Callable[[int, Row, FileDates], tuple[Contact, list[Skipped]]]

_LINKEDIN = re.compile(r"linkedin\.com/in/([^/?#\s]+)", re.IGNORECASE)
# Column names that show a file written where dates put the day first.
_DAY_FIRST_WORDS = {
    **dict.fromkeys(("vorname", "nachname", "geburtstag", "firma", "telefon"), "German"),
    **dict.fromkeys(("prenom", "anniversaire", "datedenaissance", "societe"), "French"),
    **dict.fromkeys(("nombre", "apellidos", "cumpleanos", "fechadenacimiento"), "Spanish"),
    **dict.fromkeys(("nome", "cognome", "compleanno", "datadinascita"), "Italian"),
    **dict.fromkeys(("voornaam", "achternaam", "verjaardag", "geboortedatum"), "Dutch"),
}


def decode(data: bytes) -> str:
    """The file's clean text: its encoding guessed, never failing (odd bytes are replaced)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return clean(data.decode("utf-16", errors="replace"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    head = data[:400]
    if head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a byte order mark: the zero bytes show which half is the ASCII one.
        odd_zeros = head[1::2].count(b"\x00") >= head[0::2].count(b"\x00")
        return clean(data.decode("utf-16-le" if odd_zeros else "utf-16-be", errors="replace"))
    for encoding in ("utf-8", "cp1252"):
        try:
            return clean(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return clean(data.decode("latin-1"))


def rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, cells) for every row with a non-empty cell."""
    text = decode(data)
    first_line = text.lstrip("\n").split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, [cell.strip() for cell in cells]
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileRejected(f"The CSV cannot be read: {error}.", line=start) from error


def header(found: Iterator[tuple[int, list[str]]], expected: str) -> list[str]:
    """The first row: the column names."""
    for _line, cells in found:
        return cells
    raise FileRejected(f"The file is empty; expected a header like {expected}.")


def table(found: Iterator[tuple[int, list[str]]], names: Sequence[str]) -> list[tuple[int, Row]]:
    """The rows after the header, each a dict from column name to cell."""
    return [
        (line, dict(zip(names, cells + [""] * (len(names) - len(cells)), strict=False)))
        for line, cells in found
    ]


def day_first_hint(names: Iterable[str]) -> str:
    """What in the header says the file writes dates day first ("the file's German column
    names"), or "" when nothing does."""
    for name in names:
        language = _DAY_FIRST_WORDS.get(fold(name))
        if language:
            return f"the file's {language} column names"
    return ""


# Values


def linkedin_url(value: str) -> str:
    """https://www.linkedin.com/in/slug for any form of a profile address, else ""."""
    found = _LINKEDIN.search(value)
    return f"https://www.linkedin.com/in/{found.group(1).lower()}" if found else ""


def split(value: str, separators: str = r" ::: ") -> list[str]:
    """The non-empty parts of a cell holding several values."""
    return [part.strip() for part in re.split(separators, value) if part.strip()]


def label(text: str) -> str:
    """A Google label without the `* ` that marks the primary one."""
    return text.removeprefix("*").strip()


def joined(*parts: str, sep: str = " ") -> str:
    return sep.join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class Unmapped:
    """The columns of a file no field reads, each with what the report calls it, and the
    values that mean nothing ("Normal", "Unspecified": what an exporter writes by default)."""

    columns: tuple[tuple[str, str, frozenset[str]], ...]

    @classmethod
    def of(
        cls,
        names: Iterable[str],
        in_words: Callable[[str], str | None],
        defaults: Mapping[str, frozenset[str]] | None = None,
    ) -> Unmapped:
        """`in_words(name)` says what a column is called in the report; None when it is read
        (or is only a label for another column)."""
        found = []
        for name in dict.fromkeys(names):
            words = in_words(name) if name else None
            if words is not None:
                found.append((name, words, (defaults or {}).get(name, frozenset())))
        return cls(tuple(found))

    def in_row(self, row: Row) -> list[str]:
        """What this row carries in those columns, in words."""
        return [
            words
            for name, words, nothing in self.columns
            if (value := row.get(name, "")) and value not in nothing
        ]


def date_in(
    line: int, what: str, value: str, dates: FileDates, notes: list[Skipped]
) -> PartialDate | None:
    """The date a cell holds, with a note on its line when it holds something else."""
    if not dates.understood(value):
        notes.append(Skipped(line, f"{what} '{value}' is not a date; left out"))
    return dates.get(value)


def column(name: str) -> str:
    """How the report names a column no field reads (a very long name cut short)."""
    return f"column '{name[:60]}…'" if len(name) > 60 else f"column '{name}'"


def vetted(contact: Contact) -> tuple[Contact | None, list[Skipped]]:
    """The contact without its invalid addresses, or None when nothing identifies anyone."""
    line = contact.line
    notes = [
        Skipped(line, f"'{e.value}' is not an email address; left out")
        for e in contact.emails
        if "@" not in e.value
    ]
    emails = tuple(dict.fromkeys(e for e in contact.emails if "@" in e.value))
    contact = replace(
        contact,
        emails=emails,
        unmapped=tuple(dict.fromkeys(u for u in contact.unmapped if u)),
    )
    if not (
        contact.full_name
        or contact.organization
        or contact.emails
        or contact.phones
        or contact.linkedin_url
    ):
        notes.append(Skipped(line, "no name, organisation, email, phone or LinkedIn profile"))
        return None, notes
    return contact, notes


def collect(
    found: list[tuple[int, Row]],
    build: Builder,
    date_columns: Sequence[str],
    *,
    hint: str = "",
) -> Parsed[Contact]:
    """Each row built into a contact, with the file's dates read together first."""
    dates = read_dates(
        (row.get(name, "") for _line, row in found for name in date_columns), day_first_hint=hint
    )
    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    for line, row in found:
        built, notes = build(line, row, dates)
        contact, more_notes = vetted(built)
        skipped.extend(notes + more_notes)
        if contact is not None:
            contacts.append(contact)
    return Parsed(tuple(contacts), tuple(skipped), (dates.note,) if dates.note else ())

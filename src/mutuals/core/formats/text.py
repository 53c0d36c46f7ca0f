"""Reading exported text as it really arrives: unknown encodings and CSV headers found by alias.

Decoding: a byte-order mark wins (UTF-8, UTF-16 LE/BE); otherwise UTF-8; otherwise, when NUL
bytes suggest it, UTF-16 without a mark; otherwise Windows-1252 (what Excel and Outlook write on
Western Windows). Bytes none of these can read reject the file, naming the line. The text
comes back clean: line ends as "\n", and no NUL or other C0 control character but tab (what
PostgreSQL refuses, or what only damage puts in an export).

CSV: exports put notes above the header (LinkedIn's "Notes:" preamble) and translate column
names, so the header is the first of the opening rows that has every required column under one
of its aliases. Excel re-saves CSV with semicolons (or tabs, as "Unicode text") where the
locale uses the decimal comma, so a header not found with commas is looked for with those.
Names are compared folded (case and everything but letters and digits ignored:
"E-Mail-Adresse" = "e mail adresse"), and columns are mapped by name, never by position. Rows
come with the physical line they start on, since a quoted cell may span several lines.
"""

from __future__ import annotations

import csv
import io
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from mutuals.core.formats.records import FileRejected

HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", ";", "\t")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes(c for c in range(32) if c not in b"\t\n\r")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes) -> str:
    """The clean text in `data`, without a byte-order mark; FileRejected when no encoding fits."""
    text, eight_bit = _decoded(data)
    # In UTF-8 and Windows-1252 a control character is a control byte: bytes without one (the
    # usual case) need only their line ends made plain, and this check costs a fifth of a scan.
    if eight_bit and len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    return clean(text)


def _decoded(data: bytes) -> tuple[str, bool]:
    """The text, and whether its encoding was one byte per ASCII character."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data[len(bom) :], encoding), encoding == "utf-8"
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        even_nuls = data[:4096:2].count(0)
        odd_nuls = data[1:4096:2].count(0)
        return _decode_as(data, "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"), False
    return _decode_as(data, "cp1252"), True


def clean(value: str) -> str:
    """`value` with "\r\n" and lone "\r" as "\n", and no other C0 control but tab."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", value)


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, errors="replace").count("\n") + 1
        raise FileRejected(
            f"the file is not readable text ({encoding} fails here); save it again as UTF-8",
            line=line,
        ) from None


def fold(name: str) -> str:
    """A column name reduced to what identifies it: lower-case letters and digits only."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def rows_with_lines(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the 1-based line it starts on; blank lines are left out."""
    # Cells keep their line breaks; "\r\n" inside a quoted cell is one break, not two.
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n"), newline=""), delimiter=delimiter)
    start = 1
    try:
        for row in reader:
            if row:
                yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileRejected(f"the CSV is malformed ({error})", line=start) from None


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV table whose header was found: column index per field, the header's cells as
    written, and the rows after it."""

    columns: Mapping[str, int]
    header_line: int
    rows: Iterator[tuple[int, list[str]]]
    header: tuple[str, ...] = ()

    def other_columns(self) -> tuple[tuple[int, str], ...]:
        """(index, name) of the named columns no field was mapped to."""
        mapped = set(self.columns.values())
        return tuple(
            (index, name.strip())
            for index, name in enumerate(self.header)
            if index not in mapped and name.strip()
        )


def find_table(
    text: str, aliases: Mapping[str, Sequence[str]], required: Sequence[str]
) -> Table | None:
    """The table whose header names every `required` field by one of its `aliases`, or None.

    Only the first HEADER_SEARCH_ROWS rows are searched: a header further down is not a header.
    Commas are tried first, then the other DELIMITERS.
    """
    folded = {field: {fold(alias) for alias in names} for field, names in aliases.items()}
    first_error: FileRejected | None = None
    for delimiter in DELIMITERS:
        if delimiter != "," and delimiter not in text[:65536]:
            continue
        try:
            table = _find_header(rows_with_lines(text, delimiter), folded, required)
        except FileRejected as error:  # malformed read this way; another delimiter may do
            first_error = first_error or error
            continue
        if table is not None:
            return table
    if first_error is not None:
        raise first_error
    return None


def _find_header(
    rows: Iterator[tuple[int, list[str]]],
    folded: Mapping[str, set[str]],
    required: Sequence[str],
) -> Table | None:
    for count, (line, row) in enumerate(rows):
        if count >= HEADER_SEARCH_ROWS:
            return None
        columns = _match_header(row, folded)
        if all(field in columns for field in required):
            return Table(columns=columns, header_line=line, rows=rows, header=tuple(row))
    return None


def _match_header(row: list[str], folded: Mapping[str, set[str]]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = fold(cell)
        for field, names in folded.items():
            if name in names and field not in columns:
                columns[field] = index
    return columns


def cells(
    table: Table, fields: Sequence[str], extra: Sequence[int] = ()
) -> Iterator[tuple[int, list[str]]]:
    """Each row's cells for `fields` (two or more), stripped; "" for a column the file lacks.

    The cells of the `extra` column indexes follow, in order (for columns no field reads).
    """
    width = max([*table.columns.values(), *extra]) + 1
    # Index -1 is an empty cell appended to every row: what absent columns read.
    pick = operator.itemgetter(*(table.columns.get(field, -1) for field in fields), *extra)
    padding = [""] * width
    strip = str.strip
    for line, row in table.rows:
        if len(row) < width:
            row.extend(padding[len(row) :])
        row.append("")
        yield line, list(map(strip, pick(row)))

"""CSV that spreadsheets cannot turn into formulas (CSV or "formula" injection).

Excel, LibreOffice and Google Sheets treat a cell whose text starts with `=`, `+`, `-` or `@`
as a formula, and tab or carriage return at the start can smuggle one past a check. A contact's
name or notes written to an export could therefore run a formula on the reader's machine.
Following the OWASP "CSV Injection" guidance, every such cell is prefixed with a single quote,
which spreadsheets show as text and hide. Leading spaces do not protect a cell (some programs
strip them before deciding), so a cell is also neutralised when its first non-space character
is one of those.

Safety comes first: numbers such as `-5` and phone numbers such as `+44 20 7946 0000` are
neutralised too, because the writer cannot know which readers will treat them as formulas.

Output follows RFC 4180: comma separated, double quotes where needed, CRLF line ends.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

DANGEROUS_STARTS = frozenset("=+-@\t\r")


def _formula_like(cell: str) -> bool:
    first_visible = cell.lstrip()[:1]
    return bool(cell) and (cell[0] in DANGEROUS_STARTS or first_visible in DANGEROUS_STARTS)


def _needs_quote(cell: str) -> bool:
    """Formula-like, or formula-like behind quotes of its own: a cell that really starts with
    `'=` is quoted too, so that `restore` can tell it from one we quoted."""
    return _formula_like(cell.lstrip("'"))


def neutralize(cell: str) -> str:
    """The cell, with a leading `'` when a spreadsheet could read it as a formula."""
    return "'" + cell if _needs_quote(cell) else cell


def restore(cell: str) -> str:
    """The cell as it was before `neutralize`: reading our own export back gives the text."""
    if cell[:1] == "'" and _needs_quote(cell[1:]):
        return cell[1:]
    return cell


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV text of the header and rows, every cell neutralised; None is empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralize(str(name)) for name in header])
    for row in rows:
        writer.writerow([neutralize("" if value is None else str(value)) for value in row])
    return out.getvalue()

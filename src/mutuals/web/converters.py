"""`<id:name>` in the pages' addresses: a record id the database can hold (1..MAX_ID).

Django's `<int:...>` matches any run of digits, and a number past 64 bits reached the
database driver as an OverflowError (a 500); such an address now simply matches nothing: 404.
"""

from __future__ import annotations

from mutuals.web.forms import ID_DIGITS, MAX_ID


class IdConverter:
    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError("not an id")  # Django reads this as "no match", a 404.
        return number

    def to_url(self, value: int) -> str:
        return str(value)

"""Dates as files really carry them, with the day/month order decided once per file.

Forms read: ISO ("2022-09-01", "20220901", with or without a time after it), vCard's year-less
"--0415" and "--04-15", LinkedIn's "09 Sep 2022" (month names in English, German, French and
Spanish, abbreviated or not), what Excel makes of them when it re-saves a file ("9-Sep-22",
"23-Apr-23", "9-Sep-2022"), "Sep 9, 2022", and numbers: "1/9/2022", "01/09/22", "1.9.2022".

Numbers separated by "/" or "-" are ambiguous: "1/9/2022" is 1 September in Europe and 9 January
in the US. The file decides, as a person would reading it: a first number over 12 is a day, so
the file writes day first; a second number over 12 means month first. When every numeric date
could be either, a locale the file shows (German or French column names) means day first, and
otherwise the US order is assumed. A file with both kinds is read date by date, each by its own
evidence, and the ambiguous ones by the majority. The decision comes back as a sentence for the
import report. Dots ("1.9.2022") are always day first.

Two-digit years are 2000-2029 for 00-29 and 1930-1999 otherwise, as Excel reads them. The years
exporters use to mean "no year" (1604 by Apple and Thunderbird's CardBook, 0) give a date without
a year; Outlook's "0/0/00" and its 4501 ("None") mean no date at all and are not complaints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mutuals.core.formats.records import PartialDate

_ENGLISH = (
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
)
MONTHS: Mapping[str, int] = {
    **{name: number for number, name in enumerate(_ENGLISH, 1)},
    **{name[:3]: number for number, name in enumerate(_ENGLISH, 1)},
    **dict.fromkeys(("janv", "januar", "janvier", "ene", "enero", "jän", "jänner"), 1),
    **dict.fromkeys(("febr", "februar", "févr", "fevr", "février", "fév", "febrero"), 2),
    **dict.fromkeys(("mär", "mrz", "märz", "mars", "marzo"), 3),
    **dict.fromkeys(("avr", "avril", "abr", "abril"), 4),
    **dict.fromkeys(("mai", "mayo"), 5),
    **dict.fromkeys(("juni", "juin", "junio"), 6),
    **dict.fromkeys(("juli", "juil", "juillet", "julio"), 7),
    **dict.fromkeys(("août", "aout", "ago", "agosto"), 8),
    **dict.fromkeys(("sept", "septembre", "septiembre", "setiembre"), 9),
    **dict.fromkeys(("okt", "oktober", "octobre", "octubre"), 10),
    **dict.fromkeys(("novembre", "noviembre"), 11),
    **dict.fromkeys(("dez", "dezember", "déc", "décembre", "dic", "diciembre"), 12),
}
NO_YEAR = frozenset({0, 1604})
_NO_DATE_YEAR = 4501
_YEARLESS = re.compile(r"--(\d{2})-?(\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ,].*)?", re.DOTALL)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T.*)?", re.DOTALL)
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?:[,\sT].*)?", re.DOTALL)
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})\.?[\s\-/]*([^\W\d_]{3,})\.?,?[\s\-/]*(\d{4}|\d{2})(?:[,\s].*)?", re.DOTALL
)
_MONTH_DAY_YEAR = re.compile(
    r"([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[,\s].*)?", re.DOTALL
)
_ZERO_DATE = re.compile(r"0{1,2}([/.\-])0{1,2}\1(?:0{2}|0{4})")


def parse_day(value: str, *, day_first: bool = False) -> PartialDate | None:
    """The date `value` writes, or None; `day_first` settles "1/9/2022" (not "13/9/2022")."""
    value = value.strip()
    try:
        return _parse(value, day_first)
    except (ValueError, KeyError, OverflowError):
        return None


def _parse(value: str, day_first: bool) -> PartialDate | None:
    if value[:2] == "--":
        if found := _YEARLESS.fullmatch(value):
            return PartialDate(None, int(found[1]), int(found[2]))
        return None
    if value[:4].isdigit():
        if found := _YEAR_FIRST.fullmatch(value):
            return _dated(found[1], found[3], found[4])
        if found := _COMPACT.fullmatch(value):
            return _dated(found[1], found[2], found[3])
    if found := _NUMERIC.fullmatch(value):
        first, separator, second, year = found.groups()
        day, month = int(first), int(second)
        if not _reads_day_first(day, month, separator, day_first):
            day, month = month, day
        return _dated(year, str(month), str(day))
    if found := _DAY_MONTH_YEAR.fullmatch(value):
        return _dated(found[3], str(MONTHS[found[2].casefold()]), found[1])
    if found := _MONTH_DAY_YEAR.fullmatch(value):
        return _dated(found[3], str(MONTHS[found[1].casefold()]), found[2])
    return None


def _reads_day_first(first: int, second: int, separator: str, day_first: bool) -> bool:
    if separator == "." or first > 12:
        return True
    if second > 12:
        return False
    return day_first


def _dated(year: str, month: str, day: str) -> PartialDate | None:
    number = int(year)
    if len(year) == 2:
        number += 2000 if number < 30 else 1900
    if number == _NO_DATE_YEAR:
        return None
    return PartialDate(None if number in NO_YEAR else number, int(month), int(day))


def means_no_date(value: str) -> bool:
    """True for what exporters write to say "no date": Outlook's "0/0/00" and its year 4501."""
    value = value.strip()
    if _ZERO_DATE.fullmatch(value):
        return True
    found = _NUMERIC.fullmatch(value) or _YEAR_FIRST.fullmatch(value)
    return found is not None and str(_NO_DATE_YEAR) in found.groups()


@dataclass(frozen=True, slots=True)
class FileDates:
    """The dates of one file, each distinct string read once, and how their order was decided.

    `note` is a sentence for the import report, or "" when the file's dates needed no decision.
    """

    dates: Mapping[str, PartialDate | None]
    day_first: bool
    note: str = ""
    blank: frozenset[str] = field(default=frozenset())

    def get(self, value: str) -> PartialDate | None:
        """The date `value` (stripped, as given to `read_dates`) writes, or None."""
        return self.dates.get(value)

    def understood(self, value: str) -> bool:
        """False when `value` is meant as a date but could not be read."""
        return not value or value in self.blank or self.dates.get(value) is not None


def read_dates(values: Iterable[str], *, day_first_hint: str = "") -> FileDates:
    """The dates among `values` (stripped cells of one file), with the order decided for it.

    `day_first_hint` names what in the file suggests a day-first locale ("the file's German
    column names"), or is "" when nothing does.
    """
    distinct = [v for v in dict.fromkeys(values) if v]
    blank = frozenset(v for v in distinct if means_no_date(v))
    evidence = _Evidence.of(v for v in distinct if v not in blank)
    day_first = evidence.decide(default=bool(day_first_hint))
    dates = {v: None if v in blank else parse_day(v, day_first=day_first) for v in distinct}
    return FileDates(dates, day_first, evidence.note(day_first, day_first_hint), blank)


@dataclass(slots=True)
class _Evidence:
    """Examples of numeric dates that show their order, and of ones that could be either."""

    days: list[str] = field(default_factory=list)  # a first number over 12: day first
    months: list[str] = field(default_factory=list)  # a second number over 12: month first
    either: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, values: Iterable[str]) -> _Evidence:
        evidence = cls()
        for value in values:
            found = _NUMERIC.fullmatch(value)
            if found is None or found[2] == ".":
                continue
            first, second = int(found[1]), int(found[3])
            if first > 12 >= second:
                evidence.days.append(value)
            elif second > 12 >= first:
                evidence.months.append(value)
            elif first != second and first <= 12 and second <= 12:
                evidence.either.append(value)
        return evidence

    def decide(self, *, default: bool) -> bool:
        """Day first? The majority of the file's telling dates, else `default`."""
        if len(self.days) == len(self.months):
            return default
        return len(self.days) > len(self.months)

    def note(self, day_first: bool, hint: str) -> str:
        order = "day first" if day_first else "month first"
        if self.days and self.months:
            mixed = (
                f"The file mixes day-first ({self.days[0]}) and month-first ({self.months[0]}) "
                "dates: each was read by its own evidence"
            )
            if self.either:
                return f"{mixed}, and ones that could be either, like {self.either[0]}, {order}."
            return f"{mixed}."
        if self.days or self.months:
            example = (self.days or self.months)[0]
            return f"Dates were read {order} ({example}), as the file's unambiguous dates show."
        if not self.either:
            return ""
        either = f"Dates like {self.either[0]} could be read either way; they were read"
        if day_first:
            return f"{either} day first, as {hint} suggest."
        return f"{either} month first (the US order), since nothing in the file says otherwise."

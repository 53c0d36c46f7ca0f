"""Hypothesis strategies the format tests share."""

from datetime import date

from hypothesis import strategies as st

from mutuals.core.formats.file_dates import NO_YEAR
from mutuals.core.formats.records import PartialDate

# Exporters write these years to mean "no year" (1604) or "no date" (Outlook's 4501), so a
# file cannot carry them as real years.
SENTINEL_YEARS = {*NO_YEAR, 4501}
# What the parsers remove from every string: C0 controls but newline and tab, and a lone CR is
# read as a line break.
REMOVED_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\n\t")


@st.composite
def partial_dates(draw, *, with_year=None):
    """Any real day of a month, with a year or (when `with_year` is not True) without."""
    has_year = draw(st.booleans()) if with_year is None else with_year
    if has_year:
        day = draw(st.dates().filter(lambda d: d.year not in SENTINEL_YEARS))
        return PartialDate(day.year, day.month, day.day)
    # A leap year, so 29 February comes up too.
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)))
    return PartialDate(None, day.month, day.day)

"""Names as sources write them: a display name built only when the source has none.

A source's own display name (vCard FN, Google's "Name") is kept exactly; these functions are
for the sources that give only the parts. Chinese, Japanese and Korean names are written family
name first with no space ("王小明", "최유림"); other names given name first, parts separated by
spaces. Prefixes and suffixes ("Dr.", "Jr.") are kept in their own fields and are not added to
a display name the source did not write.

A phonetic name (how the name is read: Apple's and Google's phonetic fields, Outlook's "Yomi",
vCard 4's SORT-AS) is joined in the order the name is said: family first for names written in
CJK characters, given first otherwise, with spaces.
"""

from __future__ import annotations

import re

_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)


def is_cjk(text: str) -> bool:
    """True when `text` is written in Chinese, Japanese or Korean characters."""
    if not text or text.isascii():
        return False
    return all(_CJK.match(ch) for ch in text if not ch.isspace())


def family_first(*parts: str) -> bool:
    """True when the name's written parts are all CJK: said and written family name first."""
    written = [part for part in parts if part]
    return bool(written) and all(is_cjk(part) for part in written)


def display_name(given: str, middle: str, family: str) -> str:
    """The name as a person writes it, from its parts: "王小明", "Ada Maria Lovelace"."""
    if family_first(given, middle, family):
        return f"{family}{given}{middle}"
    return " ".join(part for part in (given, middle, family) if part)


def phonetic_name(given: str, middle: str, family: str, *, name: str = "") -> str:
    """The reading of a name from its phonetic parts, in the order the name is said.

    `name` is the name itself: written in CJK characters, its reading starts with the family.
    """
    parts = (family, given, middle) if family_first(name) else (given, middle, family)
    return " ".join(part for part in parts if part)

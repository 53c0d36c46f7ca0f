"""What a vCard property mutuals does not read is, in the words an import report uses.

Address books write far more than a person record holds. The report lists what was not
imported ("instant messaging", "time zone", "related people") so nothing is dropped silently;
bookkeeping that means nothing to the person reading (VERSION, PRODID, REV, Apple's and
Outlook's layout and sync fields) is left out of that list. A property nobody here knows is
named as written: "field 'X-CUSTOM-1'".
"""

from __future__ import annotations

import re

_IN_WORDS = {
    **dict.fromkeys(
        (
            *("IMPP", "X-AIM", "X-ICQ", "X-JABBER", "X-MSN", "X-YAHOO", "X-SKYPE"),
            *("X-SKYPE-USERNAME", "X-GOOGLE-TALK", "X-GTALK", "X-MS-IMADDRESS", "X-QQ"),
            *("X-GADUGADU", "X-SIP", "X-WECHAT", "X-LINE"),
        ),
        "instant messaging",
    ),
    **dict.fromkeys(("LABEL", "X-MS-OL-ADDRESS"), "street address"),
    **dict.fromkeys(
        (
            *("RELATED", "X-ABRELATEDNAMES", "X-MS-SPOUSE", "X-SPOUSE", "X-EVOLUTION-SPOUSE"),
            *("X-MS-MANAGER", "X-MS-ASSISTANT", "X-EVOLUTION-MANAGER", "X-EVOLUTION-ASSISTANT"),
            *("X-ASSISTANT", "X-MANAGER", "X-CHILDREN", "X-MS-CHILD"),
        ),
        "related people",
    ),
    **dict.fromkeys(("FBURL", "CALURI", "CALADRURI"), "calendar address"),
    **dict.fromkeys(("GENDER", "X-GENDER", "X-WAB-GENDER"), "gender"),
    **dict.fromkeys(("X-EVOLUTION-BLOG-URL", "X-EVOLUTION-VIDEO-URL"), "website"),
    **dict.fromkeys(("MEMBER", "X-ADDRESSBOOKSERVER-MEMBER"), "group members"),
    "GEO": "map location",
    "TZ": "time zone",
    "ROLE": "role",
    "LANG": "language",
    "KEY": "encryption key",
    "LOGO": "logo",
    "SOUND": "sound",
    "EXPERTISE": "expertise",
    "HOBBY": "hobbies",
    "INTEREST": "interests",
    "ORG-DIRECTORY": "directory address",
    "X-PHONETIC-ORG": "phonetic organisation name",
    "X-MS-CARDPICTURE": "business card picture",
    "X-MAIDENNAME": "maiden name",
}
_BOOKKEEPING = frozenset(
    {
        *("VERSION", "PRODID", "REV", "X-ABUID", "CLASS", "PROFILE", "NAME", "SOURCE"),
        *("MAILER", "X-GENERATOR", "SORT-STRING", "CLIENTPIDMAP", "PID", "XML", "BEGIN", "END"),
        *("X-MS-OL-DESIGN", "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "X-RADICALE-NAME"),
        *("X-MOZILLA-HTML", "X-IMAGETYPE", "X-IMAGEHASH", "X-SHAREDPHOTODISPLAYPREF", "X-ABADR"),
        *("X-WAB-GENDER-UNSPECIFIED", "X-FUNAMBOL-FOLDER"),
    }
)
_BOOKKEEPING_PREFIXES = ("X-COUCHDB-", "X-APPLE-", "X-EVOLUTION-", "X-ABSHOWAS", "X-MS-OL-")
# A property name as the formats allow it; anything else is a damaged line, not a field.
_NAME = re.compile(r"[A-Z0-9-]{1,60}")


def not_imported(name: str) -> str:
    """The property `name` (upper case) in words, or "" for bookkeeping and damaged lines."""
    if name in _IN_WORDS:
        return _IN_WORDS[name]
    if name in _BOOKKEEPING or name.startswith(_BOOKKEEPING_PREFIXES) or not _NAME.fullmatch(name):
        return ""
    return f"field '{name}'"

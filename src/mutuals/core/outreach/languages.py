"""Which language a draft is written in, from small stop-word profiles (`lexicon/stopwords/`).

The review's word lists are English, so a message in another language would pass every rule
unread. Each profile is a list of a language's commonest function words; a draft's words are
counted against each. English is assumed unless another language's words outnumber the English
ones by half again and there are at least three of them (a French name or a "merci" in an
English message changes nothing).
"""

from __future__ import annotations

from mutuals.core.outreach.lexicon import words

NAMES = {
    "de": "German",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
}
MIN_WORDS = 3  # fewer of another language's words than this: too little to tell
LEAD = 1.5  # another language needs this many times the English count
UNPROFILED_MIN_WORDS = 12  # a draft this long says which language it is not
FEW_ENGLISH = 0.125  # ... when fewer than this share of its words are English function words
UNPROFILED = "a language other than English"


def other_language(all_words: list[str] | tuple[str, ...]) -> str | None:
    """The name of the language `all_words` are in, when it is clearly not English."""
    english = sum(1 for word in all_words if word in words("stopwords/en"))
    counts = {
        code: sum(1 for word in all_words if word in words(f"stopwords/{code}")) for code in NAMES
    }
    code, best = max(counts.items(), key=lambda item: item[1])
    if best >= MIN_WORDS and best > LEAD * english:
        return NAMES[code]
    if len(all_words) >= UNPROFILED_MIN_WORDS and english < FEW_ENGLISH * len(all_words):
        return UNPROFILED
    return None

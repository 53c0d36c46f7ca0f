"""A group's pool: what a member shares of who they know, and how a search over it is answered.

Idea: a pooled search says *that* an introduction is possible and how warm, never *who* could
make it (PRODUCT.md, P10). So a pooled row keeps only a name, an organisation, a title and a
coarse closeness in three words, and a search answers counts of members, never rows.

- Keys: names and organisations are compared by a normalised key: accents dropped, case
  folded, punctuation as spaces, spaces collapsed ("Núñez-García, Rosa" and "nunez garcia rosa"
  agree). An organisation's key also drops a trailing legal form ("Copperleaf Systems Inc." ->
  "copperleaf systems").
- Closeness: the member's tier in three words: inner and close -> close; good friend and
  meaningful -> know well; acquaintance and dormant -> know. Someone you only know of (no tier)
  is never pooled: you do not know them.
- Counts: a count below `THRESHOLD` is "a few" everywhere (screens and JSON), so a search can
  never tell one member from two; zero stays 0 (nobody matched). A count of `MANY_FROM` or more
  is "many" everywhere: past it, a larger number changes nothing a searcher can do (one member
  is asked, the warmest), and an exact large count would say how far the whole group reaches
  into an organisation, a figure about the pool rather than about a path. So a search counts
  no further than `MANY_FROM` (the database stops there: the largest organisations cost what
  the smallest do); below it every count is exact.
- Specific targets only: a person by full name, an organisation by its name (never "all of
  it"), or at least `MIN_WORDS` meaningful words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from mutuals.core.cadence import Tier

THRESHOLD = 3
MANY_FROM = 20  # a count this large or larger reads "many"; searches count no further
# What is never pooled: one wording for the web, the CLI and the API (as
# `core.coaching.NEVER_SHARED` is for coaches).
NEVER_POOLED = (
    "notes",
    "e-mail addresses",
    "phone numbers",
    "conversations",
    "needs",
    "the give and take",
    "strengths as numbers",
    "photos",
    "dates",
    "how you met",
)
NEVER_POOLED_PEOPLE = "People you only know of, and archived people, are never pooled."
POOLING_WORDS = (
    "Only names, organisations, titles and closeness (close, know well, know) are pooled; "
    f"never {', '.join(NEVER_POOLED[:-1])} or {NEVER_POOLED[-1]}. {NEVER_POOLED_PEOPLE}"
)
A_FEW = "a few"
MANY = "many"
MIN_WORDS = 2

CLOSE = "close"
KNOW_WELL = "know well"
KNOW = "know"
CLOSENESS = (CLOSE, KNOW_WELL, KNOW)  # warmest first; its index is a row's rank
CLOSENESS_OF_TIER: dict[Tier, str] = {
    Tier.INNER: CLOSE,
    Tier.CLOSE: CLOSE,
    Tier.FRIEND: KNOW_WELL,
    Tier.MEANINGFUL: KNOW_WELL,
    Tier.ACQUAINTANCE: KNOW,
    Tier.DORMANT: KNOW,
}

LEGAL_FORMS = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "bv",
        "nv",
        "co",
        "corp",
        "corporation",
        "company",
        "pty",
        "srl",
        "spa",
        "oy",
        "ab",
        "as",
    ]
)
# Words that name no one in particular: a words search needs two others.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "who",
        "whom",
        "someone",
        "somebody",
        "anyone",
        "people",
        "person",
        "knows",
        "know",
        "works",
        "working",
        "job",
        "role",
        "de",
        "la",
        "le",
        "les",
        "du",
        "des",
        "der",
        "die",
        "das",
        "und",
    ]
)
_NOT_WORD = re.compile(r"[\W_]+")
# Letters that casing alone does not bring together: Turkish dotless i (U+0131), as in "Isik"
# written with it, which upper-cases to a plain I.
_SAME_LETTER = str.maketrans({"\u0131": "i"})


def text_key(text: str) -> str:
    """Accents dropped, case folded, anything but letters and digits as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = bare.casefold().translate(_SAME_LETTER)
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def name_key(name: str) -> str:
    return text_key(name)


def organisation_key(name: str) -> str:
    """The key of an organisation's name, without a trailing legal form (kept when it is all)."""
    words = text_key(name).split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def meaningful_words(text: str) -> list[str]:
    """The words of a words search that can narrow it: keyed, no stop words, no repeats."""
    seen: dict[str, None] = {}
    for word in text_key(text).split():
        if len(word) > 1 and word not in STOP_WORDS:
            seen.setdefault(word, None)
    return list(seen)


def words_key(*parts: str) -> str:
    """A row's searchable words (title and organisation), padded with spaces so a search for a
    whole word is a plain substring test: " product manager copperleaf systems "."""
    return f" {' '.join(text_key(part) for part in parts if part).strip()} "


def closeness_of(tier: str | None) -> str | None:
    """The coarse closeness of a tier; None for someone you only know of."""
    if tier is None or tier == "":
        return None
    return CLOSENESS_OF_TIER[Tier(tier)]


def closeness_rank(closeness: str) -> int:
    return CLOSENESS.index(closeness)


def shown_count(count: int) -> int | str:
    """A count as it may leave the server: 0, "a few" (1 to THRESHOLD - 1), the number (up to
    MANY_FROM - 1), or "many" (MANY_FROM and more)."""
    if count <= 0:
        return 0
    if count < THRESHOLD:
        return A_FEW
    return MANY if count >= MANY_FROM else count


@dataclass(frozen=True)
class PoolAnswer:
    """What one search found: how many members know someone matching, and how warmly (each
    member counted once, at their warmest row). Each count stops at `MANY_FROM` (that many or
    more): below it, exact."""

    members: int
    well: int  # of them, how many know the target well or are close
    close: int  # of them, how many are close

    @classmethod
    def of(cls, best_ranks: Iterable[int]) -> PoolAnswer:
        """From each matching member's warmest rank (`closeness_rank`)."""
        ranks = list(best_ranks)
        return cls.counted(
            members=len(ranks),
            well=sum(1 for rank in ranks if rank <= 1),
            close=sum(1 for rank in ranks if rank == 0),
        )

    @classmethod
    def counted(cls, *, members: int, well: int, close: int) -> PoolAnswer:
        """From counts, each kept below or at `MANY_FROM`, as a search counts them."""
        return cls(
            members=min(members, MANY_FROM),
            well=min(well, MANY_FROM),
            close=min(close, MANY_FROM),
        )

    def shown(self) -> dict[str, int | str]:
        return {
            "members": shown_count(self.members),
            "well": shown_count(self.well),
            "close": shown_count(self.close),
        }


def _count_words(count: int | str, one: str, many: str) -> str:
    if count in (A_FEW, MANY):
        return f"{count} {many}"
    if count == 0:
        return f"no {many}"
    return f"{count} {many}" if count != 1 else f"1 {one}"


def answer_words(answer: PoolAnswer, target: str) -> str:
    """The sentence a screen shows: "12 members know someone at Copperleaf Systems, a few of
    them well.", "Many members know someone at Copperleaf Systems, many of them well."
    `target` is what the searcher asked, in their own words."""
    shown = answer.shown()
    if shown["members"] == 0:
        return f"No member of this group knows {target}, as far as their pools say."
    members = _count_words(shown["members"], "member", "members")
    sentence = f"{members[0].upper()}{members[1:]} know {target}"
    well = shown["well"]
    if well == 0:
        return f"{sentence}, none of them well yet."
    if well in (A_FEW, MANY):
        return f"{sentence}, {well} of them well."
    if well == shown["members"]:
        return f"{sentence}, all of them well."
    return f"{sentence}, {well} of them well."


# ---- asking for an introduction through the pool -----------------------------------------
#
# The searcher asks for the target they searched; the server picks who could introduce them
# (`pick_introducer`) and never says whom. The introducing member sees the requester and the
# note (with `NOTICE` for the person in the pool) and accepts or declines. A decline is silent:
# the requester sees "waiting" for `WAIT_DAYS` from the request, then "no introduction this
# time" (`request_state`), the same as a request cancelled because the member stopped pooling.

DAILY_REQUESTS = 3  # a member's requests per group and day
WAIT_DAYS = 5  # how long a request that will not be made still reads "waiting"
SEARCHED_WITHIN_HOURS = 24  # a request is for a target its member searched this recently
MAX_NOTE = 1000

OPEN, ACCEPTED, DECLINED, CANCELLED = "open", "accepted", "declined", "cancelled"
WAITING, INTRODUCED, NO_INTRODUCTION = "waiting", "accepted", "no introduction"
STATE_WORDS = {
    WAITING: "waiting",
    INTRODUCED: "accepted",
    NO_INTRODUCTION: "no introduction this time",
}

# The one wording of the notice for the person in the pool, carried by every request's note.
NOTICE = (
    "Where your name came from: someone who knows you shares your name, organisation and "
    "title with the group {group} on mutuals, so that its members can ask them for an "
    "introduction. Nothing else about you was shared, and you can ask them to stop."
)


def draft_note(target: str, group: str) -> str:
    """The note a request starts from, in the searcher's voice; they may change it."""
    return (
        f"Hello, I am a fellow member of {group}. I would be grateful for an introduction to "
        f"{target}: I would like to ask them a few questions about their work."
    )


def note_with_notice(note: str, group: str) -> str:
    """The note as the introducing member receives it: the requester's words, then the
    notice for the person in the pool (always there, whatever the note says)."""
    return f"{note.strip()}\n\n{NOTICE.format(group=group)}"


def pick_introducer(candidates: Iterable[tuple[int, int, int]]) -> int | None:
    """Who is asked, from (member id, their warmest rank for the target, how often they were
    asked this month): the one who knows the target best, then the one asked least, then the
    earliest member; None when there is no one."""
    best = min(candidates, key=lambda c: (c[1], c[2], c[0]), default=None)
    return None if best is None else best[0]


def request_state(status: str, requested_at: dt.datetime, now: dt.datetime) -> str:
    """What the requester sees: accepted, waiting, or (a decline or a cancellation, once
    `WAIT_DAYS` passed since the request) no introduction. A decline reads exactly like an
    open request until then."""
    if status == ACCEPTED:
        return INTRODUCED
    if status == OPEN or now < requested_at + dt.timedelta(days=WAIT_DAYS):
        return WAITING
    return NO_INTRODUCTION

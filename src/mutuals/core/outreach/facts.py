"""Facts the app holds that a draft can use: what the recipient told you they need, and the
people you both know.

Idea: four writers in, facts the app holds (the thread before a draft) generalised to new
writers where phrasings did not. Two more such facts, read against the draft's words:

- **Their open needs** (the needs ledger, `OutreachContext.recipient_needs`; principles P1 and
  P2). A sentence that speaks to one of them — "the church hall on Mill Lane is free on the 17th
  for the charity quiz", when their need is "a venue for the charity quiz" — gives them
  something, whatever its words: it is about them, as an offer is. It is not a give when it asks
  something itself, nor in a letter that asks for a job, a CV passed on or openings: filling
  their need with yourself ("I know you're hiring a Python developer… refer me?") is the ask.
- **People you both know** (who-knows-whom and who introduced you,
  `OutreachContext.mutual_contacts`; P4: people help those sent to them). A draft that names
  one — "Ama Mensah and I worked together for five years" — says who sent you, whatever its
  words, so a stranger asked for a favour is no longer a cold approach. Naming them as the one
  you want to meet ("could you introduce me to Ama?") is not a way in.

Formula in words: a need's *topic words* are its words of four letters or more, less stop words
and the words every need shares ("looking", "hiring", "someone"…). A sentence speaks to the need
when one of its words of four letters or more equals a topic word or shares its first six
letters with one ("translate" and "translators"). A person is named when their full name, or
their first name of three letters or more written with a capital, stands in a body sentence as a
word, and not straight after "to" or "with" (the one you would be introduced to).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from mutuals.core.outreach.lexicon import words
from mutuals.core.outreach.sentences import WORD, Sentence

MIN_WORD = 4  # shorter words ("may", "old", "van") say too little to tie a sentence to a need
STEM = 6  # two words sharing this many first letters are the same topic ("translat…")
MIN_FIRST_NAME = 3  # a shorter first name ("Al", "Jo") is too often a word or an initial
# Words that any need may say, which tie a sentence to no need in particular.
GENERIC = frozenset(
    {
        *("looking", "look", "need", "needs", "needed", "needing", "find", "finding", "found"),
        *("hiring", "hire", "recruiting", "searching", "search", "seeking", "want", "wants"),
        *("someone", "somebody", "anyone", "anybody", "something", "help", "helping", "good"),
        *("great", "best", "some", "more", "new", "next", "their", "them", "they", "this"),
        *("that", "with", "from", "about", "into", "also", "still", "just", "very", "would"),
        *("could", "should", "will", "have", "been", "being", "work", "people", "person"),
    }
)
# What the writer asks for when filling their need with themselves.
JOB_KINDS = frozenset({"job", "resume", "openings"})


@cache
def _stop_words() -> frozenset[str]:
    return words("stopwords/en")


def _content(text: str) -> set[str]:
    stop = _stop_words()
    return {
        word
        for word in (w.lower() for w in WORD.findall(text))
        if len(word) >= MIN_WORD and word not in stop and word not in GENERIC and "'" not in word
    }


@cache
def topic_words(needs: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Each need's topic words (a need with none ties to nothing)."""
    return tuple(frozenset(_content(need)) for need in needs)


def _same(word: str, topic: str) -> bool:
    long_enough = len(word) >= STEM and len(topic) >= STEM
    return word == topic or (long_enough and word[:STEM] == topic[:STEM])


def speaks_to_need(sentence: Sentence, needs: tuple[str, ...]) -> bool:
    """Whether the sentence names the topic of one of the recipient's open needs."""
    if not needs:
        return False
    said = _content(sentence.plain)
    return any(
        any(_same(word, topic) for word in said for topic in topics)
        for topics in topic_words(needs)
        if topics
    )


# The writer saying what they need themselves ("I'm applying for… and need two referees"): the
# words may be their need's, but the sentence is about the writer's.
_WRITER_NEEDS = re.compile(
    r"\b(?:i|i'm|i've|i'd|we|we're|my)\b[^.!?]{0,60}?\b(?:need|needs|needed|looking for|"
    r"searching|seeking|applying|apply|want|wanted|require|hoping to (?:find|get))\b"
)


def answers_need(
    sentence: Sentence, asks: bool, letter_kinds: Iterable[str | None], needs: tuple[str, ...]
) -> bool:
    """A sentence that speaks to one of their open needs gives them something, unless it asks,
    says what the writer needs, or the letter asks for a job, a CV passed on or openings
    (`letter_kinds`: what each of its sentences asks for)."""
    if asks or any(kind in JOB_KINDS for kind in letter_kinds):
        return False
    return not _WRITER_NEEDS.search(sentence.low) and speaks_to_need(sentence, needs)


@cache
def _name_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    found = []
    for name in names:
        full = " ".join(name.split())
        if not full:
            continue
        forms = [re.escape(full)]
        first = full.split()[0]
        # "Dr Rebecca Lowe": the first name is the first word that is not a title.
        parts = [p for p in full.split() if p.rstrip(".").lower() not in _TITLES]
        if parts:
            first = parts[0]
            if len(parts) > 1:
                forms.append(re.escape(" ".join(parts)))
        if len(first) >= MIN_FIRST_NAME and first[:1].isupper():
            forms.append(re.escape(first))
        alternatives = "|".join(sorted(set(forms), key=len, reverse=True))
        # Case-sensitive: "Will", "Hope" and "May" are names only with their capital.
        found.append(re.compile(rf"(?<![\w'-])(?<!\bto )(?<!\bwith )(?:{alternatives})(?![\w'-])"))
    return tuple(found)


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame"})


def names_mutual(sentences: Iterable[Sentence], names: tuple[str, ...]) -> bool:
    """Whether any sentence names one of the people you both know, other than as the person
    you would like to meet ("introduce me to Ama")."""
    patterns = _name_patterns(names)
    if not patterns:
        return False
    return any(p.search(sentence.text) for sentence in sentences for p in patterns)

"""The agenda's words: small phrase helpers and, as data, the sentences it picks from.

Sentences are written whole (capital letter, final full stop) and name a person at most once.
Where several items of a kind can share a day, the next step comes in several wordings, so a
plan never says the same thing twice (`reasons` picks one per person and avoids repeats).
"""

from __future__ import annotations

import re

from mutuals.core.agenda.states import ItemKind

# The next step for each kind, in several wordings. "{first}" is the person's first name.
NEXT_STEPS: dict[ItemKind, tuple[str, ...]] = {
    ItemKind.PROMISE: (
        "Do it today, or tell them when it will be done.",
        "Keeping a small promise on time builds more trust than a big favour late.",
        "Ten minutes on it now clears it off your mind.",
        "If it cannot happen this week, say so and set a new date.",
        "Send it with a line about why you thought of them.",
    ),
    ItemKind.ASSIGNMENT: (
        "Set aside twenty minutes for it today.",
        "Start small: the first step is enough for today.",
        "When it is done, mark it done and say in a line how it went.",
        "Stuck? Tell your coach what is in the way.",
        "Do it before anything else on the list: it is the one you agreed to.",
    ),
    ItemKind.OCCASION: (
        "A short note on the day means a lot.",
        "A message on the day is enough; a call is better.",
        "Put a reminder to write on the day.",
        "Mention something you remember from the last time you met.",
        "Wish them well, with no ask attached.",
    ),
    ItemKind.INTRODUCTION: (
        "It takes one short message.",
        "Do it while it is fresh for everyone.",
        "Introductions that are followed up are the ones people make again.",
        "Keep it short: who, why they should meet, and nothing more.",
        "A quick message now keeps the introduction moving.",
    ),
    ItemKind.THANK_YOU: (
        "A short thank-you, with how it turned out, keeps it two-way.",
        "Say thank you, or pass on something useful to them.",
        "Tell them what came of it: people like to know their help mattered.",
        "A thank-you note now, and keep an eye out for a way to help back.",
        "Thank them, and ask what you could do in return.",
    ),
    ItemKind.NEW_ACQUAINTANCE: (
        "A short note now keeps the new connection going.",
        "Send a line about something you talked about.",
        "Follow up while you are fresh in their mind.",
        "Suggest a coffee, or share something you promised.",
        "A quick hello this week turns a meeting into a connection.",
    ),
    ItemKind.KEEP_IN_TOUCH: (
        "Ask how things have moved on since.",
        "A short message is enough: no need for a reason beyond saying hello.",
        "Share something you came across that they would like.",
        "Suggest a coffee or a call in the next couple of weeks.",
        "Ask about their news before sharing yours.",
        "Send an article, a job post or an event they might enjoy.",
    ),
    ItemKind.ASK_UNANSWERED: (
        "A friendly follow-up, or mark it answered.",
        "Nudge gently, with an easy way to say no.",
        "Follow up once; if it is not a good time, let it go.",
        "Ask again in a line, and thank them either way.",
        "If it has happened elsewhere, mark it answered.",
    ),
    ItemKind.NEED_REVIEW: (
        "Read it again, and think of someone or something that helps.",
        "Check it is still open, or mark it helped or done.",
        "Think of one person who could help, and mention it.",
        "Look for an article, a posting or an event that fits it.",
        "Note what has changed since, or close it if it is settled.",
    ),
    ItemKind.INTERVIEW: (
        "Read the posting again, and write down three questions to ask them.",
        "Prepare two stories that show what they are looking for.",
        "Tell the people who helped you get there that it is happening.",
        "Note what you want them to remember about you, in one sentence.",
        "Ask someone there what the team is proud of, if there is still time.",
    ),
    ItemKind.REFERRAL_THANKS: (
        "Thank them today, and tell them you will let them know how it goes.",
        "A short thank-you now: a referral is a real favour.",
        "Say thank you, and keep them posted as it moves.",
        "Tell them what happens next, and thank them for vouching for you.",
        "Thank them in your own words: a referral puts their name on the line.",
    ),
    ItemKind.APPLICATION: (
        "A short, friendly follow-up to the recruiter is fair after a week.",
        "Follow up once, briefly, and mention one thing you would bring.",
        "Write to ask where it stands, or note a follow-up you already made.",
        "Ask politely whether they need anything more from you.",
        "One follow-up is welcome; then give it time, or look for a warm path in.",
    ),
    ItemKind.EVENT_FOLLOW_UP: (
        "A line each about something you talked about turns a meeting into a connection.",
        "Send each a short note while the event is fresh in their mind.",
        "Follow up with each: a thank-you, an article, or a coffee.",
        "Write to each with something you said you would send.",
        "A short hello to each, and a coffee with the one you liked talking to most.",
        "Connect with each, with a line about where you met.",
    ),
    ItemKind.DORMANT: (
        "Old ties often bring the freshest help: say hello, and say why you thought of them.",
        "Reconnecting after years is welcome when you ask about them first.",
        "Acknowledge the long silence in a line, then ask what they are up to.",
    ),
}

# The next step when they have an open need: helping with it is the best reason to write.
NEED_STEPS: tuple[str, ...] = (
    "Ask how it is going, and offer one idea or name.",
    "Send anything that helps with it: a name, an article, a posting.",
    "Write about it: a lead or an introduction goes a long way.",
    "Check whether it is still open, and who you know who could help.",
    "Say hello and ask where things stand with it.",
)

# What someone behind a lead did, after their name ("Bo can help with it").
ROLE_HELP_WORDS = {
    "referrer": "referred you",
    "can_help": "helped with it",
    "mentioned": "told you about it",
    "interviewer": "interviewed you",
}
INTERVIEW_NOBODY = (
    "You know nobody there yet: look up who you will meet, and read what they have written."
)

# How a conversation of each kind is said after "Last time:" when it has no summary.
CONVERSATION_KINDS = {
    "coffee": "coffee",
    "call": "a call",
    "email": "an email",
    "message": "a message",
    "meeting": "a meeting",
    "event": "an event",
}
DEFAULT_CONVERSATION = "a conversation"

# Words starting with a vowel letter said with a consonant sound, and the reverse.
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "eu", "one", "once", "ubi", "ura", "ure", "uro")
_VOWEL_SOUND = ("hour", "honest", "honou", "honor", "heir")
# Letters whose names start with a vowel sound ("an MBA", "an SQL", but "a UX").
_VOWEL_LETTERS = set("AEFHILMNORSX")
_ARTICLE = re.compile(r"\b([Aa]n?) ([\w'-]+)")


def article_for(word: str) -> str:
    """ "a" or "an" before `word`, by how it sounds: "an operations", "a UX", "an hour"."""
    if not word:
        return "a"
    if len(word) > 1 and word.isupper():  # an abbreviation, said letter by letter
        return "an" if word[0] in _VOWEL_LETTERS else "a"
    lower = word.lower()
    if lower.startswith(_VOWEL_SOUND):
        return "an"
    if lower.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def agree_articles(text: str) -> str:
    """`text` with each "a"/"an" agreeing with the word after it."""

    def fixed(match: re.Match[str]) -> str:
        article, word = match.group(1), match.group(2)
        right = article_for(word)
        if article.lower() == right:
            return match.group(0)
        return f"{right.capitalize() if article[0].isupper() else right} {word}"

    return _ARTICLE.sub(fixed, text)


def first_sentence(text: str) -> str:
    """The first sentence of a free text, without its final punctuation."""
    text = " ".join(text.split())
    found = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = found.group(1) if found else text
    return sentence.rstrip(".!?;:, ")


def as_phrase(text: str) -> str:
    """A text as the middle of a sentence: "Coffee about X" -> "coffee about X" (not "UX…")."""
    words = text.split()
    if not words:
        return text
    first = words[0]
    if first == "A" or (first[:1].isupper() and first[1:].islower()):
        return text[0].lower() + text[1:]
    return text


def quoted(text: str) -> str:
    """User text quoted inside a sentence, its articles agreeing: “They referred me…”."""
    clean = agree_articles(" ".join(text.split()).rstrip(".;:, "))
    return f"“{clean}”"


def while_ago(days: int) -> str:
    """A time in rounded words: "today", "yesterday", "5 days ago", "3 weeks ago", "4 months
    ago", "2 years ago"."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{how_long(days)} ago"


def how_long(days: int) -> str:
    """A length of time in rounded words: "5 days", "3 weeks", "4 months", "2 years"."""
    if days < 14:
        return _count(days, "day")
    if days < 60:
        return _count(days // 7, "week")
    if days < 360:
        return _count(days // 30, "month")
    return _count(max(1, days // 365), "year")


def when_day(days_away: int) -> str:
    """A day ahead in words: "today", "tomorrow", "in 3 days"."""
    if days_away <= 0:
        return "today"
    return "tomorrow" if days_away == 1 else f"in {days_away} days"


def names_list(names: list[str], most: int = 5) -> str:
    """Names in a sentence: "Ana", "Ana and Bo", "Ana, Bo and Cy", "Ana, Bo, … and 3 others"."""
    if len(names) > most:
        rest = len(names) - most + 1
        return f"{', '.join(names[: most - 1])} and {rest} others"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def sentence(text: str) -> str:
    """`text` as a sentence: a capital first letter and a final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."

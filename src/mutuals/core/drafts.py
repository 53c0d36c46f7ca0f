"""Drafts that sound like a person: messages written from what you know about someone (P6).

Idea: career advisers' advice on reaching out, turned into a few plain templates. A message that
lands well acknowledges a long silence and apologises for it, asks about the other person,
refers to something you know of their life or work (how you met, what you last talked about,
what they are looking for), offers something before it asks, and asks small, with an easy way
to say no. The forwardable introduction request follows the "forwardable email" habit: a short
note the introducer can pass on as it is, so the target can say yes or no without effort.

How a draft is built, in words:
- the purpose picks the shape: reconnect, thanks, intro-request, follow-up, share, congratulate;
- each paragraph is chosen from a few equivalent wordings by a checksum of the facts (and an
  optional `variant`), so the same facts always give the same draft and different people get
  slightly different ones;
- the silence is acknowledged from about three months on, with an apology from a year on;
- facts that are missing are left out rather than shown as blanks to fill.

`core.outreach.review` finds no `problem` in any draft (a property test checks it over random
facts); the review of an ask made while the balance is against you still warns, as it should.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Purpose(StrEnum):
    RECONNECT = "reconnect"
    THANKS = "thanks"
    INTRO_REQUEST = "intro-request"
    FOLLOW_UP = "follow-up"
    SHARE = "share"
    CONGRATULATE = "congratulate"
    INTRO_OFFER = "intro-offer"
    INTRODUCE = "introduce"


PURPOSE_LABELS: dict[Purpose, str] = {
    Purpose.RECONNECT: "Reconnect after a silence",
    Purpose.THANKS: "Say thank you",
    Purpose.INTRO_REQUEST: "Ask for an introduction",
    Purpose.FOLLOW_UP: "Follow up after a conversation",
    Purpose.SHARE: "Share something useful",
    Purpose.CONGRATULATE: "Congratulate",
    Purpose.INTRO_OFFER: "Offer an introduction (ask first)",
    Purpose.INTRODUCE: "Introduce two people",
}

QUIET_DAYS = 90  # from here on a draft says it has been a while
APOLOGY_DAYS = 365  # from here on it also apologises for the silence
_NUMBER_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# A need written as "Looking for a UX role" reads as "a UX role" inside a sentence.
_NEED_LEAD = re.compile(
    r"^\s*(?:(?:is|was|she is|he is|they are)\s+)?"
    r"(?:looking for|searching for|seeking|hoping for|would like|wants?|needs?)\s+",
    re.IGNORECASE,
)
# First words that are not names, so they can start a phrase inside a sentence in lower case.
_COMMON_FIRST_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "some",
        "any",
        "more",
        "someone",
        "somebody",
        "advice",
        "help",
        "intro",
        "introduction",
        "introductions",
        "information",
        "info",
        "feedback",
        "contacts",
        "contact",
        "leads",
        "lead",
        "referral",
        "referrals",
        "ideas",
        "tips",
        "your",
        "their",
        "new",
        "next",
        "good",
        "better",
        "first",
        "moving",
        "finding",
        "getting",
        "hiring",
        "learning",
    }
)


@dataclass(frozen=True, slots=True)
class DraftFacts:
    """What a draft may draw on; every field but `their_name` may be left empty.

    - `their_name`, `my_name`: first names (the greeting and the signature);
    - `how_met`: how you met, in your words ("at the PyCon sprints");
    - `last_topic`: what your last conversation was about (its summary);
    - `days_since_last_contact`: None when unknown or never;
    - `their_needs`: their open needs, one line each, oldest first;
    - `received`: what they did for you (thanks);
    - `target_name`, `target_about`: who you would like to be introduced to, and a few words
      about them ("engineering manager at Acme") (intro-request);
    - `ask`: the small thing you would like (a conversation, their take on something);
    - `share`, `share_need`: what you are sending and which of their needs it serves (share);
    - `occasion`: their news (congratulate).
    """

    their_name: str = ""
    my_name: str = ""
    how_met: str = ""
    last_topic: str = ""
    days_since_last_contact: int | None = None
    their_needs: tuple[str, ...] = ()
    received: str = ""
    target_name: str = ""
    target_about: str = ""
    ask: str = ""
    share: str = ""
    share_need: str = ""
    occasion: str = ""


@dataclass(frozen=True, slots=True)
class Draft:
    """A message to send: `subject`, `text` (the body, greeting to signature) and, for an
    introduction request, the `forwardable` note (also inside `text`); `uses` names the facts
    it drew on, in words."""

    purpose: Purpose
    subject: str
    text: str
    forwardable: str | None
    uses: tuple[str, ...]


def draft(purpose: Purpose | str, facts: DraftFacts, *, variant: int = 0) -> Draft:
    """A draft for `purpose` from `facts`; the same arguments always give the same draft."""
    chosen = Purpose(purpose)
    words = _Writer(chosen, _clean(facts), variant)
    return _BUILDERS[chosen](words)


class _Writer:
    """Chooses wordings deterministically and remembers which facts were used."""

    def __init__(self, purpose: Purpose, facts: DraftFacts, variant: int) -> None:
        self.purpose = purpose
        self.facts = facts
        key = "|".join((purpose.value, facts.their_name, facts.my_name, facts.last_topic))
        self.seed = zlib.crc32(key.encode("utf-8")) + variant
        self.uses: list[str] = []
        self.picks = 0

    def pick(self, options: Sequence[str]) -> str:
        """One of `options`: a different choice for each call, fixed for the same facts."""
        self.picks += 1
        return options[(self.seed + self.picks * 7) % len(options)]

    def used(self, what: str) -> None:
        if what not in self.uses:
            self.uses.append(what)

    @property
    def name(self) -> str:
        return self.facts.their_name

    def greeting(self) -> str:
        opener = self.pick(("Hi", "Hello", "Hi", "Dear")) if self.name else "Hello"
        return f"{opener} {self.name}," if self.name else f"{opener},"

    def signature(self, closings: Sequence[str] = ("Best,", "All the best,", "Warmly,")) -> str:
        closing = self.pick(closings)
        return f"{closing}\n{self.facts.my_name}" if self.facts.my_name else closing

    def silence(self) -> str:
        """A sentence acknowledging a long silence, or "" when there was none."""
        days = self.facts.days_since_last_contact
        if days is None or days < QUIET_DAYS:
            return ""
        self.used("how long since you last talked")
        span = _span_words(days)
        if days < APOLOGY_DAYS:
            return self.pick(
                (
                    f"It has been {span} since we last talked, and I have been quiet for too long.",
                    f"I realise it has been {span} since we last caught up.",
                )
            )
        return self.pick(
            (
                f"It has been {span} since we last talked, which is far too long, and I am "
                "sorry I let it slip.",
                f"I am sorry for the long silence: it has been {span} since we last talked.",
                f"I can hardly believe it has been {span} since we last spoke; I am sorry I "
                "have been out of touch for so long.",
            )
        )

    def memory(self) -> str:
        """A sentence recalling how you met or what you last talked about, or ""."""
        facts = self.facts
        if facts.last_topic:
            self.used("your last conversation")
            return self.pick(
                (
                    "You came to mind the other day when I thought back to our last "
                    f"conversation ({facts.last_topic}).",
                    f"Our last conversation ({facts.last_topic}) came back to me the other "
                    "day, and so did you.",
                )
            )
        if facts.how_met and not _stock_how_met(facts.how_met):
            self.used("how you met")
            return self.pick(
                (
                    f"You came to mind the other day; I still remember how we met "
                    f"({facts.how_met}).",
                    f"I was remembering how we met ({facts.how_met}) and thought of you.",
                )
            )
        return ""

    def need(self) -> str:
        """Their oldest open need as a phrase for a sentence, or ""."""
        if not self.facts.their_needs:
            return ""
        self.used("their open need")
        return _need_phrase(self.facts.their_needs[0])

    def question(self) -> str:
        """A question about them: their need when known, else their life and work."""
        need = self.need()
        if need:
            # A statement, then the question: a question naming a job need would read as
            # asking for that job yourself.
            return self.pick(
                (
                    f"Last time, you were looking for {need}. How is that going?",
                    f"I remember you were after {need}. How is it going?",
                )
            )
        return self.pick(
            (
                "How have you been, and what are you working on these days?",
                "How are you, and how are things at work?",
                "What has been keeping you busy lately?",
            )
        )

    def offer(self) -> str:
        """Something you can do for them: help with their need when they have one."""
        if self.facts.their_needs:
            self.used("their open need")
            return self.pick(
                (
                    "If I come across anything that could help, I will send it your way.",
                    "If I hear of anything useful for that, I would be happy to pass it on.",
                )
            )
        return self.pick(
            (
                "If there is anything I can do for you, just say.",
                "If you ever need anything, just say: happy to return the favour.",
            )
        )

    def small_ask(self) -> str:
        ask = self.facts.ask
        if not ask:
            return ""
        self.used("your small ask")
        return self.pick(
            (
                f"If you ever have fifteen minutes, I would love your take on {ask}. "
                "No pressure at all if now is not a good time.",
                f"When you have a moment, could I ask you about {ask}? Only if it suits you.",
            )
        )


_THOUGHT_OF_YOU = ("I was thinking of you the other day.", "You came to mind the other day.")


def _reconnect(words: _Writer) -> Draft:
    opening = " ".join(part for part in (words.silence(), words.memory()) if part)
    if not opening:
        opening = words.pick(_THOUGHT_OF_YOU)
    paragraphs = [
        words.greeting(),
        opening,
        words.question(),
        words.small_ask() or words.offer(),
        words.signature(),
    ]
    subject = words.pick(("It has been too long", "Catching up", "Thinking of you"))
    return _finish(words, subject, paragraphs)


def _thanks(words: _Writer) -> Draft:
    facts = words.facts
    if facts.received:
        words.used("what they did for you")
        thanks = words.pick(
            (
                f"Thank you so much for your help ({facts.received}). It made a real difference.",
                f"I wanted to say thank you for what you did ({facts.received}). It meant a lot.",
            )
        )
    else:
        thanks = "Thank you so much for your help. It made a real difference."
    paragraphs = [
        words.greeting(),
        " ".join(part for part in (thanks, words.silence()) if part),
        words.question(),
        words.offer(),
        words.signature(("Thanks again,", "With thanks,", "Many thanks,")),
    ]
    return _finish(words, "Thank you", paragraphs)


def _intro_request(words: _Writer) -> Draft:
    facts = words.facts
    target = facts.target_name or "someone on the team you know"
    if facts.target_name:
        words.used("who you would like to meet")
    about = f" ({facts.target_about})" if facts.target_about else ""
    hope = facts.ask or "how they see their field"
    if facts.ask:
        words.used("your small ask")
    first = facts.target_name.split(" ")[0] if facts.target_name else ""
    forwardable = _forwardable(words, target, hope, first)
    catch_up = (words.silence(), words.memory() or words.pick(_THOUGHT_OF_YOU), words.question())
    paragraphs = [
        words.greeting(),
        " ".join(part for part in catch_up if part),
        f"Would you feel comfortable introducing me to {target}{about}? I am hoping to learn "
        f"about {hope}. Please say no if the timing is not right for you.",
        "Here is a short note you could forward, to make it easy:\n\n" + forwardable,
        words.pick(
            (
                "Either way, thank you for thinking about it. If you ever need anything, just "
                "say: happy to return the favour.",
                "Thank you for considering it, and if there is anything I can do for you, just "
                "say.",
            )
        ),
        words.signature(),
    ]
    subject = f"An introduction to {facts.target_name}?" if facts.target_name else "A favour?"
    return _finish(words, subject, paragraphs, forwardable)


def _forwardable(words: _Writer, target: str, hope: str, first: str) -> str:
    """The note the introducer passes on as it is: who would like to meet, to hear about what,
    and an easy no. Written about the sender, so it reads right whoever forwards it."""
    sender = words.facts.my_name or "A friend"
    whose = f"{first}\u2019s" if first else "their"
    return (
        f"\u201c{sender} would value twenty minutes with {target} to hear about {hope}. "
        f"Happy to fit around {whose} schedule, by call or over coffee, and no hard feelings "
        "if now is not a good time.\u201d"
    )


def _follow_up(words: _Writer) -> Draft:
    facts = words.facts
    if facts.last_topic:
        words.used("your last conversation")
        thanks = words.pick(
            (
                f"Thank you for making the time to talk ({facts.last_topic}). I really enjoyed it.",
                f"It was good to talk ({facts.last_topic}); thank you for your time.",
            )
        )
    else:
        thanks = "Thank you for making the time to talk. I really enjoyed it."
    paragraphs = [
        words.greeting(),
        " ".join(part for part in (thanks, words.silence()) if part),
        " ".join(part for part in (_thinking_of(words), words.offer()) if part),
        " ".join(
            part
            for part in (
                words.small_ask(),
                words.pick(("How did the rest of your week go?", "What are you focusing on next?")),
            )
            if part
        ),
        words.signature(),
    ]
    subject = words.pick(("Good to talk", "Thank you for your time"))
    return _finish(words, subject, paragraphs)


def _thinking_of(words: _Writer) -> str:
    need = words.need()
    return f"I have been thinking about what you said about {need}." if need else ""


def _share(words: _Writer) -> Draft:
    facts = words.facts
    need = _need_phrase(facts.share_need) if facts.share_need else words.need()
    if facts.share_need:
        words.used("their open need")
    thing = facts.share or "something"
    if facts.share:
        words.used("what you are sharing")
    if need:
        body = words.pick(
            (
                f"I came across this and thought of you, since you were looking for {need}: "
                f"{thing}",
                f"I thought of you when I saw this, with {need} in mind: {thing}",
            )
        )
    else:
        body = f"I came across this and thought of you: {thing}"
    paragraphs = [
        words.greeting(),
        " ".join(part for part in (words.silence(), _sentence(body)) if part),
        words.pick(
            (
                "No need to reply; I hope it is useful to you. How are things going?",
                "I hope it helps you. How are you getting on?",
            )
        ),
        words.signature(),
    ]
    return _finish(words, "Thought of you", paragraphs)


def _congratulate(words: _Writer) -> Draft:
    facts = words.facts
    occasion = facts.occasion or "your news"
    if facts.occasion:
        words.used("their news")
    paragraphs = [
        words.greeting(),
        " ".join(
            part
            for part in (
                words.pick(
                    (
                        f"Congratulations on {occasion}! That is wonderful, and well deserved.",
                        f"I just heard about {occasion}: congratulations! I am so pleased for you.",
                    )
                ),
                words.silence(),
            )
            if part
        ),
        words.pick(
            (
                "How are you finding it so far?",
                "What are you most looking forward to?",
            )
        ),
        "No need to reply; I just wanted you to know I am cheering you on.",
        words.signature(("Warmly,", "Best wishes,", "Cheers,")),
    ]
    return _finish(words, "Congratulations!", paragraphs)


def _intro_offer(words: _Writer) -> Draft:
    """The double opt-in question: would they like to meet the other person? Nothing is
    shared with the other side until they say yes."""
    facts = words.facts
    other = facts.target_name or "someone I know"
    if facts.target_name:
        words.used("who they could meet")
    about = f" ({facts.target_about})" if facts.target_about else ""
    why = f" I think you two would get on: {facts.ask}." if facts.ask else ""
    if facts.ask:
        words.used("why they should meet")
    paragraphs = [
        words.greeting(),
        " ".join(part for part in (words.silence(), words.question()) if part),
        f"Would you like me to introduce you to {other}{about}?{why} I have not said anything "
        "to them yet, so there is no pressure at all: a no is completely fine.",
        words.signature(),
    ]
    subject = f"Would you like to meet {facts.target_name}?" if facts.target_name else "An idea"
    return _finish(words, subject, paragraphs)


def _introduce(words: _Writer) -> Draft:
    """The introduction itself, to both people at once, once both said yes."""
    facts = words.facts
    other = facts.target_name or "a friend of mine"
    about = f", {facts.target_about}" if facts.target_about else ""
    why = facts.ask or "you have a lot in common"
    if facts.ask:
        words.used("why they should meet")
    first = facts.target_name.split(" ")[0] if facts.target_name else "you both"
    paragraphs = [
        words.greeting(),
        f"I would like to introduce you to {other}{about}. I think you should talk because "
        f"{why}. Both of you said you would be happy to meet, so over to you.",
        f"How does a short call in the next couple of weeks sound? {first}, I will let you "
        "take it from here; I will step out of the thread so it does not fill your inboxes.",
        words.signature(("Warmly,", "Best,", "All the best,")),
    ]
    names = [name for name in (facts.their_name, facts.target_name) if name]
    subject = "Introduction: " + " and ".join(names) if names else "An introduction"
    return _finish(words, subject, paragraphs)


_BUILDERS = {
    Purpose.RECONNECT: _reconnect,
    Purpose.THANKS: _thanks,
    Purpose.INTRO_REQUEST: _intro_request,
    Purpose.FOLLOW_UP: _follow_up,
    Purpose.SHARE: _share,
    Purpose.CONGRATULATE: _congratulate,
    Purpose.INTRO_OFFER: _intro_offer,
    Purpose.INTRODUCE: _introduce,
}


def _finish(
    words: _Writer, subject: str, paragraphs: list[str], forwardable: str | None = None
) -> Draft:
    text = "\n\n".join(p for p in paragraphs if p)
    return Draft(
        purpose=words.purpose,
        subject=subject,
        text=text,
        forwardable=forwardable,
        uses=tuple(words.uses),
    )


def _clean(facts: DraftFacts) -> DraftFacts:
    """Facts on one line each, without the trailing full stops a sentence adds itself."""
    return DraftFacts(
        their_name=_line(facts.their_name),
        my_name=_line(facts.my_name),
        how_met=_line(facts.how_met),
        last_topic=_line(facts.last_topic),
        days_since_last_contact=facts.days_since_last_contact,
        their_needs=tuple(n for n in (_line(need) for need in facts.their_needs) if n),
        received=_line(facts.received),
        target_name=_line(facts.target_name),
        target_about=_line(facts.target_about),
        ask=_line(facts.ask),
        share=_line(facts.share),
        share_need=_line(facts.share_need),
        occasion=_line(facts.occasion),
    )


def _line(text: str) -> str:
    return " ".join(text.split()).rstrip(".;,: ").strip()


def _sentence(text: str) -> str:
    """`text` ending with a full stop, unless it ends with one already or with a link (a full
    stop after a link can end up in the link when it is clicked)."""
    text = text.strip()
    if text.endswith((".", "!", "?")) or "://" in text.rsplit(" ", 1)[-1]:
        return text
    return text + "."


def _need_phrase(need: str) -> str:
    """ "Looking for a UX role" -> "a UX role"; "Advice on X" -> "advice on X"."""
    phrase = _NEED_LEAD.sub("", _line(need), count=1).strip() or _line(need)
    first, _, rest = phrase.partition(" ")
    if first.lower() in _COMMON_FIRST_WORDS:
        return (first.lower() + " " + rest).strip()
    return phrase


def _span_words(days: int) -> str:
    """ "three months", "over a year", "about four years"."""
    if days < APOLOGY_DAYS:
        months = max(days // 30, 1)
        return "a month" if months == 1 else f"{_number(months)} months"
    years = days // 365
    return "over a year" if years == 1 else f"about {_number(years)} years"


def _number(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 < n < len(_NUMBER_WORDS) else str(n)


# What an import writes as "how you met": true, but no memory to mention in a message.
STOCK_HOW_MET = ("connected on linkedin",)


def _stock_how_met(how_met: str) -> bool:
    return how_met.strip().lower().startswith(STOCK_HOW_MET)

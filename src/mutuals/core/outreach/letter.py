"""A draft read as a letter: its greeting, its body (each sentence's acts) and its sign-off.

Greetings ("Hi Sam,") are the first short lines that ask nothing; sign-offs ("Best,", "Jordan")
are the last ones. Only the body is judged, so "Thanks, Dana" at the end is not read as thanks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mutuals.core.outreach import sentences as spans
from mutuals.core.outreach.acts import Act, big_of, covered, read
from mutuals.core.outreach.facts import answers_need, names_mutual
from mutuals.core.outreach.lexicon import pattern
from mutuals.core.outreach.model import OutreachContext
from mutuals.core.outreach.sentences import STRAIGHTEN, Sentence, tokenize


@dataclass(frozen=True, slots=True)
class Letter:
    text: str
    context: OutreachContext
    greeting: tuple[Sentence, ...]
    body: tuple[Act, ...]
    invited: bool  # the reader asked for what is sent ("as you suggested, here is my CV")
    softened: bool  # "no rush", "whenever suits you": the writer lets them set the pace
    empty: bool  # not a single word, sign-off included
    named_mutual: bool = False  # the body names someone you both know (core.outreach.facts)
    # What the invitation names ("thanks for offering to introduce me" → {"introduction"}); None
    # when it names nothing ("as you suggested"), and then it covers whatever is sent.
    offered: frozenset[str] | None = None

    @property
    def asks(self) -> bool:
        return any(act.ask for act in self.body)

    @property
    def big_asks(self) -> tuple[Act, ...]:
        # A resume they asked for is no favour asked of them.
        return tuple(act for act in self.body if act.big is not None and not self.excused(act))

    def excused(self, act: Act) -> bool:
        """A resume or openings they asked for is no favour asked of them, unless the sentence
        asks for more than they offered ("could you also send my CV on to her?")."""
        return act.big in ("resume", "openings") and not act.further and self.covers(act.big)

    def covers(self, big: str | None) -> bool:
        """Whether the reader invited the message and their invitation covers asking for `big`
        (acts.covered)."""
        return self.invited and covered(big, self.offered)

    @property
    def about_them(self) -> bool:
        return any(act.about_them for act in self.body)

    @property
    def first_ask(self) -> Act | None:
        return next((act for act in self.body if act.ask), None)


_INLINE_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|hiya|respected)"
    r"(?: [^\W\d_][\w.'-]*){0,3}[,!:\u2014-]+\s+(?=\S)",
    re.IGNORECASE,
)


def _split_greeting(sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    """ "Hello Gareth, I am writing..." on one line: the greeting becomes a line of its own. It
    may follow an opening line ("How have you been? Dear Gareth, ..."): the first of the first
    two sentences that opens with a greeting is split, so a greeting never reads as a request
    because something was written before it."""
    for at, sentence in enumerate(sentences[:2]):
        match = _INLINE_GREETING.match(sentence.text)
        if match is None or (len(sentence.words) <= 4 and sentence.text.rstrip()[-1:] != "."):
            continue
        head = sentence.text[: match.end()].rstrip()
        tail = sentence.text[match.end() :]
        greeting = spans.sentence(sentence.start, sentence.start + len(head), head)
        rest = spans.sentence(sentence.start + match.end(), sentence.end, tail)
        return (*sentences[:at], greeting, rest, *sentences[at + 1 :])
    return sentences


def letter(text: str, context: OutreachContext) -> Letter:
    sentences = _split_greeting(tokenize(text))
    greeting: list[Sentence] = []
    for sentence in sentences[:2]:
        short = len(sentence.words) <= 6 and not sentence.text.endswith(".")
        if short and pattern("greeting").search(sentence.plain) and _quiet(sentence):
            greeting.append(sentence)
        else:
            break
    rest = list(sentences[len(greeting) :])
    while rest and (
        _sign_off(rest[-1])
        or (_name_like(rest[-1]) and any(map(_sign_off, rest[-4:-1])) and _quiet(rest[-1]))
        or (_signature(text, rest) and _quiet(rest[-1]))
    ):
        rest.pop()
    straight = text.translate(STRAIGHTEN)
    invitations = list(pattern("invited").finditer(straight))
    invited = bool(invitations)
    offered = _offered(straight, invitations)
    body = _with_needs(tuple(read(sentence, invited, offered) for sentence in rest), context)
    return Letter(
        text=text,
        context=context,
        greeting=tuple(greeting),
        body=body,
        invited=invited,
        offered=offered,
        softened=any(pattern("softened").search(act.sentence.plain) for act in body),
        empty=not sentences,
        named_mutual=names_mutual((act.sentence for act in body), context.mutual_contacts),
    )


_SENTENCE_END = re.compile(r"[.!?\n]")


def _offered(text: str, invitations: list[re.Match[str]]) -> frozenset[str] | None:
    """The favours the reader's invitations name, read in the words that follow each up to the
    end of its sentence ("for offering to introduce me to Dan" names an introduction); None when
    one of them names none ("as you suggested, here is..."), which covers anything sent."""
    named: set[str] = set()
    for invitation in invitations:
        after = text[invitation.end() :]
        stop = _SENTENCE_END.search(after)
        words = after[: stop.start() if stop else len(after)]
        big = big_of(spans.sentence(0, len(words), words).low, True, False)
        if big is None:
            return None
        named.add(big)
    return frozenset(named)


def _with_needs(body: tuple[Act, ...], context: OutreachContext) -> tuple[Act, ...]:
    """The body with each sentence that answers one of the recipient's open needs marked as
    about them (core.outreach.facts: a give, whatever its words)."""
    needs = context.recipient_needs
    if not needs:
        return body
    kinds = [act.big for act in body]
    return tuple(
        replace(act, about_them=True, answers_need=True)
        if act.entitlement is None
        and act.recalled is None
        and not act.chase
        and answers_need(act.sentence, act.ask, kinds, needs)
        else act
        for act in body
    )


def _quiet(sentence: Sentence) -> bool:
    """Safe to leave out of the body: asks nothing, says nothing to them and chases nothing
    ("still waiting" before a sign-off is no signature)."""
    act = read(sentence)
    return not act.ask and act.you == 0 and not act.chase


def _sign_off(sentence: Sentence) -> bool:
    return len(sentence.words) <= 5 and pattern("sign-off").search(sentence.plain) is not None


def _signature(text: str, rest: list[Sentence]) -> bool:
    """A name on the last line of its own: "Jordan", "Sam Obi"."""
    last = rest[-1]
    own_line = text[: last.start].rstrip(" \t").endswith(("\n", "\r"))
    named = all(word[:1].isupper() for word in last.text.split())
    return len(rest) > 1 and own_line and named and len(last.words) <= 3 and _name_like(last)


def _name_like(sentence: Sentence) -> bool:
    """A signature line: a name, a title, an address; short and with no sentence ending."""
    return len(sentence.words) <= 5 and not sentence.text.endswith((".", "!", "?"))

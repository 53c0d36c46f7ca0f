"""What each sentence of a draft does: a small speech-act recogniser.

Idea: a message lands badly for what it *does* — asks, presses, chases, claims a debt — more
than for its exact words, so each sentence is read for its acts (Searle's directives and
commissives, kept to what an outreach message does):

- a **request**, and how it is made: an imperative (a request verb opening a clause, after an
  optional "please", "just" or "and/so/also"), a modal question ("could you", "would you mind",
  "any chance"), a need or want ("I still need that introduction", "I need you to", "I'd like
  you to"), a wh-request ("who do you know at Acme?") or a softer wish ("I'd be grateful",
  "let me know"); an offer ("happy to introduce you", "would you like me to") or a negated ask
  ("I'm not asking for a job") is not one;
- **what is asked**, when it is big: a job or a referral, a resume to forward, openings to look
  out for, their contacts, an introduction, a recommendation, money (small asks — a call,
  coffee, advice — are requests with no size);
- **interest** in the reader: a question to them, their life or work, thanks, an offer (with
  pleasantries and their employer-as-a-route stripped first);
- **pressure**: a chase of an unanswered message, a reproach for not answering, entitlement or
  guilt ("you owe me", "as you promised", "after all I've done").

The word lists are data (`lexicon/*.txt`); this module only says how they combine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mutuals.core.outreach.lexicon import lowered as pattern
from mutuals.core.outreach.lexicon import words
from mutuals.core.outreach.sentences import WORD, Sentence

ME = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
YOU = frozenset(
    {"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll", "ya", "u", "ur"}
)
# What may stand before a request verb at the start of a clause.
_LEAD = (
    r"(?:(?:and|so|also|oh|but|now|then|ok|okay|anyway|btw|plus|just|kindly|please|pls|plz)"
    r"[,]?\s+)*"
)
_CLAUSE_START = r"(?:^|[,;:\u2014\-]\s*|\b(?:and|so|but|then|also)\s+)"
# "Big" asks, in the order they are told apart; what kind decides the finding.
KINDS = ("resume", "openings", "contacts", "job", "introduction", "reference", "feedback", "money")
# A request word directed at the writer is a request even beside an offer.
_FOR_ME = re.compile(
    r"\b(?:introduc\w* me|refer(?:ring)? me|hire me|put me (?:in touch|forward)|connect me|"
    r"recommend me|(?:send|forward|pass|share)\w* (?:me|my)|list of (?:your )?contacts|"
    r"(?:send|forward|pass|share|give)\w* (?:you|u) my (?:cv|resume|papers|documents|application|"
    r"portfolio|profile|credentials|certificates|diploma|details))\b",
    re.IGNORECASE,
)
# "Would you be willing to write...", "are you happy to share...": an offer's words with the
# reader as their subject ask the reader; they offer nothing.
_THEIR_OFFER = re.compile(
    r"\b(?:you|u)(?:'re|'d| are| were| would| might| will|'ll)?(?: be)?(?: \w+ly)? ?$"
)
# The reader named as the one who will do a big favour for the writer, in any tense but the
# past: "I expect that you will introduce me", "I trust you will be in a position to recommend
# me", "you could easily refer me". (acts.read takes what is asked from `big_of`.)
_YOU_FOR_ME = re.compile(
    r"\b(?:you|u)\b(?!\s+(?:\w+ )?(?:offered|used to|were going))"
    r"(?:(?!\b(?:offer\w*|thank\w*|were|was|did|took|agreed|managed|used)\b)[^.!?]){0,50}?"
    r"\b(?:to|will|would|'ll|'d|could|can|shall|might|must|should) (?:\w+ )?"
    r"(?:(?:introduce|refer|recommend|hire|connect|endorse|vouch for|sponsor|employ|"
    r"put in a word for) me|put me (?:forward|in touch)|take me on)\b"
)


@dataclass(frozen=True, slots=True)
class Act:
    """One sentence and what it does."""

    sentence: Sentence
    request: str | None  # "imperative", "modal", "need", "wh", "soft", or None
    big: str | None  # one of KINDS, or None
    about_them: bool  # a question to them, their life or work, thanks, or a give
    offer: bool
    question: bool
    pleasantry: bool  # nothing but what everyone says to everyone ("I hope you are well.")
    chase: bool  # refers back to an earlier message
    reproach: bool  # ... and blames them for not answering, or says they were asked before
    further: bool  # a request for more than was offered ("could you also...")
    entitlement: re.Match[str] | None  # what presents the favour as owed
    recalled: re.Match[str] | None  # a favour the writer once did them ("I covered your shifts")
    me: int
    you: int
    # Speaks to one of the recipient's open needs, and gives (set by `letter`, from the app's
    # facts: core.outreach.facts); such a sentence is about them.
    answers_need: bool = False

    @property
    def ask(self) -> bool:
        return self.request is not None or self.big is not None


def _imperative() -> re.Pattern[str]:
    verbs = "|".join(sorted((re.escape(w) for w in words("request-verbs")), key=len, reverse=True))
    return re.compile(
        rf"{_CLAUSE_START}{_LEAD}(?:{verbs})\b(?!\s+(?:you|u)\s+(?:for|so much)\b)"
        r"(?!\s+(?:care|luck|fun|a look at this)\b)(?!\s+(?:attached|enclosed|below|herewith)\b)",
        re.IGNORECASE,
    )


@cache
def imperative() -> re.Pattern[str]:
    return _imperative()


# A question that opens with one of these, or with a subject, asks something of its own ("How
# did the referral go?", "I helped you get that job, remember?"); one that does not, and names
# a big thing, asks for it ("Intro to your CEO?").
_QUESTION_OPENERS = frozenset(
    {
        *("how", "what", "when", "where", "why", "who", "whom", "whose", "which"),
        *("did", "do", "does", "is", "are", "was", "were", "have", "has", "had"),
        *("how's", "what's", "who's", "where's", "when's", "why's"),
        *("isn't", "aren't", "didn't", "hasn't", "haven't", "wasn't", "weren't", "doesn't"),
        *("don't", "any", "anything", "still", "so", "and", "remember", "right"),
        *("i", "i'm", "i've", "i'd", "i'll", "we", "you", "he", "she", "they", "it", "it's"),
        *("that", "this", "there"),
    }
)
# "You can give me contacts?", "you will introduce me?": a request in statement word order.
_STATEMENT_QUESTION = re.compile(
    r"^\W*(?:(?:and|so|but|also|then|please|pls|now)\W+)*(?:you|u) (?:can|could|will|would|may|"
    r"might|are able to|give|send|pass|share|forward|introduce|refer|recommend|connect)\b",
    re.IGNORECASE,
)
# An order with the reader's name before it, as chat writes one: "Dima send me the numbers",
# "pete send me the hotel contact", "Tom, give me their emails". Only verbs of handing over,
# with "me" or "us" after them, so "Kids send their love" is not one.
_NAMED_ORDER = re.compile(
    r"^\W*(?!(?:i|you|u|we|they|he|she|it|who|that|this|which|and|to|will|can|people|someone|"
    r"somebody|everyone|everybody|nobody|friends|mum|mom|dad|kids|she'll|he'll)\b)[a-z][\w'-]*,?"
    r"\s+(?:please |just |kindly )?(?:send|give|pass|forward|share|text|e-?mail|get)\s+(?:me|us)\b"
)


def request_of(text: str, question: bool = False) -> str | None:
    """How `text` asks the reader to do something, or None."""
    if question and _STATEMENT_QUESTION.search(text):
        return "modal"
    if pattern("request-wh").search(text):
        return "wh"
    if pattern("request-need").search(text):
        return "need"
    if pattern("request-modal").search(text):
        return "modal"
    if _starts_imperative(text) or _NAMED_ORDER.search(text):
        return "imperative"
    if pattern("request-soft").search(text):
        return "soft"
    return None


def _unasked(text: str, question: bool) -> str | None:
    """How `text` asks for a big thing with no verb of asking, or None: a wish ("a referral
    from you would mean a lot") or a bare noun phrase asked as a question ("Intro to your
    CEO?", "Referral for the platform role, if possible?")."""
    # "Thanks for the intro, it would have been hard without it" wishes for nothing.
    wish = pattern("request-wish").search(text) is not None and not re.search(
        r"\b(?:would|could|'d) have\b|\bthank", text, re.I
    )
    words = WORD.findall(text.split(":")[-1])
    bare = question and bool(words) and words[0].lower() not in _QUESTION_OPENERS
    if not (wish or bare) or big_of(text, True, question) is None:
        return None
    return "wish" if wish else "elliptical"


_LETTING = re.compile(
    r"(?:(?:and|so|then|but|now)\s+)?let (?:you|u|the two of you|you two|you both)\b", re.I
)


def _starts_imperative(text: str) -> bool:
    for match in imperative().finditer(text):
        before = text[: match.start()].rstrip().lower()
        # "I hope you can send..." / "you can pass" are not commands: a subject precedes.
        if before.endswith(("i", "you", "we", "they", "he", "she", "to", "will", "'ll", "can")):
            continue
        # "I'll step back and let you take it from here": the writer lets them, asks nothing.
        if _LETTING.match(text[match.start() :]):
            continue
        return True
    return False


# "Recommend me to your boss for the open position" puts the writer forward for the job.
_PUT_FORWARD = re.compile(
    r"\b(?:recommend|put|refer|suggest|mention|propose)\s+me\s+(?:to|for)\b", re.I
)
_PURPOSE = re.compile(r"\b(?:for|towards?|ahead of|before)\s+(?:\w+\s+){0,5}$", re.IGNORECASE)


def _job_only_as_purpose(text: str) -> bool:
    """The job words in `text` are all the purpose of something else ("for the Kent council
    job", "for an interview"), and none is a job asked outright ("refer me", "hire me")."""
    if pattern("asked-job").search(text) or _PUT_FORWARD.search(text):
        return False
    found = list(pattern("asked-job-in-request").finditer(text))
    return bool(found) and all(
        match.group(0).lower().startswith("for ") or _PURPOSE.search(text[: match.start()])
        for match in found
    )


def big_of(text: str, ask: bool, question: bool) -> str | None:
    """What big thing `text` asks for, or None."""
    if pattern("resume-attached").search(text) or (ask and pattern("asked-resume").search(text)):
        return "resume"
    if pattern("asked-openings").search(text):
        return "openings"
    if ask and pattern("asked-contacts").search(text):
        return "contacts"
    # A reference or a read of your letter asked "for the council job" or "for an interview"
    # asks for that reference or that read: the job is why, not what, is asked (session 10).
    if ask and _job_only_as_purpose(text):
        if pattern("asked-reference").search(text):
            return "reference"
        if pattern("asked-feedback").search(text) or pattern("asked-read").search(text):
            return None  # a read is a small favour, as it is with no job named
    # A question about jobs is a job ask ("is your team hiring?"), unless it asks after the
    # reader's own search ("how is the referral you were after going?").
    if ask and pattern("asked-job-in-request").search(text):
        return "job"
    job = pattern("asked-job").search(text)
    if job and (ask or (question and not pattern("their-search").search(text))):
        return "job"
    if ask and pattern("asked-introduction").search(text):
        return "introduction"
    if ask and pattern("asked-reference").search(text):
        return "reference"
    if ask and pattern("asked-feedback").search(text):
        return "feedback"
    if ask and pattern("asked-money").search(text):
        return "money"
    return None


# A favour claimed as owed, read by who owes whom (session 9): not a list of phrases but the
# roles of the act. The debtor is the reader's side (you, your father, your firm) or a body the
# writer speaks for (the nation, the community, our school); the creditor is the writer's side.
# "You owe me", "your dad owes my dad", "the community is owed something", "you are in my debt",
# "it is incumbent upon you", "our school community is obliged to look out for its own", "the
# relationship warrants no less" claim the favour; "I owe you a thank you", "my family owes you
# so much" and "you don't owe me anything" owe or free the reader, and claim nothing.
_THEIR_SIDE = (
    r"(?:you|u|yours|(?:your|ur)(?: \w+){1,2}?|(?:the|this|our) (?:\w+ )?(?:nation|country|"
    r"community|town|village|people|school|firm|company|family|profession|industry|alumni|"
    r"network|society|church|club))"
)
_MY_SIDE = (
    r"(?:i|we|my (?:\w+ )?(?:family|people|father|mother|dad|mum|mom|parents|community|town|"
    r"village|son|daughter)|(?:the|this|our) (?:\w+ )?(?:nation|country|community|town|village|"
    r"people|family|school|alumni))"
)
_CLAIM_GRAMMAR = (
    # the debtor owes: "you owe me", "your family owes us", "the nation owes its sons"
    rf"\b{_THEIR_SIDE}(?:'d| would| should| must| do| did)?"
    r"(?: (?:still|really|surely|definitely|certainly|clearly|kind of|sort of|basically))? "
    r"owe[sd]?\b(?! (?:me |us )?nothing\b)",
    # the creditor is owed: "I am owed", "the community is owed something in return"
    rf"\b{_MY_SIDE}(?:'m|'re| am| is| are| was| were| feel| remain)?"
    r"(?: (?:still|surely|clearly|rightly|certainly))? owed\b",
    r"\bin (?:my|our) debt\b|\bindebted to (?:me|us|my|our)\b|\brepay (?:me|us|my|our)\b",
    # a duty laid on the reader or on a body they belong to
    r"\b(?:it is|it's|it was) (?:\w+ )?(?:incumbent (?:up)?on (?:you|u)|(?:your|ur) "
    r"(?:duty|obligation|responsibility))\b",
    rf"\b{_THEIR_SIDE} (?:is|are|were|was|'re|remain|feel) (?:morally |surely |therefore |still "
    r"|duly )?(?:obliged|obligated|duty[- ]bound|bound|honou?r[- ]bound) to\b",
    # the tie itself named as the creditor, or the writer as entitled
    r"\b(?:relationship|friendship|history|loyalty|connection|ties|bond|years together) "
    r"(?:\w+ )?(?:warrants?|deserves?|demands?|merits?|entitles? me)\b",
    r"\bi(?:'m| am) (?:surely |rightly )?entitled to\b|\bentitles? me to\b",
    # the reader's word given, held against them
    r"\b(?:you|u)(?: \w+ly)? (?:assured me|gave (?:me )?(?:your|ur) word|swore|vowed)\b",
    # refusal made to cost the friendship; the reader's success made a reproach
    r"\b(?:know|see|learn) (?:exactly )?where i stand\b",
    r"\bwhat (?:our|my|your|ur) (?:friendship|history|word|relationship|loyalty)s? "
    r"(?:is|are|was|were|means?|counts?)(?: for)? (?:worth|nothing|little)\b",
    r"\b(?:never|no longer|don't|barely|hardly|rarely) (?:seem to )?(?:have|has|got|find|make) "
    r"(?:the |any )?time for (?:old |your old |ur old |your |ur )?(?:friends|me|us|people|mates)\b",
    r"\b(?:reply to|answer|remember|forget|ignore|help|look after) (?:the )?(?:people|those|"
    r"friends|the ones|someone|somebody|the person) who (?:helped|supported|trained|taught|"
    r"mentored|backed|hired|believed in|stood by|gave) (?:you|u)\b",
    r"\b(?:i(?:'ve| have)?|and) (?:never|hardly ever|rarely) (?:once )?asked (?:you |u )?(?:for )?"
    r"(?:anything|a thing|much|a favou?r)\b",
)
_CLAIM = re.compile("|".join(f"(?:{part})" for part in _CLAIM_GRAMMAR))


_FURTHER = re.compile(
    r"\b(?:also|as well|in addition|additionally|while you're at it|on top of that)\b"
)
_PLEASE = re.compile(r"\b(?:please|kindly|just)\b", re.IGNORECASE)
_FILLERS = frozenset(
    {"i", "and", "so", "just", "really", "very", "again", "also", "but", "oh", "x"}
)


def _only_fillers(text: str) -> bool:
    return all(word.lower() in _FILLERS for word in WORD.findall(text))


def covered(big: str | None, offered: frozenset[str] | None) -> bool:
    """Whether an invitation that names the favours `offered` covers asking for `big`: one that
    names none ("as you suggested") covers any; an offer to introduce you to Dan does not cover
    sending your CV to their manager."""
    return offered is None or big in offered


def read(
    sentence: Sentence, invited: bool = False, invited_to: frozenset[str] | None = None
) -> Act:
    """The acts of one sentence (read in its plain form: chat spellings written out); `invited`:
    the reader asked for what is sent, so the writer saying when they can start asks nothing;
    `invited_to`: the favours the invitation names (None: it names none, and covers any)."""
    text = sentence.low
    question = text.rstrip("\"')\u201d").endswith("?")
    negated = pattern("negated-ask").search(text) is not None
    # Offers are read once the pleasantries are out ("Happy to connect!" offers nothing).
    courteous = pattern("pleasantry").sub(" ", text)
    offered = pattern("offer").search(courteous)
    # "I'm attaching my CV in case it helps": sending your own CV offers them nothing.
    offer = (
        offered is not None
        and not _FOR_ME.search(text)
        and not _THEIR_OFFER.search(courteous[: offered.start()])
        and not pattern("resume-attached").search(text)
    )
    # Friendly imperatives about their life ("tell me about you", "text me when you land") ask
    # nothing for the writer: read what is left once they are taken out.
    caring = pattern("caring").search(text) is not None
    asking = pattern("caring").sub(" ", text) if caring else text
    released = pattern("release").search(text) is not None
    reproach = not released and pattern("reproach").search(text) is not None
    chase = not released and (reproach or pattern("chase").search(text) is not None)
    request = None if offer or negated else request_of(asking, question)
    if request is None and not (offer or negated) and _YOU_FOR_ME.search(asking):
        request = "need"
    # The writer putting themselves forward for work ("I am ready to start from Monday", "I can
    # work any shift") asks for the job.
    self_offer = not (negated or invited) and pattern("request-self").search(asking) is not None
    if request is None and self_offer:
        request = "soft"
    if caring and request == "soft" and request_of(_PLEASE.sub(" ", asking), question) is None:
        request = None  # only the "please" of "send me pics please" was left
    if request is None and not (offer or negated):
        request = _unasked(asking, question)
        # A chaser that names what it is chasing asks for it again ("about the referral").
        # ("congrats on the new job" beside "my last msg" names their news, not a favour)
        named = big_of(asking, True, question) and not pattern("congrats").search(text)
        if request is None and chase and named:
            request = "chase"
    entitled = pattern("entitlement").search(text) or _CLAIM.search(text)
    # A favour claimed as owed asks for it ("the least you could do is put in a word").
    if request is None and entitled and not (offer or negated) and big_of(asking, True, question):
        request = "need"
    big = None if offer or negated else big_of(asking, request is not None, question)
    if big is None and self_offer:
        big = "job"
    # Asking for more than was offered ("could you also introduce me...") is a new ask.
    further = request is not None and _FURTHER.search(text) is not None
    # Saying yes to their offer ("Yes! I'd love an intro to your cousin") asks for nothing new.
    accepted = invited and not further and covered(big, invited_to)
    if accepted and request == "soft" and big is not None:
        request = big = None
    if big is not None and request is None:
        request = "soft"
    polite = courteous
    stripped = pattern("instrumental").sub(" ", polite)
    you = sum(1 for word in WORD.findall(stripped) if word.lower() in YOU)
    # A question counts as interest unless it only asks where they work ("you still at
    # Kestrel?", the way in to an ask) or is a bare nudge ("Ash??").
    route = pattern("workplace").search(polite) is not None and you == 0
    asks_them = question and not route and len(WORD.findall(polite)) > 1
    interest = asks_them or you > 0 or pattern("congrats").search(stripped) is not None
    job_talk = (
        pattern("asked-job").search(text) is not None
        or pattern("asked-job-in-request").search(text) is not None
    )
    about = request is None and (
        offer
        or caring
        or pattern("gratitude").search(stripped) is not None
        or (interest and not job_talk)
    )
    if entitled is None and request is not None:
        entitled = pattern("entitlement-if-asking").search(text)
    # "You will recall that I supervised your thesis": a favour of the past recalled. It is no
    # interest in them, and beside a big ask it is the ask's price (findings.entitlement).
    reminded = pattern("favour-recalled").search(text)
    done = reminded or pattern("favour-done").search(text)
    # ... and said as a reminder ("I helped you with your visa, you remember") it is no interest.
    recalled = reminded or (
        done if done and re.search(r"\b(?:remember|recall|forget)\b", text) else None
    )
    return Act(
        sentence=sentence,
        request=request,
        big=big,
        about_them=about and entitled is None and recalled is None and not chase,
        offer=offer,
        question=question,
        pleasantry=request is None and _only_fillers(polite),
        chase=chase,
        reproach=reproach,
        further=further,
        entitlement=entitled,
        recalled=done,
        me=sum(1 for word in sentence.words if word in ME),
        you=you,
    )

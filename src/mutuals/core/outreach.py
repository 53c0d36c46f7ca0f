"""Outreach coach: honest feedback on a draft message before it is sent (principle P6).

Idea: career advisers describe the same "taker" patterns again and again — a job or referral
request up front, "please forward my resume", "let me know of any openings", years of silence
broken only to ask, a message all about the sender, deadlines put on someone doing you a
favour, one message sent to everyone, a big favour asked of a stranger, asking again while the
give/ask balance already leans against you (Grant, "Give and Take", 2013). People answer
messages that acknowledge the silence, show interest in the other person, give something and
ask small. Each pattern here is a rule over the draft's sentences: regular expressions for the
phrases advisers name, plus light NLP (sentence splitting, pronoun counts, telling an ask from
an offer and a question about them from a request). No network, no language model.

Formula in words: every finding has a severity; the score is 100 minus 25 per `problem`, 8 per
`warn` and 2 per `info`, never below 0. The verdict follows the worst severity: any problem is
"likely to land badly", any warn "worth another pass", otherwise "ready to send" (a draft with
no words at all is "nothing to review"). Rules and thresholds: docs/algorithms/outreach.md.

An optional local model can later suggest better wording through `Rewriter` and
`rewrite_with`; it may only replace a finding's `replacement`, never decide what is found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol


class Severity(StrEnum):
    INFO = "info"
    WARN = "warn"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class OutreachContext:
    recipient_name: str | None = None  # their first name, when known
    known: bool = True  # False: a stranger (no relationship with you)
    days_since_last_contact: int | None = None  # None: unknown or never
    shared_connections: int = 0  # people you both know (0 until the network exists)
    balance: float | None = None  # core.reciprocity balance score in [-1, 1]; None: unknown
    recipient_needs: tuple[str, ...] = ()  # the recipient's open needs, one line each
    recipients: int = 1  # how many people this same message goes to


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable identifier, e.g. "job-request-up-front"
    severity: Severity
    message: str  # what will land badly and why, one sentence
    start: int  # span of the text it concerns: text[start:end]
    end: int
    principle: str  # the principle behind it
    suggestion: str  # a concrete suggestion in words
    replacement: str | None = None  # text that can replace text[start:end], when one exists


@dataclass(frozen=True, slots=True)
class Review:
    verdict: str  # one of VERDICTS
    score: int  # 0..100
    findings: tuple[Finding, ...]  # ordered by start, then severity (worst first), then code


READY, ANOTHER_PASS, LAND_BADLY, NOTHING = (
    "ready to send",
    "worth another pass",
    "likely to land badly",
    "nothing to review",
)
VERDICTS = (READY, ANOTHER_PASS, LAND_BADLY, NOTHING)
PENALTY = {Severity.PROBLEM: 25, Severity.WARN: 8, Severity.INFO: 2}
LONG_SILENCE_DAYS = 365  # over a year without contact: the silence needs saying
BALANCE_AGAINST = -0.2  # core.reciprocity's "you receive more" (its LEANING)
ME_CENTRED_SENTENCES = 3  # me-centred needs at least this many sentences about "I"
ME_CENTRED_SHARE = 0.8  # ... and this share of the sentences that mention either side
ME_CENTRED_PROBLEM_SENTENCES = 5  # a problem from this many, when the draft also asks


# --- tokenising ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a line: greetings and sign-offs are lines) as `text[start:end]`."""

    start: int
    end: int
    text: str  # the slice with curly apostrophes made straight (same length)
    words: tuple[str, ...]  # lower-cased words, contractions kept whole ("i'm")


_STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_FLAT = str.maketrans({"\n": " ", "\r": " ", "\t": " "})
_LINE = re.compile(r"[^\n\r]+")
_LINE_ENDS = (".", "!", "?", "\u2026", ":", ",", ";")
_END = re.compile(r"[.!?\u2026]+[\"'\u201d)\]]*(?=\s|$)")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ABBREVIATION = re.compile(
    r"(?<!\w)(?:mr|mrs|ms|dr|prof|st|jr|sr|vs|etc|e\.g|i\.e|approx|no)$", re.I
)


def tokenize(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences and words; every span lies inside `text`.

    A line break ends a sentence unless it only wraps one: a long line with no closing
    punctuation followed by a line starting with a letter or digit ("...refer me\nfor it?").
    Greetings, sign-offs and names are lines of their own.
    """
    straight = text.translate(_STRAIGHTEN)
    found: list[Sentence] = []
    for start, end in _blocks(straight):
        piece_start = start
        for stop in _END.finditer(straight, start, end):
            if _ABBREVIATION.search(straight, piece_start, stop.start()):
                continue
            _add(found, straight, piece_start, stop.end())
            piece_start = stop.end()
        _add(found, straight, piece_start, end)
    return tuple(found)


def _blocks(straight: str) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    for line in _LINE.finditer(straight):
        if blocks and _wraps(straight, blocks[-1], line.start()):
            blocks[-1] = (blocks[-1][0], line.end())
        else:
            blocks.append((line.start(), line.end()))
    return blocks


def _wraps(straight: str, block: tuple[int, int], next_start: int) -> bool:
    between = straight[block[1] : next_start]
    if between.count("\n") + between.count("\r") - between.count("\r\n") > 1:
        return False  # a blank line: a new paragraph
    previous = straight[block[0] : block[1]].rstrip()
    following = straight[next_start : next_start + 1]
    return (
        len(_WORD.findall(previous)) > 5
        and not previous.endswith(_LINE_ENDS)
        and following.isalnum()
    )


def _add(found: list[Sentence], straight: str, start: int, end: int) -> None:
    while start < end and straight[start].isspace():
        start += 1
    while end > start and straight[end - 1].isspace():
        end -= 1
    piece = straight[start:end].translate(_FLAT)
    words = tuple(word.lower() for word in _WORD.findall(piece))
    if words:
        found.append(Sentence(start, end, piece, words))


# --- phrases ---------------------------------------------------------------------------------


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


GREETING = _any(
    r"^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|hiya|howdy|yo)\b"
    r"[^!?]{0,40}[,:!\-\u2014]?$",
    r"^to whom it may concern\b",
)
SIGN_OFF = _any(
    r"^(?:best|best wishes|all the best|warm(?:est)? regards|kind regards|regards|cheers|"
    r"thanks|thank you|many thanks|sincerely|yours(?: truly| sincerely)?|warmly|warm wishes|"
    r"talk soon|speak soon|take care|love|hugs|xx?|cordially|respectfully|with thanks)"
    r"(?: so much| again| in advance| a lot| very much)?[,.!]*(?:\s+[^\W\d_]+)?[,.!]*$",
)
# Said by everyone to everyone: neither interest in the person nor an ask.
PLEASANTRY = _any(
    r"\b(?:i )?hope (?:you(?:'re| are)|this (?:message |email |note )?finds you|all is|"
    r"everything is|you(?:'ve| have) been|you and yours)\b[^.!?]{0,30}"
    r"\b(?:well|good|great|fine|ok|okay)\b",
    r"\bi know you(?:'re| are) (?:very |really |so )?busy\b",
    r"\b(?:thank you|thanks)(?: so much| very much)?(?: in advance)?"
    r"(?: for (?:your|any) (?:time|consideration|help|attention|assistance)"
    r"(?: and (?:consideration|help|attention))?)?[.!]?$",
    r"\bthank(?:s| you) in advance\b",
    r"\b(?:look(?:ing)? forward to|hope to) (?:hearing|hear) (?:from|back from) you\b",
    r"\b(?:i(?:'m| am)|just|i wanted to|i thought i'd) (?:writing|write|reaching out|reach out|"
    r"contacting|contact|emailing|messaging|getting in touch|get in touch)(?: to you| you)?\b",
    r"\bas you (?:may |might |probably )?know\b",
    r"\byou (?:may|might) (?:not )?remember me\b",
)
OFFER = _any(
    r"\b(?:happy|glad|delighted|keen) to (?:help|share|send|introduce|connect|make|return|"
    r"pass|read|review|look|chat|return|put)\b",
    r"\blet me know (?:if|how|whether|what) (?:i\b|you'd like|you would like|you want|"
    r"it would help|that would help|there's anything i|there is anything i)",
    r"\bif (?:it's|it is|that's|this is|it would be|it'd be) (?:at all )?(?:useful|helpful|of use)",
    r"\bin case (?:it's|it is|it might be|it helps)\b",
    r"\bi(?:'d| would| can| could|'ll| will) (?:be (?:glad|happy) to )?(?:gladly )?"
    r"(?:introduce you|send you|share|pass (?:it|this|them|that) (?:along|on)|put you in touch)",
    r"\bthought (?:of you|you(?:'d| would| might)|this might|it might)\b",
    r"\bwould you like me to\b",
    r"\bwould you (?:like|want|be (?:open|interested)(?: to| in)?) "
    r"(?:an? )?(?:intro|introduction)\b",
    r"\b(?:can|could|may) i (?:help|buy|treat|take|get) you\b",
    r"\bhere(?:'s| is) (?:the|a|an|that) (?:link|article|copy|paper|post|list|piece|report)\b",
    r"\b(?:i'm |i am )?sharing (?:this|an?|the)\b",
    r"\breturn the favou?r\b",
    r"\banything i can do\b",
    r"\bhow (?:can|could|might) i (?:help|be useful)\b",
)
THEIR_SEARCH = _any(
    r"\byou(?:'re| are| were|'ve| have)? (?:after|applied|applying|looking for|interviewing|"
    r"hoping for|going for)\b",
    r"\byour (?:job )?(?:search|hunt|applications?|interviews?)\b",
)
ASK = _any(
    r"\b(?:could|would|can|will|might) you\b(?! believe)",
    r"\b(?:is|are) there any (?:way|chance)\b",
    r"\b(?:could|can|shall) we\b",
    r"\bwould it be possible\b",
    r"\b(?:i'd|i would) like (?:for )?you to\b",
    r"\bi want you to\b",
    r"\bany chance\b",
    r"\b(?:i'd|i would|would) (?:really |so |greatly |very much |truly |also |most )?"
    r"(?:appreciate|be (?:so |very |really |most |most |extremely )?grateful)\b",
    r"\bi(?:'d| would) (?:really |so |greatly |very much |truly |also )?"
    r"(?:love|value|welcome|like)\b"
    r"[^.!?]{0,12}\b(?:your (?:advice|help|input|thoughts|guidance|perspective|insight|"
    r"feedback|take|support|view|opinion)|if you|it if you|any\b|a (?:few|quick|short|brief)|"
    r"to (?:ask|pick|get|borrow|talk|chat|speak|learn|grab|meet|catch up|hear your|set up|"
    r"connect|book|schedule))",
    r"\b(?:i was|i am|i'm) (?:hoping|wondering)\b",
    r"\bplease\b(?! find| see| don't hesitate)",
    r"\blet me know\b",
    r"\bdo you (?:know|have)\b[^.!?]{0,25}\b(?:anyone|anybody|someone|somebody|any|"
    r"a few|time|a minute|some time|\d+ minutes)\b",
    r"\b(?:are|would) you (?:be )?(?:free|available|around|open to|up for|willing|able)\b",
    r"\bhelp me\b",
    r"\bi need (?:your|a|some) (?:help|favou?r|support)\b",
    r"\b(?:can|could|may) i (?:ask|pick|borrow|get|have|grab|steal|send|book|schedule)\b",
    r"\b(?:to ask|ask) (?:you )?(?:for|if|whether|a favou?r)\b",
    r"\bif you (?:could|can|would|have|know|hear)\b",
    r"\bi need you to\b",
    r"\byou (?:need|have|must) to\b",
    r"^(?:(?:and|so|also|oh),? )?(?:please )?(?:send|forward|pass|share|introduce|refer|connect|"
    r"call|email|text|reply|tell|give|put|get) (?:me|my|us|it|this|them|back)\b",
    r"\bkeep (?:me|an eye|your (?:eyes|ears))\b",
    r"\bfeel free to\b",
)
NEGATED_ASK = _any(
    r"\b(?:not|never|n't)\b[^.!?]{0,25}\b(?:ask|asking|expect|expecting|request|looking for)\b"
    r"[^.!?]{0,20}\b(?:job|referral|favou?r|anything|intro|introduction|openings?)\b",
    r"\bno (?:pressure|expectations?|strings)\b[^.!?]{0,15}\b(?:job|referral|at all)\b",
)
# Asking to be given a job, or to be put forward for one.
JOB_ASK = _any(
    r"\brefer(?:ring)? me\b",
    r"\breferr?als?\b",
    r"\bhire me\b",
    r"\b(?:are|is) (?:you(?: guys| all)?|your \w+|they|\w+) (?:currently |still )?hiring\b",
    r"\bhiring (?:for|now|right now)\b",
    r"\bhiring manager\b",
    r"\bopenings?\b",
    r"\bvacanc(?:y|ies)\b",
    r"\bany (?:jobs?|positions?|roles?|opportunit(?:y|ies))\b",
    r"\bjob (?:leads?|opportunit(?:y|ies)|offers?)\b",
    r"\b(?:put in|say) a (?:good )?word\b",
    r"\bfoot in the door\b",
    r"\b(?:get|land|find|help) me (?:in|hired|an? (?:job|role|position|interview))\b",
    r"\bput me (?:forward|up) for\b",
    r"\bhelp me (?:find|get|land|secure)\b[^.!?]{0,20}\b(?:job|role|position|work|one)\b",
    r"\b(?:be |get )considered for\b",
    r"\bjoin (?:your|the) (?:team|company)\b",
)
# "Please forward my resume", "pass my CV along", "attached is my resume".
RESUME_ASK = _any(
    r"\b(?:forward|pass|send|shar|circulat|hand|giv|get|put|show)\w{0,4}\b[^.!?]{0,40}"
    r"\b(?:my|the attached|attached)\s+(?:resume|r\u00e9sum\u00e9|cv|c\.v\.)",
    r"\b(?:my )?(?:resume|r\u00e9sum\u00e9|cv)\b[^.!?]{0,30}"
    r"\b(?:along|around|on to|onto|in front of|(?:to|with) (?:the |your |a |any )?"
    r"(?:hiring|recruit|hr\b|manager|team|whoever|anyone|people|contacts|colleagues|network|someone))",
)
RESUME_ATTACHED = _any(
    r"\b(?:i've |i have )?attached (?:is )?my (?:resume|r\u00e9sum\u00e9|cv)\b",
    r"\bmy (?:resume|r\u00e9sum\u00e9|cv) is attached\b",
    r"\bplease find (?:attached )?my (?:resume|r\u00e9sum\u00e9|cv)\b",
)
# The vague "let me know of any openings": it hands the other person the whole job search.
OPENINGS = _any(
    r"\blet me know\b[^.!?]{0,30}\b(?:any|of|about)\s+(?:[\w-]+\s+){0,2}(?:openings?|"
    r"opportunit(?:y|ies)|positions?|roles?|jobs?|vacanc(?:y|ies)|leads?)\b",
    r"\b(?:hear|know) (?:of|about) anything\b",
    r"\banything (?:relevant|suitable)\b",
    r"\bkeep (?:me in mind|an eye out|your (?:eyes|ears) (?:open|out)|me posted)\b",
    r"\bif you (?:hear|know|come across|see) (?:of |about )?(?:any|anything)\b",
    r"\b(?:anything|something) (?:that )?(?:comes up|opens up)\b",
    r"\b(?:do you know of|have you heard of|are there|do you have) any (?:openings?|jobs?|"
    r"positions?|roles?|opportunit(?:y|ies)|vacanc(?:y|ies))\b",
    r"\bpass (?:along|on) any (?:leads?|openings?|opportunit(?:y|ies)|jobs?)\b",
    r"\bthink of me (?:if|when|for)\b",
)
INTRO_ASK = _any(
    r"\bintroduc\w* me\b",
    r"\b(?:an? )?(?:intro|introduction)\b",
    r"\bput me in touch\b",
    r"\bconnect me (?:with|to)\b",
    r"\bpass (?:on |along )?my (?:name|details|info|contact)\b",
)
REFERENCE_ASK = _any(
    r"\b(?:write|give) me (?:a|an) (?:recommendation|reference|endorsement)\b",
    r"\bbe (?:a|my) reference\b",
    r"\brecommend me\b",
    r"\bvouch for me\b",
    r"\bendorse me\b",
    r"\b(?:review|look over|edit|rewrite|check) my (?:resume|r\u00e9sum\u00e9|cv|cover letter|"
    r"application|portfolio)\b",
)
INVITED = _any(
    r"\bas (?:you|we) (?:asked|requested|suggested|offered|discussed|agreed)\b",
    r"\byou (?:kindly |generously )?(?:offered|asked for|suggested|said you'd|said you would)\b",
    r"\bper your (?:request|suggestion)\b",
)
SILENCE_SAID = _any(
    r"\b(?:it's|it has|it's|has it) been (?:a (?:while|long time|minute|hot minute)|ages|"
    r"forever|years|too long|far too long|way too long|so long|a long while|quite a while)\b",
    r"\b(?:been|it's) (?:\w+ )?(?:too |so )?long since\b",
    r"\blong time no (?:see|talk|speak|chat)\b",
    r"\b(?:sorry|apologi[sz]e|apologies|my bad|i regret)\b[^.!?]{0,60}\b(?:silence|silent|"
    r"out of touch|lost touch|quiet|radio silence|so long|not (?:being|staying|keeping) in touch|"
    r"been (?:away|absent|mia|distant)|disappear|dropped off|delay|late reply|slow)",
    r"\b(?:i've|i have) been (?:terrible|bad|awful|hopeless|quiet|out of touch|mia|absent|"
    r"silent|a stranger)\b",
    r"\b(?:lost|fell out of|falling out of|drifted out of) touch\b",
    r"\b(?:years?|months|ages|so long|a decade) since (?:we|i|our|the last)\b",
    r"\bsince we (?:last )?(?:spoke|talked|caught up|saw each other|met|worked)\b",
    r"\b(?:haven't|have not|hadn't) (?:spoken|talked|caught up|been in touch|seen each other|"
    r"written|connected)\b",
    r"\bout of the blue\b",
    r"\bblast from the past\b",
    r"\bfeels like (?:ages|forever|a lifetime)\b",
    r"\b(?:i know|i realise|i realize) (?:it's|it has been|i've)\b",
    r"\bthe last time we\b",
)
CONGRATS = _any(
    r"\bcongrat\w*\b",
    r"\b(?:saw|read|heard|noticed|loved|enjoyed|liked|followed|watched|remember|remembered)"
    r"\b[^.!?]{0,20}\b(?:your|you)\b",
    r"\bwell done\b|\bwell deserved\b|\bhappy (?:birthday|anniversary|new year)\b",
    r"\b(?:hear|know|learn) (?:how|what|about) (?:you|your|the|it|things)\b",
)
GRATITUDE = _any(r"\b(?:thank you|thanks)\b[^.!?]{0,10}\b(?:for|again)\b")
# "your company" / "where you work" is about their employer as a route to a job, not them.
INSTRUMENTAL = _any(
    r"\byour (?:company|firm|employer|organi[sz]ation|network|contacts|connections|"
    r"(?:linkedin )?profile|"
    r"team's openings|hr|recruiter|hiring)\b",
    r"\b(?:you work|you're working|you are working|where you work|you're now|you are now) "
    r"(?:at|for|in)\b",
)
DEMAND = _any(
    r"\basap\b",
    r"\bas soon as (?:possible|you can)\b",
    r"\burgent(?:ly)?\b",
    r"\bimmediately\b",
    r"\bi need you to\b",
    r"\byou (?:need|have|must) to (?:send|forward|pass|introduce|refer|reply|respond|get back|"
    r"call|help|get me|put|give|write|sign|share|connect)\b",
    r"\bi(?:'ll| will) be (?:waiting|expecting)\b",
    r"\bwithout delay\b",
)
DEADLINE = _any(
    r"\b(?:by|before|no later than) (?:this |next |the end of )?(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|tomorrow|tonight|today|noon|eod|eow|cob|end of (?:the )?"
    r"(?:day|week|month)|the \d{1,2}(?:st|nd|rd|th)|\d{1,2}(?:st|nd|rd|th)|"
    r"jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    r"\bwithin (?:the next )?(?:\d+|an?|one|two|three|24|48) (?:hours?|days?)\b",
    r"\bdeadline\b",
)
NEED_IT = re.compile(
    r"\bneed (?:it|this|that|them|an? (?:answer|reply|response|decision))\b", re.IGNORECASE
)
SELF_PROMISE = re.compile(r"\bi(?:'ll| will)\b", re.IGNORECASE)
SOFTENED = _any(
    r"\bno rush\b",
    r"\bwhenever\b",
    r"\bno (?:pressure|worries)\b",
    r"\bif (?:you have|you've got|there's) (?:time|a moment)\b",
    r"\bif (?:it's|that's) (?:easier|convenient|possible)\b",
)
PLACEHOLDER = _any(
    r"\{\{[^{}\n]{0,40}\}\}",
    r"\{ *[a-z_]{0,30}(?:name|company|title|role|position|firm|org\w*|recipient|contact)"
    r"[a-z_]{0,30} *\}",
    r"\[ *(?:(?:insert|your|their|recipient'?s?|contact'?s?|first|last|full|company|job|hiring)"
    r" +)*(?:name|first name|company|title|role|position|firm|organi[sz]ation|recipient|"
    r"contact|manager|job title|insert[^\]\n]{0,30}) *\]",
    r"< *(?:first[ _]?)?name *>",
    r"%[A-Z_]*NAME%",
)
NAME_PLACEHOLDER = re.compile(r"name|recipient|contact", re.IGNORECASE)
MASS_GREETING = _any(
    r"^(?P<salutation>dear|hi|hello|hey|greetings)(?: to)? (?:all|everyone|everybody|friends|"
    r"folks|team|colleagues|connections|network|all my (?:friends|connections|contacts)|"
    r"y'all|you all|friend|sir or madam|sir/madam|hiring manager|recruiter)\b",
    r"^to whom it may concern\b",
)
MASS_BODY = _any(
    r"\b(?:reaching out|writing) to (?:all|everyone|everybody|a few|several|many) (?:of )?"
    r"(?:my|of my|the people in my)?\s*(?:friends|contacts|connections|network|people)\b",
    r"\b(?:to|with) (?:all|everyone in|everybody in) my (?:network|contacts|connections)\b",
    r"\bif (?:any|anyone) of you\b",
)
CONNECTION_SAID = _any(
    r"\b(?:suggested|recommended) (?:i|that i|we) (?:reach|get|contact|write|speak|talk)",
    r"\b(?:mutual|shared) (?:friend|connection|contact|acquaintance)s?\b",
    r"\bwe both know\b",
    r"\b(?:gave|passed) me your (?:name|details|email|contact)\b",
    r"\b(?:we met|we spoke|i met you|we talked|i heard you speak|i saw your talk|"
    r"i attended your)\b",
    r"\bfellow (?:alum|alumni|alumnus|alumna|member)\b",
)
ME = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
YOU = frozenset(
    {"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll", "ya", "u", "ur"}
)
SMALL_WORDS = frozenset({"and", "so", "also", "oh", "but", "well"})

P_UP_FRONT = "P6: be genuine — don't open with a request"
P_RESUME = "P6: be genuine — ask for advice and a conversation, not for a job to be found for you"
P_SILENCE = "P3: keep in touch — say so and apologise when it has been a long time"
P_INTEREST = "P6: be genuine — ask about their life and work"
P_ME = "P6: be genuine — the message is for them, so make them its subject"
P_DEMAND = "P1: a favour is a gift — the person helping you sets the pace"
P_MASS = "P5: quality over quantity — one person, one message"
P_STRANGER = "P4: people help those sent to them by someone they know"
P_BALANCE = "P1: networking is two-way — give before you ask again"

ADVICE_ASK = (
    "If you have 20 minutes in the coming weeks, I'd really value your advice on how you would "
    "approach a move like mine."
)
INTEREST_QUESTION = "How have things been with you lately?"
ACKNOWLEDGEMENT = (
    "It's been far too long since we last spoke, and I'm sorry I've been out of touch."
)
ABOUT_THEIR_PATH = "I'd love to hear how you found your way into your current role."


# --- reading a draft -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Read:
    sentence: Sentence
    ask: bool
    big: str | None  # "job", "resume", "openings", "introduction", "reference" or None
    about_them: bool  # a question to them, a reference to their life or work, or a give
    offer: bool
    me: int
    you: int


@dataclass(frozen=True, slots=True)
class _Draft:
    text: str
    context: OutreachContext
    greeting: tuple[Sentence, ...]
    body: tuple[_Read, ...]
    invited: bool
    empty: bool  # not a single word, sign-off included

    @property
    def asks(self) -> bool:
        return any(read.ask for read in self.body)

    @property
    def big_asks(self) -> tuple[_Read, ...]:
        # A resume they asked for is no favour asked of them.
        invited = ("resume", "openings") if self.invited else ()
        return tuple(read for read in self.body if read.big is not None and read.big not in invited)

    @property
    def about_them(self) -> bool:
        return any(read.about_them for read in self.body)


def _read(sentence: Sentence) -> _Read:
    text = sentence.text
    question = text.rstrip("\"')\u201d").endswith("?")
    offer = OFFER.search(text) is not None
    negated = NEGATED_ASK.search(text) is not None
    ask = not offer and not negated and ASK.search(text) is not None
    big = None if offer or negated else _big(text, ask, question)
    ask = ask or big is not None
    stripped = INSTRUMENTAL.sub(" ", PLEASANTRY.sub(" ", text))
    you = sum(1 for word in _WORD.findall(stripped) if word.lower() in YOU)
    interest = question or you > 0 or CONGRATS.search(stripped) is not None
    job_talk = JOB_ASK.search(text) is not None
    about = not ask and (
        offer or GRATITUDE.search(stripped) is not None or (interest and not job_talk)
    )
    me = sum(1 for word in sentence.words if word in ME)
    return _Read(sentence, ask, big, about, offer, me, you)


def _big(text: str, ask: bool, question: bool) -> str | None:
    if RESUME_ATTACHED.search(text) or (ask and RESUME_ASK.search(text)):
        return "resume"
    if OPENINGS.search(text):
        return "openings"
    # A question about jobs is a job ask ("is your team hiring?"), unless it asks after the
    # reader's own search ("how is the referral you were after going?").
    if (ask or (question and not THEIR_SEARCH.search(text))) and JOB_ASK.search(text):
        return "job"
    if ask and INTRO_ASK.search(text):
        return "introduction"
    if ask and REFERENCE_ASK.search(text):
        return "reference"
    return None


def _draft(text: str, context: OutreachContext) -> _Draft:
    sentences = tokenize(text)
    greeting: list[Sentence] = []
    for sentence in sentences[:2]:
        short = len(sentence.words) <= 6 and not sentence.text.endswith(".")
        if short and GREETING.search(sentence.text) and _quiet(sentence):
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
    return _Draft(
        text=text,
        context=context,
        greeting=tuple(greeting),
        body=tuple(_read(sentence) for sentence in rest),
        invited=INVITED.search(text.translate(_STRAIGHTEN)) is not None,
        empty=not sentences,
    )


def _quiet(sentence: Sentence) -> bool:
    """Safe to leave out of the body: asks nothing and says nothing to them."""
    read = _read(sentence)
    return not read.ask and read.you == 0


def _sign_off(sentence: Sentence) -> bool:
    return len(sentence.words) <= 5 and SIGN_OFF.search(sentence.text) is not None


def _signature(text: str, rest: list[Sentence]) -> bool:
    """A name on the last line of its own: "Jordan", "Sam Obi"."""
    last = rest[-1]
    own_line = text[: last.start].rstrip(" \t").endswith(("\n", "\r"))
    named = all(word[:1].isupper() for word in last.text.split())
    return len(rest) > 1 and own_line and named and len(last.words) <= 3 and _name_like(last)


def _name_like(sentence: Sentence) -> bool:
    """A signature line: a name, a title, an address; short and with no sentence ending."""
    return len(sentence.words) <= 5 and not sentence.text.endswith((".", "!", "?"))


# --- the rules -------------------------------------------------------------------------------


def _job_request_up_front(draft: _Draft) -> list[Finding]:
    for read in draft.body:
        if read.about_them:
            return []
        if read.big == "job":
            sentence = read.sentence
            return [
                Finding(
                    "job-request-up-front",
                    Severity.PROBLEM,
                    "The message asks for a job or a referral before it shows any interest in "
                    "the person, so it reads as the only reason you wrote.",
                    sentence.start,
                    sentence.end,
                    P_UP_FRONT,
                    "Start with them — their work, a question, something you can give — and "
                    "ask for advice or a conversation rather than a job.",
                    ADVICE_ASK,
                )
            ]
    return []


def _resume_and_openings(draft: _Draft) -> list[Finding]:
    found = []
    severity = Severity.INFO if draft.invited else Severity.PROBLEM
    for read in draft.body:
        sentence = read.sentence
        if read.big == "resume":
            found.append(
                Finding(
                    "forward-my-resume",
                    severity,
                    "Asking someone to forward your resume hands them your job search and "
                    "puts their name behind someone they have not talked to about it.",
                    sentence.start,
                    _with_space(draft.text, sentence.end),
                    P_RESUME,
                    "Leave the resume out until they offer; ask for a short conversation about "
                    "their field instead.",
                    "",
                )
            )
        elif read.big == "openings":
            found.append(
                Finding(
                    "any-openings",
                    severity,
                    '"Let me know of any openings" asks them to job-hunt for you and is easy '
                    "to ignore, because nothing in it is theirs to answer.",
                    sentence.start,
                    sentence.end,
                    P_RESUME,
                    "Ask about them instead, or name one specific role or company and ask what "
                    "they think of it.",
                    ABOUT_THEIR_PATH,
                )
            )
    return found


def _long_silence(draft: _Draft) -> list[Finding]:
    days = draft.context.days_since_last_contact
    if days is None or days <= LONG_SILENCE_DAYS or not draft.body:
        return []
    said = draft.greeting + tuple(read.sentence for read in draft.body)
    if any(SILENCE_SAID.search(sentence.text) for sentence in said):
        return []
    first = draft.body[0].sentence
    years = days // 365
    gap = f"{years} year{'s' if years > 1 else ''}" if years else f"{days} days"
    severity = Severity.PROBLEM if draft.asks else Severity.WARN
    return [
        Finding(
            "silence-not-acknowledged",
            severity,
            f"It has been {gap} since you were last in touch and the message carries on as if "
            "it had not, which makes any ask feel like the only reason you wrote.",
            first.start,
            first.end,
            P_SILENCE,
            "Say how long it has been and that you are sorry to have been out of touch, then "
            "ask how they are.",
            f"{ACKNOWLEDGEMENT} {draft.text[first.start : first.end]}",
        )
    ]


def _nothing_about_them(draft: _Draft) -> list[Finding]:
    if not draft.body or draft.about_them:
        return []
    if draft.big_asks:
        severity = Severity.PROBLEM
    elif draft.asks and len(draft.body) >= 2:
        severity = Severity.WARN
    elif len(draft.body) >= 3:
        severity = Severity.INFO
    else:
        return []
    last = draft.body[-1].sentence
    needs = draft.context.recipient_needs
    hint = "ask how they are, or mention something of theirs you noticed."
    if needs:
        hint = f"ask how it is going with what they told you they need ({needs[0].strip()})."
    return [
        Finding(
            "nothing-about-them",
            severity,
            "Nothing in the message is about the other person — no question to them and no "
            "mention of their life or work — so it reads as being only about you.",
            last.start,
            last.end,
            P_INTEREST,
            f"Add a sentence about them: {hint}",
            _then(draft.text[last.start : last.end], INTEREST_QUESTION),
        )
    ]


def _me_centred(draft: _Draft) -> list[Finding]:
    mine = [read for read in draft.body if read.me > read.you]
    # A request says "you" but is about what you want: only sentences that ask nothing count.
    theirs = sum(1 for read in draft.body if read.you >= max(read.me, 1) and not read.ask)
    if len(mine) < ME_CENTRED_SENTENCES or len(mine) / (len(mine) + theirs) < ME_CENTRED_SHARE:
        return []
    problem = len(mine) >= ME_CENTRED_PROBLEM_SENTENCES and draft.asks
    share = round(100 * len(mine) / (len(mine) + theirs))
    return [
        Finding(
            "me-centred",
            Severity.PROBLEM if problem else Severity.WARN,
            f"{len(mine)} sentences are about you and {theirs} about them ({share}% about you), "
            "so the reader sees your needs before any interest in theirs.",
            mine[0].sentence.start,
            mine[-1].sentence.end,
            P_ME,
            "Cut the story of your search to one sentence and turn another into a question "
            "about them.",
        )
    ]


def _demands(draft: _Draft) -> list[Finding]:
    found = []
    # "No rush" anywhere softens the deadline; "I'll ... by Friday" is your own promise.
    softened = any(SOFTENED.search(read.sentence.text) for read in draft.body)
    for read in draft.body:
        sentence = read.sentence
        speaks_to_them = read.you > 0 and not read.offer
        if not (read.ask or speaks_to_them or NEED_IT.search(sentence.text)):
            continue
        for match in DEMAND.finditer(sentence.text):
            found.append(_demand(sentence, match, Severity.PROBLEM))
        if not softened and not SELF_PROMISE.search(sentence.text):
            for match in DEADLINE.finditer(sentence.text):
                found.append(_demand(sentence, match, Severity.WARN))
    return found


def _demand(sentence: Sentence, match: re.Match[str], severity: Severity) -> Finding:
    said = match.group(0)
    lowered = said.lower()
    if lowered.startswith("i need you to"):
        better = "I'd be grateful if you could"
    elif lowered.startswith("you "):
        better = "if you can, please"
    elif severity is Severity.WARN or "soon" in lowered or lowered in {"asap", "immediately"}:
        better = "whenever suits you"
    else:
        better = None
    return Finding(
        "demand-or-deadline",
        severity,
        f'"{said}" puts pressure on someone who owes you nothing; a favour on a deadline '
        "feels like an order.",
        sentence.start + match.start(),
        sentence.start + match.end(),
        P_DEMAND,
        "Drop the urgency and let them choose the time; say what you would do with their help "
        "instead.",
        better,
    )


def _mass_message(draft: _Draft) -> list[Finding]:
    found = []
    name = (draft.context.recipient_name or "").strip() or None
    severity = Severity.PROBLEM if draft.asks else Severity.WARN
    straight = draft.text.translate(_STRAIGHTEN)
    for match in PLACEHOLDER.finditer(straight):
        is_name = NAME_PLACEHOLDER.search(match.group(0)) is not None
        found.append(
            Finding(
                "mass-message",
                Severity.PROBLEM,
                f"{match.group(0)} is a template placeholder left in the text, which tells the "
                "reader this message went to many people.",
                match.start(),
                match.end(),
                P_MASS,
                "Fill it in, and write a line that could only have been written to this person.",
                name if is_name else None,
            )
        )
    for sentence in draft.greeting[:1] or tuple(read.sentence for read in draft.body[:1]):
        greeting = MASS_GREETING.search(sentence.text)
        if greeting:
            salutation = greeting.group("salutation")
            found.append(
                Finding(
                    "mass-message",
                    severity,
                    f'"{greeting.group(0)}" greets nobody in particular, so the reader assumes '
                    "the message went to everyone and that someone else will answer.",
                    sentence.start + greeting.start(),
                    sentence.start + greeting.end(),
                    P_MASS,
                    "Greet one person by name and write to them alone.",
                    f"{salutation or 'Hi'} {name}" if name else None,
                )
            )
    for read in draft.body:
        for match in MASS_BODY.finditer(read.sentence.text):
            start = read.sentence.start + match.start()
            found.append(_mass(severity, start, read.sentence.start + match.end()))
    if draft.context.recipients > 1 and not found:
        end = draft.greeting[0].end if draft.greeting else len(draft.text.rstrip())
        found.append(_mass(severity, 0, end, draft.context.recipients))
    return found


def _mass(severity: Severity, start: int, end: int, recipients: int | None = None) -> Finding:
    sent = f"going to {recipients} people" if recipients else "written to many people"
    return Finding(
        "mass-message",
        severity,
        f"The same message {sent} reads as a broadcast, and broadcasts get no answers.",
        start,
        end,
        P_MASS,
        "Send a few personal messages instead, each mentioning something about that person.",
    )


def _stranger(draft: _Draft) -> list[Finding]:
    context = draft.context
    if context.known or not draft.big_asks:
        return []
    if any(CONNECTION_SAID.search(read.sentence.text) for read in draft.body):
        return []
    first = draft.big_asks[0].sentence
    if context.shared_connections > 0:
        severity = Severity.INFO
        message = (
            "You ask a stranger for a big favour without saying who you both know, which is "
            "the one thing that would make them want to help."
        )
        suggestion = "Name the person you both know, or ask them to introduce you."
    else:
        severity = Severity.PROBLEM
        message = (
            "You ask a stranger for a big favour with no one in common, and people rarely put "
            "their name behind someone they have never met."
        )
        suggestion = (
            "Ask for 20 minutes of advice instead, or find someone you both know to introduce you."
        )
    return [
        Finding(
            "big-ask-of-stranger",
            severity,
            message,
            first.start,
            first.end,
            P_STRANGER,
            suggestion,
            ADVICE_ASK if severity is Severity.PROBLEM else None,
        )
    ]


def _balance_against(draft: _Draft) -> list[Finding]:
    score = draft.context.balance
    if score is None or score >= BALANCE_AGAINST or not draft.asks:
        return []
    first = next(read for read in draft.body if read.ask).sentence
    big = bool(draft.big_asks)
    needs = draft.context.recipient_needs
    give = f"offer help with what they need ({needs[0].strip()})" if needs else "offer them help"
    return [
        Finding(
            "ask-while-balance-against",
            Severity.PROBLEM if big else Severity.WARN,
            f"You have received more than you have given in this relationship (balance "
            f"{score:+.2f}), and this message asks for {'a big favour' if big else 'more'}.",
            first.start,
            first.end,
            P_BALANCE,
            f"Give first: thank them for what they did, {give}, and keep the ask for later.",
        )
    ]


def _then(sentence: str, question: str) -> str:
    stop = "" if sentence.rstrip("\"')\u201d").endswith((".", "!", "?", "\u2026")) else "."
    return f"{sentence}{stop} {question}"


def _with_space(text: str, end: int) -> int:
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


RULES: tuple[Callable[[_Draft], list[Finding]], ...] = (
    _job_request_up_front,
    _resume_and_openings,
    _long_silence,
    _nothing_about_them,
    _me_centred,
    _demands,
    _mass_message,
    _stranger,
    _balance_against,
)
_ORDER = {Severity.PROBLEM: 0, Severity.WARN: 1, Severity.INFO: 2}


def review(text: str, context: OutreachContext = OutreachContext()) -> Review:
    """Review a draft message to one person; deterministic, no I/O, never raises on any text."""
    draft = _draft(text, context)
    if draft.empty:
        return Review(verdict=NOTHING, score=0, findings=())
    findings = sorted(
        (finding for rule in RULES for finding in rule(draft)),
        key=lambda f: (f.start, _ORDER[f.severity], f.code, f.end),
    )
    return Review(verdict=verdict(findings), score=score(findings), findings=tuple(findings))


def score(findings: list[Finding] | tuple[Finding, ...]) -> int:
    return max(0, 100 - sum(PENALTY[finding.severity] for finding in findings))


def verdict(findings: list[Finding] | tuple[Finding, ...]) -> str:
    severities = {finding.severity for finding in findings}
    if Severity.PROBLEM in severities:
        return LAND_BADLY
    return ANOTHER_PASS if Severity.WARN in severities else READY


# --- the seam for an optional local model -----------------------------------------------------


class Rewriter(Protocol):
    """Something that can word a replacement better than the rules' fixed sentences.

    A future local model would implement this. It receives the draft, one finding and the
    context, and returns text to replace `text[finding.start:finding.end]`, or None to keep the
    rule's own replacement. It never adds, removes or re-grades findings: the rules decide what
    is wrong, so the review stays explainable and works without the model.
    """

    def rewrite(self, text: str, finding: Finding, context: OutreachContext) -> str | None: ...


def rewrite_with(
    rewriter: Rewriter | None,
    text: str,
    found: Review,
    context: OutreachContext = OutreachContext(),
) -> Review:
    """`found` with each finding's replacement offered to `rewriter` first; None changes nothing.

    A rewriter that fails (raises) or answers None or blank leaves that finding as it was, so a
    missing or broken model can never break the review.
    """
    if rewriter is None:
        return found
    findings = []
    for finding in found.findings:
        try:
            better = rewriter.rewrite(text, finding, context)
        except Exception:  # an optional model must never break the review
            better = None
        findings.append(
            replace(finding, replacement=better) if better and better.strip() else finding
        )
    return replace(found, findings=tuple(findings))

"""The rules: each turns what a draft's sentences do (core.outreach.acts) into findings.

Thresholds and the reasoning behind each rule: docs/algorithms/outreach.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mutuals.core.outreach import wording as w
from mutuals.core.outreach.acts import Act
from mutuals.core.outreach.chasing import chasing, leaves_them_free
from mutuals.core.outreach.letter import Letter
from mutuals.core.outreach.lexicon import pattern
from mutuals.core.outreach.limits import (
    BALANCE_AGAINST,
    LONG_SILENCE_DAYS,
    ME_CENTRED_PROBLEM_SENTENCES,
    ME_CENTRED_SENTENCES,
    ME_CENTRED_SHARE,
    RECENT_DAYS,
    SMALL_GROUP,
    UP_FRONT_KINDS,
    UP_FRONT_SENTENCES,
)
from mutuals.core.outreach.model import Finding, Severity
from mutuals.core.outreach.pressure import demands
from mutuals.core.outreach.sentences import STRAIGHTEN
from mutuals.core.outreach.suggestions import insert_before, with_space
from mutuals.core.words import balance_level


def _cold(letter: Letter) -> bool:
    """A stranger (unless the draft names someone you both know), a tie silent for over a year,
    or a balance leaning against you."""
    context = letter.context
    days = context.days_since_last_contact
    balance = context.balance
    return (
        (not context.known and not letter.named_mutual)
        or (days is not None and days > LONG_SILENCE_DAYS)
        or (balance is not None and balance < BALANCE_AGAINST)
    )


def _before_interest(letter: Letter) -> list[Act]:
    acts = []
    for act in letter.body:
        if act.about_them:
            break
        acts.append(act)
    return acts


def job_request_up_front(letter: Letter) -> list[Finding]:
    for act in _before_interest(letter):
        if act.big == "job" and act.request != "chase":
            sentence = act.sentence
            return [
                Finding(
                    "job-request-up-front",
                    Severity.PROBLEM,
                    "The message asks for a job or a referral before it shows any interest in "
                    "the person, so it reads as the only reason you wrote.",
                    sentence.start,
                    sentence.end,
                    w.P_UP_FRONT,
                    "Start with them — their work, a question, something you can give — and "
                    "ask for advice or a conversation rather than a job.",
                    w.ADVICE_ASK,
                )
            ]
    return []


def ask_up_front(letter: Letter) -> list[Finding]:
    """A big ask in the first sentences, or before anything about them (a job ask before any
    interest is `job-request-up-front`'s)."""
    # Pleasantries do not push an ask out of the opening: they say nothing to the reader.
    early = [act for act in letter.body if not act.pleasantry][:UP_FRONT_SENTENCES]
    before = _before_interest(letter)
    for act in letter.body:
        if act.big not in UP_FRONT_KINDS or (act not in early and act not in before):
            continue
        if act.request == "chase":
            continue  # "my third reminder about the reference": chasing says it
        if act.big == "job" and act in before:
            return []  # job-request-up-front says it
        if act.big == "reference" and _easy_among_friends(letter):
            continue
        cold = act in before and _cold(letter)
        asked = w.ASKED[act.big or "job"]
        sentence = act.sentence
        return [
            Finding(
                "ask-up-front",
                Severity.PROBLEM if cold else Severity.WARN,
                f"The message asks for {asked} in its opening lines, before it has given the "
                "person any reason to want to help.",
                sentence.start,
                sentence.end,
                w.P_UP_FRONT,
                "Open with them — a question about their work, thanks, or something you can "
                "give — and keep the ask for the end, sized to how well you know each other.",
            )
        ]
    return []


def _easy_among_friends(letter: Letter) -> bool:
    """Someone you were in touch with this month, asked with an easy way out ("totally fine to
    say no", "no rush") in a letter that also turns to them: a reference asked first is how
    friends ask (session 10). Jobs, contacts and introductions asked first never are."""
    days = letter.context.days_since_last_contact
    if not letter.context.known or days is None or days > RECENT_DAYS:
        return False
    return leaves_them_free(letter) and any(
        act.about_them and not act.pleasantry for act in letter.body
    )


def resume_and_openings(letter: Letter) -> list[Finding]:
    found = []
    for act in letter.body:
        severity = Severity.INFO if letter.excused(act) else Severity.PROBLEM
        sentence = act.sentence
        if act.big == "resume":
            found.append(
                Finding(
                    "forward-my-resume",
                    severity,
                    "Asking someone to forward your resume hands them your job search and "
                    "puts their name behind someone they have not talked to about it.",
                    sentence.start,
                    with_space(letter.text, sentence.end),
                    w.P_RESUME,
                    "Leave the resume out until they offer; ask for a short conversation about "
                    "their field instead.",
                    "",
                )
            )
        elif act.big == "openings":
            found.append(
                Finding(
                    "any-openings",
                    severity,
                    '"Let me know of any openings" asks them to job-hunt for you and is easy '
                    "to ignore, because nothing in it is theirs to answer.",
                    sentence.start,
                    sentence.end,
                    w.P_RESUME,
                    "Ask about them instead, or name one specific role or company and ask what "
                    "they think of it.",
                    w.ABOUT_THEIR_PATH,
                )
            )
    return found


def contacts_list(letter: Letter) -> list[Finding]:
    return [
        Finding(
            "contacts-list",
            Severity.INFO if letter.covers("contacts") and not act.further else Severity.PROBLEM,
            "Asking for their contacts hands them your search and asks them to vouch for you "
            "to people they have not asked.",
            act.sentence.start,
            with_space(letter.text, act.sentence.end),
            w.P_CONTACTS,
            "Ask what they think of one company or whether one person would be worth a "
            "conversation; let them offer the introduction.",
            "",
        )
        for act in letter.body
        if act.big == "contacts"
    ]


def long_silence(letter: Letter) -> list[Finding]:
    days = letter.context.days_since_last_contact
    if days is None or days <= LONG_SILENCE_DAYS or not letter.body:
        return []
    said = letter.greeting + tuple(act.sentence for act in letter.body)
    if any(pattern("silence-said").search(sentence.plain) for sentence in said):
        return []
    first = letter.body[0].sentence
    years = days // 365
    gap = f"{years} year{'s' if years > 1 else ''}" if years else f"{days} days"
    return [
        Finding(
            "silence-not-acknowledged",
            Severity.PROBLEM if letter.asks else Severity.INFO,
            f"It has been {gap} since you were last in touch and the message carries on as if "
            "it had not, which makes any ask feel like the only reason you wrote.",
            first.start,
            first.end,
            w.P_SILENCE,
            "Say how long it has been and that you are sorry to have been out of touch, then "
            "ask how they are.",
            insert_before(letter.text, first.start, first.end, w.ACKNOWLEDGEMENT),
        )
    ]


def nothing_about_them(letter: Letter) -> list[Finding]:
    if not letter.body or letter.about_them:
        return []
    days = letter.context.days_since_last_contact
    recent = days is not None and days <= RECENT_DAYS
    said = [act for act in letter.body if not act.pleasantry]
    if letter.big_asks:
        severity = Severity.PROBLEM
    elif letter.asks and len(said) >= 2 and not recent:
        severity = Severity.WARN
    elif len(letter.body) >= 3:
        severity = Severity.INFO
    else:
        return []
    # The question goes before the first request, so the ask never comes first.
    where = (letter.first_ask or letter.body[0]).sentence
    needs = letter.context.recipient_needs
    hint = "ask how they are, or mention something of theirs you noticed."
    if needs:
        hint = f"ask how it is going with what they told you they need ({needs[0].strip()})."
    return [
        Finding(
            "nothing-about-them",
            severity,
            "Nothing in the message is about the other person — no question to them and no "
            "mention of their life or work — so it reads as being only about you.",
            where.start,
            where.end,
            w.P_INTEREST,
            f"Add a sentence about them before you ask: {hint}",
            insert_before(letter.text, where.start, where.end, w.INTEREST_QUESTION),
        )
    ]


def me_centred(letter: Letter) -> list[Finding]:
    # Saying sorry for the silence is about the two of you, not about the writer's needs.
    mine = [
        act
        for act in letter.body
        if act.me > act.you and not pattern("silence-said").search(act.sentence.plain)
    ]
    # A request says "you" but is about what you want: only sentences that ask nothing count;
    # a sentence that answers one of their open needs is theirs, whatever its pronouns.
    theirs = sum(
        1
        for act in letter.body
        if not act.ask
        and (act.you >= max(act.me, 1) or (act.question and act.about_them) or act.answers_need)
    )
    if len(mine) < ME_CENTRED_SENTENCES or len(mine) / (len(mine) + theirs) < ME_CENTRED_SHARE:
        return []
    if not letter.big_asks and theirs:
        # News of your own life with a question to them, an offer or a small ask (a coffee, a
        # catch-up) is keeping in touch: the whole letter is judged, not its me-sentences.
        return []
    problem = len(mine) >= ME_CENTRED_PROBLEM_SENTENCES and letter.asks
    share = round(100 * len(mine) / (len(mine) + theirs))
    return [
        Finding(
            "me-centred",
            Severity.PROBLEM if problem else Severity.WARN,
            f"{len(mine)} sentences are about you and {theirs} about them ({share}% about you), "
            "so the reader sees your needs before any interest in theirs.",
            mine[0].sentence.start,
            mine[-1].sentence.end,
            w.P_ME,
            "Cut the story of your search to one sentence and turn another into a question "
            "about them.",
        )
    ]


def entitlement(letter: Letter) -> list[Finding]:
    found = []
    for act in letter.body:
        # A favour recalled ("you will recall that I supervised your thesis") in a message that
        # asks for a big one presents the ask as its repayment.
        claim = act.entitlement or (act.recalled if letter.big_asks else None)
        if claim is None:
            continue
        sentence = act.sentence
        # A sentence that only claims the debt goes; one that recalls a favour may carry more
        # ("I know we haven't spoken in ages, but I was the one who..."), so it is left to you.
        # Nor does one that also says how you are connected ("as a fellow alumna of St Mary's,
        # our school is obliged to..."): that part is worth keeping.
        removable = (
            not act.ask
            and act.entitlement is not None
            and not pattern("connection-said").search(sentence.plain)
        )
        start, end = sentence.span(claim.start(), claim.end())
        said = letter.text[start:end]
        found.append(
            Finding(
                "entitlement",
                Severity.PROBLEM,
                f'"{said}" presents the favour as owed, and people who '
                "feel pushed into helping rarely help well.",
                sentence.start,
                with_space(letter.text, sentence.end) if removable else sentence.end,
                w.P_OWED,
                "Leave out what they owe or promised; ask as if they were free to say no, "
                "because they are.",
                "" if removable else None,
            )
        )
    return found


def mass_message(letter: Letter) -> list[Finding]:
    found = []
    name = (letter.context.recipient_name or "").strip() or None
    recipients = letter.context.recipients
    few = 1 < recipients <= SMALL_GROUP
    severity = Severity.PROBLEM if letter.asks else Severity.INFO if few else Severity.WARN
    straight = letter.text.translate(STRAIGHTEN)
    for match in pattern("placeholder").finditer(straight):
        is_name = re.search(r"name|recipient|contact", match.group(0), re.I) is not None
        found.append(
            Finding(
                "mass-message",
                Severity.PROBLEM,
                f"{match.group(0)} is a template placeholder left in the text, which tells the "
                "reader this message went to many people.",
                match.start(),
                match.end(),
                w.P_MASS,
                "Fill it in, and write a line that could only have been written to this person.",
                name if is_name else None,
            )
        )
    for sentence in letter.greeting[:1] or tuple(act.sentence for act in letter.body[:1]):
        greeting = pattern("mass-greeting").search(sentence.text)
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
                    w.P_MASS,
                    "Greet one person by name and write to them alone.",
                    f"{salutation or 'Hi'} {name}" if name else None,
                )
            )
    for act in letter.body:
        for match in pattern("mass-body").finditer(act.sentence.text):
            start = act.sentence.start + match.start()
            found.append(_mass(severity, start, act.sentence.start + match.end()))
    if letter.context.recipients > 1 and not found:
        end = letter.greeting[0].end if letter.greeting else len(letter.text.rstrip())
        found.append(_mass(severity, 0, end, letter.context.recipients))
    return found


def _mass(severity: Severity, start: int, end: int, recipients: int | None = None) -> Finding:
    sent = f"going to {recipients} people" if recipients else "written to many people"
    return Finding(
        "mass-message",
        severity,
        f"The same message {sent} reads as a broadcast, and broadcasts get no answers.",
        start,
        end,
        w.P_MASS,
        "Send a few personal messages instead, each mentioning something about that person.",
    )


def stranger(letter: Letter) -> list[Finding]:
    context = letter.context
    if context.known or not letter.big_asks:
        return []
    # Naming someone you both know says who sent you, whatever the words (core.outreach.facts).
    if letter.named_mutual or any(
        pattern("connection-said").search(act.sentence.plain) for act in letter.body
    ):
        return []
    first = letter.big_asks[0].sentence
    if context.shared_connections > 0 or context.mutual_contacts:
        known = [" ".join(name.split()) for name in context.mutual_contacts[:2] if name.strip()]
        whom = f" ({' or '.join(known)})" if known else ""
        return [
            Finding(
                "big-ask-of-stranger",
                Severity.INFO,
                "You ask a stranger for a big favour without saying who you both know, which "
                "is the one thing that would make them want to help.",
                first.start,
                first.end,
                w.P_STRANGER,
                f"Name the person you both know{whom}, or ask them to introduce you.",
            )
        ]
    return [
        Finding(
            "big-ask-of-stranger",
            Severity.PROBLEM,
            "You ask a stranger for a big favour with no one in common, and people rarely put "
            "their name behind someone they have never met.",
            first.start,
            first.end,
            w.P_STRANGER,
            "Ask for 20 minutes of advice instead, or find someone you both know to introduce you.",
            w.ADVICE_ASK,
        )
    ]


def balance_against(letter: Letter) -> list[Finding]:
    score = letter.context.balance
    first = letter.first_ask
    if score is None or score >= BALANCE_AGAINST or first is None:
        return []
    big = bool(letter.big_asks)
    needs = letter.context.recipient_needs
    give = f"offer help with what they need ({needs[0].strip()})" if needs else "offer them help"
    return [
        Finding(
            "ask-while-balance-against",
            Severity.PROBLEM if big else Severity.WARN,
            f"{balance_level(score).word.capitalize()} in this relationship, and this message "
            f"asks for {'a big favour' if big else 'more'}.",
            first.sentence.start,
            first.sentence.end,
            w.P_BALANCE,
            f"Give first: thank them for what they did, {give}, and keep the ask for later.",
        )
    ]


RULES: tuple[Callable[[Letter], list[Finding]], ...] = (
    job_request_up_front,
    ask_up_front,
    resume_and_openings,
    contacts_list,
    long_silence,
    nothing_about_them,
    me_centred,
    demands,
    chasing,
    entitlement,
    mass_message,
    stranger,
    balance_against,
)

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mutuals.core.outreach import (
    ANOTHER_PASS,
    LAND_BADLY,
    NOTHING,
    READY,
    Finding,
    OutreachContext,
    Review,
    Severity,
    review,
    rewrite_with,
    tokenize,
)
from mutuals.core.outreach.letter import letter
from tests.core.outreach_cases import CASES, GENUINE, TAKER

NOBODY = OutreachContext()


def codes(text, context=NOBODY, severity=None):
    return {
        f.code for f in review(text, context).findings if severity is None or f.severity is severity
    }


def problems(text, context=NOBODY):
    return codes(text, context, Severity.PROBLEM)


def only(text, code, context=NOBODY):
    found = [f for f in review(text, context).findings if f.code == code]
    assert len(found) == 1, found
    return found[0]


def apply(text, finding):
    return text[: finding.start] + finding.replacement + text[finding.end :]


# --- the evaluation set -----------------------------------------------------------------------


def test_the_evaluation_set_has_at_least_forty_messages_half_of_them_taker():
    assert len(CASES) >= 40
    assert len(TAKER) >= 20
    assert len(GENUINE) >= 20
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", TAKER, ids=lambda case: case.name)
def test_every_taker_message_gets_a_problem(case):
    assert problems(case.text, case.context)


@pytest.mark.parametrize("case", GENUINE, ids=lambda case: case.name)
def test_no_genuine_message_gets_a_problem(case):
    assert not problems(case.text, case.context)


def test_precision_and_recall_on_the_evaluation_set_are_at_least_0_9():
    flagged = {case.name for case in CASES if problems(case.text, case.context)}
    taker = {case.name for case in TAKER}
    precision = len(flagged & taker) / len(flagged)
    recall = len(flagged & taker) / len(taker)
    print(f"outreach evaluation: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.9
    assert recall >= 0.9


# --- the rules --------------------------------------------------------------------------------


def test_a_referral_request_before_anything_about_them_is_a_problem():
    finding = only(
        "Hi Sam,\n\nCould you refer me for the analyst job at Acme?", "job-request-up-front"
    )
    assert finding.severity is Severity.PROBLEM
    assert finding.principle.startswith("P6")


def test_a_referral_request_after_a_question_about_them_is_not_up_front():
    text = "Hi Sam,\n\nHow was the move to Lisbon? Could you refer me for the analyst job at Acme?"
    assert "job-request-up-front" not in codes(text)


def test_asking_if_they_are_hiring_is_a_job_request():
    assert "job-request-up-front" in problems("Hey! Is your team hiring right now?")


def test_asking_how_they_got_into_their_role_is_not_a_job_request():
    assert not problems("Would you be open to a short call about how you moved into product roles?")


def test_applying_the_job_request_replacement_clears_it():
    text = "Hi Sam,\n\nCan you put in a good word for me with your manager?\n\nJordan"
    finding = only(text, "job-request-up-front")
    assert "job-request-up-front" not in codes(apply(text, finding))


@pytest.mark.parametrize(
    "sentence",
    [
        "Could you forward my resume to your hiring manager?",
        "Please pass my CV along to anyone who might be interested.",
        "I've attached my resume.",
        "Would you mind sharing my résumé with your recruiting team?",
    ],
)
def test_asking_to_forward_a_resume_is_a_problem(sentence):
    assert "forward-my-resume" in problems(f"Hi Ana, how are the kids? {sentence}")


def test_sending_a_resume_they_offered_to_pass_on_is_only_info():
    text = "Hi Greg, as you suggested, I've attached my resume for Teresa. How was the recital?"
    assert only(text, "forward-my-resume").severity is Severity.INFO


def test_the_resume_replacement_removes_the_sentence_and_its_space():
    text = "How are the kids? Please forward my resume to your team. Thanks again!"
    finding = only(text, "forward-my-resume")
    assert apply(text, finding) == "How are the kids? Thanks again!"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please let me know of any openings.",
        "Keep me in mind if anything comes up!",
        "If you hear of anything in fintech, let me know.",
        "Do you know of any jobs at your company?",
    ],
)
def test_a_vague_ask_for_openings_is_a_problem(sentence):
    assert "any-openings" in problems(f"How was the conference? {sentence}")


def test_asking_them_to_let_you_know_how_their_new_role_goes_is_fine():
    assert not codes("Congrats on the new job! Let me know how your new role is going.")


def test_a_long_silence_not_acknowledged_is_a_problem_when_the_message_asks():
    context = OutreachContext(days_since_last_contact=3 * 365)
    finding = only(
        "Hi Jo,\n\nCould we grab a coffee next week?", "silence-not-acknowledged", context
    )
    assert finding.severity is Severity.PROBLEM
    assert "3 years" in finding.message


def test_a_long_silence_not_acknowledged_is_only_info_when_nothing_is_asked():
    context = OutreachContext(days_since_last_contact=800)
    finding = only(
        "Hi Jo, I saw your talk online. Great work!", "silence-not-acknowledged", context
    )
    assert finding.severity is Severity.INFO


@pytest.mark.parametrize(
    "acknowledgement",
    [
        "It's been a while!",
        "Long time no see!",
        "Sorry I've been so out of touch.",
        "I know it's been years.",
        "It's been ages since we last spoke.",
        "Apologies for the radio silence.",
    ],
)
def test_an_acknowledged_silence_is_fine(acknowledgement):
    context = OutreachContext(days_since_last_contact=5 * 365)
    text = f"Hi Jo, {acknowledgement} How have you been? Could we grab a coffee?"
    assert "silence-not-acknowledged" not in codes(text, context)


@pytest.mark.parametrize("days", [None, 30, 365])
def test_a_recent_or_unknown_last_contact_needs_no_acknowledgement(days):
    context = OutreachContext(days_since_last_contact=days)
    assert "silence-not-acknowledged" not in codes("Could we grab a coffee?", context)


def test_the_silence_replacement_acknowledges_it():
    context = OutreachContext(days_since_last_contact=4 * 365)
    text = "Hi Jo,\n\nCould we grab a coffee next week? How are you?"
    finding = only(text, "silence-not-acknowledged", context)
    assert "silence-not-acknowledged" not in codes(apply(text, finding), context)


def test_a_big_ask_with_nothing_about_them_is_a_problem():
    text = "Hi Lee, I'm looking for work. Could you introduce me to your CTO?"
    assert only(text, "nothing-about-them").severity is Severity.PROBLEM


def test_a_one_line_small_ask_needs_nothing_about_them():
    assert not codes("Coffee on Thursday at 10?")


def test_the_nothing_about_them_replacement_adds_a_question():
    text = "I'm looking for work. Could you introduce me to your CTO?"
    finding = only(text, "nothing-about-them")
    assert "nothing-about-them" not in codes(apply(text, finding))


def test_the_suggestion_names_their_open_need_when_known():
    context = OutreachContext(recipient_needs=("Looking for a nanny in Leeds",))
    finding = only("I'm job hunting. Could you refer me to Acme?", "nothing-about-them", context)
    assert "nanny" in finding.suggestion


def test_a_message_all_about_me_is_me_centred():
    text = (
        "I have ten years in logistics. I led a team of twenty. I just finished my analytics "
        "course. I built three dashboards. I am learning Python. I'd love your advice."
    )
    finding = only(text, "me-centred")
    assert finding.severity is Severity.PROBLEM
    assert text[finding.start :].startswith("I have ten years")


def test_questions_about_them_balance_sentences_about_me():
    text = (
        "I have ten years in logistics. I led a team of twenty. I just finished a course. "
        "How is your new team? Are you still climbing? How are your parents?"
    )
    assert "me-centred" not in codes(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Could you send it ASAP?", "ASAP"),
        ("I need you to call Priya for me.", "I need you to"),
        ("Please reply as soon as possible.", "as soon as possible"),
        ("You need to forward this to your boss.", "You need to forward"),
    ],
)
def test_pressure_on_the_other_person_is_a_problem(text, said):
    finding = only(text, "demand-or-deadline")
    assert finding.severity is Severity.PROBLEM
    assert text[finding.start : finding.end] == said


def test_a_deadline_on_an_ask_is_a_warning():
    finding = only("Could you review my cover letter by Friday?", "demand-or-deadline")
    assert finding.severity is Severity.WARN


def test_your_own_deadline_and_a_softened_one_are_not_demands():
    assert "demand-or-deadline" not in codes("I'll send you the notes by Friday.")
    assert "demand-or-deadline" not in codes("Could you look at it by Friday? No rush at all.")
    assert "demand-or-deadline" not in codes("I started the new job immediately after school.")


@pytest.mark.parametrize("greeting", ["Dear all,", "Hi everyone!", "Hello friends,"])
def test_a_greeting_to_everyone_is_a_mass_message(greeting):
    text = f"{greeting}\n\nI'm job hunting. Please let me know if you can help."
    assert "mass-message" in problems(text)


@pytest.mark.parametrize("placeholder", ["[Name]", "{first_name}", "[First Name]", "{{name}}"])
def test_a_template_placeholder_is_a_problem_and_is_filled_with_their_name(placeholder):
    text = f"Hi {placeholder}, how was the trip?"
    finding = only(text, "mass-message", OutreachContext(recipient_name="Sam"))
    assert finding.severity is Severity.PROBLEM
    assert apply(text, finding) == "Hi Sam, how was the trip?"


def test_the_same_message_to_many_people_is_a_mass_message():
    context = OutreachContext(recipients=25)
    finding = only("Hi, could you spare 20 minutes for a call?", "mass-message", context)
    assert "25 people" in finding.message


def test_a_mass_message_that_asks_nothing_is_only_a_warning():
    context = OutreachContext(recipients=25)
    assert only("Happy new year! How are you all?", "mass-message", context).severity is (
        Severity.WARN
    )


def test_a_big_favour_from_a_stranger_with_no_one_in_common_is_a_problem():
    context = OutreachContext(known=False)
    text = "Hi Kofi, I loved your post on design systems. Could you refer me to your team?"
    assert "big-ask-of-stranger" in problems(text, context)


def test_a_small_ask_of_a_stranger_is_fine():
    context = OutreachContext(known=False)
    text = "Hi Kofi, I loved your post on design systems. Could we talk for 20 minutes?"
    assert not codes(text, context)


def test_a_stranger_ask_that_names_who_sent_you_is_fine():
    context = OutreachContext(known=False)
    text = (
        "Hi Kofi, Ama suggested I reach out. How do you like Lumen? Could you introduce me to Lee?"
    )
    assert "big-ask-of-stranger" not in codes(text, context)


def test_a_stranger_with_shared_connections_not_mentioned_gets_only_info():
    context = OutreachContext(known=False, shared_connections=2)
    text = "Hi Kofi, how do you like Lumen? Could you introduce me to Lee?"
    assert only(text, "big-ask-of-stranger", context).severity is Severity.INFO


def test_a_big_ask_while_the_balance_is_against_you_is_a_problem():
    context = OutreachContext(balance=-0.5)
    text = "How was Rome? Could you introduce me to your manager?"
    assert only(text, "ask-while-balance-against", context).severity is Severity.PROBLEM


def test_a_small_ask_while_the_balance_is_against_you_is_a_warning():
    context = OutreachContext(balance=-0.5)
    text = "How was Rome? Would you be free for coffee?"
    assert only(text, "ask-while-balance-against", context).severity is Severity.WARN


@pytest.mark.parametrize("balance", [None, 0.0, -0.2, 0.6])
def test_an_even_or_unknown_balance_or_a_message_without_an_ask_is_fine(balance):
    context = OutreachContext(balance=balance)
    text = "How was Rome? Did you get to the Vatican? Could you introduce me to your manager?"
    # Both readers: two questions about their life come before the ask, so the second reader may
    # not add a warning of its own (reader.interest_first; docs/algorithms/outreach.md,
    # "Session 9"). In session 8 it read this letter at p 0.88 and added one.
    assert not codes(text, context)
    assert not codes("Thank you for the intro, it went well!", OutreachContext(balance=-0.9))


def test_an_offer_is_not_an_ask():
    context = OutreachContext(balance=-0.8, known=False)
    assert not codes("Would you like an introduction to Mei? Happy to connect you both.", context)


# --- reading acts by grammar, not phrases (issue 14, examples from the development corpus) ----

RECENT = OutreachContext(days_since_last_contact=20)
SOME_MONTHS = OutreachContext(days_since_last_contact=150)


def acts_of(text, context=NOBODY):
    return letter(text, context).body


@pytest.mark.parametrize(
    ("sentence", "big"),
    [
        ("Intro to your head of design?", "introduction"),  # a noun phrase asked, no verb
        ("Referral for the platform role, if possible?", "job"),
        ("Quick favour: an introduction to Dana Moss at Ridgeway?", "introduction"),
        ("ben - names + emails of the recruiters u know at google??", "contacts"),
        ("A word from you to the panel would mean a great deal to me.", "job"),  # a wish
        ("A referral from someone inside would really boost my chances.", "job"),
        ("Your recommendation on LinkedIn would help me a lot right now.", "reference"),
        ("Names of people I should email would be amazing.", "contacts"),
    ],
)
def test_a_request_with_no_verb_of_asking_is_still_a_request(sentence, big):
    (act,) = acts_of(sentence)
    assert act.ask
    assert act.big == big


@pytest.mark.parametrize(
    ("sentence", "big"),
    [
        ("pls refer me for the data role, thx", "job"),
        ("kez can u intro me to ur manager?", "introduction"),
        ("Any chance u cd pass my CV to ur HR ppl?", "resume"),
        ("could u be my referee for the flat?", "reference"),
        ("bro u owe me from vegas, send the 200 today pls", "money"),
    ],
)
def test_chat_spellings_are_read_as_the_words_they_stand_for(sentence, big):
    (act,) = acts_of(sentence)
    assert act.ask
    assert act.big == big


def test_chat_spellings_are_written_out_in_one_place_and_spans_keep_the_original_words():
    (sentence,) = tokenize("r u free tmrw, pls?")
    assert sentence.plain == "are you free tomorrow, please?"
    start, end = sentence.span(sentence.plain.index("tomorrow"), sentence.plain.index(","))
    assert "r u free tmrw, pls?"[start:end] == "tmrw"
    text = "u owe me, send the intro tmrw"
    finding = only(text, "entitlement")
    assert text[finding.start : finding.end].startswith("u owe me")
    assert '"u owe me"' in finding.message  # quoted as written


@pytest.mark.parametrize(
    ("sentence", "big"),
    [
        ("Hello Mr. Petrov, please tell to your director about me.", "job"),
        ("Dear Sanjay, you can give me contacts of HR persons in your company?", "contacts"),
        ("Hi Joao, you will introduce me to the manager of the restaurant?", "introduction"),
        ("Hi Lena, is possible that you recommend me to your boss for the open position?", "job"),
        ("I am in need of one reference letter from you for my visa.", "reference"),
        (
            "I humbly request you to kindly provide me the names of the purchase managers.",
            "contacts",
        ),
        ("I'm applying for the MSc and wondered if you would act as my referee.", "reference"),
    ],
)
def test_non_native_word_orders_and_referees_are_read_as_requests(sentence, big):
    act = acts_of(sentence)[-1]
    assert act.ask
    assert act.big == big


@pytest.mark.parametrize(
    "text",
    [
        "Now tell me about u! how's the new flat?",
        "Text me when you land so I know you got in ok. Safe travels!",
        "Send me pics of the new flat when ur settled in pls!",
        "Give my love to your mum and tell her the scones recipe worked! Call me when you're free "
        "this week, I want to hear everything about the trip.",
        "Say hi to Tom for me and enjoy the sunshine!",
    ],
)
def test_friendly_imperatives_about_their_life_are_not_requests(text):
    assert not any(act.ask for act in acts_of(text, RECENT))
    assert review(text, RECENT).verdict == READY


@pytest.mark.parametrize(
    "text",
    [
        "Could I borrow your camping stove this weekend? Ours died. How was Skye btw?",
        "could u lend me your drill for the weekend? cheers",
        "Would you mind if I borrowed your ladder on Saturday? Happy to drop round a bottle of "
        "wine for it.",
    ],
)
def test_an_everyday_favour_is_not_asking_for_money(text):
    assert all(act.big is None for act in acts_of(text, RECENT))
    assert review(text, RECENT).verdict == READY


@pytest.mark.parametrize(
    "text",
    [
        "Could you lend me £400 until payday?",
        "need 50 quid till friday, can u sort?",
        "Can I borrow some money for the deposit?",
    ],
)
def test_lending_or_borrowing_money_is_asking_for_money(text):
    assert any(act.big == "money" for act in acts_of(text))


def test_a_small_favour_between_people_in_touch_this_month_needs_no_opening_about_them():
    text = "Hey, can you remind me the name of that ramen place? Want to take my sister."
    assert "nothing-about-them" not in codes(text, RECENT)
    assert "nothing-about-them" in codes(text, SOME_MONTHS, Severity.WARN)


def test_a_long_newsy_letter_with_a_question_to_them_and_no_ask_is_not_me_centred():
    news = " ".join(
        [
            "I handed in the thesis on Monday and I slept for two days.",
            "I've signed up for the half marathon, which I'm already regretting.",
            "I've been running along the canal and my knees are complaining.",
            "I'm learning to cook a turkey for Christmas.",
        ]
    )
    assert "me-centred" not in codes(f"{news} Anyway, how's life in Bristol?")
    assert "me-centred" in codes(f"{news} Could you send me the hiring manager's name?")


def test_a_question_that_only_asks_where_they_work_is_no_interest_in_them():
    text = "hey Mo, r u still at Fenwick? pls refer me for the data role, thx"
    assert {"job-request-up-front", "nothing-about-them"} <= problems(text, SOME_MONTHS)


def test_a_guilt_trip_that_names_the_favour_asks_for_it():
    text = "Sol, I covered your shifts all last winter. The least u could do is put in a word."
    assert {"entitlement", "job-request-up-front"} <= problems(text, RECENT)


def test_a_chaser_that_names_what_it_chases_is_not_an_opening_ask():
    text = "This is my third reminder about the reference letter."
    assert "ask-up-front" not in codes(text)
    assert any(act.big == "reference" for act in acts_of(text))


def test_an_offer_of_an_introduction_is_not_an_ask():
    text = "Hi Sid, I heard your team is hiring. My friend Ola is brilliant: would an intro help?"
    assert not any(act.ask for act in acts_of(text))


# --- round 3 of issue 14: voices written by others (examples from dev-s5-*) ------------------


@pytest.mark.parametrize(
    ("sentence", "big"),
    [
        ("Is there some possibility to enter in your office?", "job"),
        ("Maybe he is needing one more electrician?", "job"),
        (
            "I permit myself to write you for ask if in your restaurant there is place for a cook.",
            "job",
        ),
        ("In your company they are searching people?", "job"),
        ("I would like very much to be indicated for the position of data analyst.", "job"),
        ("I request from you to find for me a job in your bank.", "job"),
        ("Help me to push my resume to your leader, thanks.", "resume"),
        ("please help me to introduce to your manager in Munich.", "introduction"),
        ("I take the liberty to write to you to solicit your recommendation.", "reference"),
        ("You are teacher there so you can help him to get admission, right?", "job"),
        ("I need one person to be my sponsor who is a citizen.", "reference"),
        ("Your company must participate, I think 5000 euro will be correct amount.", "money"),
    ],
)
def test_non_native_asks_are_read_by_what_they_ask_for(sentence, big):
    act = acts_of(sentence)[-1]
    assert act.ask
    assert act.big == big


@pytest.mark.parametrize(
    ("sentence", "big"),
    [
        # The reader as the one who will do the favour, in the future or as a formal expectation.
        ("I therefore expect that you will introduce me to the editors.", "introduction"),
        ("I trust you will now be in a position to recommend me to the board.", "job"),
        (
            "It would be a matter of courtesy for you to provide me with a letter of support.",
            "reference",
        ),
        ("I look forward to receiving your reference.", "reference"),
        ("so u can def send my cv to ur manager", "resume"),
        # An offer's words with the reader as their subject ask the reader.
        ("Would you be willing to write a short endorsement for my MBA application?", "reference"),
        # The writer putting themselves forward for work.
        ("I am ready to start from Monday.", "job"),
        ("I can work also weekends.", "job"),
    ],
)
def test_formal_and_indirect_asks_are_read_as_requests(sentence, big):
    (act,) = acts_of(sentence)
    assert act.ask
    assert act.big == big


def test_saying_when_you_can_start_in_an_invited_application_asks_nothing():
    text = (
        "Dear Mr Adeyemi, thank you for inviting me to apply for the junior designer role. "
        "Please find attached my portfolio. I would be available to start from September."
    )
    assert not any(act.ask for act in acts_of(text))
    assert review(text, SOME_MONTHS).verdict == READY


@pytest.mark.parametrize(
    "text",
    [
        # Formal entitlement: a favour recalled beside a big ask is the ask's price.
        "You will recall that I supervised your thesis for four years. I therefore expect that "
        "you will introduce me to the editors at your publishing house.",
        "In view of the considerable assistance I provided to your department, I trust you will "
        "now be in a position to recommend me to the board for the vacant directorship.",
        # Guilt after a silence, said plainly.
        "Fiona, it's been a long time. But I covered your shifts for a whole summer once. I need "
        "you to put a word in with the ward manager.",
    ],
)
def test_a_favour_recalled_beside_a_big_ask_is_entitlement(text):
    assert "entitlement" in problems(text, SOME_MONTHS)
    assert review(text, SOME_MONTHS).verdict != READY


# Session 9: a debt read by who owes whom, not by listed phrases. The reader's side (you, your
# father, your firm) or a body the writer speaks for (the community, our school) owes; the
# writer's side is owed; a duty is laid on the reader; the tie is named as the creditor; a
# refusal is made to cost the friendship.
@pytest.mark.parametrize(
    "text",
    [
        "Your dad owes my dad big time from the old days. Get me a trial at your garage.",
        "The whole town paid for your studies, and the community is owed something in return.",
        "My family has always felt that yours owes us a great deal.",
        "Frankly you are in my debt after last year.",
        "It is incumbent upon you, as my former manager, to confirm my dates.",
        "Our school community is obliged to look out for its own.",
        "Our firms have done business for years and the relationship warrants no less.",
        "If you won't put in a word for me, I'll know where I stand.",
        "Funny how you never have time for old friends now.",
        "i helped u move house twice and never asked for anything in return.",
    ],
)
def test_a_debt_claimed_by_who_owes_whom_is_entitlement(text):
    assert "entitlement" in problems(text, SOME_MONTHS)


@pytest.mark.parametrize(
    "text",
    [
        "Dear Amara, I owe you a huge thank you for the introduction to Felix.",
        "Hi Raj, my family owes you so much for how you helped my dad after his surgery.",
        "Hi Lena, you don't owe me anything for the lift, honestly! How's the new flat?",
        "Owing to the strike, the conference moved to May. How are your plans?",
        "Our families go back a long way, and it meant a great deal that you came.",
    ],
)
def test_the_writer_owing_or_freeing_the_reader_claims_nothing(text):
    assert "entitlement" not in codes(text, SOME_MONTHS)
    assert review(text, SOME_MONTHS).verdict == READY


def test_a_formal_demand_is_pressure_and_happy_for_you_to_is_an_ask():
    demand = "Dear Mr Patel, I require the reference by Thursday. Failing that, I shall have to "
    demand += "inform the committee."
    assert "demand-or-deadline" in problems(demand, SOME_MONTHS)
    hidden = "Hey Marc, hope the new job is treating you well! Totally happy for you to share my "
    hidden += "CV with anyone at Orbis who's hiring."
    assert "forward-my-resume" in problems(hidden, SOME_MONTHS)
    expect = "Mr Haddad, I expect an introduction to your procurement director."
    assert "ask-up-front" in codes(expect, SOME_MONTHS)
    kind = "Hi Mo, happy for you to take the lead on the workshop next week if you'd like."
    assert review(kind, RECENT).verdict == READY


def test_a_favour_remembered_in_a_warm_letter_that_asks_nothing_is_not_entitlement():
    text = "I still laugh about the summer I covered your shifts at the cafe. How is Lisbon?"
    assert "entitlement" not in codes(text, SOME_MONTHS)
    assert review(text, SOME_MONTHS).verdict == READY


@pytest.mark.parametrize(
    "text",
    [
        "kev ?? sent u 3 msgs. need the reference letter by tmrw morning",
        "bex u read my msg and didnt answer. just say yes or no about the intro to ur boss",
        "Gabe hello?? Waiting on ur reply re the reference. Deadline is 5pm",
        "rita hun did u get a chance to ask ur manager about me yet?? been a week",
        "I sent you email last week about recommendation letter but no reply.",
    ],
)
def test_sms_and_whatsapp_chasers_are_chasing(text):
    assert "chasing" in problems(text, SOME_MONTHS)


def test_a_chase_beside_a_date_is_never_ready_even_when_it_asks_nothing_else():
    text = (
        "Hi Sam, just following up on my last email. The form closes on Friday. Hope you're well!"
    )
    assert "chasing" in problems(text, SOME_MONTHS)


def test_a_gentle_chase_about_something_small_is_fine():
    text = "Hi Nora, following up on my note about the book club in case it got buried. No worries!"
    assert review(text, SOME_MONTHS).verdict == READY


def test_a_chase_that_opens_with_a_big_favour_is_never_ready():
    text = "Hi Sam, following up on my note about the intro to Dana. Hope the move went well!"
    assert "chasing" in problems(text, SOME_MONTHS)


def test_accepting_their_offer_asks_for_nothing_new_but_asking_for_more_does():
    text = "Josh yes!! I'd love an intro to your cousin at the brewery, you're a legend."
    assert review(text, RECENT).verdict == READY
    more = (
        "Hi Ruben, thanks for offering to look at my CV. Actually, could you also introduce me to "
        "the hiring manager and send my CV on to her directly?"
    )
    assert "forward-my-resume" in problems(more, SOME_MONTHS)


@pytest.mark.parametrize(
    "sentences",
    [
        ["Any update on the referral?", "A coffee would be lovely.", "There is no need to reply."],
        [
            "This is my third reminder about the reference letter.",
            "3 texts now.",
            "Hope all's well!",
        ],
    ],
)
def test_a_chase_of_a_big_favour_is_chasing_wherever_it_stands(sentences):
    # Found by `make fuzz`: the same chase passed when it came last.
    for order in (sentences, sentences[::-1], sentences[1:] + sentences[:1]):
        assert "chasing" in problems(" ".join(order), OutreachContext())


def test_an_offer_of_one_favour_does_not_cover_a_different_one():
    # The CI case: thanks for an offered introduction made a resume sent on to their manager
    # read as invited, and the hard rule (a big ask up front is never ready) gave way.
    offered_intro = "thank you so much for offering to introduce me to Dan at the festival."
    run_on = "Hi Sam,\n\nso u can def send my cv to ur manager " + offered_intro
    assert review(run_on, OutreachContext()).verdict != READY
    later = "Hi Sam, Thanks for offering to introduce me to Dan. Could you send my CV to your boss?"
    assert "forward-my-resume" in problems(later, SOME_MONTHS)
    # An offer that names the resume, or names nothing, still covers sending it.
    named = "Hi Sam, thanks for offering to pass my CV along. Here it is: could you send it on?"
    assert "forward-my-resume" not in problems(named, SOME_MONTHS)
    assert review("Hi Sam, as you suggested, here is my CV.", SOME_MONTHS).verdict == READY


def test_a_long_letter_about_my_life_with_a_small_ask_and_a_question_to_them_is_not_me_centred():
    text = (
        "Hi Pavel, it's been five years and I'm sorry I let it get that long. I moved to Gdansk "
        "in 2021 and I've been running a small bike repair shop. I got married last summer. I "
        "became a dad in March. I still make the pierogi recipe I learnt in Krakow. I'd really "
        "love to catch up properly sometime. What have you been up to?"
    )
    assert review(text, OutreachContext(days_since_last_contact=1825)).verdict == READY
    asks = text.replace("I'd really love to catch up properly sometime.", "Could you refer me?")
    assert "me-centred" in codes(asks, OutreachContext(days_since_last_contact=1825))


def test_a_small_favour_with_a_favour_back_between_people_in_touch_is_not_pressed():
    text = (
        "Sam, would you mind reading my wedding speech before Saturday? I'm panicking. Happy to "
        "return the favour with your best man speech next year."
    )
    assert review(text, RECENT).verdict == READY
    pressed = text.replace(" Happy to return the favour with your best man speech next year.", "")
    assert "demand-or-deadline" in codes(pressed, RECENT)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Hugo! I know we've never met but I see you're a partner at Bain. Would you be "
        "willing to write an endorsement for my application? I can draft it for you to save time.",
        "Davide buongiorno, I am Stefano, friend of your cousin Luca. I am looking for a job as "
        "barista, your bar needs someone?",
        "Chiara hi, I need a big favour. Your uncle has many apartments there. Can you give my "
        "sister his number?",
    ],
)
def test_the_way_in_to_an_ask_is_no_interest_in_them(text):
    assert "nothing-about-them" in codes(text, SOME_MONTHS)


# --- verdict, score, ordering, tokenizer ------------------------------------------------------


def test_a_clean_message_is_ready_to_send_with_a_full_score():
    assert review("Hi Jo! How was the trip to Lisbon?") == Review(READY, 100, ())


def test_the_score_and_verdict_follow_the_severities():
    warned = review("How was Rome? Could you review my cover letter by Friday?")
    assert (warned.verdict, warned.score) == (ANOTHER_PASS, 92)
    bad = review("Could you refer me ASAP?")
    assert bad.verdict == LAND_BADLY
    assert bad.score == 100 - 25 * sum(f.severity is Severity.PROBLEM for f in bad.findings)


def test_an_empty_draft_has_nothing_to_review():
    assert review("  \n ") == Review(NOTHING, 0, ())


def test_findings_are_ordered_by_start_then_severity():
    found = review(TAKER[0].text, TAKER[0].context).findings
    order = {Severity.PROBLEM: 0, Severity.WARN: 1, Severity.INFO: 2}
    assert [(f.start, order[f.severity]) for f in found] == sorted(
        (f.start, order[f.severity]) for f in found
    )


def test_the_tokenizer_splits_sentences_but_not_abbreviations_or_wrapped_lines():
    text = "Dear Dr. Lee,\nI hope you and the family are\nwell. Are you free? Best,\nJo"
    assert [s.text for s in tokenize(text)] == [
        "Dear Dr. Lee,",
        "I hope you and the family are well.",
        "Are you free?",
        "Best,",
        "Jo",
    ]


def test_the_tokenizer_keeps_contractions_and_straightens_apostrophes():
    assert tokenize("I\u2019m here")[0].words == ("i'm", "here")


# --- the seam for a local model ---------------------------------------------------------------


class Shouting:
    def rewrite(self, text, finding, context):
        return text[finding.start : finding.end].upper()


class Broken:
    def rewrite(self, text, finding, context):
        raise RuntimeError("model not loaded")


def test_without_a_rewriter_the_review_is_unchanged():
    found = review(TAKER[0].text, TAKER[0].context)
    assert rewrite_with(None, TAKER[0].text, found) is found


def test_a_rewriter_only_replaces_the_replacements():
    text = "Could you refer me ASAP?"
    found = review(text)
    rewritten = rewrite_with(Shouting(), text, found)
    assert [(f.code, f.severity, f.start, f.end) for f in rewritten.findings] == [
        (f.code, f.severity, f.start, f.end) for f in found.findings
    ]
    assert all(f.replacement == text[f.start : f.end].upper() for f in rewritten.findings)


def test_a_broken_rewriter_leaves_the_review_as_it_was():
    text = "Could you refer me ASAP?"
    found = review(text)
    assert rewrite_with(Broken(), text, found) == found


# --- properties -------------------------------------------------------------------------------

SENTENCES = sorted({s.text for case in CASES for s in tokenize(case.text)})
QUESTIONS = [
    "How have you been?",
    "How is the new job going?",
    "What are you working on these days?",
    "How was your trip to Lisbon?",
    "How are the kids?",
    "What have you been reading lately?",
]
drafts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(SENTENCES), max_size=12).flatmap(
        lambda parts: st.sampled_from([" ", "\n", "\n\n"]).map(lambda sep: sep.join(parts))
    ),
)
contexts = st.builds(
    OutreachContext,
    recipient_name=st.one_of(st.none(), st.sampled_from(["Sam", "Ana", ""])),
    known=st.booleans(),
    days_since_last_contact=st.one_of(st.none(), st.integers(-10, 6000)),
    shared_connections=st.integers(0, 5),
    balance=st.one_of(st.none(), st.floats(-1, 1)),
    recipient_needs=st.lists(st.sampled_from(["Hiring a designer", "A nanny"]), max_size=2).map(
        tuple
    ),
    recipients=st.integers(0, 50),
)


def problem_codes(found):
    return sorted(f.code for f in found.findings if f.severity is Severity.PROBLEM)


@settings(max_examples=300, deadline=None)
@given(drafts, contexts)
def test_every_span_lies_inside_the_text_and_the_review_never_raises(text, context):
    found = review(text, context)
    assert 0 <= found.score <= 100
    for finding in found.findings:
        assert isinstance(finding, Finding)
        assert 0 <= finding.start <= finding.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(drafts, contexts, st.sampled_from(QUESTIONS), st.booleans())
# Found by a clean-clone run: a greeting after an opening line was read whole, and "hiring ...
# could be" as a job asked of a stranger.
@example("DEAR HIRING A- COULD BE", OutreachContext(known=False), QUESTIONS[0], False)
def test_a_question_about_them_never_adds_a_problem(text, context, question, at_end):
    asked = f"{text}\n\n{question}" if at_end else f"{question}\n\n{text}"
    before, after = problem_codes(review(text, context)), problem_codes(review(asked, context))
    assert len(after) <= len(before)
    assert set(after) <= set(before)


@settings(max_examples=100, deadline=None)
@given(drafts, contexts)
def test_the_review_is_deterministic(text, context):
    assert review(text, context) == review(text, context)


def test_asking_after_their_own_search_is_not_a_job_request():
    text = "Hi Rosa, how is it going with the referral at Acme you were after? Fingers crossed."
    assert not problems(text)


def test_asking_to_be_introduced_is_not_read_as_an_offer():
    context = OutreachContext(recipient_name="Jin", known=False, balance=-0.5)
    found = problems("Hi Jin, would you be open to introducing me to Gareth?", context)
    assert "big-ask-of-stranger" in found

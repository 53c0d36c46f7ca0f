"""Session 10's readings, each from a shape frozen8 showed and dev-s10 then labelled: a
message to a few people that asks nothing, a release read as a chase, a job named only as the
reason for a reference or a read, a reference asked first between friends, a silence said in
other words, and a deadline stated as a fact."""

from __future__ import annotations

import pytest

from mutuals.core.outreach import READY, OutreachContext, Severity, review
from mutuals.core.outreach.acts import big_of
from mutuals.core.outreach.letter import letter
from mutuals.core.outreach.pressure import pressure

FRIEND = OutreachContext(recipient_name="Hana", known=True, days_since_last_contact=6)


def _codes(text: str, context: OutreachContext) -> dict[str, Severity]:
    return {f.code: f.severity for f in review(text, context).findings}


def test_a_thank_you_to_a_few_people_that_asks_nothing_is_only_a_note():
    text = (
        "Hi all, thank you to the five of you who sent leads and pep talks this year. I start at "
        "Harbour Bank on Monday, and drinks at The Crown are on me on the 20th."
    )
    few = OutreachContext(known=True, days_since_last_contact=60, recipients=5)
    assert _codes(text, few).get("mass-message") is Severity.INFO


def test_the_same_note_to_forty_people_is_still_a_broadcast():
    text = "Dear all, wishing you a restful holiday season and a bright new year."
    many = OutreachContext(known=True, days_since_last_contact=60, recipients=40)
    assert _codes(text, many)["mass-message"] is Severity.WARN


def test_a_group_message_that_asks_is_a_problem_however_few_read_it():
    text = "Hi all, please share my CV with anyone hiring in logistics."
    few = OutreachContext(known=True, days_since_last_contact=60, recipients=4)
    assert _codes(text, few)["mass-message"] is Severity.PROBLEM


def test_a_double_opt_in_introduction_letting_them_take_it_from_here_asks_nothing():
    text = (
        "Hi both, as promised: Elif, meet Tomasz; Tomasz, meet Elif. Elif runs the conservation "
        "lab at the archive, and Tomasz built the imaging rig his museum uses. I'll step back "
        "and let you take it from here. No need to keep me in the loop."
    )
    pair = OutreachContext(known=True, days_since_last_contact=12, recipients=2)
    assert review(text, pair).verdict == READY


@pytest.mark.parametrize(
    "text",
    [
        "ignore my last text, it was mostly gifs. are you still doing the 10k in March?",
        "Quick question, and no reply needed if you're busy: which book would you recommend?",
    ],
)
def test_letting_an_earlier_message_go_is_not_a_chase(text):
    assert "chasing" not in _codes(text, FRIEND)


def test_a_real_chaser_is_still_a_chase():
    text = "Did you see my message? I'm still waiting on that reply."
    waiting = OutreachContext(known=True, days_since_last_contact=9, unanswered=1)
    assert "chasing" in _codes(text, waiting)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("could you be a reference for me for the Kent council job?", "reference"),
        ("would you be a referee for my application to the senior post?", "reference"),
        ("could you read my cover letter for the Oxfam job?", None),
        ("would you be up for skimming my case study deck for an interview?", None),
        ("could you recommend me to your boss for the open position?", "job"),
        ("could you find me a job at your company?", "job"),
        ("would you put in a word for me for the analyst role?", "job"),
    ],
)
def test_a_job_named_as_the_reason_for_a_small_ask_is_not_a_job_asked(sentence, kind):
    assert big_of(sentence.lower(), True, sentence.endswith("?")) == kind


def test_a_reference_asked_first_of_a_friend_with_an_easy_way_out_is_fine():
    text = (
        "Hey Hana, small favour and totally fine to say no: would you be ok being a reference "
        "for me? Anyway, how did the first week with the new puppy go?"
    )
    assert review(text, FRIEND).verdict == READY


def test_a_reference_asked_first_of_someone_silent_for_months_is_still_up_front():
    text = (
        "Hey Hana, small favour and totally fine to say no: would you be ok being a reference "
        "for me? Anyway, how did the first week with the new puppy go?"
    )
    months = OutreachContext(recipient_name="Hana", known=True, days_since_last_contact=200)
    assert "ask-up-front" in _codes(text, months)


def test_an_introduction_asked_first_of_a_friend_is_never_ready():
    text = (
        "Hey Ollie, would you be up for introducing me to your cousin at the RSPB? Only if "
        "you're comfortable. No rush at all. How's the knee holding up?"
    )
    assert review(text, FRIEND).verdict != READY


@pytest.mark.parametrize(
    "opening",
    [
        "I owe you an apology for going silent after your wedding, two whole years.",
        "I'm sorry I didn't keep in touch better after Meridian.",
        "I dropped off the face of the earth after the move, that's on me.",
    ],
)
def test_a_silence_said_in_other_words_is_acknowledged(opening):
    text = f"Hi Jae-won, {opening} Could we have a call about the shipyard job market sometime?"
    dormant = OutreachContext(recipient_name="Jae-won", known=True, days_since_last_contact=760)
    assert "silence-not-acknowledged" not in _codes(text, dormant)


def test_a_deadline_stated_as_a_fact_the_reader_must_meet_is_pressure():
    text = (
        "Could you speak to Mr. Boateng for me about the procurement post? The interviews are "
        "on Tuesday, so it really must be done this weekend."
    )
    found = pressure(letter(text, FRIEND))
    assert any("must be done" in match.group(0) for _, match, _ in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "I would like to know if there are vacant posts in the marketing department.",
        "Is there any vacancy in your team?",
        "Kindly inform me of any position available.",
    ],
)
def test_openings_asked_in_formal_english_are_openings(sentence):
    assert big_of(sentence.lower(), True, sentence.endswith("?")) == "openings"


@pytest.mark.parametrize(
    "text",
    [
        # Turkish's dotless i is meant.
        "Merhaba Elif Hanım, umarım iyisinizdir. İzmir'deki fuarda tanışmıştık. Yeni "  # noqa: RUF001
        "koleksiyonunuzu gördüm, çok etkileyici. Kısa bir sohbet edebilir miyiz?",  # noqa: RUF001
        "Dzień dobry Pani Agnieszko, przepraszam, że tak długo się nie odzywałam. Czy miałaby "
        "Pani chwilę na krótką rozmowę w przyszłym tygodniu?",
        "Mbak Sari, apa kabar? Selamat ya atas pembukaan kafe barunya di Bandung, fotonya bagus "
        "banget! Boleh nggak aku tanya sedikit soal pengalaman Mbak?",
    ],
)
def test_a_language_with_no_word_list_is_still_not_english(text):
    found = review(text, FRIEND).findings
    assert [f.code for f in found] == ["not-english"]
    assert "a language other than English" in found[0].message


def test_a_terse_english_note_full_of_names_is_still_english():
    text = (
        "Hana: Priya, Tomasz, Kemi, Ravi, Odile, Bet and Sam say thanks. Photos from Leeds, "
        "Bristol, Gdańsk attached. Great weekend."
    )
    assert "not-english" not in _codes(text, FRIEND)

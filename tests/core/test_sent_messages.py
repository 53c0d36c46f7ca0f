from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.drafts import DraftFacts, Purpose, draft
from mutuals.core.sent_messages import (
    SENT_LABELS,
    SUMMARY_MAX,
    Channel,
    first_line,
    interaction_kind,
    mailto,
    sent_summary,
)

THANKS = (
    "Hi Priya,\n\nThank you so much for your help (introducing me to Tom). It meant a lot.\n\n"
    "Best,\nJordan"
)


def test_an_email_is_logged_as_an_email_and_a_linkedin_message_as_a_message():
    assert interaction_kind(Channel.EMAIL) == "email"
    assert interaction_kind("linkedin") == "message"


def test_the_summary_is_the_purpose_then_the_first_sentence_after_the_greeting():
    assert sent_summary(THANKS, "thanks") == (
        "Thank-you note: Thank you so much for your help (introducing me to Tom)."
    )


def test_a_message_of_your_own_is_called_a_message():
    assert sent_summary("Quick question about Friday? Let me know.", "") == (
        "Message: Quick question about Friday?"
    )
    assert sent_summary("   ", "") == "Sent a message"
    assert sent_summary("", "thanks") == "Thank-you note"


def test_a_one_line_message_ending_with_a_comma_is_not_taken_for_a_greeting():
    assert first_line("Thanks again,") == "Thanks again,"


@pytest.mark.parametrize("purpose", list(Purpose))
def test_every_draft_purpose_has_a_label_and_a_short_summary(purpose):
    written = draft(
        purpose, DraftFacts(their_name="Priya", my_name="Jordan", days_since_last_contact=400)
    )
    summary = sent_summary(written.text, purpose.value)
    assert summary.startswith(SENT_LABELS[purpose.value] + ": ")
    assert "Priya," not in summary  # not the greeting
    assert len(summary) <= SUMMARY_MAX


@given(text=st.text(), purpose=st.sampled_from(["", *SENT_LABELS]))
def test_a_summary_is_never_empty_nor_too_long(text, purpose):
    summary = sent_summary(text, purpose)
    assert summary.strip()
    assert len(summary) <= SUMMARY_MAX
    assert "\n" not in summary


@given(subject=st.text(), body=st.text())
def test_the_email_link_carries_the_subject_and_body_exactly(subject, body):
    link = mailto("priya.raman@example.com", subject=subject, body=body)
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "priya.raman@example.com"
    fields = dict(field.split("=", 1) for field in parts.query.split("&"))
    assert unquote(fields["subject"]) == subject
    assert unquote(fields["body"]) == body
    assert " " not in link
    assert "\n" not in link

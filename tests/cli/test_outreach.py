from mutuals.interactions.models import Interaction
from mutuals.ledger import services as ledger
from mutuals.needs import services as needs
from tests.cli.conftest import failed, parsed
from tests.factories import log, make_person

TAKER = (
    "Hi Rosa,\n\nI was laid off last month. Could you forward my resume to your hiring manager "
    "and let me know of any openings? I need this by Friday.\n\nThanks,\nJordan\n"
)
GENUINE = (
    "Hi Rosa,\n\nIt has been far too long since we last talked, and I am sorry I have been out "
    "of touch. How is the move to Berlin going? I saw your talk on design systems and loved "
    "it.\n\nBest,\nJordan\n"
)


def check(mutuals, *args, text=TAKER):
    return mutuals("outreach", "check", "-", *args, input=text)


def test_check_prints_findings_as_json(mutuals, jordan):
    body = parsed(check(mutuals, "--json"))
    assert body["verdict"] == "likely to land badly"
    assert body["to"] is None
    assert 0 <= body["score"] < 100
    finding = next(f for f in body["findings"] if f["severity"] == "problem")
    assert set(finding) == {
        "code", "severity", "message", "start", "end", "principle", "suggestion", "replacement",
    }  # fmt: skip
    assert TAKER[finding["start"] : finding["end"]].strip()


def test_check_exits_zero_even_when_it_finds_problems(mutuals, jordan):
    result = check(mutuals)
    assert result.exit_code == 0, result.output
    assert "likely to land badly" in result.stdout
    assert "[problem]" in result.stdout
    assert "Try:" in result.stdout


def test_check_shows_no_rule_ids_or_principle_codes_and_json_keeps_them(mutuals, jordan):
    words = check(mutuals).stdout
    body = parsed(check(mutuals, "--json"))
    for finding in body["findings"]:
        assert finding["code"] not in words
        assert finding["principle"].startswith("P")
    assert not any(f"P{n}:" in words for n in range(1, 11))
    assert "Why: Be genuine" in words


def test_check_shows_each_span_in_context(mutuals, jordan):
    result = check(mutuals)
    assert "forward my resume to your hiring manager" in result.stdout


def test_a_genuine_message_is_ready_to_send(mutuals, jordan):
    body = parsed(check(mutuals, "--json", text=GENUINE))
    assert body["verdict"] == "ready to send"
    assert "nothing to change" in check(mutuals, text=GENUINE).stdout


def test_check_reads_a_file(mutuals, jordan, tmp_path):
    message = tmp_path / "draft.txt"
    message.write_text(TAKER, encoding="utf-8")
    from_file = parsed(mutuals("outreach", "check", str(message), "--json"))
    assert from_file == parsed(check(mutuals, "--json"))


def test_to_brings_in_the_silence_since_you_last_talked(mutuals, jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, days=1000)
    text = "Hi Rosa,\n\nCould you introduce me to your manager?\n\nThanks,\nJordan"
    body = parsed(check(mutuals, "--to", "rosa", "--json", text=text))
    assert body["to"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert "silence-not-acknowledged" in {f["code"] for f in body["findings"]}


def test_an_unreadable_file_is_an_error_without_a_traceback(mutuals, jordan, tmp_path):
    assert "Cannot read" in failed(mutuals("outreach", "check", str(tmp_path / "no.txt")), 5)


def test_an_empty_message_is_a_usage_error(mutuals, jordan):
    assert "Give a message" in failed(check(mutuals, text="  \n"), 2)


def test_an_unknown_recipient_is_not_found(mutuals, jordan):
    assert "No one called" in failed(check(mutuals, "--to", "nobody"), 3)


def test_draft_prints_a_subject_and_a_message(mutuals, jordan):
    rosa = make_person(jordan, how_met="at the PyCon sprints")
    log(jordan, rosa, "Her move to Berlin", days=700)
    result = mutuals("outreach", "draft", "--to", "rosa", "--purpose", "reconnect")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Subject: ")
    assert "Her move to Berlin" in result.stdout
    assert "sorry" in result.stdout
    assert "Review: ready to send" in result.stderr
    assert "Drafted from how long since you last talked, your last conversation" in result.stderr


def test_draft_json_has_the_draft_and_its_review(mutuals, jordan):
    rosa = make_person(jordan)
    needs.add_need(owner=jordan, person_id=rosa.pk, text="Advice on moving to Berlin")
    body = parsed(
        mutuals(
            "outreach",
            "draft",
            "--to",
            "rosa",
            "--purpose",
            "share",
            "--share",
            "the relocation guide",
            "--json",
        )
    )
    assert body["purpose"] == "share"
    assert body["to"]["id"] == rosa.pk
    assert "advice on moving to Berlin" in body["text"]
    assert "the relocation guide" in body["text"]
    assert body["forwardable"] is None
    assert [f for f in body["review"]["findings"] if f["severity"] == "problem"] == []


def test_an_intro_request_names_the_target_and_has_a_forwardable_note(mutuals, jordan):
    make_person(jordan, "Sam Ortiz")
    make_person(jordan, "Gareth Hughes", tier=None, title="Engineering manager")
    body = parsed(
        mutuals(
            "outreach",
            "draft",
            "--to",
            "sam",
            "--purpose",
            "intro-request",
            "--target",
            "gareth",
            "--ask",
            "how his team hires",
            "--json",
        )
    )
    assert "Gareth Hughes (Engineering manager)" in body["text"]
    assert "how his team hires" in body["forwardable"]


def test_drafting_an_ask_while_the_balance_is_against_you_shows_the_warning(mutuals, jordan):
    sam = make_person(jordan, "Sam Ortiz")
    make_person(jordan, "Gareth Hughes")
    ledger.record_exchange(
        owner=jordan, person_id=sam.pk, direction="received", kind="referral", text="A referral"
    )
    result = mutuals(
        "outreach", "draft", "--to", "sam", "--purpose", "intro-request", "--target", "gareth"
    )
    assert result.exit_code == 0, result.output
    assert "in this relationship, and this message asks" in result.stderr
    assert "ask-while-balance-against" not in result.stderr  # rule ids stay in --json


def test_thanks_for_overrides_what_they_did(mutuals, jordan):
    make_person(jordan)
    body = parsed(
        mutuals(
            "outreach",
            "draft",
            "--to",
            "rosa",
            "--purpose",
            "thanks",
            "--for",
            "the portfolio review",
            "--json",
        )
    )
    assert "the portfolio review" in body["text"]


def test_congratulate_and_follow_up_and_variant(mutuals, jordan):
    make_person(jordan)
    body = parsed(
        mutuals(
            "outreach",
            "draft",
            "--to",
            "rosa",
            "--purpose",
            "congratulate",
            "--occasion",
            "the new role",
            "--variant",
            "3",
            "--json",
        )
    )
    assert "the new role" in body["text"]
    follow = parsed(
        mutuals("outreach", "draft", "--to", "rosa", "--purpose", "follow-up", "--json")
    )
    assert follow["purpose"] == "follow-up"


def test_a_need_that_is_not_theirs_is_refused_by_its_option(mutuals, jordan):
    make_person(jordan)
    other = needs.add_need(owner=jordan, person_id=make_person(jordan, "Jin Park").pk, text="x")
    message = failed(
        mutuals("outreach", "draft", "--to", "rosa", "--purpose", "share", "--need", str(other.pk)),
        5,
    )
    assert "--need: Choose one of their open needs." in message


def test_an_unknown_purpose_is_a_usage_error(mutuals, jordan):
    make_person(jordan)
    assert failed(mutuals("outreach", "draft", "--to", "rosa", "--purpose", "beg"), 2)


def test_riley_never_reaches_jordans_people(mutuals, jordan, riley):
    make_person(jordan)
    assert "No one called" in failed(
        mutuals("--user", "riley", "outreach", "draft", "--to", "rosa", "--purpose", "thanks"), 3
    )
    result = mutuals("--user", "riley", "outreach", "check", "-", "--to", "rosa", input=TAKER)
    assert result.exit_code == 3


def test_check_takes_the_message_as_an_argument(mutuals, jordan):
    as_text = parsed(mutuals("outreach", "check", TAKER, "--json"))
    assert as_text == parsed(check(mutuals, "--json"))


def test_check_reads_stdin_with_no_argument(mutuals, jordan):
    from_stdin = parsed(mutuals("outreach", "check", "--json", input=TAKER))
    assert from_stdin == parsed(check(mutuals, "--json"))


def test_check_reads_the_file_named_by_the_file_option(mutuals, jordan, tmp_path):
    message = tmp_path / "draft"
    message.write_text(GENUINE, encoding="utf-8")
    body = parsed(mutuals("outreach", "check", "--file", str(message), "--json"))
    assert body["verdict"] == "ready to send"


def test_a_one_word_message_is_reviewed_not_opened(mutuals, jordan):
    assert parsed(mutuals("outreach", "check", "Thanks!", "--json"))["verdict"]


def test_a_mistyped_file_name_is_an_error_not_a_message(mutuals, jordan):
    assert "Cannot read draft.txt" in failed(mutuals("outreach", "check", "draft.txt"), 5)


def test_a_message_and_the_file_option_together_are_refused(mutuals, jordan, tmp_path):
    message = tmp_path / "draft.txt"
    message.write_text(TAKER, encoding="utf-8")
    result = mutuals("outreach", "check", "Hi Rosa", "--file", str(message))
    assert "not both" in failed(result, 2)


# "I sent it" ----------------------------------------------------------------------------------

SENT = "Hi Rosa,\n\nThank you for the intro to Gareth. It meant a lot.\n\nJordan\n"


def test_sent_logs_the_text_given_as_a_conversation(mutuals, jordan):
    rosa = make_person(jordan)
    body = parsed(
        mutuals("outreach", "sent", "Rosa", "--text", SENT, "--via", "linkedin", "--json")
    )
    conversation = body["interaction"]
    assert (conversation["kind"], conversation["initiated_by"]) == ("message", "me")
    assert conversation["summary"] == "Message: Thank you for the intro to Gareth."
    assert conversation["people"] == [{"id": rosa.pk, "name": "Rosa Núñez"}]
    assert body["thanked"] is None


def test_sent_with_a_purpose_alone_logs_that_draft_and_the_thanks(mutuals, jordan):
    rosa = make_person(jordan)
    got = ledger.record_exchange(
        owner=jordan, person_id=rosa.pk, direction="received", kind="advice", text="CV advice"
    )
    result = mutuals("outreach", "sent", "Rosa", "--purpose", "thanks")
    assert result.exit_code == 0, result.output
    assert "Thank-you note: " in result.stderr
    assert "Marked thanked: CV advice" in result.stderr
    got.refresh_from_db()
    assert got.thanked_on is not None
    conversation = Interaction.objects.get()
    assert "CV advice" in conversation.notes
    assert f"outreach undo-sent {conversation.pk} --exchange {got.pk}" in result.stderr


def test_sent_reads_the_message_from_stdin(mutuals, jordan):
    make_person(jordan)
    result = mutuals("outreach", "sent", "Rosa", "--file", "-", input=SENT)
    assert result.exit_code == 0, result.output
    assert Interaction.objects.get().notes == SENT.strip()


def test_sent_without_a_message_or_purpose_says_what_to_give(mutuals, jordan):
    make_person(jordan)
    assert "--purpose" in failed(mutuals("outreach", "sent", "Rosa"), 2)
    assert not Interaction.objects.exists()


def test_sent_names_the_option_that_is_wrong(mutuals, jordan):
    make_person(jordan)
    message = failed(mutuals("outreach", "sent", "Rosa", "--text", SENT, "--via", "fax"), 5)
    assert "--via: Choose one of: email, linkedin." in message


def test_undo_sent_deletes_the_conversation_and_the_thanks(mutuals, jordan):
    rosa = make_person(jordan)
    got = ledger.record_exchange(
        owner=jordan, person_id=rosa.pk, direction="received", kind="advice", text="CV advice"
    )
    body = parsed(mutuals("outreach", "sent", "Rosa", "--purpose", "thanks", "--json"))
    result = mutuals(
        "outreach", "undo-sent", str(body["interaction"]["id"]), "--exchange", str(got.pk)
    )
    assert result.exit_code == 0, result.output
    assert not Interaction.objects.exists()
    got.refresh_from_db()
    assert got.thanked_on is None


def test_undo_sent_cannot_reach_someone_elses_conversation(mutuals, jordan, riley):
    rosa = make_person(jordan)
    conversation = log(jordan, rosa)
    result = mutuals("--user", "riley", "outreach", "undo-sent", str(conversation.pk))
    failed(result, 3)
    assert Interaction.objects.filter(pk=conversation.pk).exists()

"""`mutuals give`, `received`, `introduce`, `ask`, `answered` and `balance`."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.ledger import selectors as ledger_selectors
from mutuals.ledger import services as ledger_services
from mutuals.needs import selectors as need_selectors
from mutuals.needs import services as need_services
from tests.cli.conftest import failed, parsed
from tests.factories import days_ago, make_person

EXCHANGE_KEYS = {"id", "person", "direction", "kind", "text", "occurred_on", "need"}
ASK_KEYS = {"id", "person", "text", "asked_on", "answered", "answered_on"}


def exchange(owner, person, direction="received", kind="referral", days=0):
    return ledger_services.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction=direction,
        kind=kind,
        text=f"{direction} {kind}",
        occurred_on=days_ago(days),
    )


def test_give_records_information_by_default(mutuals, jordan):
    rosa = make_person(jordan)
    result = mutuals("give", "rosa", "Sent the Acme posting")
    assert result.exit_code == 0, result.output
    [made] = ledger_selectors.exchanges_for(owner=jordan)
    assert (made.person_id, made.direction, made.kind) == (rosa.pk, "gave", "information")


def test_give_with_a_need_marks_it_helped(mutuals, jordan):
    rosa = make_person(jordan)
    need = need_services.add_need(owner=jordan, text="A data lead", person_id=rosa.pk)
    args = ["give", "rosa", "Intro to Jin", "--kind", "introduction", "--need", str(need.pk)]
    data = parsed(mutuals(*args, "--json"))
    assert set(data) >= EXCHANGE_KEYS
    assert (data["need"], data["kind"]) == (need.pk, "introduction")
    assert need_selectors.get_need(owner=jordan, need_id=need.pk).status == "helped"


def test_give_with_someone_elses_need_names_the_option(mutuals, jordan, riley):
    make_person(jordan)
    theirs = need_services.add_need(owner=riley, text="Not yours")
    result = mutuals(
        "give", "rosa", "Stuff", "--need", str(theirs.pk), env={"MUTUALS_USER": "jordan"}
    )
    message = failed(result, ExitCode.INVALID)
    assert message.startswith("--need:")


def test_give_refuses_a_future_date_naming_it(mutuals, jordan):
    make_person(jordan)
    message = failed(mutuals("give", "rosa", "Stuff", "--date", "tomorrow"), ExitCode.INVALID)
    assert message.startswith("--date:")


def test_received_records_what_they_gave_you(mutuals, jordan):
    make_person(jordan)
    data = parsed(mutuals("received", "rosa", "CV advice", "--kind", "advice", "--json"))
    assert (data["direction"], data["kind"], data["text"]) == ("received", "advice", "CV advice")


def test_introduce_records_a_give_to_each_person(mutuals, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    data = parsed(mutuals("introduce", "rosa", "jin", "--note", "Both in data", "--json"))
    pairs = {(e["person"]["id"], e["introduced_to"]["id"]) for e in data["exchanges"]}
    assert pairs == {(rosa.pk, jin.pk), (jin.pk, rosa.pk)}
    assert {e["kind"] for e in data["exchanges"]} == {"introduction"}


def test_introduce_someone_to_themselves_is_invalid(mutuals, jordan):
    make_person(jordan)
    failed(mutuals("introduce", "rosa", "rosa"), ExitCode.INVALID)


def test_ask_warns_when_the_balance_is_against_you_and_still_records(mutuals, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "received", "referral")
    need = need_services.add_need(owner=jordan, text="A designer to talk to", person_id=rosa.pk)
    result = mutuals("ask", "rosa", "An intro to Acme", "--json")
    data = parsed(result)
    assert set(data["ask"]) >= ASK_KEYS
    assert data["warning"]["severity"] in {"warn", "caution"}
    assert [n["id"] for n in data["warning"]["give_first"]] == [need.pk]
    assert "A designer to talk to" in result.stderr
    assert f"#{need.pk}" in result.stderr
    assert ledger_selectors.asks_for(owner=jordan).count() == 1


def test_ask_does_not_warn_when_you_have_given_more(mutuals, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "gave", "referral")
    result = mutuals("ask", "rosa", "An intro to Acme", "--json")
    assert parsed(result)["warning"] is None
    assert "Warn" not in result.stderr
    assert "Caution" not in result.stderr


def test_answered_marks_an_ask_answered(mutuals, jordan):
    rosa = make_person(jordan)
    asked = ledger_services.record_ask(owner=jordan, person_id=rosa.pk, text="Intro")
    assert mutuals("answered", str(asked.pk), "--note", "Said yes").exit_code == 0
    [ask] = ledger_selectors.asks_for(owner=jordan)
    assert (ask.answered_on, ask.outcome) == (days_ago(0), "Said yes")


def test_answered_unknown_ask_is_not_found(mutuals, jordan):
    assert "#42" in failed(mutuals("answered", "42"), ExitCode.NOT_FOUND)


def test_balance_lists_everyone_most_against_you_first(mutuals, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    make_person(jordan, "Ana Lee")  # no exchanges: not listed
    exchange(jordan, rosa, "gave", "advice")
    exchange(jordan, jin, "received", "referral")
    data = parsed(mutuals("balance", "--json"))
    assert [b["person"]["name"] for b in data["balances"]] == ["Jin Park", rosa.full_name]
    assert set(data["balances"][0]) == {"person", "given", "received", "score", "label"}
    assert data["balances"][0]["score"] < 0 < data["balances"][1]["score"]


def test_balance_shows_a_table(mutuals, jordan):
    exchange(jordan, make_person(jordan, "Jin Park"))
    result = mutuals("balance")
    assert result.exit_code == 0, result.output
    assert "Jin Park" in result.stdout
    assert "you receive more" in result.stdout


def test_balance_of_one_person_has_reasons_and_history(mutuals, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "received", "referral")
    ledger_services.record_ask(owner=jordan, person_id=rosa.pk, text="Intro")
    data = parsed(mutuals("balance", "rosa", "--json"))
    assert data["person"] == {"id": rosa.pk, "name": rosa.full_name}
    assert data["label"] == "you receive more"
    assert data["reasons"]
    assert [e["kind"] for e in data["exchanges"]] == ["referral"]
    assert [a["text"] for a in data["asks"]] == ["Intro"]
    assert data["warning"] is not None


def test_balance_of_one_person_in_words(mutuals, jordan):
    exchange(jordan, make_person(jordan), "gave", "advice")
    result = mutuals("balance", "rosa")
    assert result.exit_code == 0, result.output
    assert "you give more" in result.stdout


def test_riley_cannot_see_or_touch_jordans_ledger(mutuals, jordan, riley):
    rosa = make_person(jordan)
    exchange(jordan, rosa)
    asked = ledger_services.record_ask(owner=jordan, person_id=rosa.pk, text="Intro")
    env = {"MUTUALS_USER": "riley"}
    assert parsed(mutuals("balance", "--json", env=env)) == {"balances": []}
    failed(mutuals("balance", f"#{rosa.pk}", env=env), ExitCode.NOT_FOUND)
    failed(mutuals("give", f"#{rosa.pk}", "Stuff", env=env), ExitCode.NOT_FOUND)
    failed(mutuals("answered", str(asked.pk), env=env), ExitCode.NOT_FOUND)
    assert ledger_selectors.asks_for(owner=jordan, unanswered=True).count() == 1

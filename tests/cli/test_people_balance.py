"""`mutuals people --sort owe|owed --balance owe|even|owed|none`, and the balance it shows."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.ledger import services as ledger_services
from tests.cli.conftest import parsed
from tests.factories import make_person


def record(owner, person, direction, kind="advice"):
    return ledger_services.record_exchange(
        owner=owner, person_id=person.pk, direction=direction, kind=kind, text="Something useful"
    )


WIDE = {"COLUMNS": "120"}  # the words wrap in an 80-column terminal, as any long cell does


def balance_network(owner):
    """You owe Ann most and Bo a little, Cy is even, Di owes you, Ed never traded with you."""
    ann, bo, cy, di, _ = (make_person(owner, name) for name in ("Ann", "Bo", "Cy", "Di", "Ed"))
    record(owner, ann, "received", "referral")
    record(owner, ann, "received", "introduction")
    record(owner, bo, "received", "favour")
    record(owner, cy, "gave")
    record(owner, cy, "received")
    record(owner, di, "gave", "referral")


def names(data) -> list[str]:
    return [person["name"] for person in data["people"]]


def test_people_filters_by_balance(mutuals, jordan):
    balance_network(jordan)
    found = {
        side: names(parsed(mutuals("people", "--balance", side, "--json")))
        for side in ("owe", "even", "owed", "none")
    }
    assert found == {"owe": ["Ann", "Bo"], "even": ["Cy"], "owed": ["Di"], "none": ["Ed"]}


def test_people_sort_owe_puts_who_gave_you_most_first(mutuals, jordan):
    balance_network(jordan)
    data = parsed(mutuals("people", "--sort", "owe", "--json"))
    assert names(data) == ["Ann", "Bo", "Cy", "Ed", "Di"]


def test_people_sort_owed_puts_who_you_gave_most_first(mutuals, jordan):
    balance_network(jordan)
    data = parsed(mutuals("people", "--sort", "owed", "--limit", "2", "--json"))
    assert (data["count"], names(data)) == (5, ["Di", "Cy"])


def test_people_json_gives_each_persons_balance(mutuals, jordan):
    balance_network(jordan)
    data = parsed(mutuals("people", "--search", "di", "--json"))
    balance = data["people"][0]["balance"]
    assert (balance["score"], balance["label"]) == (0.6, "you give more")
    assert balance["on"] is not None


def test_people_json_gives_no_day_for_someone_never_traded_with(mutuals, jordan):
    make_person(jordan, "Ed Moss")
    balance = parsed(mutuals("people", "--json"))["people"][0]["balance"]
    assert balance == {"score": 0.0, "label": "nothing exchanged yet", "on": None}


def test_people_shows_the_balance_in_the_table_when_filtering_by_it(mutuals, jordan):
    balance_network(jordan)
    result = mutuals("people", "--balance", "owed", env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Give and take" in result.stdout
    assert "you gave much more" in result.stdout
    assert "+0.60" not in result.stdout


def test_people_shows_the_balance_in_the_table_when_sorting_by_it(mutuals, jordan):
    balance_network(jordan)
    result = mutuals("people", "--sort", "owe", "--search", "ann", env=WIDE)
    assert result.exit_code == 0, result.output
    assert "they gave much more" in result.stdout


def test_people_keeps_the_table_narrow_when_balance_is_not_asked_for(mutuals, jordan):
    balance_network(jordan)
    assert "Give and take" not in mutuals("people").stdout


def test_people_rejects_an_unknown_balance_as_usage(mutuals, jordan):
    assert mutuals("people", "--balance", "rich").exit_code == ExitCode.USAGE


def test_riley_never_sees_jordans_people_by_balance(mutuals, jordan, riley):
    balance_network(jordan)
    for args in (("--balance", "owe"), ("--balance", "none"), ("--sort", "owe")):
        assert parsed(mutuals("--user", "riley", "people", *args, "--json"))["people"] == []

"""`mutuals add`, `show` and `people`."""

from __future__ import annotations

import re

from mutuals.cli.errors import ExitCode
from mutuals.people import selectors as people_selectors
from tests.cli.conftest import failed, parsed
from tests.factories import days_ago, log, make_person, make_promise

PERSON_KEYS = {"id", "name", "emails", "phones", "organization", "tier", "circles", "strength"}


def only_person(owner):
    people = list(people_selectors.people_list(owner=owner, today=days_ago(0)))
    assert len(people) == 1
    return people[0]


def test_add_records_everything_given(mutuals, jordan):
    result = mutuals(
        "add", "Rosa Núñez", "--org", "Acme", "--title", "Engineering manager",
        "--email", "rosa@example.com", "--email", "rosa@home.example", "--phone", "+1 555 0100",
        "--tier", "close", "--circle", "work", "--circle", "school",
        "--linkedin", "linkedin.com/in/rosa", "--how-met", "PyCon 2019",
        "--note", "Loves climbing", "--cadence", "45",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rosa = people_selectors.get_person(owner=jordan, person_id=only_person(jordan).pk)
    assert (rosa.first_name, rosa.last_name, rosa.organization.name) == ("Rosa", "Núñez", "Acme")
    assert [e.address for e in rosa.emails.all()] == ["rosa@example.com", "rosa@home.example"]
    assert sorted(c.name for c in rosa.circles.all()) == ["school", "work"]
    assert (rosa.tier, rosa.cadence_days, rosa.how_met) == ("close", 45, "PyCon 2019")
    assert rosa.linkedin_url == "https://linkedin.com/in/rosa"
    assert "Added Rosa Núñez" in result.stderr


def test_add_defaults_to_an_acquaintance(mutuals, jordan):
    assert mutuals("add", "Jin Park").exit_code == 0
    assert only_person(jordan).tier == "acquaintance"


def test_add_know_of_records_no_relationship(mutuals, jordan):
    assert mutuals("add", "Hiring Manager", "--know-of").exit_code == 0
    person = only_person(jordan)
    assert (person.tier, person.cadence_days) == (None, None)


def test_add_json_prints_the_new_person(mutuals, jordan):
    data = parsed(mutuals("add", "Rosa Núñez", "--json"))
    assert set(data) >= PERSON_KEYS
    assert data["id"] == only_person(jordan).pk


def test_add_rejects_a_bad_email_naming_the_option(mutuals, jordan):
    message = failed(mutuals("add", "Rosa", "--email", "not-an-email"), ExitCode.INVALID)
    assert "--email" in message
    assert people_selectors.count_people(owner=jordan) == 0


def test_add_rejects_an_unknown_tier_as_usage(mutuals, jordan):
    assert mutuals("add", "Rosa", "--tier", "bestie").exit_code == ExitCode.USAGE


def test_show_gives_strength_reasons_cadence_timeline_and_promises(mutuals, jordan):
    rosa = make_person(jordan, tier="close")
    log(jordan, rosa, "Talked about the Acme opening", days=12)
    make_promise(jordan, rosa, "Send Rosa the article", due_in=2)
    result = mutuals("show", "rosa")
    assert result.exit_code == 0, result.output
    for expected in (
        "Rosa Núñez",
        "Tie strength: ■■■□□ steady: you have talked once; last talked 12 days ago",
        "you count them as close",
        "keep in touch every 30 days",
        "next due",
        "Talked about the Acme opening",
        "Send Rosa the article",
    ):
        assert expected in result.stdout


def test_show_json_has_person_timeline_and_promises(mutuals, jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, "Coffee")
    make_promise(jordan, rosa)
    data = parsed(mutuals("show", "Rosa Núñez", "--json"))
    assert set(data) == {"person", "timeline", "promises"}
    assert set(data["person"]) >= PERSON_KEYS
    assert {"score", "label", "reasons"} <= set(data["person"]["strength"])
    assert data["timeline"][0]["summary"] == "Coffee"
    assert data["promises"][0]["text"] == "Send the article"


def test_show_finds_a_name_without_accents_or_capitals(mutuals, jordan):
    make_person(jordan, "Rosa Núñez")
    assert parsed(mutuals("show", "ROSA NUNEZ", "--json"))["person"]["name"] == "Rosa Núñez"


def test_show_accepts_a_number(mutuals, jordan):
    rosa = make_person(jordan)
    assert parsed(mutuals("show", f"#{rosa.pk}", "--json"))["person"]["id"] == rosa.pk


def test_show_an_ambiguous_name_lists_the_candidates(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    rosalind = make_person(jordan, "Rosalind Ng")
    message = failed(mutuals("show", "rosa"), ExitCode.AMBIGUOUS)
    assert f"Did you mean: Rosa Núñez (#{rosa.pk}), Rosalind Ng (#{rosalind.pk})?" in message


def test_show_an_unknown_name_suggests_similar_ones(mutuals, jordan):
    make_person(jordan, "Rosa Núñez")
    message = failed(mutuals("show", "Rosy Nunez"), ExitCode.NOT_FOUND)
    assert "Did you mean: Rosa Núñez" in message


def test_show_an_unknown_name_with_nothing_close_says_how_to_add(mutuals, jordan):
    message = failed(mutuals("show", "Zebulon"), ExitCode.NOT_FOUND)
    assert 'mutuals add "Zebulon"' in message


def test_people_lists_names_in_a_table(mutuals, jordan):
    make_person(jordan, "Rosa Núñez", organization="Acme")
    make_person(jordan, "Jin Park")
    result = mutuals("people")
    assert result.exit_code == 0, result.output
    assert "Rosa Núñez" in result.stdout
    assert "Acme" in result.stdout
    assert "Jin Park" in result.stdout


def test_people_json_counts_and_lists(mutuals, jordan):
    make_person(jordan, "Rosa Núñez")
    data = parsed(mutuals("people", "--json"))
    assert data["count"] == 1
    assert set(data["people"][0]) >= PERSON_KEYS


def names(data) -> list[str]:
    return [person["name"] for person in data["people"]]


def test_people_filters_by_search_circle_tier_and_org(mutuals, jordan):
    make_person(jordan, "Rosa Núñez", organization="Acme", circles=["work"], tier="close")
    make_person(jordan, "Jin Park", organization="Globex", circles=["school"])
    assert names(parsed(mutuals("people", "--search", "acm", "--json"))) == ["Rosa Núñez"]
    assert names(parsed(mutuals("people", "--circle", "school", "--json"))) == ["Jin Park"]
    assert names(parsed(mutuals("people", "--tier", "close", "--json"))) == ["Rosa Núñez"]
    assert names(parsed(mutuals("people", "--org", "globex", "--json"))) == ["Jin Park"]


def test_people_overdue_lists_only_those_due(mutuals, jordan):
    due = make_person(jordan, "Due Person", tier="inner")
    log(jordan, due, days=30)
    make_person(jordan, "Fresh Person", tier="inner")
    assert names(parsed(mutuals("people", "--overdue", "--json"))) == ["Due Person"]


def test_show_says_the_strength_in_words_and_keeps_the_number_for_json(mutuals, jordan):
    rosa = make_person(jordan, tier="close")
    for days in (70, 100, 130):
        log(jordan, rosa, "Coffee", days=days)
    shown = mutuals("show", "rosa").stdout
    assert "cooling: you have talked about every month; last talked 70 days ago" in shown
    assert not re.search(r"\b\d+\.\d+\b", shown)
    score = parsed(mutuals("show", "rosa", "--json"))["person"]["strength"]["score"]
    assert isinstance(score, float)


def test_the_people_table_says_strength_in_words(mutuals, jordan):
    strong = make_person(jordan, "Zoe Strong", tier="inner")
    log(jordan, [strong], days=1, kind="coffee")
    table = mutuals("people").stdout
    assert "Zoe Strong" in table
    assert re.search(r"\b(very strong|strong|steady)\b", table)
    assert not re.search(r"\b\d+\.\d+\b", table)


def test_people_sorts_by_strength_and_limits(mutuals, jordan):
    weak = make_person(jordan, "Alex Weak", tier="acquaintance")
    strong = make_person(jordan, "Zoe Strong", tier="inner")
    log(jordan, [strong], days=1, kind="coffee")
    log(jordan, [weak], days=300, kind="message")
    data = parsed(mutuals("people", "--sort", "strength", "--limit", "1", "--json"))
    assert (data["count"], names(data)) == (2, ["Zoe Strong"])


def test_people_with_nobody_matching_says_what_to_do(mutuals, jordan):
    result = mutuals("people", "--search", "nobody")
    assert result.exit_code == 0
    assert "mutuals add" in result.stderr


def test_riley_never_sees_or_resolves_jordans_people(mutuals, jordan, riley):
    rosa = make_person(jordan, "Rosa Núñez")
    failed(mutuals("--user", "riley", "show", "Rosa Núñez"), ExitCode.NOT_FOUND)
    failed(mutuals("--user", "riley", "show", f"#{rosa.pk}"), ExitCode.NOT_FOUND)
    assert parsed(mutuals("--user", "riley", "people", "--json"))["people"] == []


def test_user_text_is_never_read_as_markup(mutuals, jordan):
    make_person(jordan, "Rosa Núñez", notes="[bold]not markup[/bold]")
    assert "[bold]not markup[/bold]" in mutuals("show", "rosa").stdout


def test_output_in_a_pipe_has_no_colour_codes(mutuals, jordan):
    make_person(jordan)
    for args in (("people",), ("show", "rosa"), ("show", "nobody")):
        assert "\x1b[" not in mutuals(*args).output

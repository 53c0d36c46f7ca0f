"""`mutuals lead add|list|move|show` and `mutuals org list|show`."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.leads import services as leads
from mutuals.leads.models import Lead
from tests.cli.conftest import failed, parsed
from tests.factories import make_orion, make_person

POSTING = "Senior Data Engineer\nOrion · Portland, OR\n\nOrion is hiring a Senior Data Engineer.\n"


def test_lead_add_records_who_mentioned_it(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    result = mutuals("lead", "add", "Data Engineer", "--at", "Orion", "--via", "rosa")
    assert result.exit_code == 0, result.output
    assert "Data Engineer at Orion (Heard of it)" in result.stderr
    lead = Lead.objects.get(owner=jordan)
    assert [(link.person_id, link.role) for link in lead.people.all()] == [(rosa.pk, "mentioned")]


def test_lead_add_reads_a_posting_from_stdin(mutuals, jordan):
    make_orion(jordan)
    data = parsed(mutuals("lead", "add", "--posting", "-", "--json", input=POSTING))
    assert (data["title"], data["organization"]["name"], data["location"]) == (
        "Senior Data Engineer",
        "Orion",
        "Portland, OR",
    )
    assert data["source"] == "posting"


def test_lead_add_with_nothing_says_what_to_give(mutuals, jordan):
    message = failed(mutuals("lead", "add"), ExitCode.INVALID)
    assert "Say what the lead is" in message
    assert not Lead.objects.exists()


def test_lead_add_with_an_unknown_person_changes_nothing(mutuals, jordan):
    failed(mutuals("lead", "add", "X", "--via", "nobody"), ExitCode.NOT_FOUND)
    assert not Lead.objects.exists()


def test_lead_list_prints_count_and_items(mutuals, jordan):
    leads.create_lead(owner=jordan, title="Designer", organization="Acme")
    leads.create_lead(owner=jordan, title="Writer", stage="applied")
    data = parsed(mutuals("lead", "list", "--json"))
    assert data["count"] == 2
    applied = parsed(mutuals("lead", "list", "--stage", "applied", "--json"))
    assert [item["title"] for item in applied["items"]] == ["Writer"]
    at_acme = parsed(mutuals("lead", "list", "--at", "acme", "--json"))
    assert [item["title"] for item in at_acme["items"]] == ["Designer"]


def test_lead_list_says_how_to_add_one_when_empty(mutuals, jordan):
    result = mutuals("lead", "list")
    assert result.exit_code == 0
    assert "mutuals lead add" in result.stderr


def test_lead_move_and_show(mutuals, jordan):
    lead = leads.create_lead(owner=jordan, title="Designer")
    result = mutuals("lead", "move", str(lead.pk), "applied")
    assert result.exit_code == 0, result.output
    shown = parsed(mutuals("lead", "show", str(lead.pk), "--json"))
    assert shown["stage"] == "applied"
    assert [event["kind"] for event in shown["timeline"]] == ["created", "stage"]
    assert "Applied" in mutuals("lead", "show", str(lead.pk)).stdout


def test_lead_move_to_closed_needs_a_reason(mutuals, jordan):
    lead = leads.create_lead(owner=jordan, title="Designer")
    assert "why" in failed(mutuals("lead", "move", str(lead.pk), "closed"), ExitCode.INVALID)
    assert Lead.objects.get(pk=lead.pk).stage == "heard"
    result = mutuals("lead", "move", str(lead.pk), "closed", "--reason", "no budget")
    assert result.exit_code == 0, result.output
    assert Lead.objects.get(pk=lead.pk).closed_reason == "no budget"


def test_someone_elses_lead_is_not_found(mutuals, jordan, riley):
    theirs = leads.create_lead(owner=riley, title="Secret role")
    as_jordan = ("--user", "jordan", "lead")
    failed(mutuals(*as_jordan, "show", str(theirs.pk)), ExitCode.NOT_FOUND)
    failed(mutuals(*as_jordan, "move", str(theirs.pk), "applied"), ExitCode.NOT_FOUND)
    assert Lead.objects.get(pk=theirs.pk).stage == "heard"


def test_org_list_and_show(mutuals, jordan):
    make_orion(jordan)
    listed = parsed(mutuals("org", "list", "--json"))
    assert [item["name"] for item in listed["items"]] == ["Orion"]
    shown = parsed(mutuals("org", "show", "orion", "--json"))
    assert [p["name"] for p in shown["people"]] == ["Alice Oduya"]
    assert shown["paths"]
    result = mutuals("org", "show", "Orion")
    assert "Alice Oduya" in result.stdout
    assert "Bruce Wayne" in result.stdout  # the warm path


def test_org_show_of_an_unknown_name_says_how_to_find_one(mutuals, jordan, riley):
    make_person(riley, "Ana", organization="Orion")
    result = mutuals("--user", "jordan", "org", "show", "Orion")
    assert "mutuals org list" in failed(result, ExitCode.NOT_FOUND)

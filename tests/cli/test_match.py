from mutuals.needs import services as need_services
from tests.api.conftest import token_client
from tests.cli.conftest import failed, parsed
from tests.factories import make_orion, make_person

POSTING = "Copperleaf is hiring a senior UX designer to join our payments team in Leeds."


def add_need(owner, person, text, kind="job_lead"):
    return need_services.add_need(
        owner=owner, person_id=person.pk if person else None, text=text, kind=kind
    )


def test_it_lists_the_needs_a_text_serves_best_first(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    ux = add_need(jordan, rosa, "Looking for a user experience design role")
    add_need(jordan, make_person(jordan, "Jin Park"), "A good accountant", kind="other")
    found = parsed(mutuals("match", POSTING, "--json"))["items"]
    assert [m["need"] for m in found] == [ux.pk]
    assert found[0]["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert found[0]["action"] == "share with Rosa"


def test_the_spans_point_into_the_needs_own_text(mutuals, jordan):
    need = add_need(jordan, make_person(jordan), "Looking for a UX design role")
    match = parsed(mutuals("match", POSTING, "--json"))["items"][0]
    spans = [need.text[start:end].lower() for start, end in match["need_spans"]]
    assert any(span.startswith("ux") for span in spans)


def test_it_reads_the_text_from_stdin_or_a_file(mutuals, jordan, tmp_path):
    need = add_need(jordan, make_person(jordan), "A UX designer role")
    piped = parsed(mutuals("match", "-", "--json", input=POSTING))["items"]
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING)
    from_file = parsed(mutuals("match", "--file", str(posting), "--json"))["items"]
    assert [m["need"] for m in piped] == [m["need"] for m in from_file] == [need.pk]


def test_done_needs_are_not_matched(mutuals, jordan):
    need = add_need(jordan, make_person(jordan), "A UX designer role")
    need_services.close_need(owner=jordan, need_id=need.pk)
    assert parsed(mutuals("match", POSTING, "--json"))["items"] == []


def test_no_text_is_a_usage_error_without_a_traceback(mutuals, jordan):
    assert "Give some text" in failed(mutuals("match", "-", input="   "), 2)


def test_a_missing_file_says_so(mutuals, jordan, tmp_path):
    assert "Cannot read" in failed(mutuals("match", "--file", str(tmp_path / "nope.txt")), 5)


def test_riley_never_matches_jordans_needs(mutuals, jordan, riley):
    add_need(jordan, make_person(jordan), "A UX designer role")
    found = parsed(mutuals("--user", "riley", "match", POSTING, "--json"))["items"]
    assert found == []


def test_the_json_is_the_apis_shape(mutuals, jordan):
    jordan_api = token_client(jordan)
    add_need(jordan, make_person(jordan), "A UX designer role")
    add_need(jordan, make_person(jordan, "Sam Okafor"), "Hiring a UX designer", kind="hire")
    make_person(jordan, "Ben Near", organization="Copperleaf")
    from_cli = parsed(mutuals("match", POSTING, "--json"))
    from_api = jordan_api.post(
        "/api/match", {"text": POSTING}, content_type="application/json"
    ).json()
    assert from_cli == from_api
    assert [i["group"] for i in from_cli["items"]] == ["lead", "share"]
    assert from_cli["organisations"][0]["name"] == "Copperleaf"


def test_the_text_output_comes_in_groups_with_relevance_in_words(mutuals, jordan):
    add_need(jordan, make_person(jordan), "A UX designer role")
    add_need(jordan, make_person(jordan, "Sam Okafor"), "Hiring a UX designer", kind="hire")
    add_need(jordan, None, "UX designer roles in Leeds")
    result = mutuals("match", POSTING)
    assert result.exit_code == 0, result.output
    out = result.stdout
    lead = out.index("Leads: people hiring or offering")
    share = out.index("To share: people looking for something like this")
    yours = out.index("Your own needs")
    assert lead < out.index("Sam Okafor") < share < out.index("Rosa Núñez") < yours
    assert "ask Sam about the role" in out
    assert "match)" in out
    assert "score" not in out


def test_the_text_output_names_the_people_at_a_named_organisation_and_paths(mutuals, jordan):
    make_orion(jordan)
    result = mutuals("match", "Orion is hiring an engineering manager.")
    assert result.exit_code == 0, result.output
    assert "You know of 1 person at Orion" in result.stdout
    assert "Alice Oduya" in result.stdout
    assert "Path: You → Bruce Wayne → Alice Oduya" in result.stdout
    assert "an introduction to ask for" in result.stdout

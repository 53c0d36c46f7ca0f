from mutuals.needs import services as need_services
from tests.cli.conftest import failed, parsed
from tests.factories import make_person

POSTING = "Copperleaf is hiring a senior UX designer to join our payments team in Leeds."


def add_need(owner, person, text, kind="job_lead"):
    return need_services.add_need(
        owner=owner, person_id=person.pk if person else None, text=text, kind=kind
    )


def test_it_lists_the_needs_a_text_serves_best_first(mutuals, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    ux = add_need(jordan, rosa, "Looking for a user experience design role")
    add_need(jordan, make_person(jordan, "Jin Park"), "A good accountant", kind="other")
    found = parsed(mutuals("match", POSTING, "--json"))["matches"]
    assert [m["need"] for m in found] == [ux.pk]
    assert found[0]["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert found[0]["action"] == "share with Rosa"


def test_the_spans_point_into_the_needs_own_text(mutuals, jordan):
    need = add_need(jordan, make_person(jordan), "Looking for a UX design role")
    match = parsed(mutuals("match", POSTING, "--json"))["matches"][0]
    spans = [need.text[start:end].lower() for start, end in match["need_spans"]]
    assert any(span.startswith("ux") for span in spans)


def test_it_reads_the_text_from_stdin_or_a_file(mutuals, jordan, tmp_path):
    need = add_need(jordan, make_person(jordan), "A UX designer role")
    piped = parsed(mutuals("match", "-", "--json", input=POSTING))["matches"]
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING)
    from_file = parsed(mutuals("match", "--file", str(posting), "--json"))["matches"]
    assert [m["need"] for m in piped] == [m["need"] for m in from_file] == [need.pk]


def test_done_needs_are_not_matched(mutuals, jordan):
    need = add_need(jordan, make_person(jordan), "A UX designer role")
    need_services.close_need(owner=jordan, need_id=need.pk)
    assert parsed(mutuals("match", POSTING, "--json"))["matches"] == []


def test_no_text_is_a_usage_error_without_a_traceback(mutuals, jordan):
    assert "Give some text" in failed(mutuals("match", "-", input="   "), 2)


def test_a_missing_file_says_so(mutuals, jordan, tmp_path):
    assert "Cannot read" in failed(mutuals("match", "--file", str(tmp_path / "nope.txt")), 5)


def test_riley_never_matches_jordans_needs(mutuals, jordan, riley):
    add_need(jordan, make_person(jordan), "A UX designer role")
    found = parsed(mutuals("--user", "riley", "match", POSTING, "--json"))["matches"]
    assert found == []

"""`mutuals need add|mine|list|done|helped`."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.needs import selectors as need_selectors
from mutuals.needs import services as need_services
from tests.cli.conftest import failed, parsed
from tests.factories import make_person

NEED_KEYS = {"id", "text", "kind", "status", "noted_on", "person", "mine", "helped_by"}


def make_need(owner, person=None, text="An intro to a data team lead", kind="introduction"):
    return need_services.add_need(
        owner=owner, text=text, kind=kind, person_id=person.pk if person else None
    )


def needs_of(owner, status="all"):
    return list(need_selectors.needs_for(owner=owner, status=status))


def test_need_add_notes_a_contacts_need_with_a_forgiving_name(mutuals, jordan):
    rosa = make_person(jordan)
    result = mutuals("need", "add", "rosa", "An intro to Acme", "--kind", "introduction")
    assert result.exit_code == 0, result.output
    [need] = needs_of(jordan)
    assert (need.person_id, need.text, need.kind, need.status) == (
        rosa.pk,
        "An intro to Acme",
        "introduction",
        "open",
    )
    assert f"#{need.pk}" in result.stderr


def test_need_add_json_prints_the_need(mutuals, jordan):
    rosa = make_person(jordan)
    data = parsed(mutuals("need", "add", "rosa", "Advice on a pay offer", "--json"))
    assert set(data) >= NEED_KEYS
    assert data["person"] == {"id": rosa.pk, "name": rosa.full_name}
    assert (data["kind"], data["mine"]) == ("other", False)


def test_need_add_rejects_empty_text_naming_it(mutuals, jordan):
    make_person(jordan)
    message = failed(mutuals("need", "add", "rosa", "  "), ExitCode.INVALID)
    assert message.startswith("TEXT:")


def test_need_add_refuses_an_unknown_kind(mutuals, jordan):
    make_person(jordan)
    assert mutuals("need", "add", "rosa", "Help", "--kind", "cake").exit_code == ExitCode.USAGE


def test_need_add_for_someone_unknown_is_not_found(mutuals, jordan):
    failed(mutuals("need", "add", "nobody", "Help"), ExitCode.NOT_FOUND)


def test_need_mine_notes_your_own_need(mutuals, jordan):
    data = parsed(mutuals("need", "mine", "A referral at Acme", "--kind", "referral", "--json"))
    assert (data["person"], data["mine"], data["kind"]) == (None, True, "referral")


def test_need_list_json_shows_open_needs_oldest_first(mutuals, jordan):
    rosa = make_person(jordan)
    make_need(jordan, rosa, "First")
    make_need(jordan, None, "Mine")
    closed = make_need(jordan, rosa, "Closed")
    need_services.close_need(owner=jordan, need_id=closed.pk)
    data = parsed(mutuals("need", "list", "--json"))
    assert [n["text"] for n in data["needs"]] == ["First", "Mine"]
    assert set(data["needs"][0]) >= NEED_KEYS
    assert data["needs"][0]["person"] == {"id": rosa.pk, "name": rosa.full_name}
    every = parsed(mutuals("need", "list", "--all", "--json"))["needs"]
    assert sorted(n["status"] for n in every) == ["done", "open", "open"]


def test_need_list_narrows_to_mine_or_to_one_person(mutuals, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    make_need(jordan, rosa, "Rosa's")
    make_need(jordan, jin, "Jin's")
    make_need(jordan, None, "Mine")
    mine = parsed(mutuals("need", "list", "--mine", "--json"))["needs"]
    assert [n["text"] for n in mine] == ["Mine"]
    jins = parsed(mutuals("need", "list", "--person", "jin", "--json"))["needs"]
    assert [n["text"] for n in jins] == ["Jin's"]


def test_need_list_shows_a_table(mutuals, jordan):
    make_need(jordan, make_person(jordan), "An intro to Acme")
    result = mutuals("need", "list")
    assert result.exit_code == 0, result.output
    assert "An intro to Acme" in result.stdout
    assert "Rosa" in result.stdout


def test_need_done_closes_it_and_dropped_drops_it(mutuals, jordan):
    met, gone = make_need(jordan, text="Met"), make_need(jordan, text="Gone")
    assert mutuals("need", "done", str(met.pk), "--note", "Got it").exit_code == 0
    assert mutuals("need", "done", str(gone.pk), "--dropped").exit_code == 0
    statuses = {n.text: (n.status, n.outcome) for n in needs_of(jordan)}
    assert statuses == {"Met": ("done", "Got it"), "Gone": ("dropped", "")}


def test_need_helped_records_who_helped(mutuals, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    need = make_need(jordan, rosa)
    result = mutuals("need", "helped", str(need.pk), "--by", "jin", "--note", "Intro made")
    assert result.exit_code == 0, result.output
    need = need_selectors.get_need(owner=jordan, need_id=need.pk)
    assert (need.status, need.helped_by_id, need.outcome) == ("helped", jin.pk, "Intro made")


def test_an_unknown_need_id_is_not_found(mutuals, jordan):
    message = failed(mutuals("need", "done", "999"), ExitCode.NOT_FOUND)
    assert "#999" in message


def test_riley_cannot_see_or_touch_jordans_needs(mutuals, jordan, riley):
    need = make_need(jordan, make_person(jordan))
    env = {"MUTUALS_USER": "riley"}
    assert parsed(mutuals("need", "list", "--all", "--json", env=env)) == {"needs": []}
    failed(mutuals("need", "done", str(need.pk), env=env), ExitCode.NOT_FOUND)
    failed(mutuals("need", "helped", str(need.pk), env=env), ExitCode.NOT_FOUND)
    assert needs_of(jordan, "open") == [need]


def test_need_add_reads_the_direction_from_the_words_or_takes_it(mutuals, jordan):
    make_person(jordan, "Sam Okafor")
    hiring = parsed(mutuals("need", "add", "sam", "Hiring a backend engineer", "--json"))
    told = parsed(mutuals("need", "add", "sam", "A designer", "--direction", "offering", "--json"))
    mine = parsed(mutuals("need", "mine", "A backend role", "--json"))
    assert [hiring["direction"], told["direction"], mine["direction"]] == [
        "offering",
        "offering",
        "looking",
    ]


def test_need_add_says_the_direction_in_words(mutuals, jordan):
    make_person(jordan, "Sam Okafor")
    result = mutuals("need", "add", "sam", "Hiring a backend engineer", "--kind", "hire")
    assert "(hire, hiring or offering)" in result.stderr


def test_an_unknown_direction_is_a_usage_error(mutuals, jordan):
    make_person(jordan, "Sam Okafor")
    result = mutuals("need", "add", "sam", "A designer", "--direction", "sideways")
    assert result.exit_code == 2
    assert "Traceback" not in result.output

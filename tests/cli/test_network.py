"""`mutuals knows`, `mutuals known`, `mutuals import knows`."""

from __future__ import annotations

from mutuals.cli.errors import ExitCode
from mutuals.network import selectors, services
from tests.cli.conftest import failed, parsed
from tests.factories import make_person


def test_knows_records_a_pair_with_forgiving_names(mutuals, jordan):
    rosa, bruce = make_person(jordan), make_person(jordan, "Bruce Lee")
    result = mutuals(
        "knows",
        "bruce",
        "rosa",
        "--strength",
        "0.8",
        "--note",
        "Orion",
        "--source",
        "worked_together",
    )
    assert result.exit_code == 0, result.output
    low, high = sorted((rosa.pk, bruce.pk))
    assert selectors.all_knows(owner=jordan) == [(low, high, 0.8, "worked_together")]
    assert "Bruce Lee knows Rosa Núñez" in result.stderr


def test_knows_json_prints_the_edge(mutuals, jordan):
    make_person(jordan), make_person(jordan, "Bruce Lee")
    data = parsed(mutuals("knows", "bruce", "rosa", "--json"))
    assert set(data) == {"id", "person", "knows", "strength", "source", "note", "created_at"}
    assert data["strength"] == 0.5


def test_knows_rejects_a_strength_above_one_naming_it(mutuals, jordan):
    make_person(jordan), make_person(jordan, "Bruce Lee")
    message = failed(mutuals("knows", "bruce", "rosa", "--strength", "3"), ExitCode.INVALID)
    assert message.startswith("strength:")


def test_known_lists_who_someone_knows_as_json(mutuals, jordan):
    rosa, bruce = make_person(jordan), make_person(jordan, "Bruce Lee")
    services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk, strength=0.7)
    data = parsed(mutuals("known", "rosa", "--json"))
    assert data["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert [k["other"]["name"] for k in data["knows"]] == ["Bruce Lee"]
    table = mutuals("known", "rosa")
    assert table.exit_code == 0
    assert "Bruce Lee" in table.stdout


def test_import_knows_reads_a_file_and_reports(mutuals, jordan, tmp_path):
    make_person(jordan), make_person(jordan, "Bruce Lee")
    path = tmp_path / "knows.csv"
    path.write_text("person,knows,strength\nRosa,Bruce,0.9\nBruce,Zoe New\n", encoding="utf-8")
    data = parsed(mutuals("import", "knows", str(path), "--json"))
    assert (data["created"], data["people_created"], data["written"]) == (2, 1, True)


def test_import_knows_dry_run_writes_nothing(mutuals, jordan, tmp_path):
    make_person(jordan), make_person(jordan, "Bruce Lee")
    path = tmp_path / "knows.csv"
    path.write_text("person,knows\nRosa,Bruce\n", encoding="utf-8")
    result = mutuals("import", "knows", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would import: 1 new" in result.stderr
    assert selectors.all_knows(owner=jordan) == []


def test_import_knows_exits_non_zero_when_the_file_is_rejected(mutuals, jordan, tmp_path):
    make_person(jordan), make_person(jordan, "Rosa Diaz")
    path = tmp_path / "knows.csv"
    path.write_text("person,knows\nRosa,Someone\n", encoding="utf-8")
    message = failed(mutuals("import", "knows", str(path)), ExitCode.INVALID)
    assert "line 2" in message
    assert "Nothing was imported" in message
    missing = failed(mutuals("import", "knows", str(tmp_path / "nope.csv")), ExitCode.NOT_FOUND)
    assert "Cannot read" in missing


def test_riley_does_not_see_jordans_people(mutuals, jordan, riley):
    rosa, bruce = make_person(jordan), make_person(jordan, "Bruce Lee")
    services.record_knows(owner=jordan, person_id=rosa.pk, knows_id=bruce.pk)
    env = {"MUTUALS_USER": "riley"}
    failed(mutuals("known", "rosa", env=env), ExitCode.NOT_FOUND)
    failed(mutuals("knows", "rosa", "bruce", env=env), ExitCode.NOT_FOUND)

"""`mutuals backup [FILE]` and `mutuals restore FILE`."""

from __future__ import annotations

import json

from mutuals.backup.selectors import DOCUMENT_KINDS
from mutuals.backup.services import backup, dumps
from mutuals.cli.errors import ExitCode
from mutuals.people import selectors as people_selectors
from tests.cli.conftest import failed, parsed
from tests.coach_data import coached
from tests.factories import log, make_person, make_user


def test_backup_writes_the_file_and_says_what_it_holds(mutuals, jordan, tmp_path):
    log(jordan, make_person(jordan))
    path = tmp_path / "mutuals.json"
    result = mutuals("backup", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == dumps(backup(owner=jordan))
    assert "Backed up 1 person and 1 conversation to" in result.stderr


def test_backup_without_a_file_prints_the_backup(mutuals, jordan):
    make_person(jordan)
    result = mutuals("backup")
    assert result.exit_code == 0, result.output
    assert result.stdout == dumps(backup(owner=jordan))


def test_backup_refuses_to_replace_a_file_without_force(mutuals, jordan, tmp_path):
    make_person(jordan)
    path = tmp_path / "mutuals.json"
    path.write_text("precious", encoding="utf-8")
    message = failed(mutuals("backup", str(path)), ExitCode.INVALID)
    assert "--force" in message
    assert path.read_text(encoding="utf-8") == "precious"


def test_backup_replaces_a_file_with_force(mutuals, jordan, tmp_path):
    make_person(jordan)
    path = tmp_path / "mutuals.json"
    path.write_text("old", encoding="utf-8")
    assert mutuals("backup", str(path), "--force").exit_code == 0
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "mutuals-backup"


def test_backup_into_a_missing_folder_says_so(mutuals, jordan, tmp_path):
    message = failed(mutuals("backup", str(tmp_path / "nowhere" / "b.json")), ExitCode.NOT_FOUND)
    assert "check the folder exists" in message


def test_restore_reads_a_backup_into_an_empty_account(mutuals, jordan, tmp_path):
    riley = make_user("riley")
    log(riley, make_person(riley, "Bruce Lee"))
    path = tmp_path / "riley.json"
    path.write_text(dumps(backup(owner=riley)), encoding="utf-8")
    counts = parsed(mutuals("--user", "jordan", "restore", str(path), "--json"))
    assert (counts["people"], counts["interactions"]) == (1, 1)
    assert [p["first_name"] for p in backup(owner=jordan)["people"]] == ["Bruce"]


def test_restore_says_what_it_restored(mutuals, jordan, tmp_path):
    riley = make_user("riley")
    make_person(riley)
    path = tmp_path / "riley.json"
    path.write_text(dumps(backup(owner=riley)), encoding="utf-8")
    result = mutuals("--user", "jordan", "restore", str(path))
    assert result.exit_code == 0, result.output
    assert "Restored 1 person." in result.stderr


def test_restore_refuses_an_account_that_has_records(mutuals, jordan, tmp_path):
    make_person(jordan)
    path = tmp_path / "b.json"
    path.write_text(dumps(backup(owner=jordan)), encoding="utf-8")
    message = failed(mutuals("--user", "jordan", "restore", str(path)), ExitCode.INVALID)
    assert "Restore goes into an empty account: this one already has 1 person." in message
    assert people_selectors.count_people(owner=jordan) == 1


def test_restore_names_a_bad_record(mutuals, jordan, tmp_path):
    riley = make_user("riley")
    make_person(riley)
    data = backup(owner=riley)
    data["people"][0]["tier"] = "bestie"
    path = tmp_path / "b.json"
    path.write_text(dumps(data), encoding="utf-8")
    message = failed(mutuals("--user", "jordan", "restore", str(path)), ExitCode.INVALID)
    assert message.startswith("people[0].tier: Unknown closeness 'bestie'.")
    assert people_selectors.count_people(owner=jordan) == 0


def test_restore_of_a_file_that_is_not_json_says_so(mutuals, jordan, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Rosa, coffee on Friday", encoding="utf-8")
    message = failed(mutuals("--user", "jordan", "restore", str(path)), ExitCode.INVALID)
    assert "This is not a mutuals backup: it is not JSON" in message


def test_restore_of_a_missing_file_says_so(mutuals, jordan, tmp_path):
    message = failed(mutuals("restore", str(tmp_path / "gone.json")), ExitCode.NOT_FOUND)
    assert "Cannot read" in message


def test_rileys_backup_never_holds_jordans_people(mutuals, jordan):
    make_person(jordan)
    make_user("riley")
    data = parsed(mutuals("--user", "riley", "backup"))
    assert data["people"] == []


def test_a_backup_file_is_readable_by_its_owner_only(mutuals, jordan, tmp_path):
    make_person(jordan)
    path = tmp_path / "mutuals.json"
    assert mutuals("backup", str(path)).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o600


def test_restore_says_whose_drafts_and_assignments_it_left_out(mutuals, jordan, tmp_path):
    riley, casey = make_user("riley"), make_user("casey")
    coached(riley, casey)
    data = backup(owner=riley)
    for kind in ("draft_reviews", "assignments"):
        for row in data[kind]:
            row["coach"] = "elsewhere"
    path = tmp_path / "riley.json"
    path.write_text(dumps(data), encoding="utf-8")
    result = mutuals("--user", "jordan", "restore", str(path))
    assert result.exit_code == 0, result.output
    assert (
        "Left out the drafts sent for review and the assignments from elsewhere: no one of "
        "that user name is on this install."
    ) in " ".join(result.stderr.split())


def test_restore_gives_drafts_and_assignments_back_to_the_coach_here(mutuals, jordan, tmp_path):
    riley, casey = make_user("riley"), make_user("casey")
    coached(riley, casey)
    path = tmp_path / "riley.json"
    path.write_text(dumps(backup(owner=riley)), encoding="utf-8")
    result = mutuals("--user", "jordan", "restore", str(path))
    assert result.exit_code == 0, result.output
    assert "2 drafts sent for review, 5 comments on drafts and 3 assignments." in " ".join(
        result.stderr.split()
    )
    assert "Left out" not in result.stderr


def test_restore_json_counts_every_kind_and_names_the_coaches_not_here(mutuals, jordan, tmp_path):
    riley, casey = make_user("riley"), make_user("casey")
    coached(riley, casey)
    data = backup(owner=riley)
    for row in data["draft_reviews"]:
        row["coach"] = "elsewhere"
    path = tmp_path / "riley.json"
    path.write_text(dumps(data), encoding="utf-8")
    answer = parsed(mutuals("--user", "jordan", "restore", str(path), "--json"))
    assert list(answer) == [*DOCUMENT_KINDS, "coaches_not_here", "groups_not_here"]
    assert (answer["draft_reviews"], answer["draft_comments"], answer["assignments"]) == (0, 0, 3)
    assert answer["coaches_not_here"] == ["elsewhere"]


def test_restore_says_each_kind_in_words_never_the_files_keys(mutuals, jordan, tmp_path):
    riley, casey = make_user("riley"), make_user("casey")
    coached(riley, casey)
    path = tmp_path / "riley.json"
    path.write_text(dumps(backup(owner=riley)), encoding="utf-8")
    result = mutuals("--user", "jordan", "restore", str(path))
    assert result.exit_code == 0, result.output
    assert "_" not in result.stderr


def test_restore_names_the_groups_whose_pooling_choice_did_not_come_back(mutuals, jordan, tmp_path):
    riley = make_user("riley")
    make_person(riley, "Ann Lee")
    data = backup(owner=riley)
    data["group_memberships"] = [
        {"id": 1, "group": "Northfield alumni", "scope": "all", "circles": [], "people": []}
    ]
    path = tmp_path / "riley.json"
    path.write_text(dumps(data), encoding="utf-8")
    result = mutuals("--user", "jordan", "restore", str(path))
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "Restored 1 person." in said
    assert (
        "What you pooled in Northfield alumni did not come back: you are not a member of a "
        "group of that name on this install. Once you join (with a code from its "
        "administrators), choose again with `mutuals group pool`."
    ) in said
    answer = parsed(mutuals("--user", "riley", "backup"))
    assert answer["group_memberships"] == []

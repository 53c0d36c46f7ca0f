"""`mutuals addressbook devices|add-device|revoke`: the devices that read your address book."""

from __future__ import annotations

from mutuals.addressbook import services
from mutuals.cli.errors import ExitCode
from tests.cli.conftest import failed, parsed


def test_add_device_prints_the_password_once_and_how_to_use_it(mutuals, jordan):
    result = mutuals("addressbook", "add-device", "My phone")

    assert result.exit_code == 0, result.output
    password = result.stdout.strip()
    assert services.check_app_password(username="jordan", password=password) == jordan
    assert "user name jordan" in result.stderr
    assert "shown only once" in result.stderr


def test_add_device_as_json_gives_the_password_and_the_user_name(mutuals, jordan):
    answer = parsed(mutuals("addressbook", "add-device", "My phone", "--json"))

    assert answer["name"] == "My phone"
    assert answer["username"] == "jordan"
    assert services.check_app_password(username="jordan", password=answer["password"]) == jordan


def test_devices_lists_names_never_passwords(mutuals, jordan, riley):
    new = services.add_device(owner=jordan, name="My phone")
    services.add_device(owner=riley, name="Riley's phone")

    as_jordan = ("--user", "jordan", "addressbook", "devices")

    answer = parsed(mutuals(*as_jordan, "--json"))

    assert [d["name"] for d in answer["devices"]] == ["My phone"]
    assert new.password not in mutuals(*as_jordan, "--json").stdout
    assert "My phone" in mutuals(*as_jordan).stdout


def test_a_second_device_of_the_same_name_is_refused_in_a_sentence(mutuals, jordan):
    services.add_device(owner=jordan, name="My phone")

    message = failed(mutuals("addressbook", "add-device", "My phone"), ExitCode.INVALID)

    assert "already have a device called 'My phone'" in message


def test_revoke_stops_the_password(mutuals, jordan):
    new = services.add_device(owner=jordan, name="My phone")

    result = mutuals("addressbook", "revoke", "My phone")

    assert result.exit_code == 0, result.output
    assert services.check_app_password(username="jordan", password=new.password) is None


def test_revoking_an_unknown_device_says_where_to_look(mutuals, jordan):
    message = failed(mutuals("addressbook", "revoke", "Tablet"), ExitCode.NOT_FOUND)

    assert "mutuals addressbook devices" in message

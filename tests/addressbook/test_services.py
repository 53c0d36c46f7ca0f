"""Devices and their app passwords (addressbook.services), and the cards a device reads
(addressbook.selectors): only the owner's people, never their notes, kept until they change."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mutuals.addressbook import selectors, services
from mutuals.addressbook.models import AppPassword
from mutuals.exports.selectors import person_uid
from mutuals.people import services as people_services
from tests.factories import make_person


def test_a_device_gets_a_password_of_six_groups_and_only_its_hash_is_kept(jordan):
    new = services.add_device(owner=jordan, name="My phone")

    groups = new.password.split("-")
    assert [len(g) for g in groups] == [4] * 6
    stored = AppPassword.objects.get(owner=jordan)
    assert new.password not in stored.secret_hash
    assert stored.secret_hash == services.hash_password(new.password)


def test_the_password_opens_only_its_owners_name(jordan, riley):
    new = services.add_device(owner=jordan, name="My phone")

    assert services.check_app_password(username="jordan", password=new.password) == jordan
    assert services.check_app_password(username="riley", password=new.password) is None
    assert services.check_app_password(username="jordan", password="nope") is None


def test_a_disabled_account_opens_nothing(jordan):
    new = services.add_device(owner=jordan, name="My phone")
    jordan.is_active = False
    jordan.save()

    assert services.check_app_password(username="jordan", password=new.password) is None


def test_a_revoked_device_opens_nothing(jordan):
    new = services.add_device(owner=jordan, name="My phone")

    assert services.revoke_device(owner=jordan, name="My phone") is True
    assert services.check_app_password(username="jordan", password=new.password) is None


def test_revoking_someone_elses_device_does_nothing(jordan, riley):
    new = services.add_device(owner=jordan, name="My phone")

    assert services.revoke_device(owner=riley, name="My phone") is False
    assert services.revoke_device_by_id(owner=riley, device_id=new.device.pk) is False
    assert services.check_app_password(username="jordan", password=new.password) == jordan


@pytest.mark.parametrize("name", ["", "   ", "x" * 61])
def test_a_device_needs_a_short_name(jordan, name):
    with pytest.raises(ValidationError) as error:
        services.add_device(owner=jordan, name=name)

    assert "name" in error.value.message_dict


def test_two_devices_cannot_share_a_name(jordan):
    services.add_device(owner=jordan, name="My phone")

    with pytest.raises(ValidationError, match="already have a device"):
        services.add_device(owner=jordan, name="My  phone")


def test_the_devices_are_only_the_owners(jordan, riley):
    services.add_device(owner=jordan, name="Jordan's phone")
    services.add_device(owner=riley, name="Riley's phone")

    assert [d.name for d in selectors.devices(owner=jordan)] == ["Jordan's phone"]


def test_the_cards_are_the_owners_people_not_archived(jordan, riley):
    rosa = make_person(jordan, "Rosa Núñez", notes="Private")
    gone = make_person(jordan, "Sam Lee")
    people_services.archive_person(owner=jordan, person_id=gone.pk)
    make_person(riley, "Riley's contact")

    cards = selectors.cards(owner=jordan)

    assert list(cards) == [f"person-{rosa.pk}.vcf"]
    card = cards[f"person-{rosa.pk}.vcf"]
    assert "FN:Rosa Núñez" in card.text
    assert "Private" not in card.text
    assert card.uid == person_uid(jordan, rosa.pk)


def test_a_cards_etag_changes_with_what_it_shows(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    before = selectors.cards(owner=jordan)[f"person-{rosa.pk}.vcf"].etag

    people_services.update_person(owner=jordan, person_id=rosa.pk, title="Head of data")

    assert selectors.cards(owner=jordan)[f"person-{rosa.pk}.vcf"].etag != before

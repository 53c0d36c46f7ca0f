import pytest
from django.core.exceptions import ValidationError

from mutuals.accounts import selectors, services
from tests.factories import PASSWORD


def test_the_first_owner_can_be_created_once(db):
    owner = services.create_owner(username="jordan", password=PASSWORD)
    assert owner.is_superuser
    with pytest.raises(ValidationError):
        services.create_owner(username="mallory", password=PASSWORD)


def test_it_rejects_a_weak_password_naming_the_field(db):
    with pytest.raises(ValidationError) as error:
        services.create_user(username="jordan", password="123")
    assert "password" in error.value.message_dict


def test_user_names_are_unique_ignoring_case(jordan):
    with pytest.raises(ValidationError) as error:
        services.create_user(username="JORDAN", password=PASSWORD)
    assert "username" in error.value.message_dict


def test_a_token_authenticates_its_user_and_only_its_hash_is_stored(jordan):
    token, raw = services.create_token(user=jordan, label="scripts")
    assert raw not in token.key_hash
    assert services.authenticate_token(raw) == jordan


def test_a_revoked_or_wrong_token_authenticates_nobody(jordan):
    token, raw = services.create_token(user=jordan, label="scripts")
    assert services.authenticate_token(raw + "x") is None
    services.revoke_token(user=jordan, token_id=token.pk)
    assert services.authenticate_token(raw) is None


def test_a_token_of_an_inactive_user_authenticates_nobody(jordan):
    _, raw = services.create_token(user=jordan, label="scripts")
    jordan.is_active = False
    jordan.save()
    assert services.authenticate_token(raw) is None


def test_riley_cannot_revoke_jordans_token(jordan, riley):
    token, _ = services.create_token(user=jordan, label="scripts")
    with pytest.raises(type(token).DoesNotExist):
        services.revoke_token(user=riley, token_id=token.pk)
    assert list(selectors.tokens_for(user=riley)) == []


def test_the_cli_acts_as_the_only_user_and_asks_when_there_are_several(jordan):
    assert selectors.local_user() == jordan
    services.create_user(username="riley", password=PASSWORD)
    assert selectors.local_user() is None
    assert selectors.local_user("riley").username == "riley"

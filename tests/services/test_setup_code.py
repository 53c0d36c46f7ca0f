"""Claiming a fresh install with the one-time set-up code (accounts.setup_code)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.accounts.models import SetupCode
from mutuals.accounts.setup_code import claim_install, issue_setup_code
from tests.factories import PASSWORD


def claim(code: str, **kwargs):
    return claim_install(username="dana", password=PASSWORD, code=code, **kwargs)


def test_the_printed_code_makes_its_bearer_the_owner(db):
    owner = claim(issue_setup_code())
    assert owner.is_superuser


def test_the_code_is_accepted_in_lower_case_and_without_dashes(db):
    code = issue_setup_code()
    assert claim(code.replace("-", " ").lower()).username == "dana"


def test_a_wrong_code_is_refused_naming_the_field(db):
    issue_setup_code()
    with pytest.raises(ValidationError) as error:
        claim("ABCD-EFGH-JKLM-NPQR")
    assert "code" in error.value.message_dict
    assert not get_user_model().objects.exists()


def test_an_empty_code_is_refused(db):
    issue_setup_code()
    with pytest.raises(ValidationError) as error:
        claim("")
    assert "set-up code" in error.value.message_dict["code"][0]


def test_a_code_expires_after_a_day(db):
    now = timezone.now()
    code = issue_setup_code(now=now)
    with pytest.raises(ValidationError) as error:
        claim(code, now=now + dt.timedelta(days=1, seconds=1))
    assert "expired" in error.value.message_dict["code"][0]


def test_a_code_is_single_use(db):
    code = issue_setup_code()
    claim(code)
    get_user_model().objects.all().delete()
    with pytest.raises(ValidationError):
        claim_install(username="mallory", password=PASSWORD, code=code)


def test_a_new_code_replaces_the_old_one(db):
    old = issue_setup_code()
    issue_setup_code()
    with pytest.raises(ValidationError):
        claim(old)


def test_only_the_codes_hash_is_stored(db):
    code = issue_setup_code()
    stored = SetupCode.objects.get()
    assert code.replace("-", "") not in stored.code_hash


def test_no_code_is_issued_once_the_install_has_a_user(jordan):
    assert issue_setup_code() is None


def test_a_browser_on_the_server_needs_no_code(db):
    assert claim("", code_required=False).is_superuser


def test_nobody_claims_an_install_that_has_an_owner(jordan):
    with pytest.raises(ValidationError):
        claim("", code_required=False)

"""`mutuals lead move … --on DATE`, `… accepted` saying what landing changed, `mutuals lead
thanks [--json]`, `followed-up`, `thanked`, and the search items in `mutuals today`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mutuals.accounts.selectors import preferences_of
from mutuals.cli.errors import ExitCode
from mutuals.leads import services as leads
from mutuals.leads.models import Lead, LeadEvent
from mutuals.ledger.models import Exchange
from tests.cli.conftest import failed, parsed
from tests.factories import make_person


@pytest.fixture
def lead(jordan):
    ana = make_person(jordan, "Ana Ruiz", organization="Orion")
    return leads.create_lead(
        owner=jordan, title="Product Designer", organization="Orion", people=[(ana.pk, "referrer")]
    )


def test_moving_to_interviewing_on_a_day_sets_it(mutuals, jordan, lead):
    result = mutuals("lead", "move", str(lead.pk), "interviewing", "--on", "2030-05-14", "--json")
    assert result.exit_code == 0, result.output
    data = parsed(result)
    assert (data["stage"], data["interview_on"], data["landed"]) == (
        "interviewing",
        "2030-05-14",
        None,
    )
    assert "Interview on 14 May 2030" in result.stderr
    assert Lead.objects.get(pk=lead.pk).interview_on == dt.date(2030, 5, 14)


def test_a_bad_interview_day_names_the_option_and_changes_nothing(mutuals, jordan, lead):
    message = failed(
        mutuals("lead", "move", str(lead.pk), "interviewing", "--on", "whenever"), ExitCode.INVALID
    )
    assert "--on" in message
    assert Lead.objects.get(pk=lead.pk).stage == "heard"


def test_accepting_says_what_changed(mutuals, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    result = mutuals("lead", "move", str(lead.pk), "accepted", "--json")
    assert result.exit_code == 0, result.output
    landed = parsed(result)["landed"]
    today = timezone.localdate()
    assert landed == {
        "on": today.isoformat(),
        "mode": "keep_in_touch",
        "check_in_on": (today + dt.timedelta(days=90)).isoformat(),
        "check_ins": 1,
        "helpers": 1,
    }
    assert "Keep-in-touch mode is on" in result.stderr
    assert "mutuals lead thanks" in result.stderr
    assert preferences_of(jordan).landed_on == today
    back = mutuals("lead", "move", str(lead.pk), "offer")
    assert "back to searching" in back.stderr
    assert preferences_of(jordan).landed_on is None


def test_lead_thanks_lists_everyone_who_helped_with_a_draft(mutuals, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="accepted")
    data = parsed(mutuals("lead", "thanks", "--json"))
    assert (data["count"], data["waiting"], data["landed_lead"]) == (
        1,
        1,
        "Product Designer at Orion",
    )
    [item] = data["items"]
    assert item["person"]["name"] == "Ana Ruiz"
    assert item["thanked"] is False
    assert item["helped"] == ["referred you for Product Designer at Orion"]
    assert "Ana," in item["draft"]["text"].splitlines()[0]
    assert "the referral for Product Designer at Orion" in item["draft"]["text"]
    text = mutuals("lead", "thanks").stdout
    assert "Ana Ruiz" in text
    assert "not thanked yet" in text
    assert "Draft:" in text


def test_riley_sees_none_of_jordans_helpers_nor_thanks_for_jordans_lead(
    mutuals, jordan, riley, lead
):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="accepted")
    assert parsed(mutuals("--user", "riley", "lead", "thanks", "--json"))["count"] == 0
    failed(mutuals("--user", "riley", "lead", "thanked", str(lead.pk), "ana"), ExitCode.NOT_FOUND)
    failed(mutuals("--user", "riley", "lead", "followed-up", str(lead.pk)), ExitCode.NOT_FOUND)
    assert not Exchange.objects.exists()
    assert not LeadEvent.objects.filter(kind="note").exists()


def test_followed_up_and_thanked(mutuals, jordan, lead):
    result = mutuals("lead", "followed-up", str(lead.pk))
    assert result.exit_code == 0, result.output
    assert LeadEvent.objects.filter(lead=lead, kind="note").exists()
    result = mutuals("lead", "thanked", str(lead.pk), "ana")
    assert result.exit_code == 0, result.output
    assert Exchange.objects.get(owner=jordan).thanked_on == timezone.localdate()


def test_today_shows_search_items_with_their_command(mutuals, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="referred")
    text = mutuals("today").stdout
    assert "Ana Ruiz" in text
    assert "(thank for a referral)" in text
    assert f"mutuals lead thanked {lead.pk}" in text
    items = parsed(mutuals("today", "--json"))["items"]
    [item] = [i for i in items if i["kind"] == "referral_thanks"]
    assert (item["lead_id"], item["about"]) == (lead.pk, "Product Designer at Orion")

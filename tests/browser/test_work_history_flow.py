"""Work histories in a real browser: change someone's organisation on their page and find them
among the people who worked at the old one (with the warm path through who knows them); paste
a posting, tick the need it serves, and find the need on the saved lead."""

import pytest
from playwright.sync_api import expect

from mutuals.leads.models import LeadNeed
from mutuals.needs.services import add_need
from tests.browser.signing import sign_in
from tests.factories import make_orion, make_user

pytestmark = pytest.mark.browser

POSTING = """Senior Data Engineer
Orion · Portland, OR (Hybrid)

Orion is hiring a Senior Data Engineer to build our data platform with the analytics team.
"""


@pytest.fixture
def orion(transactional_db):
    jordan = make_user("jordan")
    bruce, _, alice = make_orion(jordan, cleo_knows_alice=None)
    return jordan, bruce, alice


def test_a_changed_organisation_shows_them_there_before_with_a_path(live_server, orion, page):
    _, _, alice = orion
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/people/{alice.pk}/edit")
    page.get_by_label("Organisation", exact=True).fill("Fabrikam")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".before")).to_contain_text("Before: Orion")
    history = page.get_by_role("region", name="Where they worked")
    history.get_by_role("link", name="Orion", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Orion")
    before = page.get_by_role("region", name="People who worked here before")
    expect(before).to_contain_text("Alice Oduya")
    expect(before).to_contain_text("now at Fabrikam")
    paths = page.get_by_role("region", name="Warm paths in")
    expect(paths).to_contain_text("Through people who worked here before")
    expect(paths.locator(".path").first).to_contain_text("Bruce Wayne")


def test_paste_a_posting_and_tick_the_need_it_serves(live_server, orion, page):
    jordan, bruce, _ = orion
    need = add_need(
        owner=jordan, person_id=bruce.pk, text="Looking for a data engineer role", kind="job_lead"
    )
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/leads/posting")
    page.get_by_label("The posting").fill(POSTING)
    page.get_by_role("button", name="Read the posting").click()

    served = page.get_by_role("region", name="Needs it serves")
    served.get_by_label("Bruce Wayne: Looking for a data engineer role").check()
    page.get_by_role("button", name="Save the lead").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Senior Data Engineer")
    expect(page.get_by_role("region", name="Needs it serves")).to_contain_text(
        "Looking for a data engineer role"
    )
    assert list(LeadNeed.objects.values_list("need_id", flat=True)) == [need.pk]

"""A group's pool on the web: the search's answer in a sentence (never who), its daily limit,
asking for an introduction with the drafted note and the notice, what each side reads of a
request, accepting (the introduction started) and declining (after confirming, never told)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.core import pool
from mutuals.groups import requests, services
from mutuals.groups.models import MemberSearches, Membership, PoolRequest, SearchLog
from mutuals.network.models import Introduction
from mutuals.people.models import Person
from tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db
GROUP = "Northfield alumni"


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name=GROUP)


def _join(admin, group, username: str, first: str):
    user = make_user(username)
    user.first_name, user.last_name = first, "Member"
    user.save()
    services.join(user=user, code=services.new_link_code(by=admin, group_id=group.pk))
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(admin, group):
    """Sam searches; Bea pools Rosa Núñez, close, at Copperleaf Systems."""
    sam, bea = _join(admin, group, "sam", "Sam"), _join(admin, group, "bea", "Bea")
    rosa = make_person(bea, "Rosa Núñez", organization="Copperleaf Systems", tier="close")
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.ALL)
    return {"sam": sam, "bea": bea, "rosa": rosa, "sam_web": _client(sam), "bea_web": _client(bea)}


def _search(world, group, **target):
    """Search (a POST), then read the page it redirects to."""
    return world["sam_web"].post(f"/groups/{group.pk}/search", target, follow=True)


def _request(world, group, note="I am moving into payments.", **target):
    return world["sam_web"].post(f"/groups/{group.pk}/request", {**target, "note": note})


def _asked(world, group) -> PoolRequest:
    _search(world, group, organisation="Copperleaf Systems")
    response = _request(world, group, organisation="Copperleaf Systems")
    assert response.status_code == 302, response.content
    return PoolRequest.objects.get()


# ---- searching ---------------------------------------------------------------------------


def test_the_search_page_asks_for_a_target_and_counts_nothing(world, group):
    response = world["sam_web"].get(f"/groups/{group.pk}/search")
    assertContains(response, "<h1>Search Northfield alumni's pool</h1>", html=True)
    for label in ("A person", "An organisation", "Words"):
        assertContains(response, label)
    assert not SearchLog.objects.exists()


def test_the_answer_is_core_pool_s_sentence_and_never_names_the_member(world, group):
    response = _search(world, group, organisation="Copperleaf Systems")
    expected = pool.answer_words(pool.PoolAnswer(1, 1, 1), "someone at Copperleaf Systems")
    assertContains(response, expected)
    assertContains(response, "A few members know someone at Copperleaf Systems")
    assertContains(response, "Counts under 3 read “a few”")
    for name in ("Bea", "bea", "Rosa"):
        assertNotContains(response, name)


def test_the_answer_offers_the_request_with_the_drafted_note_and_the_notice(world, group):
    response = _search(world, group, organisation="Copperleaf Systems")
    draft = pool.draft_note("someone at Copperleaf Systems", GROUP)
    assertContains(response, escape(draft))
    assertContains(response, escape(pool.NOTICE.format(group=GROUP)))
    assertContains(response, 'name="organisation" value="Copperleaf Systems"')


def test_no_match_says_so_and_offers_no_request(world, group):
    response = _search(world, group, organisation="Nowhere Ltd")
    assertContains(response, "No member of this group knows someone at Nowhere Ltd")
    assertNotContains(response, "Ask for an introduction<span")


def test_a_target_not_specific_is_named_and_not_counted(world, group):
    response = _search(world, group, words="the")
    assertContains(response, "Give at least 2 words", status_code=400)
    assert not SearchLog.objects.exists()


def test_a_search_posts_then_redirects_and_a_reload_counts_nothing(world, group):
    posted = world["sam_web"].post(
        f"/groups/{group.pk}/search", {"organisation": "Copperleaf Systems"}
    )
    assert posted.status_code == 302
    assert posted["Location"] == f"/groups/{group.pk}/search"
    for _ in range(3):  # reloads
        page = world["sam_web"].get(posted["Location"])
        assertContains(page, "A few members know someone at Copperleaf Systems")
    assert list(MemberSearches.objects.values_list("count", flat=True)) == [1]
    assert list(SearchLog.objects.values_list("count", flat=True)) == [1]


def test_a_search_in_the_address_counts_nothing(world, group):
    page = world["sam_web"].get(f"/groups/{group.pk}/search?organisation=Copperleaf+Systems")
    assertNotContains(page, "know someone at Copperleaf")
    assert not SearchLog.objects.exists()


def test_the_kept_answer_is_the_member_s_own(world, group, admin):
    _search(world, group, organisation="Copperleaf Systems")
    other = _client(world["bea"]).get(f"/groups/{group.pk}/search")
    assertNotContains(other, "Copperleaf")


def test_the_search_page_with_an_answer_reads_a_fixed_number_of_queries(
    world, group, django_assert_num_queries
):
    _search(world, group, organisation="Copperleaf Systems")
    # session, user, membership with its group: the kept answer costs no query
    with django_assert_num_queries(3):
        world["sam_web"].get(f"/groups/{group.pk}/search")


def test_the_daily_limit_reads_as_a_sentence(world, group):
    group.daily_searches = 1
    group.save()
    _search(world, group, organisation="Copperleaf Systems")
    response = _search(world, group, organisation="Copperleaf Systems")
    assertContains(
        response, "You have made your 1 pooled searches for today in this group", status_code=429
    )
    assertNotContains(response, "A few members know", status_code=429)


# ---- asking ------------------------------------------------------------------------------


def test_a_request_is_sent_and_reads_waiting_without_the_member_s_name(world, group):
    _asked(world, group)
    response = world["sam_web"].get(f"/groups/{group.pk}/requests")
    assertContains(response, "An introduction to someone at Copperleaf Systems")
    assertContains(response, "· waiting")
    for name in ("Bea", "bea", "Rosa"):
        assertNotContains(response, name)
    made = PoolRequest.objects.get()
    assert made.note.startswith("I am moving into payments.")
    assert made.note.endswith(pool.NOTICE.format(group=GROUP))


def test_the_message_after_sending_says_who_learns_what(world, group):
    _search(world, group, organisation="Copperleaf Systems")
    response = _request(world, group, organisation="Copperleaf Systems")
    page = world["sam_web"].get(response["Location"])
    assertContains(page, "You learn who only if they accept.")


def test_a_request_for_a_target_not_searched_is_refused_with_the_sentence(world, group):
    response = _request(world, group, person="Rosa Núñez")
    assertContains(response, escape(requests.NOT_SEARCHED), status_code=400)
    assert not PoolRequest.objects.exists()


def test_a_note_too_long_is_named_and_nothing_is_sent(world, group):
    _search(world, group, organisation="Copperleaf Systems")
    response = _request(world, group, note="x" * 1001, organisation="Copperleaf Systems")
    assertContains(response, "Keep the note under 1000 characters.", status_code=400)
    assert not PoolRequest.objects.exists()


def test_the_daily_request_limit_reads_as_a_sentence(world, group):
    targets = ["Copperleaf Systems", "Acme", "Globex", "Initech"]
    for name in targets[1:]:
        make_person(world["bea"], f"Someone {name}", organization=name, tier="close")
    services.set_pooling(user=world["bea"], group_id=group.pk, scope=Membership.ALL)
    for name in targets:
        _search(world, group, organisation=name)
    for name in targets[:3]:
        assert _request(world, group, organisation=name).status_code == 302
    response = _request(world, group, organisation=targets[3])
    assertContains(
        response, "You have made your 3 introduction requests for today", status_code=429
    )
    assert PoolRequest.objects.count() == 3


# ---- answering ---------------------------------------------------------------------------


def test_the_asked_member_sees_the_requester_and_the_note(world, group):
    _asked(world, group)
    response = world["bea_web"].get(f"/groups/{group.pk}/requests")
    assertContains(response, "Sam Member asks for an introduction to Rosa Núñez")
    assertContains(response, "I am moving into payments.")
    assertContains(response, escape(pool.NOTICE.format(group=GROUP)))
    listed = world["bea_web"].get("/groups/")
    assertContains(listed, "Sam Member asks you for an introduction")


def test_accepting_starts_the_introduction_and_tells_both_names(world, group):
    asked = _asked(world, group)
    response = world["bea_web"].post(f"/groups/requests/{asked.pk}/accept")
    intro = Introduction.objects.get(owner=world["bea"])
    assert response["Location"] == f"/introductions/{intro.pk}/"
    assert intro.target == world["rosa"]
    assert Person.objects.filter(owner=world["bea"], full_name="Sam Member").exists()
    page = world["bea_web"].get(response["Location"])
    assertContains(page, "Accepted: Sam Member now knows your name, and you theirs.")
    mine = world["sam_web"].get(f"/groups/{group.pk}/requests")
    assertContains(mine, "accepted by Bea Member")
    theirs = world["bea_web"].get(f"/groups/{group.pk}/requests")
    assertContains(theirs, f'href="/introductions/{intro.pk}/"')


def test_accepting_twice_says_it_was_answered(world, group):
    asked = _asked(world, group)
    world["bea_web"].post(f"/groups/requests/{asked.pk}/accept")
    response = world["bea_web"].post(f"/groups/requests/{asked.pk}/accept")
    assert response["Location"] == f"/groups/{group.pk}/requests"
    page = world["bea_web"].get(response["Location"])
    assertContains(page, requests.ANSWERED)
    assert Introduction.objects.filter(owner=world["bea"]).count() == 1


def test_declining_asks_first_and_the_requester_is_not_told(world, group):
    asked = _asked(world, group)
    page = world["bea_web"].get(f"/groups/requests/{asked.pk}/decline")
    assertContains(page, "Decline Sam Member's request?")
    assert PoolRequest.objects.get().status == pool.OPEN
    world["bea_web"].post(f"/groups/requests/{asked.pk}/decline")
    assert PoolRequest.objects.get().status == pool.DECLINED
    mine = world["sam_web"].get(f"/groups/{group.pk}/requests")
    assertContains(mine, "· waiting")


def test_a_decline_reads_no_introduction_once_the_wait_passed(world, group):
    asked = _asked(world, group)
    world["bea_web"].post(f"/groups/requests/{asked.pk}/decline")
    PoolRequest.objects.update(
        requested_at=asked.requested_at - dt.timedelta(days=pool.WAIT_DAYS + 1)
    )
    mine = world["sam_web"].get(f"/groups/{group.pk}/requests")
    assertContains(mine, "· no introduction this time")
    assertNotContains(mine, "Bea")


def test_the_requester_thanks_the_member_once_from_the_requests_page(world, group):
    from mutuals.ledger.models import Exchange

    asked = _asked(world, group)
    world["bea_web"].post(f"/groups/requests/{asked.pk}/accept")
    page = world["sam_web"].get(f"/groups/{group.pk}/requests")
    assertContains(page, f'action="/groups/requests/{asked.pk}/thank"')
    assertContains(page, "Thank Bea Member")
    response = world["sam_web"].post(f"/groups/requests/{asked.pk}/thank")
    assert response["Location"] == f"/groups/{group.pk}/requests"
    page = world["sam_web"].get(response["Location"])
    assertContains(page, "You thanked Bea Member: they are in your people")
    assertContains(page, "You thanked Bea Member.")
    assertNotContains(page, f'action="/groups/requests/{asked.pk}/thank"')
    bea = Person.objects.get(owner=world["sam"], full_name="Bea Member")
    (received,) = Exchange.objects.filter(owner=world["sam"], person=bea)
    assert received.thanked_on is not None
    again = world["sam_web"].post(f"/groups/requests/{asked.pk}/thank")
    assert again["Location"] == f"/groups/{group.pk}/requests"
    assertContains(world["sam_web"].get(again["Location"]), "You already thanked Bea Member")
    assert Exchange.objects.filter(owner=world["sam"]).count() == 1


def test_a_request_not_accepted_offers_no_thanks_and_refuses_one(world, group):
    asked = _asked(world, group)
    page = world["sam_web"].get(f"/groups/{group.pk}/requests")
    assertNotContains(page, "/thank")
    response = world["sam_web"].post(f"/groups/requests/{asked.pk}/thank")
    page = world["sam_web"].get(response["Location"])
    assertContains(page, escape(requests.NOT_ACCEPTED))
    assert PoolRequest.objects.get().thanked_at is None


@pytest.mark.parametrize("who", ["bea", "riley"])
def test_only_the_requester_thanks(world, group, riley, who):
    asked = _asked(world, group)
    world["bea_web"].post(f"/groups/requests/{asked.pk}/accept")
    client = world["bea_web"] if who == "bea" else _client(riley)
    assert client.post(f"/groups/requests/{asked.pk}/thank").status_code == 404
    assert client.get(f"/groups/requests/{asked.pk}/thank").status_code == 405
    assert PoolRequest.objects.get().thanked_at is None


# ---- who may -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("post", "/groups/{id}/search"),
        ("get", "/groups/{id}/search"),
        ("post", "/groups/{id}/request"),
        ("get", "/groups/{id}/requests"),
    ],
)
def test_the_pool_of_a_group_not_yours_does_not_exist(world, group, riley_client, method, address):
    data = {"organisation": "Copperleaf Systems"} if method == "post" else None
    response = getattr(riley_client, method)(address.format(id=group.pk), data)
    assert response.status_code == 404
    assert not SearchLog.objects.exists()


@pytest.mark.parametrize("who", ["sam", "riley"])
@pytest.mark.parametrize("action", ["accept", "decline"])
def test_only_the_asked_member_answers(world, group, riley, who, action):
    asked = _asked(world, group)
    client = world["sam_web"] if who == "sam" else _client(riley)
    assert client.get(f"/groups/requests/{asked.pk}/decline").status_code == 404
    assert client.post(f"/groups/requests/{asked.pk}/{action}").status_code == 404
    assert PoolRequest.objects.get().status == pool.OPEN


def test_the_requests_page_reads_a_fixed_number_of_queries(world, group, django_assert_num_queries):
    _asked(world, group)
    # first-run check, session, user, membership; your requests and those asked of you (the
    # selectors take the membership the view read: no second read)
    with django_assert_num_queries(6):
        world["bea_web"].get(f"/groups/{group.pk}/requests")

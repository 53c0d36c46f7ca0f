import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.changes import kept
from mutuals.ledger import services as ledger
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs import services as needs
from mutuals.needs.models import Need
from tests.factories import days_ago, make_person

HTMX = {"HTTP_HX_REQUEST": "true"}


def add_need(owner, person, text="A designer for her startup", days=0):
    return needs.add_need(
        owner=owner, person_id=person.pk, text=text, kind="hire", noted_on=days_ago(days)
    )


def exchange(owner, person, direction="received", kind="referral", text="A referral", days=3):
    return ledger.record_exchange(
        owner=owner,
        person_id=person.pk,
        direction=direction,
        kind=kind,
        text=text,
        occurred_on=days_ago(days),
    )


def page(client, person):
    return client.get(f"/people/{person.pk}/")


def test_the_page_lists_their_open_needs_oldest_first(jordan_client, jordan):
    rosa = make_person(jordan)
    add_need(jordan, rosa, "Newer need", days=1)
    add_need(jordan, rosa, "Older need", days=9)
    closed = add_need(jordan, rosa, "Closed need")
    needs.close_need(owner=jordan, need_id=closed.pk)
    response = page(jordan_client, rosa)
    assert [n.text for n in response.context["needs"]] == ["Older need", "Newer need"]
    assertNotContains(response, "Closed need")
    assertContains(response, "Helped (by me)")


def test_adding_a_need_from_the_page(jordan_client, jordan):
    rosa = make_person(jordan)
    data = {"need-text": "An intro to a data team lead", "need-kind": "introduction"}
    response = jordan_client.post(f"/people/{rosa.pk}/need", data)
    assertRedirects(response, f"/people/{rosa.pk}/#needs-heading", fetch_redirect_response=False)
    need = Need.objects.get()
    assert (need.person, need.kind, need.status) == (rosa, "introduction", "open")


def test_a_need_without_a_kind_is_other(jordan_client, jordan):
    rosa = make_person(jordan)
    jordan_client.post(f"/people/{rosa.pk}/need", {"need-text": "Advice", "need-kind": ""})
    assert Need.objects.get().kind == "other"


def test_an_empty_need_is_refused_next_to_the_text(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post(f"/people/{rosa.pk}/need", {"need-text": " "})
    assertContains(response, 'id="id_need-text_error"')
    assert not Need.objects.exists()


def test_helped_from_the_page_goes_back_to_the_page(jordan_client, jordan):
    rosa = make_person(jordan)
    need = add_need(jordan, rosa)
    back = f"/people/{rosa.pk}/"
    response = jordan_client.post(f"/needs/{need.pk}/helped", {"next": back})
    assertRedirects(response, back, fetch_redirect_response=False)
    need.refresh_from_db()
    assert need.status == "helped"


def test_the_balance_shows_its_label_numbers_and_reasons(jordan_client, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "received", "referral", days=3)
    response = page(jordan_client, rosa)
    balance = response.context["balance"]
    assert balance.label == "you receive more"
    assertContains(response, '<span class="mark-word">they have given much more lately</span>')
    assertContains(response, 'title="Given 0.0, received 3.0 (weighted by kind;')
    assertNotContains(response, "Given 0.0 · received 3.0")
    assertContains(response, "You received 1 thing, the latest a referral 3 days ago")


def test_recording_a_give_that_meets_their_need(jordan_client, jordan):
    rosa = make_person(jordan)
    need = add_need(jordan, rosa)
    data = {
        "exchange-direction": "gave",
        "exchange-kind": "introduction",
        "exchange-text": "Introduced her to Sam, a designer",
        "exchange-need": str(need.pk),
    }
    response = jordan_client.post(f"/people/{rosa.pk}/exchange", data)
    assertRedirects(response, f"/people/{rosa.pk}/#give-heading", fetch_redirect_response=False)
    recorded = Exchange.objects.get()
    assert (recorded.person, recorded.direction, recorded.need) == (rosa, "gave", need)
    need.refresh_from_db()
    assert need.status == "helped"
    assertContains(page(jordan_client, rosa), "Gave · introduction: Introduced her to Sam")


def test_a_give_without_text_is_refused_next_to_the_text(jordan_client, jordan):
    rosa = make_person(jordan)
    data = {"exchange-direction": "gave", "exchange-kind": "advice", "exchange-text": ""}
    response = jordan_client.post(f"/people/{rosa.pk}/exchange", data)
    assertContains(response, 'id="id_exchange-text_error"')
    assert not Exchange.objects.exists()


def test_a_need_of_someone_else_is_refused_next_to_the_need(jordan_client, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    jins = add_need(jordan, jin)
    data = {
        "exchange-direction": "gave",
        "exchange-kind": "advice",
        "exchange-text": "Advice",
        "exchange-need": str(jins.pk),
    }
    response = jordan_client.post(f"/people/{rosa.pk}/exchange", data)
    assertContains(response, 'id="id_exchange-need_error"')
    assert not Exchange.objects.exists()


def test_recording_an_introduction_by_name(jordan_client, jordan):
    jin = make_person(jordan, "Jin Park")
    make_person(jordan, "Gareth Evans")
    response = jordan_client.post(f"/people/{jin.pk}/introduce", {"intro-other": "gareth"})
    assertRedirects(response, f"/people/{jin.pk}/#give-heading", fetch_redirect_response=False)
    pairs = sorted((e.person.full_name, e.introduced_to.full_name) for e in Exchange.objects.all())
    assert pairs == [("Gareth Evans", "Jin Park"), ("Jin Park", "Gareth Evans")]
    assertContains(page(jordan_client, jin), "introduced to")


def test_an_unknown_name_is_refused_next_to_the_name(jordan_client, jordan):
    jin = make_person(jordan, "Jin Park")
    response = jordan_client.post(f"/people/{jin.pk}/introduce", {"intro-other": "Nobody Atall"})
    assertContains(response, 'id="id_intro-other_error"')
    assertContains(response, "Nobody called")
    assert not Exchange.objects.exists()


def test_introducing_someone_to_themselves_is_refused(jordan_client, jordan):
    jin = make_person(jordan, "Jin Park")
    response = jordan_client.post(f"/people/{jin.pk}/introduce", {"intro-other": "Jin Park"})
    assertContains(response, 'id="id_intro-other_error"')
    assert not Exchange.objects.exists()


def test_no_warning_when_nothing_was_exchanged_and_the_ask_is_recorded(jordan_client, jordan):
    rosa = make_person(jordan)
    response = page(jordan_client, rosa)
    assert response.context["ask_warning"] is None
    assertContains(response, "Record ask")
    response = jordan_client.post(f"/people/{rosa.pk}/ask", {"ask-text": "An intro to Sam"})
    assertRedirects(response, f"/people/{rosa.pk}/#give-heading", fetch_redirect_response=False)
    assert Ask.objects.get().text == "An intro to Sam"


def test_the_warning_appears_when_the_balance_is_against_you(jordan_client, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "received", "referral")
    add_need(jordan, rosa, "A designer for her startup", days=4)
    response = page(jordan_client, rosa)
    assertContains(response, "You have received more from Rosa")
    assertContains(response, "something to give first")
    assertContains(response, "<li>A designer for her startup", count=1)
    assertContains(response, "Ask anyway")
    assertNotContains(response, "Record ask")


def test_no_warning_when_you_have_given_more(jordan_client, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "received", "advice")
    exchange(jordan, rosa, "gave", "referral")
    add_need(jordan, rosa)
    for text in ("one", "two", "three"):
        ledger.record_ask(owner=jordan, person_id=rosa.pk, text=text)
    response = page(jordan_client, rosa)
    assert response.context["ask_warning"] is None
    assertNotContains(response, "Ask anyway")


def test_asking_while_warned_needs_ask_anyway(jordan_client, jordan):
    rosa = make_person(jordan)
    exchange(jordan, rosa, "received", "referral")
    response = jordan_client.post(f"/people/{rosa.pk}/ask", {"ask-text": "Another referral"})
    assert response.status_code == 200
    assertContains(response, "choose “Ask anyway”")
    assert not Ask.objects.exists()
    jordan_client.post(f"/people/{rosa.pk}/ask", {"ask-text": "Another referral", "anyway": "1"})
    assert Ask.objects.get().text == "Another referral"


def test_an_empty_ask_is_refused_next_to_the_text(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post(f"/people/{rosa.pk}/ask", {"ask-text": ""})
    assertContains(response, 'id="id_ask-text_error"')
    assert not Ask.objects.exists()


def test_recent_gives_and_asks_are_listed_and_can_be_deleted(jordan_client, jordan):
    rosa = make_person(jordan)
    given = exchange(jordan, rosa, "gave", "advice", "Reviewed her portfolio")
    ask = ledger.record_ask(owner=jordan, person_id=rosa.pk, text="An intro to Sam")
    response = page(jordan_client, rosa)
    assertContains(response, "Reviewed her portfolio")
    assertContains(response, "You asked: An intro to Sam")
    assertContains(jordan_client.post(f"/exchanges/{given.pk}/delete", **HTMX), "Deleted")
    assertContains(jordan_client.post(f"/asks/{ask.pk}/delete", **HTMX), "Deleted")
    assert not Exchange.objects.exists()
    assert not Ask.objects.exists()


def test_marking_an_ask_answered(jordan_client, jordan):
    rosa = make_person(jordan)
    ask = ledger.record_ask(owner=jordan, person_id=rosa.pk, text="An intro to Sam")
    jordan_client.post(f"/asks/{ask.pk}/answered")
    ask.refresh_from_db()
    assert ask.answered_on is not None


def test_recording_and_deleting_need_a_post(jordan_client, jordan):
    rosa = make_person(jordan)
    given = exchange(jordan, rosa)
    ask = ledger.record_ask(owner=jordan, person_id=rosa.pk, text="An intro")
    for url in (
        f"/people/{rosa.pk}/need",
        f"/people/{rosa.pk}/exchange",
        f"/people/{rosa.pk}/introduce",
        f"/people/{rosa.pk}/ask",
        f"/exchanges/{given.pk}/delete",
        f"/asks/{ask.pk}/answered",
        f"/asks/{ask.pk}/delete",
    ):
        assert jordan_client.get(url).status_code == 405, url
    assert Exchange.objects.count() == 1
    assert Ask.objects.filter(answered_on__isnull=True).count() == 1


def test_riley_gets_404_on_jordans_person_and_ledger(riley_client, jordan):
    rosa = make_person(jordan)
    given = exchange(jordan, rosa)
    ask = ledger.record_ask(owner=jordan, person_id=rosa.pk, text="An intro")
    assert riley_client.get(f"/people/{rosa.pk}/").status_code == 404
    posts = {
        f"/people/{rosa.pk}/need": {"need-text": "x"},
        f"/people/{rosa.pk}/exchange": {
            "exchange-direction": "gave",
            "exchange-kind": "advice",
            "exchange-text": "x",
        },
        f"/people/{rosa.pk}/introduce": {"intro-other": "Rosa"},
        f"/people/{rosa.pk}/ask": {"ask-text": "x", "anyway": "1"},
        f"/exchanges/{given.pk}/delete": {},
        f"/asks/{ask.pk}/answered": {},
        f"/asks/{ask.pk}/delete": {},
    }
    for url, data in posts.items():
        assert riley_client.post(url, data).status_code == 404, url
    assert (Need.objects.count(), Exchange.objects.count(), Ask.objects.count()) == (0, 1, 1)
    assert Ask.objects.get().answered_on is None


def test_riley_cannot_introduce_to_jordans_people(riley_client, riley, jordan):
    make_person(jordan, "Gareth Evans")
    jin = make_person(riley, "Jin Park")
    response = riley_client.post(f"/people/{jin.pk}/introduce", {"intro-other": "Gareth"})
    assertContains(response, "Nobody called")
    assert not Exchange.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_the_person_page_costs_the_same_queries_however_long_the_ledger(
    jordan_client, jordan, count, django_assert_num_queries
):
    rosa, sam = make_person(jordan), make_person(jordan, "Sam Ortiz")
    ledger.record_introduction(owner=jordan, person_id=rosa.pk, other_id=sam.pk)
    for i in range(count):
        add_need(jordan, rosa, f"Need {i}", days=i)
        exchange(jordan, rosa, "received", "referral", f"Referral {i}", days=i)
        ledger.record_ask(owner=jordan, person_id=rosa.pk, text=f"Ask {i}")
    page(jordan_client, rosa)  # the first request of a client also checks for a first run
    kept.forget()  # to count the page's own reads, not the ones kept from that request
    # session, user, the records' version, person and whether they have a photo, which kinds
    # of records they have (one query), open needs, their exchanges, their asks (the balance,
    # the recent ones and the ask warning come from those), the timeline (empty), people
    # names; she has no circles, emails, phones, promises, dates, ties, positions, leads or
    # events: those are not read
    with django_assert_num_queries(10):
        response = page(jordan_client, rosa)
    assert len(response.context["needs"]) == count
    assert response.context["ask_warning"] is not None

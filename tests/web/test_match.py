import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.ledger.models import Exchange
from mutuals.needs import selectors, services
from mutuals.needs.models import Need
from tests.factories import make_person

HTMX = {"HTTP_HX_REQUEST": "true"}
POSTING = "Acme is hiring a senior UX designer for its fintech payments team in Berlin."


def add_need(owner, person=None, text="A UX designer job lead", kind="job_lead"):
    return services.add_need(
        owner=owner, person_id=person.pk if person else None, text=text, kind=kind
    )


def match(client, text=POSTING):
    return client.post("/match/", {"text": text})


def test_the_page_offers_a_box_to_paste_into(jordan_client):
    response = jordan_client.get("/match/")
    assertContains(response, "<h1>Match</h1>", html=True)
    assertContains(response, 'name="text"')
    assertContains(response, '<a href="/match/" aria-current="page">Match</a>', html=True)


def test_signed_out_visitors_are_sent_to_sign_in(client, jordan):
    assertRedirects(client.get("/match/"), "/login/?next=/match/", fetch_redirect_response=False)


def test_matches_are_listed_best_first(jordan_client, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    add_need(jordan, jin, "Anything in Berlin")
    add_need(jordan, rosa, "A senior UX designer role in fintech")
    add_need(jordan, None, "A gardening course", kind="advice")
    response = match(jordan_client)
    results = response.context["results"]
    assert [found.match.person_name for found in results] == ["Rosa Núñez", "Jin Park"]
    assert results[0].match.score > results[1].match.score
    body = response.content.decode()
    assert body.index("<mark>UX designer</mark> role") < body.index("Anything in")


def test_the_matching_words_are_marked_in_the_need_and_in_the_text(jordan_client, jordan):
    add_need(jordan, make_person(jordan), "Rosa wants a fintech job")
    response = match(jordan_client)
    assertContains(response, "Rosa wants a <mark>fintech</mark> job")
    assertContains(response, "senior UX designer for its <mark>fintech</mark> payments")


def test_each_result_says_who_what_to_do_and_how_close_a_match_in_words(jordan_client, jordan):
    rosa = make_person(jordan)
    add_need(jordan, rosa, "A UX designer job lead")
    response = match(jordan_client)
    assertContains(response, f'<a href="/people/{rosa.pk}/">Rosa Núñez</a>', html=True)
    assertContains(response, "→ Share with Rosa")
    assertContains(response, '<span class="mark-word">good match</span>', html=True)
    assertContains(response, 'title="Matching score ')
    assertNotContains(response, "· score ")


def test_your_own_need_says_you_and_offers_done_rather_than_a_give(jordan_client, jordan):
    need = add_need(jordan, None, "A fintech referral for me", kind="referral")
    response = match(jordan_client)
    assertContains(response, '<p class="item-title">You')
    assertContains(response, f'action="/needs/{need.pk}/done"')
    assertNotContains(response, f'action="/needs/{need.pk}/helped"')
    assertNotContains(response, "Log a give")


def test_a_need_containing_a_script_tag_is_shown_escaped(jordan_client, jordan):
    add_need(jordan, make_person(jordan), "<script>alert('x')</script> fintech job")
    response = match(jordan_client)
    assertNotContains(response, "<script>alert")
    assertContains(
        response, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>fintech</mark>"
    )


def test_a_pasted_text_containing_html_is_shown_escaped(jordan_client, jordan):
    add_need(jordan, make_person(jordan), "A fintech job")
    response = match(jordan_client, "<img src=x onerror=alert(1)> fintech <b>role</b>")
    assertNotContains(response, "<img src=x")
    assertNotContains(response, "<b>role</b>")
    assertContains(response, "&lt;img src=x onerror=alert(1)&gt; <mark>fintech</mark>")


def test_an_empty_text_is_refused_with_a_sentence(jordan_client, jordan):
    add_need(jordan, make_person(jordan))
    response = match(jordan_client, "  \n ")
    assertContains(response, 'id="id_text_error"')
    assertContains(response, "Give some text to match.")
    assert not response.context["matched"]


def test_a_post_without_the_box_is_refused_like_an_empty_text(jordan_client):
    assertContains(jordan_client.post("/match/", {}), "Give some text to match.")


def test_a_text_over_the_limit_is_refused_with_the_limit_in_words(jordan_client, jordan):
    add_need(jordan, make_person(jordan))
    response = match(jordan_client, "UX " * (selectors.MATCH_TEXT_MAX // 3 + 1))
    assertContains(response, "That text is too long; keep it under 200,000 characters.")
    assert not response.context["matched"]


def test_the_box_has_no_maxlength_so_a_long_paste_is_never_cut_silently(jordan_client):
    assertNotContains(jordan_client.get("/match/"), "maxlength")


def test_with_no_open_needs_the_page_says_where_to_note_them(jordan_client, jordan):
    done = add_need(jordan, make_person(jordan))
    services.close_need(owner=jordan, need_id=done.pk)
    response = jordan_client.get("/match/")
    assertContains(response, "No open needs yet")
    assertContains(response, '<a href="/needs/">Needs page</a>', html=True)
    assertContains(response, '<a href="/people/">their person page</a>', html=True)


def test_with_open_needs_the_empty_state_is_not_shown(jordan_client, jordan):
    add_need(jordan, make_person(jordan))
    assertNotContains(jordan_client.get("/match/"), "No open needs yet")


def test_a_text_that_serves_nobody_says_so(jordan_client, jordan):
    add_need(jordan, make_person(jordan), "An intro to a data team lead")
    response = match(jordan_client, "The bakery on the corner sells sourdough on Sundays.")
    assertContains(response, "Nothing here serves an open need")
    assertNotContains(response, "No open needs yet")


def test_matching_without_any_open_need_says_to_note_some_first(jordan_client):
    response = match(jordan_client)
    assertContains(response, "No open needs yet")
    assertContains(response, "nothing to match against yet")


def test_mark_helped_on_a_result_uses_the_needs_action_with_undo(jordan_client, jordan):
    need = add_need(jordan, make_person(jordan))
    assertContains(match(jordan_client), f'hx-post="/needs/{need.pk}/helped"')
    response = jordan_client.post(f"/needs/{need.pk}/helped", {"next": "/match/"}, **HTMX)
    assertContains(response, f'action="/needs/{need.pk}/reopen"')
    need.refresh_from_db()
    assert need.status == "helped"


def test_log_a_give_records_it_and_marks_the_need_helped(jordan_client, jordan):
    rosa = make_person(jordan)
    need = add_need(jordan, rosa)
    form = {"kind": "information", "text": "Sent her the Acme posting"}
    response = jordan_client.post(f"/match/{need.pk}/give", form, **HTMX)
    assertContains(response, "Recorded your give to Rosa Núñez")
    exchange = Exchange.objects.get()
    assert (exchange.person, exchange.direction, exchange.kind, exchange.need) == (
        rosa,
        "gave",
        "information",
        need,
    )
    need.refresh_from_db()
    assert (need.status, need.helped_by, need.outcome) == (
        "helped",
        None,
        "Sent her the Acme posting",
    )


def test_log_a_give_proposes_the_first_line_of_the_text(jordan_client, jordan):
    add_need(jordan, make_person(jordan))
    response = match(jordan_client, "\n  Senior UX designer at Acme  \nApply by Friday.")
    assertContains(response, 'value="Shared: Senior UX designer at Acme"')


def test_log_a_give_without_javascript_goes_back_to_match(jordan_client, jordan):
    need = add_need(jordan, make_person(jordan))
    form = {"kind": "advice", "text": "Tips on the Acme interview", "next": "/match/"}
    response = jordan_client.post(f"/match/{need.pk}/give", form)
    assertRedirects(response, "/match/", fetch_redirect_response=False)
    assert Exchange.objects.get().kind == "advice"


def test_a_give_without_words_is_refused(jordan_client, jordan):
    need = add_need(jordan, make_person(jordan))
    response = jordan_client.post(f"/match/{need.pk}/give", {"kind": "advice", "text": ""}, **HTMX)
    assertContains(response, "Say in a few words what you gave.")
    assert not Exchange.objects.exists()
    need.refresh_from_db()
    assert need.status == "open"


def test_a_give_for_your_own_need_is_refused(jordan_client, jordan):
    need = add_need(jordan, None)
    form = {"kind": "advice", "text": "Something"}
    response = jordan_client.post(f"/match/{need.pk}/give", form, **HTMX)
    assertContains(response, "This need is yours: mark it done instead.")
    assert not Exchange.objects.exists()


def test_a_give_needs_a_post(jordan_client, jordan):
    need = add_need(jordan, make_person(jordan))
    assert jordan_client.get(f"/match/{need.pk}/give").status_code == 405


def test_riley_does_not_match_jordans_needs(riley_client, jordan):
    add_need(jordan, make_person(jordan), "A senior UX designer role in fintech")
    response = match(riley_client)
    assert response.context["results"] == []
    assertNotContains(response, "A senior UX designer role")
    assertContains(response, "No open needs yet")


def test_riley_cannot_log_a_give_on_jordans_need(riley_client, jordan):
    need = add_need(jordan, make_person(jordan))
    form = {"kind": "advice", "text": "Something"}
    assert riley_client.post(f"/match/{need.pk}/give", form).status_code == 404
    assert not Exchange.objects.exists()
    assert Need.objects.get().status == "open"


@pytest.mark.parametrize("count", [2, 10])
def test_the_page_costs_the_same_queries_however_many_results(
    jordan_client, jordan, count, django_assert_num_queries
):
    for i in range(count):
        add_need(jordan, make_person(jordan, f"Person {i:02d}"), f"A fintech UX job, {i}")
    jordan_client.get("/match/")  # the first request of a client also checks for a first run
    # session, user, then matching: term and need counts, the database's ranking, the needs;
    # then the organisations the text might name
    with django_assert_num_queries(6):
        response = match(jordan_client)
    assert len(response.context["results"]) == count

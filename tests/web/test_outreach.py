from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.core.outreach import describe_change, review
from mutuals.interactions.models import Interaction
from mutuals.ledger import services as ledger
from mutuals.needs import services as needs
from tests.factories import log, make_person

HTMX = {"HTTP_HX_REQUEST": "true"}
TAKER = (
    "Hi Rosa,\n\nI was laid off last month. Could you let me know of any openings at your "
    "company?\n\nThanks,\nJordan"
)
GENUINE = (
    "Hi Rosa,\n\nHow is the move to Berlin going? I saw your talk on design systems and loved "
    "it.\n\nBest,\nJordan"
)


def check(client, text=TAKER, **fields):
    return client.post("/compose/", {"text": text, **fields})


def first_with_replacement(text, **context):
    return next(f for f in review(text, **context).findings if f.replacement is not None)


def test_the_page_offers_a_box_to_write_in_and_a_nav_link(jordan_client):
    response = jordan_client.get("/compose/")
    assertContains(response, "<h1>Compose</h1>", html=True)
    assertContains(response, 'name="text"')
    assertContains(response, '<a href="/compose/" aria-current="page">Compose</a>', html=True)
    assertContains(response, "Start writing: the review appears here.")


def test_signed_out_visitors_are_sent_to_sign_in(client, jordan):
    assertRedirects(
        client.get("/compose/"), "/login/?next=/compose/", fetch_redirect_response=False
    )


def test_a_plain_post_shows_the_review_with_the_problems_highlighted(jordan_client):
    response = check(jordan_client)
    assertContains(response, "Likely to land badly")
    assertContains(response, "<mark>Could you let me know of any openings at your company?</mark>")
    assertContains(response, "Why:")
    assertContains(response, "Try:")
    assertContains(response, 'class="badge severity severity-problem"')


def test_a_genuine_message_says_there_is_nothing_to_change(jordan_client):
    response = check(jordan_client, GENUINE)
    assertContains(response, "Ready to send")
    assertContains(response, "Nothing to change")
    assertNotContains(response, "<mark>")


def test_the_live_review_returns_only_the_review(jordan_client):
    response = jordan_client.post("/compose/review", {"text": TAKER}, **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="review"')
    assert "<html" not in body
    assertContains(response, "Likely to land badly")


def test_the_live_review_asks_for_text_when_there_is_none(jordan_client):
    response = jordan_client.post("/compose/review", {"text": "   "}, **HTMX)
    assertContains(response, "Write or paste the message to review.")


def test_the_live_review_accepts_only_posts(jordan_client):
    assert jordan_client.get("/compose/review").status_code == 405


def test_a_finding_with_a_replacement_has_an_apply_button(jordan_client):
    finding = first_with_replacement(TAKER)
    response = check(jordan_client)
    key = f"{finding.code}:{finding.start}:{finding.end}"
    assertContains(response, f'name="apply" value="{key}"')


def test_apply_replaces_the_span_and_reviews_again(jordan_client):
    finding = first_with_replacement(TAKER)
    key = f"{finding.code}:{finding.start}:{finding.end}"
    response = check(jordan_client, apply=key)
    text = response.context["form"].data["text"]
    assert text == TAKER[: finding.start] + finding.replacement + TAKER[finding.end :]
    assertContains(response, escape(f"Applied. {describe_change(TAKER, finding)}"))
    assert response.context["outcome"].text == text


def test_apply_by_htmx_returns_the_form_with_the_new_text_focused(jordan_client):
    finding = first_with_replacement(TAKER)
    key = f"{finding.code}:{finding.start}:{finding.end}"
    response = jordan_client.post("/compose/", {"text": TAKER, "apply": key}, **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<form method="post"')
    assert "autofocus" in body
    assertContains(response, escape(finding.replacement[:30]))


def test_a_forged_or_stale_apply_changes_nothing(jordan_client):
    response = check(jordan_client, apply="any-openings:0:5")
    assert response.context["form"].data["text"] == TAKER
    assertContains(response, "no longer fits the text")


def test_the_recipients_history_and_balance_are_used(jordan_client, jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, days=1000)
    ledger.record_exchange(
        owner=jordan, person_id=rosa.pk, direction="received", kind="referral", text="Referral"
    )
    text = "Hi Rosa,\n\nCould you introduce me to your manager?\n\nThanks,\nJordan"
    response = check(jordan_client, text, to="Rosa Núñez")
    codes = {f.code for f in response.context["outcome"].review.findings}
    assert {"silence-not-acknowledged", "ask-while-balance-against"} <= codes
    assertContains(response, "give and take: you receive more")
    assertContains(response, "last talked <time")


def test_an_unknown_name_is_said_and_the_message_still_reviewed(jordan_client):
    response = check(jordan_client, to="Nobody Atall")
    assertContains(response, "Nobody called")
    assertContains(response, "Likely to land badly")


def test_an_empty_message_is_a_field_error(jordan_client):
    assertContains(check(jordan_client, "  "), "Write or paste the message to review.")


def test_a_too_long_message_is_refused(jordan_client):
    assertContains(check(jordan_client, "x" * 20_001), "That message is too long")


def test_the_person_page_offers_to_draft_a_message(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(response, '<form method="get" action="/compose/"')
    assertContains(response, f'<input type="hidden" name="person" value="{rosa.pk}">', html=True)
    assertContains(response, '<option value="intro-request">Ask for an introduction</option>')
    assertContains(response, "Draft a message")


def test_drafting_from_the_person_page_fills_the_box_and_reviews_it(jordan_client, jordan):
    rosa = make_person(jordan, how_met="at the PyCon sprints")
    log(jordan, rosa, "Her move to Berlin", days=800)
    response = jordan_client.get(f"/compose/?person={rosa.pk}&purpose=reconnect")
    draft = response.context["draft"]
    assert "Her move to Berlin" in draft.text
    assertContains(response, draft.subject)
    assertContains(response, 'value="Rosa Núñez"')
    assert response.context["form"].initial["text"] == draft.text
    assertContains(response, "Ready to send")


def test_an_intro_request_draft_takes_a_target_by_name(jordan_client, jordan):
    sam = make_person(jordan, "Sam Ortiz")
    make_person(jordan, "Gareth Hughes", title="Engineering manager")
    response = jordan_client.get(
        f"/compose/?person={sam.pk}&purpose=intro-request&target=gareth&ask=his+team"
    )
    assert "Gareth Hughes (Engineering manager)" in response.context["draft"].text


def test_the_ask_warning_shows_when_drafting_an_ask_against_the_balance(jordan_client, jordan):
    sam = make_person(jordan, "Sam Ortiz")
    make_person(jordan, "Gareth Hughes")
    ledger.record_exchange(
        owner=jordan, person_id=sam.pk, direction="received", kind="referral", text="Referral"
    )
    response = jordan_client.get(f"/compose/?person={sam.pk}&purpose=intro-request&target=gareth")
    assertContains(response, "They have given much more lately in this relationship")


def test_a_bad_draft_request_shows_the_error_on_the_draft_form(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.get(f"/compose/?person={rosa.pk}&purpose=intro-request&target=zzz")
    assertContains(response, "Nobody called")
    assert response.context["draft"] is None


def test_a_share_draft_names_their_need(jordan_client, jordan):
    rosa = make_person(jordan)
    needs.add_need(owner=jordan, person_id=rosa.pk, text="Advice on moving to Berlin")
    response = jordan_client.get(f"/compose/?person={rosa.pk}&purpose=share&share=the+guide")
    assert "advice on moving to Berlin" in response.context["draft"].text
    assert "the guide" in response.context["draft"].text
    assertContains(response, "their open needs: Advice on moving to Berlin")


def test_a_message_with_html_is_shown_escaped(jordan_client):
    response = check(jordan_client, "Hi Rosa, <script>alert('x')</script> how are you?")
    assertNotContains(response, "<script>alert")


def test_reviewing_records_nothing(jordan_client, jordan):
    rosa = make_person(jordan)
    check(jordan_client, to="Rosa Núñez")
    assert Interaction.objects.count() == 0
    assert rosa.exchanges.count() == 0


def test_riley_cannot_draft_to_or_see_jordans_people(riley_client, jordan):
    rosa = make_person(jordan)
    assert riley_client.get(f"/compose/?person={rosa.pk}&purpose=thanks").status_code == 404
    response = check(riley_client, to="Rosa Núñez", person=rosa.pk)
    assertContains(response, "Nobody called")
    assertNotContains(response, f'href="/people/{rosa.pk}/"')


def test_an_id_that_cannot_be_a_person_is_404_like_someone_elses(jordan_client, jordan):
    assert jordan_client.get(f"/compose/?person={2**70}&purpose=thanks").status_code == 404
    assert jordan_client.get("/compose/?person=abc").status_code == 404


def test_a_hidden_id_that_cannot_be_a_person_is_ignored_for_the_typed_name(jordan_client):
    response = check(jordan_client, GENUINE, to="Rosa Núñez", person=str(2**70))
    assertContains(response, "Nobody called")

"""Drafts you can act on: Copy, the e-mail link, LinkedIn, and "I sent it" with Undo."""

from urllib.parse import quote

from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.interactions.models import Interaction
from mutuals.ledger.models import Exchange
from tests.factories import make_person
from tests.give_and_take import received


def priya_with_links(owner):
    return make_person(
        owner,
        "Priya Raman",
        emails=["priya@example.com"],
        linkedin_url="https://www.linkedin.com/in/priya-raman",
    )


def draft_page(client, person, purpose="thanks"):
    return client.get("/compose/", {"person": person.pk, "purpose": purpose})


def sent_data(person, **overrides):
    data = {
        "to": person.full_name,
        "person": person.pk,
        "text": "Hi Priya,\n\nThank you for the intro to Tom.\n\nJordan",
        "purpose": "thanks",
        "channel": "email",
        "next": f"/people/{person.pk}/",
    }
    return {**data, **overrides}


def test_a_draft_has_copy_an_email_link_linkedin_and_i_sent_it(jordan_client, jordan):
    priya = priya_with_links(jordan)
    response = draft_page(jordan_client, priya)
    assertContains(response, 'data-copy="id_text"')
    assertContains(response, 'role="status"')
    assertContains(response, 'href="mailto:priya@example.com?subject=Thank%20you&amp;body=')
    assertContains(response, 'href="https://www.linkedin.com/in/priya-raman"')
    assertContains(response, 'formaction="/compose/sent"')
    assertContains(
        response, '<input type="hidden" name="purpose" value="thanks" id="id_purpose">', html=True
    )


def test_the_email_link_carries_the_draft_body(jordan_client, jordan):
    priya = priya_with_links(jordan)
    response = draft_page(jordan_client, priya, "reconnect")
    text = response.context["form"].initial["text"]
    assertContains(response, escape("body=" + quote(text, safe="")))


def test_without_an_address_there_is_no_email_link_and_the_page_says_so(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    response = draft_page(jordan_client, priya)
    assertNotContains(response, "mailto:")
    assertContains(response, "No e-mail address for Priya")
    assertNotContains(response, "linkedin.com")


def test_the_copy_button_is_hidden_until_javascript_shows_it(jordan_client, jordan):
    response = draft_page(jordan_client, priya_with_links(jordan))
    assertContains(response, 'data-copy="id_text" data-copy-status="id_text-copy-status" hidden')
    assertContains(response, '<script src="/static/web/copy.js" defer></script>', html=True)


def test_i_sent_it_logs_the_conversation_and_returns_with_an_undo_link(jordan_client, jordan):
    priya = priya_with_links(jordan)
    response = jordan_client.post("/compose/sent", sent_data(priya), follow=True)
    assertRedirects(response, f"/people/{priya.pk}/")
    interaction = Interaction.objects.get()
    assert (interaction.kind, interaction.initiated_by) == ("email", "me")
    assertContains(response, "Logged the thank-you note you sent Priya Raman today")
    assertContains(response, f'href="/sent/{interaction.pk}/undo?next=%2Fpeople%2F{priya.pk}%2F"')
    assertContains(response, "Thank-you note: Thank you for the intro to Tom.")


def test_a_thank_you_marks_what_it_thanks_for_and_undo_takes_both_back(jordan_client, jordan):
    priya = priya_with_links(jordan)
    got = received(jordan, priya, days=20)
    response = jordan_client.post("/compose/sent", sent_data(priya), follow=True)
    got.refresh_from_db()
    assert got.thanked_on is not None
    interaction = Interaction.objects.get()
    undo = f"/sent/{interaction.pk}/undo?next=%2Fpeople%2F{priya.pk}%2F&amp;exchange={got.pk}"
    assertContains(response, undo)
    confirm = jordan_client.get(undo.replace("&amp;", "&"))
    assertContains(confirm, "Undo “I sent it”?")
    assert Interaction.objects.exists()  # asking changes nothing
    response = jordan_client.post(
        f"/sent/{interaction.pk}/undo", {"next": f"/people/{priya.pk}/", "exchange": got.pk}
    )
    assertRedirects(response, f"/people/{priya.pk}/", fetch_redirect_response=False)
    assert not Interaction.objects.exists()
    assert Exchange.objects.get().thanked_on is None


def test_the_next_address_must_be_on_this_site(jordan_client, jordan):
    priya = priya_with_links(jordan)
    response = jordan_client.post("/compose/sent", sent_data(priya, next="https://evil.example/"))
    assertRedirects(response, f"/people/{priya.pk}/", fetch_redirect_response=False)


def test_an_empty_message_is_an_error_and_logs_nothing(jordan_client, jordan):
    priya = priya_with_links(jordan)
    response = jordan_client.post("/compose/sent", sent_data(priya, text="  "))
    assertContains(response, "Write or paste the message to review.")
    assert not Interaction.objects.exists()


def test_without_a_recipient_the_page_asks_who(jordan_client, jordan):
    response = jordan_client.post("/compose/sent", {"to": "", "text": "Hi there"})
    assertContains(response, "Say who you sent it to")
    assert not Interaction.objects.exists()


def test_riley_cannot_log_to_or_undo_jordans(riley_client, jordan_client, jordan):
    priya = priya_with_links(jordan)
    response = riley_client.post("/compose/sent", sent_data(priya, to=""))
    assert not Interaction.objects.exists()
    assertContains(response, "Say who you sent it to")
    jordan_client.post("/compose/sent", sent_data(priya))
    interaction = Interaction.objects.get()
    assert riley_client.get(f"/sent/{interaction.pk}/undo").status_code == 404
    assert riley_client.post(f"/sent/{interaction.pk}/undo").status_code == 404
    assert Interaction.objects.exists()


def test_a_new_token_and_a_new_feed_address_have_a_copy_button(jordan_client, jordan):
    token_page = jordan_client.post("/settings/tokens", {"label": "laptop script"})
    assertContains(token_page, 'data-copy="new-secret" data-copy-status="new-secret-status" hidden')
    assertContains(token_page, '<span class="copy-status" id="new-secret-status" role="status">')
    feed_page = jordan_client.post("/export/feed")
    assertContains(feed_page, 'data-copy="feed-url" data-copy-status="feed-url-status" hidden')

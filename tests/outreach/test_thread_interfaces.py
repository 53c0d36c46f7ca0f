"""The thread facts through the interfaces: the API's check and `mutuals outreach check` take
them by hand (validated), and with a recipient they come from the log."""

import datetime as dt

from django.utils import timezone

from mutuals.interactions import services as interactions
from tests.api.conftest import field_errors
from tests.cli.conftest import failed, parsed
from tests.factories import make_person

ASK = "Hi Rosa, could you send me the slides from your talk? Thanks, Jordan"


def post(client, body):
    return client.post("/api/outreach/check", body, content_type="application/json")


def codes(body):
    return {f["code"]: f["severity"] for f in body["findings"]}


def wrote(owner, person, days):
    # The interfaces review against the real today; the log is dated from it.
    interactions.log_interaction(
        owner=owner,
        person_ids=[person.pk],
        summary="Asked for the slides",
        occurred_on=timezone.localdate() - dt.timedelta(days=days),
        kind="email",
        initiated_by="me",
    )


def test_the_api_takes_the_thread_by_hand(jordan_api):
    assert "chasing" not in codes(post(jordan_api, {"text": ASK}).json())
    body = post(jordan_api, {"text": ASK, "unanswered": 1, "days_since_you_wrote": 2}).json()
    assert codes(body)["chasing"] == "problem"
    body = post(jordan_api, {"text": ASK, "unanswered": 1, "days_since_you_wrote": 20}).json()
    assert codes(body)["chasing"] == "warn"


def test_the_api_refuses_a_thread_out_of_bounds(jordan_api):
    assert "unanswered" in field_errors(post(jordan_api, {"text": ASK, "unanswered": -1}))
    assert "unanswered" in field_errors(post(jordan_api, {"text": ASK, "unanswered": 51}))
    too_long = {"text": ASK, "days_since_you_wrote": 36_501}
    assert "days_since_you_wrote" in field_errors(post(jordan_api, too_long))
    assert "unanswered" in field_errors(post(jordan_api, {"text": ASK, "unanswered": "x"}))


def test_the_api_reads_the_thread_from_the_log_and_a_given_value_overrides_it(jordan_api, jordan):
    rosa = make_person(jordan)
    wrote(jordan, rosa, 3)
    body = post(jordan_api, {"text": ASK, "to": rosa.pk}).json()
    assert codes(body)["chasing"] == "problem"
    body = post(jordan_api, {"text": ASK, "to": rosa.pk, "unanswered": 0}).json()
    assert "chasing" not in codes(body)


def test_another_users_log_never_reaches_a_review(riley_api, jordan):
    rosa = make_person(jordan)
    wrote(jordan, rosa, 3)
    response = post(riley_api, {"text": ASK, "to": rosa.pk})
    assert "to" in field_errors(response)


def test_the_cli_takes_the_thread_by_hand(mutuals, jordan):
    def check(*args):
        return parsed(mutuals("outreach", "check", "-", "--json", *args, input=ASK))

    assert "chasing" not in codes(check())
    found = codes(check("--unanswered", "2", "--days-since-you-wrote", "21"))
    assert found["chasing"] == "warn"
    assert codes(check("--unanswered", "1", "--days-since-you-wrote", "0"))["chasing"] == (
        "problem"
    )


def test_the_cli_refuses_a_thread_out_of_bounds_without_a_traceback(mutuals, jordan):
    result = mutuals("outreach", "check", "-", "--unanswered", "-1", input=ASK)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    message = failed(mutuals("outreach", "check", "-", "--unanswered", "99", input=ASK), 5)
    assert "--unanswered" in message


def test_the_cli_reads_the_thread_from_the_log_with_to(mutuals, jordan):
    rosa = make_person(jordan)
    wrote(jordan, rosa, 3)
    body = parsed(mutuals("outreach", "check", "-", "--to", "rosa", "--json", input=ASK))
    assert codes(body)["chasing"] == "problem"


def test_the_compose_page_reviews_with_the_thread_and_says_it_in_words(jordan_client, jordan):
    rosa = make_person(jordan)
    wrote(jordan, rosa, 3)
    response = jordan_client.post("/compose/", {"text": ASK, "to": "Rosa Núñez"})
    (chase,) = [f for f in response.context["outcome"].review.findings if f.code == "chasing"]
    assert chase.severity == "problem"
    page = response.content.decode()
    assert "You last wrote to them 3 days ago" in page
    assert "chasing" not in page.split("<main", 1)[-1].split("</main>", 1)[0]
    other = jordan_client.post("/compose/", {"text": ASK})
    assert "chasing" not in {f.code for f in other.context["outcome"].review.findings}

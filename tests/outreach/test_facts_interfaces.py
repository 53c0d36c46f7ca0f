"""The app facts a draft can use, from the records and through the interfaces: people you both
know (who-knows-whom and who introduced you) and their open needs reach the review, owner-scoped;
the API's check and `mutuals outreach check` take them by hand, validated."""

from django.utils import timezone

from mutuals.needs import services as needs
from mutuals.network.services import record_knows
from mutuals.outreach import selectors
from tests.api.conftest import field_errors
from tests.cli.conftest import failed, parsed
from tests.factories import make_person

# A big ask of a stranger that names Ama, someone the writer knows.
WARM = (
    "Hi Kofi, Ama Mensah and I sang in the same choir for years. I'm moving into UX research. "
    "Could you introduce me to your head of design?"
)
# A give for their need, then a small ask.
GIVE = (
    "Hi Rosa, my neighbour Tomás keeps the books for three cafés and has room for one more "
    "bakery. His number is 07700 900123. Also, could I borrow the big stand mixer next weekend?"
)


def post(client, body):
    return client.post("/api/outreach/check", body, content_type="application/json")


def codes(body):
    return {f["code"]: f["severity"] for f in body["findings"]}


def context_of(owner, person):
    return selectors.recipient(owner=owner, person_id=person.pk, today=timezone.localdate()).context


# --- from the records --------------------------------------------------------------------------


def test_people_you_both_know_come_from_who_knows_whom_strongest_first(jordan):
    kofi = make_person(jordan, "Kofi Boateng", tier=None)
    ama, tom = make_person(jordan, "Ama Mensah"), make_person(jordan, "Tom Reid")
    heard_of = make_person(jordan, "Lena Vogt", tier=None)  # you only know of her
    record_knows(owner=jordan, person_id=kofi.pk, knows_id=tom.pk, strength=0.3)
    record_knows(owner=jordan, person_id=ama.pk, knows_id=kofi.pk, strength=0.9)
    record_knows(owner=jordan, person_id=kofi.pk, knows_id=heard_of.pk, strength=1.0)
    context = context_of(jordan, kofi)
    assert context.mutual_contacts == ("Ama Mensah", "Tom Reid")
    assert context.shared_connections == 2


def test_who_introduced_you_and_whom_they_introduced_are_people_you_both_know(jordan):
    sam = make_person(jordan, "Sam Ortiz")
    gareth = make_person(jordan, "Gareth Hughes", tier=None, introduced_by_id=sam.pk)
    assert context_of(jordan, gareth).mutual_contacts == ("Sam Ortiz",)
    assert context_of(jordan, sam).mutual_contacts == ("Gareth Hughes",)


def test_people_you_both_know_are_one_query(jordan, django_assert_num_queries):
    kofi = make_person(jordan, "Kofi Boateng", tier=None)
    for name in ("Ama Mensah", "Tom Reid", "Jin Park"):
        record_knows(owner=jordan, person_id=make_person(jordan, name).pk, knows_id=kofi.pk)
    with django_assert_num_queries(1):
        names = selectors.mutual_contacts(owner=jordan, person=kofi)
    assert len(names) == 3


def test_another_users_network_never_reaches_a_review(jordan, riley):
    kofi = make_person(jordan, "Kofi Boateng", tier=None)
    theirs_kofi = make_person(riley, "Kofi Boateng", tier=None)
    theirs_ama = make_person(riley, "Ama Mensah")
    record_knows(owner=riley, person_id=theirs_ama.pk, knows_id=theirs_kofi.pk)
    assert context_of(jordan, kofi).mutual_contacts == ()
    assert context_of(riley, theirs_kofi).mutual_contacts == ("Ama Mensah",)


def test_a_stranger_asked_with_the_person_you_both_know_named_is_no_cold_approach(
    jordan_api, jordan
):
    kofi = make_person(jordan, "Kofi Boateng", tier=None)
    cold = codes(post(jordan_api, {"text": WARM, "to": kofi.pk}).json())
    assert cold["big-ask-of-stranger"] == "problem"
    assert cold["ask-up-front"] == "problem"
    record_knows(owner=jordan, person_id=make_person(jordan, "Ama Mensah").pk, knows_id=kofi.pk)
    warm = codes(post(jordan_api, {"text": WARM, "to": kofi.pk}).json())
    assert "big-ask-of-stranger" not in warm
    assert warm["ask-up-front"] == "warn"


def test_a_give_for_their_open_need_counts_as_about_them(jordan_api, jordan):
    rosa = make_person(jordan)
    before = codes(post(jordan_api, {"text": GIVE, "to": rosa.pk}).json())
    needs.add_need(owner=jordan, person_id=rosa.pk, text="A bookkeeper for the bakery")
    after = codes(post(jordan_api, {"text": GIVE, "to": rosa.pk}).json())
    assert before.get("nothing-about-them") in {"warn", "info"}
    assert after.get("nothing-about-them") is None


# --- by hand -----------------------------------------------------------------------------------


def test_the_api_takes_the_facts_by_hand(jordan_api, jordan):
    kofi = make_person(jordan, "Kofi Boateng", tier=None)  # a stranger, no one in common
    cold = {"text": WARM, "to": kofi.pk}
    assert codes(post(jordan_api, cold).json())["big-ask-of-stranger"] == "problem"
    body = post(jordan_api, {**cold, "mutual_contacts": ["Ama Mensah"]}).json()
    assert "big-ask-of-stranger" not in codes(body)
    given = post(jordan_api, {"text": GIVE, "needs": ["A bookkeeper for the bakery"]}).json()
    assert "nothing-about-them" not in codes(given)


def test_the_api_refuses_blank_too_many_or_too_long_facts(jordan_api):
    assert field_errors(post(jordan_api, {"text": GIVE, "needs": ["  "]})) == {
        "needs": ["Give each need; leave out blank ones."]
    }
    assert "needs" in field_errors(post(jordan_api, {"text": GIVE, "needs": ["x" * 301]}))
    many = {"text": GIVE, "mutual_contacts": [f"Person {i}" for i in range(51)]}
    assert field_errors(post(jordan_api, many)) == {"mutual_contacts": ["Give at most 50."]}
    assert "mutual_contacts" in field_errors(
        post(jordan_api, {"text": GIVE, "mutual_contacts": "Ama"})
    )


def test_a_fact_given_by_hand_replaces_the_records(jordan_api, jordan):
    kofi = make_person(jordan, "Kofi Boateng", tier=None)
    record_knows(owner=jordan, person_id=make_person(jordan, "Ama Mensah").pk, knows_id=kofi.pk)
    body = post(jordan_api, {"text": WARM, "to": kofi.pk, "mutual_contacts": []}).json()
    assert codes(body)["big-ask-of-stranger"] == "problem"


def test_the_cli_takes_the_facts_by_hand(mutuals, jordan):
    def check(text, *args):
        return codes(parsed(mutuals("outreach", "check", "-", "--json", *args, input=text)))

    make_person(jordan, "Kofi Boateng", tier=None)
    assert check(WARM, "--to", "kofi")["big-ask-of-stranger"] == "problem"
    assert "big-ask-of-stranger" not in check(WARM, "--to", "kofi", "--mutual", "Ama Mensah")
    assert "nothing-about-them" not in check(
        GIVE, "--their-need", "A bookkeeper for the bakery", "--their-need", "A van"
    )


def test_the_cli_refuses_a_blank_fact_naming_the_option(mutuals, jordan):
    result = mutuals("outreach", "check", "-", "--mutual", " ", input=WARM)
    message = failed(result, 5)
    assert "--mutual" in message
    assert "Traceback" not in result.output


def test_the_cli_reads_people_you_both_know_with_to(mutuals, jordan):
    kofi = make_person(jordan, "Kofi Boateng", tier=None)
    record_knows(owner=jordan, person_id=make_person(jordan, "Ama Mensah").pk, knows_id=kofi.pk)
    body = parsed(mutuals("outreach", "check", "-", "--to", "kofi", "--json", input=WARM))
    assert "big-ask-of-stranger" not in codes(body)

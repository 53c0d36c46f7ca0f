"""Words, not numbers: on the demo network, the pages that show tie strength, the give and take,
warm paths and the outreach review say them in words. Numbers stay in title attributes (shown
on hover) and in JSON; principle codes ("P6:") stay in JSON only.

The check reads what a person sees or hears: text nodes and aria-labels, not attributes such
as option values or titles."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from pytest_django.asserts import assertContains

from mutuals.demo.services import load_demo
from mutuals.network.models import Knows
from mutuals.people.models import Person
from tests.factories import make_user
from tests.shared_db import shared_transaction

BARE_DECIMAL = re.compile(r"\b\d+\.\d+\b")
PRINCIPLE_CODE = re.compile(r"\bP\d+:")
TAKER = (
    "Hi,\n\nI was laid off last month. Could you let me know of any openings at your company? "
    "I attached my resume.\n\nThanks,\nJordan"
)


class _Seen(HTMLParser):
    """The text a person sees or hears: text nodes (not in script or style) and aria-labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "datalist", "textarea"):
            self._skip += 1
        self.parts.extend(value or "" for name, value in attrs if name == "aria-label")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "datalist", "textarea"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def seen(response) -> str:
    parser = _Seen()
    parser.feed(response.content.decode())
    return " ".join(parser.parts)


def assert_in_words(response) -> None:
    assert response.status_code == 200
    text = seen(response)
    for pattern in (BARE_DECIMAL, PRINCIPLE_CODE):
        found = pattern.search(text)
        context = text[max(0, found.start() - 80) : found.end() + 80] if found else ""
        assert found is None, f"{response.request['PATH_INFO']}: {context!r}"


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Jordan with the demo loaded, once for the class that asks (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            jordan = make_user("jordan")
            load_demo(owner=jordan, seed=7)
        yield jordan


def test_the_seen_text_leaves_titles_and_values_out_but_keeps_aria_labels():
    class Fake:
        content = (
            b'<p title="0.62">steady <span aria-label="score 0.5"></span></p>'
            b'<option value="0.8">Well</option><script>var x = 1.5</script>'
        )

    assert seen(Fake()).split() == ["steady", "score", "0.5", "Well"]


PEOPLE_LISTS = ("", "?sort=strength", "?sort=owe", "?sort=owed", "?balance=even", "?page=2")


@pytest.mark.django_db
class TestOnTheDemo:
    """The pages of one demo network, loaded once for these; what each writes is rolled back."""

    @pytest.fixture
    def jordan(self, demo):
        """jordan_client signs in as the demo's owner."""
        return demo

    def test_the_people_list_says_strength_and_balance_in_words(self, jordan_client, demo):
        for query in PEOPLE_LISTS:
            response = jordan_client.get(f"/people/{query}")
            assert_in_words(response)
            assertContains(response, 'class="mark-word"')

    def test_the_demo_person_pages_are_in_words(self, jordan_client, demo):
        people = Person.objects.filter(owner=demo)
        busiest = people.order_by("-interaction_count", "id")[:5]
        traded = people.filter(balance_on__isnull=False).order_by("balance", "id")
        sample = {
            *busiest.values_list("id", flat=True),
            *traded[:5].values_list("id", flat=True),  # they have given the most
            *traded.reverse()[:5].values_list("id", flat=True),  # you have given the most
            *people.filter(tier__isnull=True).values_list("id", flat=True)[:3],
            *people.order_by("id").values_list("id", flat=True)[::10],
        }
        assert len(sample) > 30
        for person_id in sorted(sample):
            assert_in_words(jordan_client.get(f"/people/{person_id}/"))

    def test_warm_paths_are_said_in_words(self, jordan_client, demo):
        organisations = (
            Person.objects.filter(owner=demo, tier__isnull=True, organization__isnull=False)
            .filter(pk__in=Knows.objects.filter(owner=demo).values("knows"))
            .order_by("organization__name")
            .values_list("organization__name", flat=True)
            .distinct()[:3]
        )
        assert organisations
        for name in organisations:
            for mode in ("intro", "info"):
                query = {"kind": "company", "q": name, "mode": mode, "k": 5}
                response = jordan_client.get("/network/", query)
                assert_in_words(response)
                assertContains(response, 'class="mark path-')

    def test_the_outreach_review_shows_no_principle_codes_nor_the_balance_number(
        self, jordan_client, demo
    ):
        owing = Person.objects.filter(owner=demo, tier__isnull=False, balance__lt=-0.2)
        name = owing.order_by("balance").values_list("full_name", flat=True)[0]
        response = jordan_client.post("/compose/", {"text": TAKER, "to": name})
        assertContains(response, "<strong>Why:</strong> Be genuine")
        assertContains(response, "in this relationship, and this message asks for")
        assert_in_words(response)

"""The job search on the agenda with the database: what the selector reads (and in how many
queries), the items on today's plan, referral thanks and follow-ups, landing (keep-in-touch
mode, check-ins, going back to searching) and everyone who helped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.accounts.selectors import preferences_of
from mutuals.agenda.selectors import event_states, lead_states, today_agenda, today_plan
from mutuals.core.agenda import NO_LIMITS, ItemKind
from mutuals.events.models import Event, EventPerson
from mutuals.interactions import services as interactions
from mutuals.leads import landed, services
from mutuals.leads.landed import CHECK_IN_DAYS, CHECK_IN_TEXT
from mutuals.leads.models import Lead
from mutuals.leads.thanks import everyone_who_helped, thank_you_draft
from mutuals.ledger import services as ledger
from mutuals.ledger.models import Exchange
from mutuals.needs import services as needs
from mutuals.network import introductions
from mutuals.promises.models import Promise
from tests.factories import make_person

DAY = dt.date(2026, 3, 2)


def on(days: int) -> dt.date:
    return DAY + dt.timedelta(days=days)


def talk(owner, person, day, summary="Coffee about the team"):
    return interactions.log_interaction(
        owner=owner, person_ids=[person.pk], summary=summary, occurred_on=day
    )


@pytest.fixture
def orion(jordan):
    """Ana (referrer) and Bo (works there) at Orion; a Designer lead Ana stands behind."""
    ana = make_person(jordan, "Ana Ruiz", organization="Orion")
    bo = make_person(jordan, "Bo Li", organization="Orion")
    lead = services.create_lead(
        owner=jordan,
        title="Product Designer",
        organization="Orion",
        people=[(ana.pk, "referrer")],
        today=on(-30),
    )
    return lead, ana, bo


def kinds(owner, day):
    return [i.kind for i in today_agenda(owner=owner, today=day, limits=NO_LIMITS).items]


def test_a_referral_asks_for_a_thank_you_until_thanked(jordan, orion):
    lead, ana, _ = orion
    services.move_lead(owner=jordan, lead_id=lead.pk, stage="referred", today=DAY)
    [item] = [i for i in today_agenda(owner=jordan, today=DAY).items if i.lead_id == lead.pk]
    assert item.kind == ItemKind.REFERRAL_THANKS
    assert item.person_id == ana.pk
    exchange = services.thank_referrer(owner=jordan, lead_id=lead.pk, person_id=ana.pk, today=DAY)
    assert (exchange.kind, exchange.thanked_on, exchange.occurred_on) == ("referral", DAY, DAY)
    assert ItemKind.REFERRAL_THANKS not in kinds(jordan, DAY)
    again = services.thank_referrer(owner=jordan, lead_id=lead.pk, person_id=ana.pk, today=DAY)
    assert again.pk == exchange.pk
    assert Exchange.objects.filter(owner=jordan).count() == 1


def test_thanking_someone_not_behind_the_lead_is_refused(jordan, orion):
    lead, _, bo = orion
    with pytest.raises(ValidationError) as error:
        services.thank_referrer(owner=jordan, lead_id=lead.pk, person_id=bo.pk, today=DAY)
    assert "person" in error.value.message_dict
    assert not Exchange.objects.exists()


def test_an_application_is_followed_up_after_a_week_and_a_follow_up_resets_it(jordan, orion):
    lead, ana, _ = orion
    services.move_lead(owner=jordan, lead_id=lead.pk, stage="applied", today=on(-7))
    assert ItemKind.APPLICATION not in kinds(jordan, on(-1))
    assert ItemKind.APPLICATION in kinds(jordan, DAY)
    services.note_follow_up(owner=jordan, lead_id=lead.pk, today=DAY)
    assert ItemKind.APPLICATION not in kinds(jordan, on(6))
    assert ItemKind.APPLICATION in kinds(jordan, on(7))
    talk(jordan, ana, on(8))
    assert ItemKind.APPLICATION not in kinds(jordan, on(9))


def test_interview_prep_names_people_there_their_needs_and_last_talk(jordan, orion):
    lead, ana, bo = orion
    needs.add_need(owner=jordan, person_id=bo.pk, text="Hiring a data engineer")
    talk(jordan, ana, on(-3), "Talked about the design team")
    services.move_lead(
        owner=jordan, lead_id=lead.pk, stage="interviewing", interview_on=on(1), today=on(-5)
    )
    plan = today_plan(jordan, DAY)
    [item] = [i for i in plan.items if i.kind == ItemKind.INTERVIEW]
    assert item.reason.startswith(
        "Your interview for Product Designer at Orion is tomorrow. "
        "Behind this lead: Ana Ruiz (referrer). "
        "At Orion you also know Bo Li. "
        "You last talked with Ana 3 days ago: “Talked about the design team”. "
        "Bo cares about: hiring a data engineer."
    )
    assert plan.items[0] == item  # urgent: first
    assert ItemKind.INTERVIEW not in kinds(jordan, on(2))


def test_the_selector_reads_leads_in_two_queries(jordan, orion, django_assert_num_queries):
    lead, _ana, bo = orion
    with django_assert_num_queries(1):
        assert lead_states(jordan, DAY) == []
    services.move_lead(owner=jordan, lead_id=lead.pk, stage="applied", today=on(-10))
    for n in range(5):
        other = services.create_lead(owner=jordan, title=f"Role {n}", people=[(bo.pk, "mentioned")])
        services.move_lead(owner=jordan, lead_id=other.pk, stage="applied", today=on(-9))
    with django_assert_num_queries(2):
        states = lead_states(jordan, DAY)
    assert len(states) == 6
    assert all(s.people for s in states)
    services.move_lead(
        owner=jordan, lead_id=lead.pk, stage="interviewing", interview_on=DAY, today=DAY
    )
    with django_assert_num_queries(5):  # + who works there, + their last talk and needs
        states = lead_states(jordan, DAY)
    interview = next(s for s in states if s.id == lead.pk)
    assert {p.person_name for p in interview.people} == {"Ana Ruiz", "Bo Li"}


def test_events_are_followed_up_the_day_after(jordan, django_assert_num_queries):
    ana, bo = make_person(jordan, "Ana Ruiz"), make_person(jordan, "Bo Li")
    meetup = Event.objects.create(owner=jordan, name="Product meetup", day=on(-1))
    for person in (ana, bo):
        EventPerson.objects.create(owner=jordan, event=meetup, person=person, met_here=True)
    with django_assert_num_queries(1):
        [state] = event_states(jordan, DAY)
    assert {p.person_name for p in state.people} == {"Ana Ruiz", "Bo Li"}
    [item] = [i for i in today_agenda(owner=jordan, today=DAY).items if i.event_id]
    assert "you met Ana Ruiz and Bo Li" in item.reason
    talk(jordan, ana, DAY)
    [item] = [i for i in today_agenda(owner=jordan, today=on(7)).items if i.event_id]
    assert item.reason == "Product meetup was 8 days ago; not yet followed up: Bo Li."


def test_nobody_sees_anothers_search_items(jordan, riley, orion):
    lead, _, _ = orion
    services.move_lead(owner=jordan, lead_id=lead.pk, stage="referred", today=DAY)
    meetup = Event.objects.create(owner=jordan, name="Meetup", day=on(-1))
    EventPerson.objects.create(owner=jordan, event=meetup, person=orion[1])
    assert lead_states(riley, DAY) == []
    assert event_states(riley, DAY) == []
    assert today_agenda(owner=riley, today=DAY).items == ()
    with pytest.raises(Lead.DoesNotExist):
        services.thank_referrer(owner=riley, lead_id=lead.pk, person_id=orion[1].pk, today=DAY)


# --- landing ---


def land(owner, lead, day=DAY):
    services.move_lead(owner=owner, lead_id=lead.pk, stage="offer", today=day)
    return services.move(owner=owner, lead_id=lead.pk, stage="accepted", today=day)


def test_accepting_an_offer_lands_you_in_keep_in_touch_mode(jordan, orion):
    lead, ana, _bo = orion
    cy = make_person(jordan, "Cy Wu")
    ledger.record_exchange(
        owner=jordan, person_id=cy.pk, direction="received", kind="advice", text="CV review",
        occurred_on=on(-10),
    )  # fmt: skip
    moved = land(jordan, lead)
    assert moved.landed is not None
    assert (moved.landed.on, moved.landed.check_in_on) == (DAY, on(CHECK_IN_DAYS))
    assert moved.landed.check_ins == 2  # Ana (referrer), Cy (advice); Bo did nothing
    assert preferences_of(jordan).landed_on == DAY
    promises = Promise.objects.filter(owner=jordan, text=CHECK_IN_TEXT)
    assert {(p.person_id, p.due_on) for p in promises} == {
        (ana.pk, on(CHECK_IN_DAYS)),
        (cy.pk, on(CHECK_IN_DAYS)),
    }
    # Landing again (another offer) changes nothing more.
    other = services.create_lead(owner=jordan, title="Analyst", today=DAY)
    assert land(jordan, other).landed is None
    assert promises.count() == 2


def test_keep_in_touch_mode_relaxes_cadences_on_the_agenda(jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close")  # every 30 days
    talk(jordan, rosa, on(-40))
    assert ItemKind.KEEP_IN_TOUCH in kinds(jordan, DAY)
    lead = services.create_lead(owner=jordan, title="Designer", today=on(-50))
    land(jordan, lead)
    assert ItemKind.KEEP_IN_TOUCH not in kinds(jordan, DAY)
    assert ItemKind.KEEP_IN_TOUCH in kinds(jordan, on(21))  # 60 days since
    assert ItemKind.KEEP_IN_TOUCH in [
        i.kind for i in today_agenda(owner=jordan, today=DAY, maintenance=False).items
    ]


def test_going_back_to_searching_removes_open_check_ins_only(jordan, orion):
    lead, ana, _ = orion
    land(jordan, lead)
    kept = Promise.objects.get(owner=jordan, person=ana, text=CHECK_IN_TEXT)
    kept.done_at = dt.datetime(2026, 3, 3, tzinfo=dt.UTC)
    kept.save()
    cy = make_person(jordan, "Cy Wu")
    Promise.objects.create(owner=jordan, person=cy, text="Send Cy the article", due_on=DAY)
    assert landed.back_to_searching(owner=jordan) is True
    assert preferences_of(jordan).landed_on is None
    assert list(
        Promise.objects.filter(owner=jordan).values_list("text", flat=True).order_by("id")
    ) == [
        CHECK_IN_TEXT,
        "Send Cy the article",
    ]
    assert landed.back_to_searching(owner=jordan) is False


def test_taking_the_only_accepted_offer_back_goes_back_to_searching(jordan, orion):
    lead, _, _ = orion
    land(jordan, lead)
    moved = services.move(owner=jordan, lead_id=lead.pk, stage="offer", today=DAY)
    assert moved.back_to_searching is True
    assert preferences_of(jordan).landed_on is None
    assert not Promise.objects.filter(owner=jordan).exists()


def test_an_interview_day_needs_a_move_to_interviewing(jordan, orion):
    lead, _, _ = orion
    with pytest.raises(ValidationError) as error:
        services.move(owner=jordan, lead_id=lead.pk, stage="applied", interview_on=DAY)
    assert "interview_on" in error.value.message_dict
    lead.refresh_from_db()
    assert (lead.stage, lead.interview_on) == ("heard", None)


# --- everyone who helped ---


def test_everyone_who_helped_comes_from_the_ledger_the_leads_and_introductions(jordan, orion):
    lead, _ana, bo = orion
    cy, di, old = (
        make_person(jordan, "Cy Wu"),
        make_person(jordan, "Di Ng"),
        make_person(jordan, "Old Pal"),
    )
    ledger.record_exchange(
        owner=jordan, person_id=cy.pk, direction="received", kind="advice", text="CV review",
        occurred_on=on(-10),
    )  # fmt: skip
    ledger.record_exchange(
        owner=jordan, person_id=old.pk, direction="received", kind="advice", text="Before",
        occurred_on=on(-400),
    )  # fmt: skip
    intro = introductions.request_introduction(
        owner=jordan, introducer_id=di.pk, target_id=bo.pk, on=on(-20)
    )
    introductions.move_introduction(
        owner=jordan, introduction_id=intro.pk, status="made", on=on(-15)
    )
    land(jordan, lead)
    thanks = everyone_who_helped(owner=jordan, today=DAY)
    said = {h.person_name: [x.said for x in h.helped] for h in thanks.helpers}
    assert said == {
        "Ana Ruiz": ["referred you for Product Designer at Orion"],
        "Cy Wu": ["gave you advice: “CV review”"],
        "Di Ng": ["introduced you to Bo Li"],
    }
    assert thanks.landed_lead == "Product Designer at Orion"
    assert thanks.waiting == 3
    draft = thank_you_draft(jordan, thanks.helpers[0], thanks)
    assert "I have accepted an offer: Product Designer at Orion" in draft.text
    talk(jordan, cy, DAY, "Thank you!")
    thanks = everyone_who_helped(owner=jordan, today=DAY)
    assert [h.person_name for h in thanks.helpers if h.thanked] == ["Cy Wu"]
    assert thanks.helpers[-1].person_name == "Cy Wu"


def test_everyone_who_helped_is_empty_without_a_search(jordan, riley, orion):
    assert everyone_who_helped(owner=riley, today=DAY).helpers == []

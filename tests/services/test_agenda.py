import datetime as dt

from mutuals.agenda.selectors import contact_states, today_agenda
from mutuals.core.agenda import AgendaLimits, ItemKind, build_agenda
from mutuals.people import services as people_services
from tests.factories import days_ago, log, make_person, make_promise


def kinds_for(agenda, person):
    return {item.kind for item in agenda.items if item.person_id == person.pk}


def test_a_due_promise_is_on_the_agenda_with_a_reason(jordan):
    rosa = make_person(jordan)
    make_promise(jordan, rosa, "Send Rosa the article", due_in=-2)
    item = today_agenda(owner=jordan).items[0]
    assert (item.kind, item.person_id, item.text) == (
        ItemKind.PROMISE,
        rosa.pk,
        "Send Rosa the article",
    )
    assert "overdue" in item.reason


def test_a_future_or_done_promise_is_not(jordan):
    make_promise(jordan, due_in=3)
    assert today_agenda(owner=jordan).items == ()


def test_an_overdue_contact_is_due_for_keep_in_touch(jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=94)
    item = next(i for i in today_agenda(owner=jordan).items if i.person_id == rosa.pk)
    assert item.kind == ItemKind.KEEP_IN_TOUCH
    assert "Last talked 3 months ago" in item.reason


def test_someone_met_this_week_without_follow_up_is_a_new_acquaintance(jordan):
    jin = make_person(jordan, "Jin Park", tier="acquaintance")
    log(jordan, jin, "Met at the meetup", days=3, kind="event")
    assert kinds_for(today_agenda(owner=jordan), jin) == {ItemKind.NEW_ACQUAINTANCE}


def test_a_once_strong_silent_tie_is_dormant(jordan):
    old = make_person(jordan, "Old Friend", tier="friend", known_since=days_ago(3000))
    for days in range(1100, 1200, 10):
        log(jordan, old, days=days, kind="coffee")
    assert kinds_for(today_agenda(owner=jordan), old) == {ItemKind.DORMANT}


def test_snoozing_a_person_hides_them(jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=94)
    people_services.snooze_person(
        owner=jordan, person_id=rosa.pk, until=dt.date.today() + dt.timedelta(days=7)
    )
    assert kinds_for(today_agenda(owner=jordan), rosa) == set()


def test_archived_people_and_people_you_only_know_of_never_appear(jordan):
    archived = make_person(jordan, "Archie", tier="close", known_since=days_ago(400))
    people_services.archive_person(owner=jordan, person_id=archived.pk)
    make_person(jordan, "Known Of", tier=None, known_since=days_ago(400))
    assert today_agenda(owner=jordan).items == ()


def test_riley_sees_none_of_jordans_agenda(jordan, riley):
    make_promise(jordan, make_person(jordan), due_in=-1)
    assert today_agenda(owner=riley).items == ()


def test_the_sql_prefilter_never_changes_the_agenda(jordan):
    """The SQL candidate filter must agree with core.agenda on a varied network."""
    for index, tier in enumerate(["inner", "close", "friend", "meaningful", "acquaintance"] * 6):
        person = make_person(jordan, f"Person {index}", tier=tier, known_since=days_ago(1500))
        for days in range(index * 37 % 1300, 1400, 120 + index * 11):
            log(jordan, person, days=days, kind="coffee")
    make_person(jordan, "Brand New", tier="acquaintance")
    once_close = make_person(jordan, "Once Close", tier="friend", known_since=days_ago(3000))
    for days in range(800, 900, 10):
        log(jordan, once_close, days=days, kind="coffee")
    today = dt.date.today()
    everyone = contact_states(jordan, today, prefilter=False)
    unlimited = AgendaLimits(keep_in_touch=1000, new_acquaintance=1000, dormant=1000)
    expected = build_agenda([], everyone, today, unlimited)
    assert today_agenda(owner=jordan, today=today, limits=unlimited).items == expected.items
    assert {item.kind for item in expected.items} >= {
        ItemKind.KEEP_IN_TOUCH,
        ItemKind.DORMANT,
        ItemKind.NEW_ACQUAINTANCE,
    }

"""needs.selectors.needs_for_review: the weekly review read from the database."""

from django.utils import timezone

from mutuals.core.review import MY_NEED_ACTION, OVER_A_MONTH, THIS_MONTH, THIS_WEEK
from mutuals.needs import services as need_services
from mutuals.needs.selectors import needs_for_review
from mutuals.people import services as people_services
from tests.factories import days_ago, make_person
from tests.give_and_take import noted


def review(owner):
    return needs_for_review(owner=owner, today=timezone.localdate())


def test_open_needs_come_oldest_first_grouped_by_age_with_whose_and_what_to_do(jordan):
    rosa = make_person(jordan)
    old = noted(jordan, rosa, "Intro to a UX lead", days=45, kind="introduction")
    month = noted(jordan, None, "Advice on a pay offer", days=12)
    week = noted(jordan, rosa, "Job leads in fintech", days=2, kind="job_lead")
    entries = review(jordan)
    assert [(e.need_id, e.group, e.age_days) for e in entries] == [
        (old.pk, OVER_A_MONTH, 45),
        (month.pk, THIS_MONTH, 12),
        (week.pk, THIS_WEEK, 2),
    ]
    assert [e.whose for e in entries] == ["Rosa Núñez", "you", "Rosa Núñez"]
    assert [e.action for e in entries] == [
        "when something fits, offer Rosa an introduction",
        MY_NEED_ACTION,
        "when something fits, share with Rosa",
    ]


def test_the_last_review_date_is_shown_and_decides_what_is_due(jordan):
    need = noted(jordan, days=90)
    need_services.mark_reviewed(owner=jordan, need_ids=[need.pk], on=days_ago(3))
    (entry,) = review(jordan)
    assert (entry.reviewed_on, entry.due) == (days_ago(3), False)


def test_closed_needs_and_archived_peoples_needs_are_not_reviewed(jordan):
    rosa, gone = make_person(jordan), make_person(jordan, "Gone Person")
    done = noted(jordan, rosa, days=5)
    need_services.close_need(owner=jordan, need_id=done.pk, status="dropped")
    noted(jordan, gone, days=5)
    people_services.archive_person(owner=jordan, person_id=gone.pk)
    assert review(jordan) == []


def test_the_review_is_one_query(jordan, django_assert_num_queries):
    for n in range(5):
        noted(jordan, make_person(jordan, f"Person {n}"), days=n * 10)
    with django_assert_num_queries(1):
        assert len(review(jordan)) == 5


def test_riley_reviews_none_of_jordans_needs(jordan, riley):
    noted(jordan, make_person(jordan), days=40)
    noted(jordan, None, days=40)
    assert review(riley) == []

"""Answers kept until the owner's records change (changes/kept.py): one mechanism for Today's
plan, the People list and a person's page."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from mutuals.changes import kept
from mutuals.changes.kept import Kept, Shelf
from mutuals.changes.tracking import bump, scope
from mutuals.people.models import Person
from tests.factories import make_person

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def shelf():
    shelf = Shelf("test", 4)
    yield shelf
    kept._shelves.remove(shelf)


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def test_an_answer_is_computed_once_while_nothing_changes(jordan, shelf):
    make_person(jordan)
    compute = Counter()
    assert Kept(jordan, DAY).get("x", compute, shelf) == 1
    assert Kept(jordan, DAY).get("x", compute, shelf) == 1
    assert compute.calls == 1


def test_a_bump_of_the_owner_computes_again(jordan, shelf):
    compute = Counter()
    Kept(jordan, DAY).get("x", compute, shelf)
    bump(jordan.pk)
    assert Kept(jordan, DAY).get("x", compute, shelf) == 2


def test_a_write_by_this_process_outside_a_request_computes_again(jordan, shelf):
    compute = Counter()
    Kept(jordan, DAY).get("x", compute, shelf)
    make_person(jordan)  # as a test or a shell would: this process's generation moves
    assert Kept(jordan, DAY).get("x", compute, shelf) == 2


def test_each_owner_day_and_question_is_kept_apart(jordan, riley, shelf):
    compute = Counter()
    Kept(jordan, DAY).get("x", compute, shelf)
    Kept(riley, DAY).get("x", compute, shelf)
    Kept(jordan, DAY + dt.timedelta(days=1)).get("x", compute, shelf)
    Kept(jordan, DAY).get("y", compute, shelf)
    assert compute.calls == 4
    assert Kept(jordan, DAY).get("x", compute, shelf) == 1


def test_once_a_request_wrote_its_answers_are_computed_and_not_kept(jordan, shelf):
    compute = Counter()
    with scope():
        answers = Kept(jordan, DAY)
        assert answers.get("x", compute, shelf) == 1
        Person.objects.create(owner=jordan, first_name="Jin", full_name="Jin", search_name="jin")
        # the stamp read at the start no longer says what the records are
        assert answers.get("x", compute, shelf) == 2
        assert answers.get("y", compute, shelf) == 3
    bump(jordan.pk)  # what the request's end does
    assert Kept(jordan, DAY).get("y", compute, shelf) == 4


def test_a_shelf_keeps_its_bound_dropping_the_least_recently_used(jordan, shelf):
    compute = Counter()
    answers = Kept(jordan, DAY)
    for what in ("a", "b", "c", "d"):
        answers.get(what, compute, shelf)
    answers.get("a", compute, shelf)  # used again: "b" is now the oldest
    answers.get("e", compute, shelf)
    assert len(shelf) == 4
    assert answers.get("a", compute, shelf) == 1
    assert answers.get("b", compute, shelf) == 6  # dropped, computed again


def test_one_shelf_filling_up_leaves_the_others(jordan, shelf):
    other = Shelf("other", 4)
    try:
        compute = Counter()
        answers = Kept(jordan, DAY)
        answers.get("plan", compute, other)
        for i in range(10):
            answers.get(i, compute, shelf)
        assert answers.get("plan", compute, other) == 1
    finally:
        kept._shelves.remove(other)


def test_forget_empties_every_shelf(jordan, shelf):
    compute = Counter()
    Kept(jordan, DAY).get("x", compute, shelf)
    kept.forget()
    assert len(shelf) == 0
    assert Kept(jordan, DAY).get("x", compute, shelf) == 2


def test_an_answer_wanted_by_many_at_once_is_computed_once(jordan, shelf):
    import threading

    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        started.set()
        release.wait(10)
        return "plan"

    answers = Kept(jordan, DAY)  # the stamp is read here, in the test's own connection
    got: list[str] = []
    first = threading.Thread(target=lambda: got.append(answers.get("x", slow, shelf)))
    first.start()
    assert started.wait(10)
    others = [
        threading.Thread(target=lambda: got.append(answers.get("x", slow, shelf))) for _ in range(3)
    ]
    for thread in others:
        thread.start()
    time.sleep(0.2)  # let them reach the wait (the test passes either way; this makes it bite)
    release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert got == ["plan"] * 4
    assert len(calls) == 1


def test_when_the_computing_request_fails_the_others_compute_it(jordan, shelf):
    import threading

    started, release = threading.Event(), threading.Event()

    def failing() -> str:
        started.set()
        release.wait(10)
        raise RuntimeError("database gone")

    answers = Kept(jordan, DAY)
    errors: list[Exception] = []

    def first() -> None:
        try:
            answers.get("x", failing, shelf)
        except RuntimeError as error:
            errors.append(error)

    thread = threading.Thread(target=first)
    thread.start()
    assert started.wait(10)
    got: list[str] = []
    waiting = threading.Thread(target=lambda: got.append(answers.get("x", lambda: "ok", shelf)))
    waiting.start()
    time.sleep(0.2)  # as above: let it wait for the failing one
    release.set()
    thread.join(10)
    waiting.join(10)
    assert len(errors) == 1
    assert got == ["ok"]


def test_an_answer_asked_for_again_while_computing_it_does_not_wait(jordan, shelf):
    answers = Kept(jordan, DAY)
    assert answers.get("x", lambda: answers.get("x", lambda: "inner", shelf), shelf) == "inner"

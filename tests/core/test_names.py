import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mutuals.core.names import fold, resolve_name

PEOPLE = [
    (1, "Rosa Núñez"),
    (2, "Rosalind Franklin"),
    (3, "José Álvarez"),
    (4, "Jim O'Brien"),
    (5, "Dana  Lee"),
]

ACCENTS = ["\u0300", "\u0301", "\u0302", "\u0303", "\u0308", "\u030a", "\u0327"]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'-", min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)


@st.composite
def disguised(draw: st.DrawFn, name: str) -> str:
    """The same name with random capitals, accents and spacing."""
    letters = []
    for ch in name:
        if ch == " ":
            letters.append(draw(st.sampled_from([" ", "  ", "\t"])))
            continue
        ch = ch.upper() if draw(st.booleans()) else ch
        letters.append(ch + draw(st.sampled_from(["", *ACCENTS])))
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), "".join(letters))


@st.composite
def directories(draw: st.DrawFn) -> list[tuple[int, str]]:
    """People whose names stay distinct once folded."""
    unique = draw(st.lists(names, min_size=1, max_size=12, unique_by=fold))
    return list(enumerate(unique, start=1))


def test_fold_drops_accents_and_case_and_collapses_spaces() -> None:
    assert fold("  Rosa   NÚÑEZ ") == "rosa nunez"


def test_fold_turns_compatibility_characters_into_plain_letters() -> None:
    assert fold("ﬁona Straße") == "fiona strasse"


@given(st.text())
def test_folding_twice_is_folding_once(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def folded_the_long_way(text: str) -> str:
    """fold's definition without its shortcut for ASCII text."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_the_shortcut_for_ascii_folds_as_the_long_way_does(text: str) -> None:
    fold.cache_clear()
    assert fold(text) == folded_the_long_way(text)


def test_an_exact_name_without_accents_is_found() -> None:
    assert resolve_name("rosa nunez", PEOPLE).person_id == 1


def test_a_first_name_alone_is_found_when_only_one_person_starts_that_way() -> None:
    assert resolve_name("jose", PEOPLE).person_id == 3


def test_a_surname_alone_is_found() -> None:
    assert resolve_name("franklin", PEOPLE).person_id == 2


def test_word_prefixes_in_order_find_the_person() -> None:
    assert resolve_name("ro nu", PEOPLE).person_id == 1


def test_word_prefixes_out_of_order_do_not_match() -> None:
    assert resolve_name("nu ro", PEOPLE).status == "missing"


def test_a_prefix_shared_by_two_people_is_ambiguous_and_lists_them_by_name() -> None:
    match = resolve_name("ros", PEOPLE)
    assert (match.status, match.person_id) == ("ambiguous", None)
    assert match.suggestions == ((1, "Rosa Núñez"), (2, "Rosalind Franklin"))


def test_an_exact_full_name_wins_over_longer_names_starting_the_same_way() -> None:
    people = [(1, "Ana"), (2, "Ana Lucía"), (3, "Anabel")]
    assert resolve_name("ana", people).person_id == 1


def test_two_people_with_the_same_name_are_ambiguous() -> None:
    people = [(7, "Ana Silva"), (8, "Ana Silva")]
    match = resolve_name("Ana Silva", people)
    assert (match.status, match.suggestions) == ("ambiguous", ((7, "Ana Silva"), (8, "Ana Silva")))


def test_ambiguous_prefixes_list_at_most_ten_people() -> None:
    people = [(n, f"Sam {n:02}") for n in range(15)]
    assert len(resolve_name("sam", people).suggestions) == 10


def test_a_misspelt_name_is_missing_with_close_suggestions() -> None:
    match = resolve_name("rossa", PEOPLE)
    assert match.status == "missing"
    assert (1, "Rosa Núñez") in match.suggestions


def test_an_unknown_name_is_missing_with_no_far_fetched_suggestions() -> None:
    assert resolve_name("xavier", PEOPLE).suggestions == ()


def test_an_empty_query_matches_nobody() -> None:
    assert resolve_name("   ", PEOPLE).status == "missing"


def test_close_suggestions_are_at_most_five() -> None:
    people = [(n, f"Kim{n}") for n in range(10)]
    match = resolve_name("kym", people)
    assert match.status == "missing"
    assert len(match.suggestions) <= 5


@given(people=directories(), data=st.data())
def test_each_person_own_name_resolves_to_them_when_names_are_unique(
    people: list[tuple[int, str]], data: st.DataObject
) -> None:
    person_id, name = data.draw(st.sampled_from(people))
    match = resolve_name(name, people)
    assert (match.status, match.person_id) == ("found", person_id)


@given(people=directories(), data=st.data())
def test_accents_case_and_spacing_never_change_the_answer(
    people: list[tuple[int, str]], data: st.DataObject
) -> None:
    query = data.draw(names | st.sampled_from([name for _, name in people]))
    assert resolve_name(data.draw(disguised(query)), people) == resolve_name(query, people)


@given(people=directories(), data=st.data())
def test_a_query_matching_several_people_is_never_found(
    people: list[tuple[int, str]], data: st.DataObject
) -> None:
    _, name = data.draw(st.sampled_from(people))
    twin = (len(people) + 1, data.draw(disguised(name)))
    match = resolve_name(name, [*people, twin])
    assert match.status == "ambiguous"
    assert match.person_id is None
    assert twin in match.suggestions


@given(people=directories(), data=st.data())
def test_a_found_person_stays_found_when_others_leave_the_list(
    people: list[tuple[int, str]], data: st.DataObject
) -> None:
    _, name = data.draw(st.sampled_from(people))
    query = name[: data.draw(st.integers(1, len(name)))]
    match = resolve_name(query, people)
    assume(match.status == "found")
    fewer = [p for p in people if p[0] == match.person_id or data.draw(st.booleans())]
    assert resolve_name(query, fewer) == match


@pytest.mark.parametrize("query", ["ROSA NÚÑEZ", "rosa núñez", "Rosa Nunez", " rosa  nunez "])
def test_the_same_person_is_found_however_the_name_is_typed(query: str) -> None:
    assert resolve_name(query, PEOPLE).person_id == 1

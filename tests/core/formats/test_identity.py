import os
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuals.core.formats.dedupe import NICKNAMES, name_key, names_agree
from mutuals.core.formats.nicknames import given_name_groups


def agree_both_ways(a, b):
    return names_agree(a, b) and names_agree(b, a)


def disagree_both_ways(a, b):
    return not names_agree(a, b) and not names_agree(b, a)


# The same person


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ROSA NÚÑEZ", "rosa nunez"),
        ("Siobhán O'Neill", "Siobhan ONeill"),
        ("Seán O'Neill", "Sean O Neill"),
        ("Jürgen Müller", "Juergen Mueller"),
        ("Jürgen Müller", "Jurgen Muller"),
        ("Chiamaka Nwosu-Adebayo", "Chiamaka Nwosu Adebayo"),
    ],
)
def test_accents_case_apostrophes_and_hyphens_do_not_make_another_person(a, b):
    assert agree_both_ways(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dr. Rosa Núñez", "Rosa Núñez"),
        ("Mr Kwame Mensah", "Kwame Mensah"),
        ("Prof. Dr. Hans-Peter Schäfer", "Hans-Peter Schäfer"),
        ("Aoife Murphy PhD", "Aoife Murphy"),
        ("Priya Raghunathan, MBA", "Priya Raghunathan"),
        ("Robert Smith Jr.", "Robert Smith"),
        ("Smith, John, Jr.", "John Smith"),
    ],
)
def test_titles_and_suffixes_are_ignored(a, b):
    assert agree_both_ways(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rosa María Núñez", "Rosa Núñez"),
        ("José Luis García", "José García"),
        ("Chinedu Emmanuel Okeke", "Chinedu Okeke"),
    ],
)
def test_middle_names_are_ignored(a, b):
    assert agree_both_ways(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Liz Taylor", "Elizabeth Taylor"),
        ("Bob Okonkwo", "Robert Okonkwo"),
        ("Kate Byrne", "Catherine Byrne"),
        ("Kate Byrne", "Katherine Byrne"),
        ("Sasha Ivanova", "Alexandra Ivanova"),
        ("Sasha Ivanov", "Alexander Ivanov"),
        ("Pepe Fernández", "José Fernández"),
        ("Paco Ruiz", "Francisco Ruiz"),
        ("Emeka Eze", "Chukwuemeka Eze"),
        ("Tunde Bakare", "Babatunde Bakare"),
        ("Venky Iyer", "Venkatesh Iyer"),
        ("Md Rahman", "Mohammed Rahman"),
        ("Hans Becker", "Johannes Becker"),
    ],
)
def test_nicknames_and_spellings_of_a_given_name_agree(a, b):
    assert agree_both_ways(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("J. Smith", "Jane Smith"),
        ("J Smith", "John Smith"),
        ("R. Okafor", "Bob Okafor"),  # R for Robert
        ("John S.", "John Smith"),
        ("J. Edgar Hoover", "Edgar Hoover"),
        ("S. Ramanathan", "Ramanathan Subramanian"),  # a Tamil initial: the father's name
    ],
)
def test_initials_agree_with_the_names_they_start(a, b):
    assert agree_both_ways(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Wang Xiaoming", "Xiaoming Wang"),
        ("Núñez, Rosa", "Rosa Núñez"),
        ("García López, Rosa", "Rosa García López"),
        ("Nguyen Van An", "An Nguyen"),
        ("Nagy Anna Mária", "Anna Mária Nagy"),
        ("Dr. Núñez, Rosa", "Rosa Núñez"),
    ],
)
def test_names_in_either_order_agree(a, b):
    assert agree_both_ways(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("王小明", "王 小明"),
        ("小明 王", "王小明"),
        ("王小明", "王小明先生"),
        ("王先生", "王小明"),  # Mr Wang
        ("山田太郎", "山田 太郎"),
        ("김민준", "김 민준"),
        ("王小明 (Xiaoming Wang)", "Xiaoming Wang"),
    ],
)
def test_names_in_chinese_japanese_or_korean_agree_with_or_without_a_space(a, b):
    assert agree_both_ways(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rosa García López", "Rosa García"),
        ("García López", "García"),
        ("Ngozi Okonjo-Iweala", "Ngozi Okonjo"),
        ("Ngozi Okonjo-Iweala", "Ngozi Iweala"),
        ("Ahmed Al-Sayed", "Ahmed Alsayed"),
    ],
)
def test_part_of_a_compound_family_name_agrees(a, b):
    assert agree_both_ways(a, b)


@pytest.mark.parametrize("other", ["", "   ", "—", "Bob Smith", "王小明"])
def test_an_empty_name_agrees_with_any_name(other):
    assert agree_both_ways("", other)


def test_a_one_word_name_agrees_with_a_name_containing_it():
    assert agree_both_ways("Rosa", "Rosa Núñez")


# Different people


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Alice Smith", "Bob Smith"),
        ("John Smith", "Jane Smith"),
        ("Samuel Okafor", "Samantha Okafor"),
        ("Paul Müller", "Paula Müller"),
        ("Daniel Fernández", "Daniela Fernández"),
        ("Adaeze Obi", "Chukwuemeka Obi"),
        ("Priya Sharma", "Rahul Sharma"),
        ("Wang Xiaoming", "Wang Xiaohong"),
    ],
)
def test_different_given_names_disagree(a, b):
    assert disagree_both_ways(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("John Smith", "John Jones"),
        ("Priya Sharma", "Priya Patel"),
        ("Rosa García López", "Rosa Pérez"),
        ("Siobhán O'Neill", "Siobhán Byrne"),
    ],
)
def test_different_family_names_disagree(a, b):
    assert disagree_both_ways(a, b)


def test_a_middle_initial_is_not_taken_for_a_family_name():
    assert disagree_both_ways("John A. Smith", "John Anderson")


def test_a_middle_name_is_not_taken_for_the_given_name():
    assert disagree_both_ways("John Paul Smith", "Paul Smith")


def test_different_generations_disagree():
    assert disagree_both_ways("Robert Smith Jr.", "Robert Smith Sr.")


@pytest.mark.parametrize(("a", "b"), [("王小明", "王小红"), ("山田太郎", "山田花子")])
def test_different_names_in_chinese_or_japanese_disagree(a, b):
    assert disagree_both_ways(a, b)


def test_names_in_different_scripts_disagree_because_nothing_shows_they_are_one():
    assert disagree_both_ways("王小明", "Xiaoming Wang")


def test_ma_and_ba_are_family_names_not_degrees():
    assert disagree_both_ways("Yun Ma", "Yun Li")


def test_a_one_word_remark_in_brackets_is_not_a_second_name():
    # A maiden name in brackets must not let Alice pass for Bob Smith.
    assert disagree_both_ways("Alice Jones (Smith)", "Bob Smith")


# Nicknames


def test_a_nickname_of_two_names_agrees_with_both_but_they_stay_apart():
    assert agree_both_ways("Sam Okafor", "Samuel Okafor")
    assert agree_both_ways("Sam Okafor", "Samantha Okafor")


def test_every_nickname_key_is_a_group_of_its_name():
    assert all(formal in given_name_groups(nick) for nick, formal in NICKNAMES.items())


def test_name_keys_map_newly_known_nicknames_too():
    assert name_key("Sasha Petrov") == name_key("Alexander Petrov")


def test_agreeing_on_plain_names_never_loads_nameparser():
    code = (
        "import sys\n"
        "from mutuals.core.formats.dedupe import names_agree\n"
        "names_agree('Bob Smith', 'Robert Smith'); names_agree('Smith, J.', 'Jane Smith')\n"
        "print('nameparser' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# Properties

given_names = st.sampled_from(
    ["Rosa", "Xiaoming", "Chukwuemeka", "Siobhán", "Priya", "Jürgen", "Ngozi", "José", "Aoife",
     "Venkatesh", "Bob", "J.", "Ana María", "Hans-Peter"]
)  # fmt: skip
family_names = st.sampled_from(
    ["Núñez", "Wang", "Okonkwo", "O'Neill", "Raghunathan", "Müller", "García López", "Eze",
     "Byrne", "Iyer", "Smith", "Okonjo-Iweala"]
)  # fmt: skip
titles = st.sampled_from(["", "Dr. ", "Mrs ", "Prof. "])
suffixes = st.sampled_from(["", " Jr.", " PhD", ", MBA"])


@given(st.text(), st.text())
def test_agreement_is_symmetric_for_any_text(a, b):
    assert names_agree(a, b) == names_agree(b, a)


@given(st.text())
def test_any_text_agrees_with_itself(a):
    assert names_agree(a, a)


@given(titles, given_names, family_names, suffixes, given_names, family_names)
def test_agreement_is_symmetric_for_real_names(title, given, family, suffix, given2, family2):
    a, b = f"{title}{given} {family}{suffix}", f"{given2} {family2}"
    assert names_agree(a, b) == names_agree(b, a)


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@settings(max_examples=500)
@given(titles, given_names, family_names, suffixes, st.integers(0, 5))
def test_a_name_agrees_with_itself_reordered_stripped_of_accents_or_recased(
    title, given, family, suffix, how
):
    name = f"{title}{given} {family}{suffix}"
    other = [
        f"{family}, {given}",
        f"{family} {given}",
        strip_accents(name),
        name.upper(),
        name.lower(),
        strip_accents(f"{family.upper()}, {given.lower()}{suffix}"),
    ][how]
    assert names_agree(name, other)

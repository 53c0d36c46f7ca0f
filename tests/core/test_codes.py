"""Invitation codes: typed back however the reader likes, they hash the same; two are unlikely
to be alike; the alphabet has no look-alikes."""

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.codes import ALPHABET, CODE_LENGTH, hash_code, new_code, normalise_code


def test_a_new_code_is_three_groups_of_four_from_the_alphabet():
    code = new_code()
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert len(normalise_code(code)) == CODE_LENGTH


def test_the_alphabet_has_no_look_alikes():
    assert not set("01OI") & set(ALPHABET)


@given(st.sampled_from([str.lower, str.upper, lambda c: c.replace("-", " "), lambda c: f" {c} "]))
def test_a_code_typed_in_another_case_or_spacing_hashes_the_same(typed):
    code = new_code()
    assert hash_code(typed(code)) == hash_code(code)


def test_another_code_hashes_differently():
    assert hash_code("ABCD-EFGH-JKLM") != hash_code("ABCD-EFGH-JKLN")

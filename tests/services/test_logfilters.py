"""mutuals.logfilters.redact: a secret in a path or query never survives, nothing else
changes, and redacting twice is redacting once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mutuals.logfilters import redact

# Anything a path segment may hold but a separator (a %-escape stands for a slash at worst).
SECRET = st.text(
    alphabet=st.characters(
        blacklist_characters="/?#&%\"'<> \t\r\n", blacklist_categories=("Cs", "Zs", "Cc")
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s not in ("sent", "done"))
AROUND = st.sampled_from(["Not Found: ", '"GET ', "Exception while serving ", ""])
AFTER = st.sampled_from(["/", ' HTTP/1.1" 404 12', "", "?level=plan", "/ trailing words"])
# Each path with a secret, and how it reads once the secret is hidden.
PATHS = st.sampled_from(
    [
        ("/invite/{}", "/invite/[hidden]"),
        ("/coaching/join/{}", "/coaching/join/[hidden]"),
        ("/groups/join/{}", "/groups/join/[hidden]"),
        ("/password-reset/MQ/{}", "/password-reset/[hidden]"),
        ("/feed/{}.ics", "/feed/[hidden]"),
        ("/a?code={}&b=1", "/a?code=[hidden]&b=1"),
    ]
)


@given(AROUND, PATHS, SECRET, AFTER)
def test_a_secret_in_a_path_never_survives(before, path, secret, after):
    shape, expected = path
    hidden = redact(before + shape.format(secret) + after)
    assert hidden == before + expected + after
    assert redact(hidden) == hidden


@given(st.text(alphabet=st.characters(blacklist_characters="/?&")))
def test_text_without_a_path_or_query_is_left_alone(text):
    assert redact(text) == text


def test_ordinary_paths_are_left_alone():
    for path in (
        "/people/12/",
        "/coaching/",
        "/coaching/code",
        "/password-reset/sent",
        "/invite/",
        "/groups/12/",
        "/groups/code",
    ):
        assert redact(f"Not Found: {path}") == f"Not Found: {path}"


def test_a_path_inside_a_query_is_hidden_too():
    for line, hidden in (
        ("GET /login/?next=/coaching/join/ABCD-EFGH HTTP/1.1", "next=/coaching/join/[hidden] "),
        ("GET /login/?next=/groups/join/ABCD-EFGH HTTP/1.1", "next=/groups/join/[hidden] "),
        ("GET /login/?next=%2Finvite%2FABCD%2F HTTP/1.1", "next=%2Finvite%2F[hidden]%2F "),
        ("/login/?next=%2fpassword-reset%2fMQ%2ftok-1%2f", "next=%2fpassword-reset%2f[hidden]%2f"),
    ):
        assert hidden in redact(line)
        assert "ABCD" not in redact(line)
        assert "tok-1" not in redact(line)

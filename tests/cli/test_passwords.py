"""Passwords for `mutuals user create|passwd`: asked for twice at a terminal, read from stdin
when it is a pipe (with or without --password-stdin), never an abort or a traceback."""

from __future__ import annotations

import os
import pty
import select
import termios
import time
from pathlib import Path

from django.contrib.auth import authenticate, get_user_model

from mutuals.accounts.models import ApiToken
from mutuals.accounts.services import create_token
from mutuals.cli.errors import ExitCode
from tests.cli.conftest import failed
from tests.cli.test_dispatch import user_environment
from tests.cli.test_first_run import MUTUALS, run, users_in

PASSWORD = "a-long-pass-phrase-9"
NEVER_ANSWERS = 60.0  # seconds: only a safety net against a hung child, never a measure


def test_a_piped_password_needs_no_flag(mutuals):
    result = mutuals("user", "create", "dana", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert authenticate(username="dana", password=PASSWORD) is not None


def test_a_pipe_may_answer_both_prompts(mutuals):
    result = mutuals("user", "create", "dana", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert authenticate(username="dana", password=PASSWORD) is not None


def test_two_different_piped_passwords_are_refused(mutuals):
    result = mutuals("user", "create", "dana", input=f"{PASSWORD}\nsomething else\n")
    assert "differ" in failed(result, ExitCode.INVALID)
    assert not get_user_model().objects.exists()


def test_an_empty_pipe_says_what_to_do(mutuals):
    message = failed(mutuals("user", "create", "dana", input=""), ExitCode.INVALID)
    assert "--password-stdin" in message
    assert "at a terminal" in message
    assert not get_user_model().objects.exists()


def test_an_empty_pipe_with_the_flag_says_what_to_do_too(mutuals, jordan):
    result = mutuals("user", "passwd", "jordan", "--password-stdin", input="\n")
    assert "No password came in on stdin" in failed(result, ExitCode.INVALID)


def test_passwd_from_a_pipe_keeps_the_tokens(mutuals, jordan):
    create_token(user=jordan, label="laptop")
    result = mutuals("user", "passwd", "jordan", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert authenticate(username="jordan", password=PASSWORD) is not None
    assert ApiToken.objects.filter(user=jordan).exists()


def at_a_terminal(home: Path, args: list[str], answers: list[tuple[str, str]]) -> tuple[int, str]:
    """Run `mutuals ARGS` in a pseudo-terminal, typing each answer once its prompt shows (and,
    for a password, once the terminal stopped echoing: getpass discards what was typed
    before)."""
    env = {**user_environment(home), "LOGNAME": "alex", "TERM": "dumb", "NO_COLOR": "1"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and terminal are the pseudo-terminal
        try:
            os.execve(MUTUALS, [MUTUALS, *args], env)
        finally:
            os._exit(127)
    seen = ""
    for prompt, answer in answers:
        while prompt not in seen:
            chunk = _read(fd)
            assert chunk, f"the command ended before asking {prompt!r}: {seen}"
            seen += chunk
        seen = seen.partition(prompt)[2]
        if answer == PASSWORD:
            _wait_until_echo_is_off(fd)
        os.write(fd, answer.encode() + b"\r")
    while chunk := _read(fd):
        seen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), seen


def _wait_until_echo_is_off(fd: int) -> None:
    give_up = time.monotonic() + NEVER_ANSWERS
    while termios.tcgetattr(fd)[3] & termios.ECHO:
        assert time.monotonic() < give_up, "the command never hid what is typed"
        time.sleep(0.01)


def _read(fd: int) -> str:
    ready, _, _ = select.select([fd], [], [], NEVER_ANSWERS)
    assert ready, "the command did not answer"
    try:
        return os.read(fd, 4096).decode(errors="replace")
    except OSError:  # the child closed the terminal: it has ended
        return ""


def test_at_a_terminal_create_asks_for_the_name_and_the_password_twice(migrated_home):
    code, output = at_a_terminal(
        migrated_home,
        ["user", "create"],
        [("User name", "dana"), ("Password", PASSWORD), ("Repeat", PASSWORD)],
    )
    assert code == 0, output
    assert PASSWORD not in output  # typed without echo
    assert [u["username"] for u in users_in(migrated_home)] == ["dana"]


def test_at_a_terminal_passwd_offers_to_revoke_the_tokens(migrated_home):
    assert run(migrated_home, "token", "create", "--label", "laptop").returncode == 0
    code, output = at_a_terminal(
        migrated_home,
        ["user", "passwd", "alex"],
        [("New password", PASSWORD), ("Repeat", PASSWORD), ("revoke their API tokens", "y")],
    )
    assert code == 0, output
    assert "revoked 1 API token" in output

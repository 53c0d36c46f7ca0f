"""A real IMAP server for the tests and the bench: Debian's dovecot on a loopback port.

Each `Dovecot` lives in its own temporary directory with its own configuration (users in a
passwd file, mail in maildirs, an INBOX and a Sent folder marked \\Sent), so it needs nothing
from the machine but the dovecot-imapd package (`make` installs it when missing). Messages are
put in through the server itself (IMAP APPEND), so UIDs and UIDVALIDITY are the server's own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

DOVECOT = Path("/usr/sbin/dovecot")
PASSWORD = "correct horse battery"
SENT = "Sent Messages"  # not "Sent": the sync must find it by its \Sent flag

CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 0
mail_location = maildir:~/Maildir
# A wrong password is answered at once, and later sign-ins from 127.0.0.1 are not slowed down
# (Dovecot waits two seconds on a failure, then 4, 8, up to 15 for every login from that address).
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users/%u
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox "{sent}" {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def available() -> bool:
    return DOVECOT.exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def message(
    *,
    sender: str,
    to: str,
    subject: str,
    when: dt.datetime,
    message_id: str,
    in_reply_to: str | None = None,
    extra: str = "",
    body: str = "Hello.\r\n",
) -> bytes:
    """An RFC 5322 message with CRLF line ends, as a server stores it."""
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {subject}",
        f"Date: {format_datetime(when)}",
        f"Message-ID: <{message_id}>",
    ]
    if in_reply_to:
        lines += [f"In-Reply-To: <{in_reply_to}>", f"References: <{in_reply_to}>"]
    head = "\r\n".join(lines) + "\r\n" + extra
    return (head + "\r\n" + body).encode()


class Dovecot:
    """One dovecot server: `start()`, `append(...)`, `stop()`; `port` and `root` say where."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root or tempfile.mkdtemp(prefix="mutuals-dovecot-"))
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._write_config()

    def _write_config(self) -> None:
        root = self.root
        root.chmod(0o755)  # the mail processes run as another user when we are root
        for name in ("run", "state", "home", "users"):
            (root / name).mkdir(exist_ok=True)
        if os.getuid() == 0:
            mail_user = pwd.getpwnam("nobody")
            login_user, internal_user = "dovenull", "dovecot"
            uid, gid = mail_user.pw_uid, mail_user.pw_gid
            os.chown(root / "home", uid, gid)
        else:
            login_user = internal_user = pwd.getpwuid(os.getuid()).pw_name
            uid, gid = os.getuid(), os.getgid()
        (root / "dovecot.conf").write_text(
            CONFIG.format(
                root=root,
                port=self.port,
                uid=uid,
                gid=gid,
                login_user=login_user,
                internal_user=internal_user,
                sent=SENT,
            )
        )

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(DOVECOT), "-F", "-c", str(self.root / "dovecot.conf")],
            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},  # nothing of the test run's own
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: `stop` ends its imap processes too
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot stopped at start: {self._log()}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            time.sleep(0.05)
        raise RuntimeError(f"dovecot did not listen within 20 s: {self._log()}")

    def restart(self) -> None:
        """Start again on the same port, with the same mail (after `stop`)."""
        self.start()

    def _log(self) -> str:
        log = self.root / "dovecot.log"
        errors = self.process.stderr.read().decode() if self.process and self.process.stderr else ""
        return errors + (log.read_text()[-2000:] if log.exists() else "")

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.process = None
        # dovecot's imap processes outlive the master for a moment: wait until the port is free
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
            except OSError:
                return
            time.sleep(0.05)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def add_user(self, user: str, password: str = PASSWORD) -> Mailbox:
        """A new user with an empty mailbox, so each test starts from its own mail (a passwd
        file per user: dovecot reads a changed file at most once a second)."""
        (self.root / "users" / user).write_text(f"{user}:{{PLAIN}}{password}\n")
        return Mailbox(self, user, password)


class Mailbox:
    """One user's mail on the server, changed through the server itself (IMAP)."""

    def __init__(self, server: Dovecot, user: str, password: str) -> None:
        self.server, self.user, self.password = server, user, password

    @property
    def port(self) -> int:
        return self.server.port

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.server.port, timeout=30)
        imap.login(self.user, self.password)
        return imap

    def append(self, folder: str, *messages: bytes, flags: str = "(\\Seen)") -> None:
        imap = self.client()
        try:
            for raw in messages:
                status, answer = imap.append(_quoted(folder), flags, None, raw)
                if status != "OK":
                    raise RuntimeError(f"APPEND failed: {answer!r}")
        finally:
            imap.logout()

    def recreate(self, folder: str) -> None:
        """Delete the folder and create it again, empty: the server gives it a new
        UIDVALIDITY (INBOX cannot be deleted, so this is for other folders)."""
        imap = self.client()
        try:
            imap.delete(_quoted(folder))
            imap.create(_quoted(folder))
        finally:
            imap.logout()

    def uidvalidity(self, folder: str) -> int:
        imap = self.client()
        try:
            _status, answer = imap.status(_quoted(folder), "(UIDVALIDITY)")
            text = answer[0].decode() if answer and answer[0] else ""
            return int(text.rsplit("UIDVALIDITY", 1)[1].strip(" )"))
        finally:
            imap.logout()


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'

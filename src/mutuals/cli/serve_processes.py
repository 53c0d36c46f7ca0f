"""`mutuals serve --processes N`: several waitress processes sharing one listening socket.

Waitress serves every request of a process in one interpreter, where the interpreter lock lets
one thread run Python at a time: a request costs tens of milliseconds of CPU (the agenda, a
person page), so one process saturates one core at about 20 requests a second
(docs/reliability.md). On a server with several cores, `--processes` forks that many copies
after binding the socket once; the kernel hands each new connection to one of them. Each copy
is an ordinary waitress server with the same threads and proxy trust, so nothing else about
serving changes. A copy that dies is started again; Ctrl-C or SIGTERM stops them all.

POSIX only (fork); on Windows `--processes` above 1 is refused with a sentence.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import time
from collections.abc import Callable
from typing import Any

RESTART_PAUSE_SECONDS = 1.0
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening TCP socket, IPv6 when `host` is an IPv6 address; raises OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def run_processes(
    serve_one: Callable[[], Any], count: int, started: Callable[[], Any] = lambda: None
) -> None:
    """Fork `count` children that each call `serve_one()` (which serves until killed), call
    `started()` in this process (threads start after the forks, never before one), and wait;
    restart a child that exits on its own; stop all of them on SIGINT or SIGTERM."""
    children: dict[int, int] = {}  # pid -> slot
    stopping = False
    parent = os.getpid()

    def start(slot: int) -> None:
        pid = os.fork()
        if pid == 0:  # the child: default signals, serve, never return into the parent's code
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            _end_with(parent)
            try:
                serve_one()
            finally:
                os._exit(0)
        children[pid] = slot

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            _kill(pid)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for slot in range(count):
            start(slot)
        started()
        while children:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            except InterruptedError:
                continue
            slot = children.pop(pid, None)
            if slot is not None and not stopping:
                time.sleep(RESTART_PAUSE_SECONDS)  # a child failing at once must not spin
                if not stopping:
                    start(slot)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _end_with(parent: int) -> None:
    """Ask Linux to end this child when its parent ends, however it ends (kill -9 included),
    so no orphan keeps serving; elsewhere a parent that is killed outright leaves them."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(0)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended already
        os.kill(pid, signal.SIGTERM)

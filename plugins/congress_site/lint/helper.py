"""A second process for the look-alike check (rules/plausibility.py), nine
tenths of what `congress lint` spends on a story it has not seen. A text's
runs of Han characters are checked independently of one another, so the
lint server hands about half of a long text's runs to this process and
checks the rest itself, on the other core.

Only the lint server starts one, forked once the server is warm: it shares
the mapped lexicon and what the memos held then, and keeps memos of its own
afterwards. Messages are marshal'd tuples and strings over a socket pair,
never pickles. Should it die, hang or answer something else, the server
checks those runs itself and stops using it: no finding depends on it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Iterable

from ..cli.lintclient import receive, send

ANSWER_TIMEOUT = 30.0  # seconds: a helper this late is taken for hung

Found = list[tuple[int, int, str, str, str]]  # what plausibility._run yields for one run


class Helper:
    def __init__(self) -> None:
        self.pid: int | None = None
        self.owner: int | None = None  # the process that started it, the only one that may talk to it
        self.answered = 0
        self._sock: socket.socket | None = None

    def start(self, close: Iterable[int] = ()) -> bool:
        """Fork the helper. `close`: descriptors of this process the child
        must not keep open (the server's listening socket and its lock).
        Whether it runs."""
        if not hasattr(os, "fork"):
            return False
        mine, theirs = socket.socketpair()
        try:
            pid = os.fork()
        except OSError:
            mine.close()
            theirs.close()
            return False
        if pid == 0:
            mine.close()
            for fd in close:
                with contextlib.suppress(OSError):
                    os.close(fd)
            code = 0
            try:
                _serve(theirs)
            except BaseException:  # noqa: BLE001 - the server checks its runs itself
                code = 1
            os._exit(code)  # never the parent's cleanup: its files are not the child's
        theirs.close()
        mine.settimeout(ANSWER_TIMEOUT)
        self.pid, self.owner, self._sock = pid, os.getpid(), mine
        return True

    @property
    def usable(self) -> bool:
        """Running, and this is the process that started it (a worker forked
        from the server must not talk over the server's socket)."""
        return self._sock is not None and os.getpid() == self.owner

    def ask(self, groups: tuple, runs: list[str]) -> bool:
        """Hand over `runs` (checked with the look-alike `groups` of the
        style); False when the helper is gone."""
        try:
            send(self._sock, (groups, runs))
        except OSError:
            self.stop()
            return False
        return True

    def answer(self, count: int) -> list[Found] | None:
        """What the `count` runs handed over hold, in their order; None (and
        the helper stopped) when it cannot say."""
        if self._sock is None:
            return None
        try:
            found = receive(self._sock)
        except (OSError, EOFError, ValueError, TypeError):
            self.stop()
            return None
        if not _well_formed(found, count):
            self.stop()
            return None
        self.answered += 1
        return found

    def stop(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()
        pid, self.pid = self.pid, None
        if pid is not None and os.getpid() == self.owner:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # it may be busy, and holds nothing but its socket
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _serve(sock: socket.socket) -> None:
    from .rules.plausibility import check_runs

    while True:
        try:
            groups, runs = receive(sock)
        except EOFError:  # the server closed its end: it is done
            return
        send(sock, check_runs(runs, groups))


def _well_formed(found: object, count: int) -> bool:
    return (isinstance(found, list) and len(found) == count
            and all(isinstance(run, list) and all(_hit(hit) for hit in run) for run in found))


def _hit(hit: object) -> bool:
    return (isinstance(hit, tuple) and len(hit) == 5 and type(hit[0]) is int and type(hit[1]) is int
            and all(type(part) is str for part in hit[2:]))

"""The lint server: one warm process per user, code and environment that
answers `congress lint` for its clients (cli/lintclient.py).

A cold `congress lint FILE` spends most of its time starting Python,
importing the checker and warming the lexicon's memos; the check itself is a
small part. The server pays that once: a client sends its command line,
working directory, terminal flags and width, and gets back what an
in-process run would have printed and its exit code.

    python -m congress_site.lint.server status   # the user's servers
    python -m congress_site.lint.server stop     # stop them all
    python -m congress_site.lint.server wait     # until this environment's server answers

Each server listens on a socket named by its key (lintclient.key), in a
folder only the user can enter, answers one request at a time (the lexicon's
memos are not thread-safe; clients queue), and exits after an idle period
(IDLE_VARIABLE, in seconds), on SIGTERM, or when a server of newer code for
the same installation and environment starts.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import io
import os
import signal
import socket
import struct
import sys
import time
import traceback

from ..cli import lintclient

IDLE_VARIABLE = "CONGRESS_LINT_SERVER_IDLE"
DEFAULT_IDLE = 600.0  # seconds: a correspondent's session of edits, not the whole day
CHECK_EVERY = 30.0  # seconds between checks that the socket is still there
REQUEST_TIMEOUT = 10.0  # a client that connects and says nothing must not block the others
# A few sentences of the usual register, so the first real request finds the
# lexicon mapped, the patterns compiled and the commonest memos filled.
_WARM_TEXT = ("# 示例市人大常委会召开会议\n\n"
              "会议听取和审议了市人民政府关于老旧小区改造工作情况的报告，"
              "代表们深入基层开展调研，收集意见建议，督促有关部门认真办理。\n")


class _Stop(BaseException):
    """SIGTERM: leave the loop, whatever is running (not an Exception, so
    no handler inside a check catches it)."""


class _Output(io.StringIO):
    """A captured stream that answers isatty() as the client's did."""

    def __init__(self, tty: bool):
        super().__init__()
        self._tty = bool(tty)

    def isatty(self) -> bool:
        return self._tty


def _pid_file(path: str) -> str:
    return path.removesuffix(".sock") + ".pid"


class Server:
    def __init__(self, path: str):
        self.path = path
        self.env = lintclient.environment()
        self.requests = 0  # lint requests answered, for `status` (and the tests)
        self.pid = os.getpid()

    def answer(self, message: object) -> dict:
        if not isinstance(message, dict) or message.get("protocol") != lintclient.PROTOCOL:
            return {"error": "protocol"}
        if message.get("op") == "status":
            return {"pid": self.pid, "requests": self.requests, "path": self.path}
        if message.get("env") != self.env:
            # the key should have kept such a client away; refuse, it checks in-process
            return {"error": "environment"}
        answer = self._lint(message)
        if "code" in answer:
            self.requests += 1
        return answer

    def _lint(self, message: dict) -> dict:
        from ..cli import main

        out, err = _Output(message.get("stdout_tty")), _Output(message.get("stderr_tty"))
        before = os.environ.get("COLUMNS")
        try:
            os.chdir(message["cwd"])
            os.environ["COLUMNS"] = str(int(message["columns"]))
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(message["argv"]))
                except SystemExit as exc:  # argparse: usage errors and --help
                    code = exc.code
                    if code is None:
                        code = 0
                    elif not isinstance(code, int):
                        print(code, file=sys.stderr)  # as the interpreter prints it
                        code = 1
            return {"out": out.getvalue(), "err": err.getvalue(), "code": int(code)}
        except Exception:  # noqa: BLE001 - the client checks in-process and shows the real error
            return {"error": traceback.format_exc()}
        finally:
            if before is None:
                os.environ.pop("COLUMNS", None)
            else:
                os.environ["COLUMNS"] = before
            with contextlib.suppress(OSError):
                os.chdir("/")  # hold no client's folder between requests

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(REQUEST_TIMEOUT)
        if hasattr(socket, "SO_PEERCRED"):  # the folder is the user's; refuse anyone else anyway
            uid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                      struct.calcsize("3i")))[1]
            if uid != os.getuid():
                return
        try:
            message = lintclient.receive(conn, limit=64 << 20)
        except (OSError, EOFError, ValueError, TypeError):
            return
        answer = self.answer(message)
        with contextlib.suppress(OSError, ValueError):
            lintclient.send(conn, answer)


def _still_ours(path: str, ino: int) -> bool:
    try:
        return os.stat(path).st_ino == ino
    except OSError:
        return False


def retire(path: str) -> list[int]:
    """Stop the servers of the same installation and environment as the
    server at `path` but other code: the code they run is no longer on disk,
    so no client will ask them again. Returns their pids."""
    folder, name = os.path.split(path)
    setting = name.removeprefix("lint-").split("-")[0]
    stopped = []
    for other in sockets(folder):
        if other != path and os.path.basename(other).startswith(f"lint-{setting}-"):
            found = status(other, timeout=2.0)
            if found is not None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(found["pid"], signal.SIGTERM)
                    stopped.append(found["pid"])
    return stopped


def warm() -> None:
    from ..cli import build_parser
    from . import LintConfig, lint_text

    build_parser("lint")
    lint_text(_WARM_TEXT, "warm.md", LintConfig.load(None))


def serve(path: str) -> int:
    """Listen on `path` until idle for the idle period or terminated."""
    idle = DEFAULT_IDLE
    with contextlib.suppress(KeyError, ValueError):
        idle = float(os.environ[IDLE_VARIABLE])
    # One server per key: a client that found none starts one, and two
    # clients may do so at once. The lock is held for the server's life.
    lock = os.open(path.removesuffix(".sock") + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock)
        return 0
    # The code or environment may have changed since the client chose this
    # socket: a server whose own key is another one would answer for code
    # or settings it does not have.
    if lintclient.socket_path(os.path.dirname(path)) != path:
        os.close(lock)
        return 1
    server = Server(path)

    def stop(signum, frame):
        if os.getpid() != server.pid:  # a worker the check forked: die as it would have
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise _Stop

    signal.signal(signal.SIGTERM, stop)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ino = None
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)  # a dead server's socket: we hold the lock, so nobody listens on it
        listener.bind(path)
        listener.listen(64)
        ino = os.stat(path).st_ino
        with open(_pid_file(path), "w", encoding="ascii") as fh:
            fh.write(f"{server.pid}\n")
        # Clients that connect now wait in the backlog for the warm-up.
        os.chdir("/")
        warm()
        retire(path)
        # Wake at least every CHECK_EVERY seconds: a server whose socket was
        # removed (its folder deleted, or taken over) can never be reached
        # again and ends then, not after the whole idle period.
        listener.settimeout(min(idle, CHECK_EVERY))
        last = time.monotonic()
        while True:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                if time.monotonic() - last >= idle or not _still_ours(path, ino):
                    break
                continue
            with conn:
                server.handle(conn)
            last = time.monotonic()
    except _Stop:
        pass
    finally:
        listener.close()
        # Never another server's files. The socket goes last: whoever sees
        # it gone may take the server for gone, pid file and all.
        if ino is not None and _still_ours(path, ino):
            for name in (_pid_file(path), path):
                with contextlib.suppress(OSError):
                    os.unlink(name)
        os.close(lock)
    return 0


# --------------------------------------------- helpers for people and tests

def status(path: str, timeout: float = 5.0) -> dict | None:
    """The server's pid and request count, or None if none answers there."""
    try:
        answer = lintclient.request(path, {"protocol": lintclient.PROTOCOL, "op": "status"}, timeout)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return answer if isinstance(answer, dict) and "pid" in answer else None


def sockets(folder: str) -> list[str]:
    return sorted(glob.glob(os.path.join(glob.escape(folder), "lint-*.sock")))


def wait(path: str, timeout: float = 30.0) -> dict | None:
    """Poll until the server at `path` answers, or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        found = status(path)
        if found is not None or time.monotonic() > deadline:
            return found
        time.sleep(0.02)


def stop(path: str, timeout: float = 10.0) -> bool:
    """SIGTERM the server at `path` and wait until its socket is gone."""
    found = status(path)
    if found is None:
        return not os.path.exists(path)
    with contextlib.suppress(ProcessLookupError):
        os.kill(found["pid"], signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while os.path.exists(path) or os.path.exists(_pid_file(path)):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = argv[0] if argv else "status"
    if command == "serve" and len(argv) == 2:
        return serve(argv[1])
    folder = lintclient.socket_dir()
    if folder is None:
        print("没有可用的后台检查进程目录", file=sys.stderr)
        return 1
    if command == "status":
        for path in sockets(folder):
            print(path, status(path) or "（未响应）")
        return 0
    if command == "stop":
        return 0 if all([stop(path) for path in sockets(folder)]) else 1
    if command == "wait":
        found = wait(lintclient.socket_path(folder))
        print(found or "（未响应）")
        return 0 if found else 1
    print("用法：python -m congress_site.lint.server [status|stop|wait]", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The client half of the lint server (lint/server.py): `congress lint`
hands its command line to a warm checker process of the same code and
environment, and prints its answer, instead of importing and starting the
checker cold in every process.

This runs before argparse or the checker is imported, so it imports only
what the interpreter has loaded already or what costs next to nothing:
_socket rather than socket (which pulls in enum and selectors, about as long
as a warm answer takes), marshal rather than json (which pulls in re).
"""

from __future__ import annotations

import _socket
import marshal
import os
import stat
import sys

SWITCH = "CONGRESS_LINT_SERVER"  # "off" (or 0, no, false): check in this process, start nothing
DIR_VARIABLE = "CONGRESS_LINT_SERVER_DIR"  # where the sockets live, instead of the per-user default
NO_SERVER_FLAG = "--no-server"
# Seconds without a word from the server before the client checks in-process
# instead: a stopped or hung server must not hang a correspondent's commit.
TIMEOUT_VARIABLE = "CONGRESS_LINT_SERVER_TIMEOUT"
ANSWER_TIMEOUT = 120.0
PROTOCOL = 1
# The longest socket path that fits sockaddr_un on every Unix (108 on Linux, 104 on macOS).
MAX_SOCKET_PATH = 100
# Environment a check depends on beyond its own request: the lexicon's cache
# folder (HOME, XDG_CACHE_HOME, CONGRESS_LEXICON_CACHE), the site's date
# (CONGRESS_TODAY), Python's switches and the locale. A server serves one such
# environment: it is part of the server's key, so a client with another one
# talks to another server. COLUMNS is sent with each request instead.
_ENV_NAMES = ("HOME", "XDG_CACHE_HOME", "LANG", "TZ")
_ENV_PREFIXES = ("CONGRESS_", "PYTHON", "LC_")
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def environment() -> dict[str, str]:
    """The environment variables a check depends on."""
    return {name: value for name, value in os.environ.items()
            if (name in _ENV_NAMES or name.startswith(_ENV_PREFIXES)) and not name.startswith(SWITCH)}


def switched_off(argv: list[str] | None = None) -> bool:
    return (os.environ.get(SWITCH, "").strip().lower() in ("off", "0", "no", "false")
            or (argv is not None and NO_SERVER_FLAG in argv))


def _digest(text: str) -> str:
    try:  # _blake2 alone: hashlib also loads OpenSSL, a tenth of a warm answer
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter built without it
        from hashlib import blake2b
    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _files(folder: str, out: list[str], everything: bool = False) -> None:
    """Name, size and modification time of the package's source files (and
    of every file of lint/data): os.stat only, nothing is read."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                _files(entry.path, out, everything or entry.path == os.path.join(_PACKAGE, "lint", "data"))
        elif everything or entry.name.endswith(".py"):
            try:
                st = entry.stat()
            except OSError:
                continue
            out.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}")


def key(env: dict[str, str] | None = None) -> str:
    """What a server must share with its client to answer for it, in two
    parts. The first names an installation and environment: the
    interpreter, the folders Python imports from, the congress_site package
    and the environment above. The second its code: the modification times
    of those folders (one changes when a package in it is installed,
    upgraded or removed) and the size and modification time of the
    package's source files and lint data. An edited or upgraded checker
    gets a new key, so an old server never answers with old code; a server
    that finds another of its first part with another second part stops it
    (see server.retire)."""
    env = environment() if env is None else env
    setting = [sys.version, os.path.realpath(sys.executable), os.path.realpath(sys.prefix), _PACKAGE]
    code: list[str] = []
    # sys.path[0] is the script's folder (or the working directory): it
    # differs between `congress` and `python -m`, and the package is keyed
    # above.
    for entry in sys.path[1:]:
        setting.append(os.path.realpath(entry))
        try:
            code.append(str(os.stat(entry).st_mtime_ns))
        except OSError:
            code.append("-")
    setting.extend(f"{name}={value}" for name, value in sorted(env.items()))
    _files(_PACKAGE, code)
    return _digest("\n".join(setting))[:12] + "-" + _digest("\n".join(code))[:20]


def socket_dir() -> str | None:
    """A folder for the user's sockets that only the user can enter, or
    None when there is none to be had (the check then runs in-process)."""
    folder = os.environ.get(DIR_VARIABLE)
    if not folder:
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if runtime and os.path.isdir(runtime):
            folder = os.path.join(runtime, "congress-site")
        else:
            folder = os.path.join(os.environ.get("TMPDIR") or "/tmp", f"congress-site-{os.getuid()}")
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        st = os.lstat(folder)
    except OSError:
        return None
    # Someone else's folder (made first in a shared /tmp) or one others can
    # enter could hand this user a server that is not theirs.
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        return None
    return folder


def socket_path(folder: str, env: dict[str, str] | None = None) -> str:
    return os.path.join(folder, f"lint-{key(env)}.sock")


def columns() -> int:
    """The width argparse would wrap its messages to in this process (see
    parser.columns), sent so the server wraps usage errors the same way."""
    try:
        found = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            found = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            found = 80
    return found or 80


def send(sock, message: object) -> None:
    data = marshal.dumps(message)
    sock.sendall(len(data).to_bytes(4, "big") + data)


def receive(sock, limit: int = 1 << 30) -> object:
    """One message. marshal is safe enough here: only the user's own
    processes can reach the socket (a 0700 folder, the peer's uid checked)."""
    head = _read(sock, 4)
    size = int.from_bytes(head, "big")
    if size > limit:
        raise ValueError("message too long")
    return marshal.loads(_read(sock, size))


def _read(sock, size: int) -> bytes:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def request(path: str, message: dict, timeout: float | None = None) -> object:
    """Send one message to the server at `path` and return its answer."""
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(path)
        send(sock, message)
        return receive(sock)
    finally:
        sock.close()


def _timeout() -> float:
    try:
        return max(0.1, float(os.environ[TIMEOUT_VARIABLE]))
    except (KeyError, ValueError):
        return ANSWER_TIMEOUT


class Client:
    """One `congress lint` run's talk with the server at `path`."""

    def __init__(self, path: str, env: dict[str, str]):
        self.path = path
        self.env = env
        self.should_start = False  # no server listens: start one after this run
        self.environ = dict(os.environ)  # the server's, as it was before this run could change it

    def ask(self, argv: list[str]) -> int | None:
        """The exit code after printing the server's answer, or None: check
        in this process (no server yet, or it could not answer)."""
        try:
            message = {"protocol": PROTOCOL, "argv": argv, "cwd": os.getcwd(), "env": self.env,
                       "columns": columns(), "stdout_tty": sys.stdout.isatty(), "stderr_tty": sys.stderr.isatty()}
        except (OSError, ValueError, AttributeError):  # no working directory, closed streams
            return None
        try:
            answer = request(self.path, message, timeout=_timeout())
        except (FileNotFoundError, ConnectionRefusedError):  # none, or a stale socket of a dead one
            self.should_start = True
            return None
        except (OSError, EOFError, ValueError, TypeError):  # it stopped or crashed while answering
            return None
        if not isinstance(answer, dict) or not isinstance(answer.get("code"), int):
            return None  # it refused (or failed) this request
        if answer.get("out"):
            sys.stdout.write(answer["out"])
            sys.stdout.flush()  # as print() would have, before the summary on stderr
        if answer.get("err"):
            sys.stderr.write(answer["err"])
            sys.stderr.flush()
        return answer["code"]

    def start_server(self) -> None:
        """Start a server for this code and environment in the background,
        detached from this terminal and session, and do not wait for it."""
        parent = os.path.dirname(_PACKAGE)
        # sys.path[0] becomes the folder the package is imported from, as
        # it is for this process; never the working directory, which
        # changes with each request.
        code = (f"import sys; sys.path[0] = {parent!r}; "
                f"from congress_site.lint.server import main; sys.exit(main(['serve', {self.path!r}]))")
        devnull = os.devnull
        try:
            os.posix_spawn(sys.executable, [sys.executable, "-c", code], self.environ,
                           file_actions=[(os.POSIX_SPAWN_OPEN, 0, devnull, os.O_RDONLY, 0),
                                         (os.POSIX_SPAWN_OPEN, 1, devnull, os.O_WRONLY, 0),
                                         (os.POSIX_SPAWN_OPEN, 2, devnull, os.O_WRONLY, 0)],
                           setsid=True)
        except (OSError, AttributeError, NotImplementedError):
            pass  # no server this time: every run is still checked in-process


def connect(argv: list[str]) -> Client | None:
    """A client for this process's code and environment, or None when the
    server is switched off or cannot be used here."""
    if switched_off(argv) or not hasattr(_socket, "AF_UNIX") or not hasattr(os, "posix_spawn"):
        return None
    folder = socket_dir()
    if folder is None:
        return None
    env = environment()
    path = socket_path(folder, env)
    if len(os.fsencode(path)) > MAX_SOCKET_PATH:
        return None
    return Client(path, env)

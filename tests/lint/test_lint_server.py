"""The lint server: `congress lint` run as a program is answered by a warm
background process, which must print exactly what an in-process run prints.

Every test here runs the real program in child processes with the server
switched on and a socket folder of its own, and stops what it started.
Waiting is polling with a deadline (server.wait, _until), never a sleep."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

import congress_site
from congress_site.cli import lintclient
from congress_site.lint import server

PACKAGE_PARENT = Path(congress_site.__file__).resolve().parents[1]
PROGRAM = "import sys; from congress_site.cli import main; sys.exit(main())"
CLEAN = "示例市人大常委会召开第十次会议。\n"
FAULTY = "代表 们己经到了。\n"


def _until(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.fixture
def folder():
    """A socket folder of the test's own (short: a socket path must fit in
    about 100 bytes, which pytest's tmp_path may not), emptied at the end."""
    path = tempfile.mkdtemp(prefix="cls-", dir="/tmp")
    yield path
    for sock in server.sockets(path):
        server.stop(sock)
    shutil.rmtree(path, ignore_errors=True)


def environment(folder: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ, CONGRESS_LINT_SERVER="on", CONGRESS_LINT_SERVER_DIR=folder,
               CONGRESS_LINT_SERVER_IDLE="120")  # a server a failed test leaves behind ends by itself
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_PARENT), os.environ.get("PYTHONPATH")]))
    env.update(extra)
    return env


def lint(args: list[str], env: dict[str, str], cwd: Path) -> tuple[str, str, int]:
    done = subprocess.run([sys.executable, "-c", PROGRAM, "lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    return done.stdout, done.stderr, done.returncode


def in_process(args: list[str], env: dict[str, str], cwd: Path) -> tuple[str, str, int]:
    return lint(args, dict(env, CONGRESS_LINT_SERVER="off"), cwd)


def the_server(folder: str) -> tuple[str, dict]:
    """The one server in `folder`, once it answers."""
    assert _until(lambda: len(server.sockets(folder)) == 1), os.listdir(folder)
    path = server.sockets(folder)[0]
    found = server.wait(path)
    assert found is not None, "the server started by the first run never answered"
    return path, found


def requests(path: str) -> int:
    found = server.status(path)
    assert found is not None
    return found["requests"]


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "faulty.md").write_text(FAULTY, encoding="utf-8")
    site = tmp_path / "site"
    (site / "content" / "style").mkdir(parents=True)
    (site / "content" / "style" / "house.yml").write_text("disable: [stray-space]\n", encoding="utf-8")
    (site / "faulty.md").write_text(FAULTY, encoding="utf-8")
    return tmp_path


CASES = {
    "clean": ([], ["clean.md"]),
    "findings": ([], ["faulty.md", "--format", "json"]),
    "missing": ([], ["nowhere.md", "clean.md"]),
    "style of the working folder": (["site"], ["faulty.md"]),
    "a folder": ([], ["."]),
    "usage error": ([], ["--level", "loud", "clean.md"]),
}


def test_the_servers_answers_are_the_in_process_runs(folder, files):
    env = environment(folder)
    first = lint(["clean.md"], env, files)  # no server yet: checked here, one started
    assert first == in_process(["clean.md"], env, files)
    path, found = the_server(folder)
    assert found["requests"] == 0 and found["pid"] != os.getpid()
    answered = 0
    for name, (where, args) in CASES.items():
        cwd = files.joinpath(*where)
        served = lint(args, env, cwd)
        answered += 1
        assert requests(path) == answered, f"{name}: not answered by the server"
        assert served == in_process(args, env, cwd), name
    # The cases are what they say: the style in the working folder was read
    # (stray-space is disabled there), the missing file reported.
    styled = lint(["faulty.md"], env, files / "site")[0]
    assert "[typo]" in styled and "stray-space" not in styled
    assert "stray-space" in lint(["faulty.md"], env, files)[0]
    assert lint(["clean.md"], env, files)[2] == 0 and lint(["faulty.md"], env, files)[2] == 1
    assert "找不到这个文件" in lint(["nowhere.md"], env, files)[0]
    assert lint(["--level", "loud", "clean.md"], env, files)[2] == 2
    # The client's width reaches the server, which wraps argparse's usage to it.
    narrow = dict(env, COLUMNS="40")
    wrapped = lint(["--level", "loud", "clean.md"], narrow, files)
    assert wrapped == in_process(["--level", "loud", "clean.md"], narrow, files)
    assert wrapped[1] != lint(["--level", "loud", "clean.md"], env, files)[1]
    assert requests(path) == answered + 8  # every run above was answered by the server


def test_a_long_story_served_is_the_in_process_answer(folder, files):
    """Real prose of several thousand characters, with a slip: the warm
    server's look-alike check (its memos filled by the texts before) finds
    what a cold process finds."""
    held_out = sorted((Path(__file__).resolve().parent / "corpus" / "heldout").glob("*.md"))[:3]
    story = "".join(path.read_text(encoding="utf-8") for path in held_out) + "\n认真听取群众的意见和代表建意。\n"
    (files / "long.md").write_text(story, encoding="utf-8")
    env = environment(folder)
    lint(["clean.md"], env, files)
    path, found = the_server(folder)
    served = lint(["long.md"], env, files)
    assert "建意" in served[0] and served == in_process(["long.md"], env, files)
    assert server.status(path)["requests"] == found["requests"] + 1


def test_no_server_when_switched_off(files):
    missing = Path(tempfile.mkdtemp(prefix="cls-", dir="/tmp")) / "sockets"
    try:
        for env, args in ((environment(str(missing), CONGRESS_LINT_SERVER="off"), ["faulty.md"]),
                          (environment(str(missing)), ["--no-server", "faulty.md"])):
            out, _, code = lint(args, env, files)
            assert code == 1 and "[typo]" in out
            # A client that looks for a server makes this folder before
            # anything else; switched off, it never looks.
            assert not missing.exists()
        lint(["faulty.md"], environment(str(missing)), files)
        assert missing.is_dir()  # the control: switched on, it does look (and starts one)
    finally:
        for sock in server.sockets(str(missing)) if missing.is_dir() else []:
            server.stop(sock)
        shutil.rmtree(missing.parent, ignore_errors=True)


def test_the_socket_is_where_the_program_looks_and_a_stale_one_is_replaced(folder, files):
    env = environment(folder)
    path = subprocess.run([sys.executable, "-c", "from congress_site.cli import lintclient as c; "
                           "print(c.socket_path(c.socket_dir()))"], env=env, capture_output=True, text=True,
                          check=True, cwd=files).stdout.strip()
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)  # a socket file nobody listens on: a server that died
    stale.close()
    assert os.path.exists(path) and server.status(path) is None
    assert lint(["faulty.md"], env, files) == in_process(["faulty.md"], env, files)
    assert server.wait(path) is not None  # a new server took the stale socket's place
    lint(["faulty.md"], env, files)
    assert requests(path) == 1
    assert os.stat(folder).st_mode & 0o777 == 0o700


def test_another_key_never_gets_the_old_servers_answer(folder, files, tmp_path):
    # A copy of the package, so that touching one of its files changes
    # nothing in the working tree.
    copy = tmp_path / "copy"
    shutil.copytree(PACKAGE_PARENT / "congress_site", copy / "congress_site",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = environment(folder, PYTHONPATH=os.pathsep.join(filter(None, [str(copy), os.environ.get("PYTHONPATH")])))
    lint(["faulty.md"], env, files)
    old, _ = the_server(folder)
    lint(["faulty.md"], env, files)
    assert requests(old) == 1

    rule = copy / "congress_site" / "lint" / "rules" / "quotes.py"
    stamp = rule.stat().st_mtime_ns + 2_000_000_000
    os.utime(rule, ns=(stamp, stamp))  # an edited checker
    assert lint(["faulty.md"], env, files) == in_process(["faulty.md"], env, files)
    # A client asks only the socket of its own key: the edit gave it a new
    # one, found no server there, checked in-process and started one, whose
    # start stopped the old code's server.
    assert _until(lambda: not os.path.exists(old)), "the old code's server still runs"
    new, _ = the_server(folder)
    assert new != old and requests(new) == 0
    assert os.path.basename(new).split("-")[1] == os.path.basename(old).split("-")[1]  # same installation

    # Another lexicon folder (the same one, spelled otherwise, so nothing is rebuilt).
    from congress_site.lint.lexicon import cache_dir

    other = dict(env, CONGRESS_LEXICON_CACHE=str(cache_dir()) + os.sep)
    assert lint(["faulty.md"], other, files) == in_process(["faulty.md"], other, files)
    assert requests(new) == 0
    assert _until(lambda: len(server.sockets(folder)) == 2)
    third = next(p for p in server.sockets(folder) if p != new)
    assert server.wait(third) is not None
    assert server.status(new) is not None  # another environment is no newer code: both run


def test_a_server_whose_own_key_is_another_serves_nothing(folder, files):
    """Code edited between the client's look and the server's start: the
    server's key is not its socket's name, and it must not answer there."""
    path = os.path.join(folder, "lint-000000000000-00000000000000000000.sock")
    done = subprocess.run([sys.executable, "-c", f"from congress_site.lint.server import main; "
                           f"raise SystemExit(main(['serve', {path!r}]))"], env=environment(folder),
                          cwd=files, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert not os.path.exists(path) and server.sockets(folder) == []


def test_the_server_ends_when_idle_and_on_sigterm(folder, files):
    # Idle for seconds, not a fraction of one: the test must find the server
    # running before it ends, and this process may wait that long for the CPU.
    lint(["clean.md"], environment(folder, CONGRESS_LINT_SERVER_IDLE="3"), files)
    path, _ = the_server(folder)
    assert _until(lambda: not os.path.exists(path)), "the idle server did not end"
    assert server.status(path) is None and not os.path.exists(path.removesuffix(".sock") + ".pid")

    env = environment(folder)
    lint(["clean.md"], env, files)
    path, found = the_server(folder)
    assert server.stop(path)  # SIGTERM
    assert server.status(path) is None and not os.path.exists(path)
    # and the next run, finding none, checks in-process and starts another
    assert lint(["faulty.md"], env, files) == in_process(["faulty.md"], env, files)
    assert server.wait(path)["pid"] != found["pid"]


def test_concurrent_clients_each_get_their_answer(folder, files):
    env = environment(folder)
    lint(["clean.md"], env, files)
    path, _ = the_server(folder)
    expected = {name: in_process([name], env, files) for name in ("clean.md", "faulty.md")}
    clients = [(name, subprocess.Popen([sys.executable, "-c", PROGRAM, "lint", name], cwd=files, env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
               for name in ("clean.md", "faulty.md", "clean.md")]
    for name, proc in clients:
        out, err = proc.communicate(timeout=120)
        assert (out, err, proc.returncode) == expected[name], name
    assert requests(path) == 3


# ------------------------------------------------- failures fall back

def test_a_request_that_fails_in_the_server_is_an_error_not_an_answer(monkeypatch, tmp_path):
    import congress_site.cli

    def broken(argv):
        raise RuntimeError("boom")

    srv = server.Server(str(tmp_path / "x.sock"))
    message = {"protocol": lintclient.PROTOCOL, "argv": ["lint", "x.md"], "cwd": str(tmp_path),
               "env": lintclient.environment(), "columns": 80, "stdout_tty": False, "stderr_tty": False}
    monkeypatch.setattr(congress_site.cli, "main", broken)
    answer = srv.answer(message)
    assert "boom" in answer["error"] and "code" not in answer and srv.requests == 0
    assert "code" not in srv.answer(dict(message, env={"HOME": "/elsewhere"}))  # another environment: refused


def test_the_check_sees_the_clients_terminals(monkeypatch, tmp_path):
    import congress_site.cli

    seen = []

    def main(argv):
        seen.append((sys.stdout.isatty(), sys.stderr.isatty(), os.getcwd(), os.environ["COLUMNS"]))
        print("出", file=sys.stdout)
        print("错", file=sys.stderr)
        return 1

    monkeypatch.setattr(congress_site.cli, "main", main)
    srv = server.Server(str(tmp_path / "x.sock"))
    message = {"protocol": lintclient.PROTOCOL, "argv": ["lint", "x.md"], "cwd": str(tmp_path),
               "env": lintclient.environment(), "columns": 57, "stdout_tty": True, "stderr_tty": False}
    assert srv.answer(message) == {"out": "出\n", "err": "错\n", "code": 1}
    assert seen == [(True, False, str(tmp_path), "57")] and srv.requests == 1


@pytest.mark.parametrize("reply", [{"error": "Traceback …"}, None])
def test_the_client_checks_in_process_when_the_server_fails(folder, reply):
    """A server that answers with an error (or hangs up) gets no say: the
    client returns None, and main() then runs the check itself."""
    path = os.path.join(folder, "lint-fake.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)

    def fake():
        conn, _ = listener.accept()
        with conn:
            lintclient.receive(conn)
            if reply is not None:
                lintclient.send(conn, reply)

    thread = threading.Thread(target=fake)
    thread.start()
    try:
        client = lintclient.Client(path, lintclient.environment())
        assert client.ask(["lint", "x.md"]) is None
        assert not client.should_start  # one is running: do not start another
    finally:
        thread.join(10)
        listener.close()
    # and with nobody listening, the client asks for a server to be started
    nobody = lintclient.Client(os.path.join(folder, "lint-none.sock"), lintclient.environment())
    assert nobody.ask(["lint", "x.md"]) is None and nobody.should_start


def test_a_folder_others_can_enter_is_not_used(monkeypatch, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv(lintclient.DIR_VARIABLE, str(shared))
    monkeypatch.setenv(lintclient.SWITCH, "on")
    assert lintclient.socket_dir() is None and lintclient.connect(["lint", "x.md"]) is None
    shared.chmod(0o700)
    assert lintclient.socket_dir() == str(shared)


def test_a_server_that_does_not_answer_in_time_leaves_the_check_to_the_client(folder, files):
    """A stopped (or hung) server must not hang `congress lint`: after the
    timeout the client checks in-process and prints the same answer."""
    import signal

    env = environment(folder, CONGRESS_LINT_SERVER_TIMEOUT="1")
    lint(["faulty.md"], env, files)
    path, found = the_server(folder)
    os.kill(found["pid"], signal.SIGSTOP)
    try:
        assert lint(["faulty.md"], env, files) == in_process(["faulty.md"], env, files)
    finally:
        os.kill(found["pid"], signal.SIGCONT)
    assert requests(path) <= 1, "the stopped server answered nothing in time"

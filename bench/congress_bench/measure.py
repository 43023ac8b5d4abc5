"""Timing a child process: wall time, CPU time and peak resident memory.

`os.wait4` returns the child's resource usage; on Linux its `ru_maxrss`
already covers the child's own waited-for children (Pagefind's binary under
its Python launcher, for instance)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Run:
    wall_s: float
    peak_rss_mb: float
    returncode: int
    tail: str = ""
    cpu_s: float = 0.0      # user + system: less disturbed than wall time by a busy machine

    def to_dict(self) -> dict:
        data = asdict(self)
        data["wall_s"] = round(self.wall_s, 3)
        data["peak_rss_mb"] = round(self.peak_rss_mb, 1)
        data["cpu_s"] = round(self.cpu_s, 3)
        return data


# A small launcher between us and the measured command. On Linux a process
# inherits, at exec, the peak RSS of the memory it was forked from: started
# straight from this (large) process, every child would report at least our
# own size. The launcher is small when it forks, and reports the child's
# figures from its own wait4.
_LAUNCHER = """
import os, sys
out, cmd = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
with open(out, "w") as fh:
    fh.write("%d %r %r" % (ru.ru_maxrss, ru.ru_utime, ru.ru_stime))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None, log: Path | None = None) -> Run:
    """Run `cmd` to completion; its output goes to `log` (or is discarded)."""
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    fd, report = tempfile.mkstemp(prefix="congress-bench-", suffix=".txt")
    os.close(fd)
    try:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _LAUNCHER, report, *cmd], cwd=cwd, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        try:
            maxrss, utime, stime = Path(report).read_text().split()
            peak_kb, cpu = int(maxrss), float(utime) + float(stime)
        except (OSError, ValueError):  # the launcher failed: fall back to its own figures
            peak_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    finally:
        if log:
            out.close()
        Path(report).unlink(missing_ok=True)
    tail = ""
    if log and proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    return Run(wall, peak_kb / 1024, proc.returncode, tail, cpu)


def python_cmd(*args: str) -> list[str]:
    """The same interpreter (and so the same virtualenv) as this process."""
    return [sys.executable, *args]


def tree_size(folder: Path, skip: str | None = None) -> tuple[int, int, int]:
    """(total bytes, HTML pages, largest HTML page in bytes) under `folder`,
    leaving out the subfolder `skip` (the search bundle)."""
    total = pages = largest = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        if skip and skip in dirnames and Path(dirpath) == folder:
            dirnames.remove(skip)
        for name in filenames:
            size = os.stat(os.path.join(dirpath, name)).st_size
            total += size
            if name.endswith(".html") and not (size < FORWARD_MAX and is_forwarding(Path(dirpath, name))):
                pages += 1
                largest = max(largest, size)
    return total, pages, largest


# The plugin's pages that send a reader on from a folder of an address
# (pages/parents.py) are a few hundred bytes; the floor has no such pages.
FORWARD_MAX = 2048


def is_forwarding(path: Path) -> bool:
    return b'http-equiv="refresh"' in path.read_bytes()

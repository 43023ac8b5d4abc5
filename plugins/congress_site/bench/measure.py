"""Timing a child process: wall time and peak resident memory.

`os.wait4` returns the child's resource usage; on Linux its `ru_maxrss`
already covers the child's own waited-for children (Pagefind's binary under
its Python launcher, for instance)."""

from __future__ import annotations

import os
import subprocess
import sys
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


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None, log: Path | None = None) -> Run:
    """Run `cmd` to completion; its output goes to `log` (or is discarded)."""
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
    finally:
        if log:
            out.close()
    tail = ""
    if log and proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    return Run(wall, usage.ru_maxrss / 1024, proc.returncode, tail, usage.ru_utime + usage.ru_stime)


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
            if name.endswith(".html"):
                pages += 1
                largest = max(largest, size)
    return total, pages, largest

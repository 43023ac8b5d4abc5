"""`congress bench run` at a tiny size: every measurement is taken and the
table and JSON carry real figures."""

from __future__ import annotations

import json

import pytest

from congress_site.bench.run import linearity, placeholder_commands
from congress_site.cli import main


@pytest.mark.bench
@pytest.mark.slow
def test_run_tiny(tmp_path, capsys):
    out = tmp_path / "bench.json"
    code = main(["bench", "run", "--stories", "12", "--profiles", "6", "--legislation", "3", "--stations", "2",
                 "--repeat", "2", "--json", str(out), "--dir", str(tmp_path / "work"), "--no-serve"])
    report = json.loads(out.read_text(encoding="utf-8"))
    printed = capsys.readouterr().out
    assert code in (0, 1)                       # 1 only when a target is missed
    assert "构建时间" in printed and "底线" in printed
    site, floor = report["site"], report["floor"]
    assert len(site["builds"]) == 2 and len(floor["builds"]) == 2
    assert all(b["returncode"] == 0 and b["wall_s"] > 0 and b["peak_rss_mb"] > 10 for b in site["builds"])
    assert site["pages"] == floor["pages"] > 12
    assert site["bytes"] > 0 and site["largest_page_bytes"] > 0
    assert report["ratios"]["build"] == pytest.approx(site["build_s"] / floor["build_s"], abs=0.01)
    assert report["check"]["returncode"] == 0
    assert floor["index"]["wall_s"] > 0
    assert {t["name"] for t in report["targets"]} and all("ok" in t for t in report["targets"])
    assert not (tmp_path / "work").exists()     # cleaned up without --keep


def test_linearity_flags_a_quadratic_build():
    def rows(times):
        return [{"stories": n, "site_s": t, "floor_s": n / 1000, "bytes": n * 3000, "largest_page_bytes": 60_000}
                for n, t in zip((1000, 3000, 10000), times, strict=True)]

    assert linearity(rows([10, 30, 100]))["linear"] is True
    assert linearity(rows([1, 9, 100]))["linear"] is False       # t ~ n²


def test_placeholders_are_detected():
    missing = placeholder_commands()
    assert "bench" not in missing and "check" not in missing


def test_child_memory_is_the_childs_not_ours():
    import sys

    from congress_site.bench.measure import timed

    ballast = bytearray(200 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(ballast[::4096])          # touch it: this process is now ~200 MB
    run = timed([sys.executable, "-c", "x = bytearray(40 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"])
    assert run.returncode == 0 and 40 < run.peak_rss_mb < 120
    assert run.cpu_s > 0 and run.wall_s >= run.cpu_s * 0.5
    assert timed([sys.executable, "-c", "raise SystemExit(3)"]).returncode == 3
    del ballast

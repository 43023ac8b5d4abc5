"""`congress-bench run` at a tiny size: every measurement is taken, the
table and JSON carry real figures, and the exit code says whether a target
was missed."""

from __future__ import annotations

import json
import sys

import pytest

from congress_bench import cli
from congress_bench import run as bench
from congress_bench.measure import timed
from congress_bench.run import linearity


def ok_by_limit(report: dict) -> list[bool | None]:
    return [None if t["value"] is None else t["value"] <= t["limit"] for t in report["targets"]]


@pytest.mark.bench
@pytest.mark.slow
def test_run_tiny(tmp_path, capsys):
    out = tmp_path / "bench.json"
    code = cli.main(["run", "--stories", "12", "--profiles", "6", "--legislation", "3", "--stations", "2",
                     "--repeat", "2", "--json", str(out), "--dir", str(tmp_path / "work"), "--no-serve",
                     "--no-lighthouse"])  # serve: tests/preview/test_serve.py; tests/browser/test_lighthouse.py
    report = json.loads(out.read_text(encoding="utf-8"))
    printed = capsys.readouterr().out
    assert "构建时间" in printed and "底线" in printed
    site, floor = report["site"], report["floor"]
    assert len(site["builds"]) == 2 and len(floor["builds"]) == 2
    assert all(b["returncode"] == 0 and b["wall_s"] > 0 and b["peak_rss_mb"] > 10 for b in site["builds"])
    assert site["pages"] == floor["pages"] > 12
    assert site["bytes"] > 0 and site["largest_page_bytes"] > 0
    assert report["ratios"]["build"] == pytest.approx(site["build_s"] / floor["build_s"], abs=0.01)
    assert report["check"]["returncode"] == 0
    assert report["lint"]["returncode"] == 0 and report["links"]["returncode"] == 0
    assert floor["index"]["wall_s"] > 0 and site["index"]["wall_s"] > 0
    # Indexed again after another publish, next to the published index: a
    # small site is one index, which the new story changes.
    again = report["index_after_publish"]
    assert again["returncode"] == 0 and again["indexes"] == 1 and again["reused"] == 0
    assert "发布后的搜索索引" in printed
    assert "serve" not in report  # measured by test_serve.py::test_measure_refresh_sees_the_edit
    # One-file lint against a bare interpreter start, in the same run.
    one = report["lint_one_file"]
    assert one["story_chars"] >= 3000 and one["lint_s"] > one["python_pass_s"] > 0
    assert one["ratio"] == pytest.approx(one["lint_s"] / one["python_pass_s"], rel=0.02)  # of rounded times
    assert len(one["loadavg"]) == 3 and "单文件 congress lint" in printed
    assert one["inprocess_s"] > 0 and one["first_run_s"] > 0 and "本进程内检查" in printed
    assert one["text"] == "held-out corpus" and one["again_s"] > 0 and "同一稿件再查" in printed
    # One story edited and one added: a build that reuses the other pages.
    inc = report["incremental"]
    assert inc["returncode"] == 0 and inc["reused"] > 0 and 0 < inc["rendered"] < site["pages"]
    assert report["ratios"]["incremental"] == pytest.approx(inc["wall_s"] / site["build_s"], abs=0.01)
    # Ten targets (eight of the build, two of one-file lint), each judged by its limit; the exit code follows them.
    assert len(report["targets"]) == 10
    assert [t["ok"] for t in report["targets"]] == ok_by_limit(report)
    missed = [t["name"] for t in report["targets"] if t["ok"] is False]
    assert code == (1 if missed else 0)
    assert ("未达标" in printed) == bool(missed)
    assert not (tmp_path / "work").exists()     # cleaned up without --keep


@pytest.mark.parametrize("value, code", [(1.5, 0), (2.5, 1)])
def test_exit_code_is_one_exactly_when_a_target_is_missed(tmp_path, monkeypatch, capsys, value, code):
    def fake_run(opts):
        return {"targets": [{"name": "构建时间", "value": value, "limit": 2.0, "ok": value <= 2.0}]}

    monkeypatch.setattr(bench, "run", fake_run)
    monkeypatch.setattr(bench, "table", lambda report: "表格")
    assert cli.main(["run", "--stories", "1", "--json", str(tmp_path / "r.json")]) == code
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["targets"][0]["value"] == value


def test_sizes_are_checked_before_anything_runs(tmp_path, capsys):
    assert cli.main(["run", "--stations", "0", "--dir", str(tmp_path / "w")]) == 2
    assert cli.main(["run", "--repeat", "0", "--dir", str(tmp_path / "w")]) == 2
    assert cli.main(["run", "--stories", "2", "--images", "3", "--dir", str(tmp_path / "w")]) == 2
    assert not (tmp_path / "w").exists()
    assert "至少需要 1 个联络站" in capsys.readouterr().err


def test_linearity_flags_a_quadratic_build():
    def rows(times):
        return [{"stories": n, "site_s": t, "floor_s": n / 1000, "bytes": n * 3000, "largest_page_bytes": 60_000}
                for n, t in zip((1000, 3000, 10000), times, strict=True)]

    assert linearity(rows([10, 30, 100]))["linear"] is True
    assert linearity(rows([1, 9, 100]))["linear"] is False       # t ~ n²


def test_child_memory_is_the_childs_not_ours():
    ballast = bytearray(200 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(ballast[::4096])          # touch it: this process is now ~200 MB
    run = timed([sys.executable, "-c", "x = bytearray(40 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"])
    assert run.returncode == 0 and 40 < run.peak_rss_mb < 120
    assert run.cpu_s > 0 and run.wall_s >= run.cpu_s * 0.5
    assert timed([sys.executable, "-c", "raise SystemExit(3)"]).returncode == 3
    del ballast

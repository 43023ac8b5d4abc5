"""`congress-bench generate`, and `congress bench …` in the product's CLI:
the same command when the bench package is installed, a Chinese message
(exit 2, no traceback) when it is not."""

from __future__ import annotations

import subprocess
import sys

from congress_bench.cli import main as bench_main
from congress_site.cli import main


def test_generate(tmp_path, capsys):
    code = bench_main(["generate", str(tmp_path / "s"), "--stories", "3", "--profiles", "2",
                       "--legislation", "1", "--stations", "1", "--no-floor"])
    assert code == 0
    assert len(list((tmp_path / "s/stories").glob("*/*.md"))) == 3
    assert not (tmp_path / "s/floor").exists()
    assert "已生成合成站点" in capsys.readouterr().out
    assert bench_main(["generate", str(tmp_path / "t"), "--stations", "0"]) == 2
    assert not (tmp_path / "t").exists()
    assert "congress-bench generate：至少需要 1 个联络站" in capsys.readouterr().err


def test_congress_bench_delegates_with_every_option(tmp_path, capsys):
    code = main(["bench", "generate", str(tmp_path / "s"), "--stories", "2", "--profiles", "1",
                 "--legislation", "1", "--stations", "1", "--seed", "3", "--no-floor"])
    assert code == 0
    assert len(list((tmp_path / "s/stories").glob("*/*.md"))) == 2
    assert main(["bench", "generate", str(tmp_path / "t"), "--stations", "0"]) == 2
    assert "congress bench generate：" in capsys.readouterr().err


def test_congress_bench_help_is_the_bench_commands():
    out = subprocess.run([sys.executable, "-c", "import sys; from congress_site.cli import main; "
                          "sys.exit(main(['bench', 'run', '--help']))"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert out.stdout.startswith("usage: congress bench run") and "--stories" in out.stdout


def test_without_the_bench_package_a_chinese_message_and_exit_2():
    # None in sys.modules is how Python itself blocks an import.
    code = ("import sys; sys.modules['congress_bench'] = None; from congress_site.cli import main; "
            "sys.exit(main(['bench', 'run', '--stories', '10']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "开发者工具" in out.stderr and "make bench" in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""

"""One-file lint: how long a correspondent (or a pre-commit hook, or the
CMS's check) waits for `congress lint FILE` on a 3,000-character story,
against a bare `python -c pass` measured in the same run, turn about, so
the ratio holds however busy the machine is.

    python bench/congress_bench/lint_one_file.py [REPO_ROOT] [--runs N]

`congress lint` is timed twice over: as it runs by default, answered by the
warm lint server (congress_site/lint/server.py), and in-process
(CONGRESS_LINT_SERVER=off), as a cold process checks. The target is judged
on the default path. The first run finds no server (the benchmark gives it
a socket folder of its own), checks in-process and starts one; its time is
reported as the cold first run of a session, and the server is stopped at
the end. That first run also builds the lexicon cache if it is missing: the
other figures are for a warm cache, as every run after the first one is.

Each timed run checks a story the checker has not seen, as a correspondent's
new story is: the look-alike check's memos make a text seen before several
times cheaper, so timing one story over and over measured the server's
memory, not the check. The stories are cut from the held-out corpus of the
linter's tests (real prose of the register, never used to tune it); the
same story checked again at once (an edit, then another look) is a row of
its own. Outside a checkout, stories are generated from a few sentences and
the result says so.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_CHARS = 3000
MAX_SECONDS = 0.5
MAX_RATIO = 5.0
CORPUS = Path("tests/lint/corpus/heldout")  # under the repository's root
_HEAD = ("---\ntitle: {title}\ndate: 2025-06-18\n"
         "column: jiceng\nsummary: 代表们走进社区，倾听居民对老旧小区改造的意见建议。\n---\n\n")

# Sentences in the register of a duty-performance story, combined at random
# (seeded) into paragraphs. Clean copy: the linter should find nothing.
_SENTENCES = [
    "示例市人大常委会组织部分市人大代表深入基层，围绕老旧小区改造开展专题调研。",
    "代表们先后来到三个街道，实地查看加装电梯、管网更新和停车位改造的进展情况。",
    "在代表联络站，居民代表围坐一起，把家门口的难事一件件摆到桌面上。",
    "有的居民反映楼道照明不足，有的提出希望增设适老化扶手，代表们一一记录在册。",
    "座谈会上，市住房和城乡建设局负责同志介绍了今年改造计划的安排和资金保障情况。",
    "代表们建议，改造方案要先征求居民意见，做到群众不点头不开工、群众不满意不验收。",
    "针对部分小区物业管理缺位的问题，代表们提出要建立长效管护机制，防止改完就不管。",
    "市人大常委会将把调研中收集的意见建议梳理汇总，交由有关部门研究办理。",
    "今年以来，全市各级人大代表通过联络站接待群众三千余人次，收集意见建议八百多条。",
    "这些意见建议实行登记、交办、督办、反馈全程闭环管理，办理情况定期向选民公开。",
    "一位老党员说，代表常来常往，大家有话愿意说，心里也更踏实了。",
    "下一步，常委会还将围绕养老服务、义务教育、生态环境保护等民生领域开展监督。",
    "代表们表示，要继续当好党和政府联系人民群众的桥梁，把人民群众的期盼转化为履职的动力。",
    "调研组还听取了街道办事处和社区居委会的情况汇报，对下一阶段工作提出具体要求。",
    "会后，代表们又走进居民家中，详细询问改造后的使用感受和还存在的困难。",
    "常委会主任会议专门听取了调研情况汇报，要求有关部门逐项研究、限期答复。",
]


def story(seed: int = 3000, chars: int = TARGET_CHARS) -> str:
    """A Markdown story with front matter, about `chars` characters long,
    made of the sentences above (a fallback: they repeat)."""
    rng = random.Random(seed)
    head = _HEAD.format(title="示例市人大代表深入基层调研老旧小区改造")
    body: list[str] = []
    size = len(head)
    while size < chars:
        para = "".join(rng.sample(_SENTENCES, rng.randint(3, 5)))
        body.append(para)
        size += len(para) + 2
    return head + "\n\n".join(body) + "\n"


def corpus_stories(repo_root: Path, count: int, chars: int = TARGET_CHARS) -> list[str]:
    """`count` stories of about `chars` characters, each of paragraphs no
    other one holds, cut in order from the held-out corpus; fewer when it
    runs out, none outside a checkout."""
    paragraphs = [para.strip() for path in sorted((repo_root / CORPUS).glob("*.md"))
                  for para in path.read_text(encoding="utf-8").split("\n\n")
                  if para.strip() and not para.lstrip().startswith("#")]
    stories: list[str] = []
    body: list[str] = []
    for para in paragraphs:
        if len(stories) == count:
            break
        body.append(para)
        text = _HEAD.format(title=f"基层履职纪实（第{len(stories) + 1}篇）") + "\n\n".join(body) + "\n"
        if len(text) > chars:
            stories.append(text)
            body = []
    return stories


def stories_for(repo_root: Path, count: int) -> tuple[list[str], str]:
    """`count` different stories, and where their text came from."""
    found = corpus_stories(repo_root, count)
    if len(found) == count:
        return found, "held-out corpus"
    return [story(seed=3000 + n) for n in range(count)], "generated"


def _loadavg() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except OSError:
        return None


def _congress(repo_root: Path) -> str:
    local = repo_root / ".venv" / "bin" / "congress"
    beside = Path(sys.executable).with_name("congress")  # the running virtualenv's
    found = str(local) if local.is_file() else str(beside) if beside.is_file() else shutil.which("congress")
    if not found:
        raise RuntimeError("congress is not installed (make test installs it into .venv)")
    return found


def _python(repo_root: Path) -> str:
    local = repo_root / ".venv" / "bin" / "python"
    return str(local) if local.is_file() else sys.executable


def _environment(**extra: str) -> dict[str, str]:
    """The caller's environment, except that Python may write its bytecode
    cache: a correspondent's Python does, and without it every run compiles
    the linter's source again (some sandboxes and CI runners switch it off)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def _wall(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                          env=env or _environment())
    elapsed = time.perf_counter() - t0
    if done.returncode not in (0, 1):  # 1: the linter found errors, still a run
        raise RuntimeError(f"{cmd[0]} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def _server(python: str, command: str, cwd: Path, env: dict[str, str]) -> None:
    """`wait` until this environment's lint server answers (it polls with a
    deadline), or `stop` the servers in the benchmark's socket folder."""
    done = subprocess.run([python, "-m", "congress_site.lint.server", command], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"lint server {command}: {(done.stdout + done.stderr)[-500:]}")


def measure(repo_root: Path, runs: int = 5) -> dict:
    """Wall times of `congress lint` on 3,000-character stories, each new
    to the checker (answered by the lint server, and in-process), of the
    same story checked again by the server, and of `python -c pass`, in
    turns, `runs` of each after one warm-up."""
    repo_root = Path(repo_root).resolve()
    congress, python = _congress(repo_root), _python(repo_root)
    texts, source = stories_for(repo_root, 3 + 2 * runs)
    with tempfile.TemporaryDirectory(prefix="lint-one-file-") as tmp:
        paths = []
        for n, text in enumerate(texts):
            paths.append(Path(tmp) / f"story-{n}.md")
            paths[-1].write_text(text, encoding="utf-8")
        # A socket folder of its own: the first run finds no server however
        # many the user has, and the one started here is the one stopped.
        served = _environment(CONGRESS_LINT_SERVER="on", CONGRESS_LINT_SERVER_DIR=str(Path(tmp) / "sockets"))
        cold = dict(served, CONGRESS_LINT_SERVER="off")
        pass_cmd = [python, "-c", "pass"]

        def lint(path: Path, env: dict[str, str]) -> float:
            return _wall([congress, "lint", str(path)], repo_root, env)

        load_before = _loadavg()
        try:
            first = lint(paths[0], served)  # in-process; builds the lexicon cache when missing
            _server(python, "wait", repo_root, served)
            lint(paths[1], served)  # warm-ups: the server's first request,
            lint(paths[2], cold)    # the bytecode and page caches
            _wall(pass_cmd, repo_root)
            lint_times, again_times, cold_times, pass_times = [], [], [], []
            for n in range(runs):
                new, other = paths[3 + 2 * n], paths[4 + 2 * n]
                pass_times.append(_wall(pass_cmd, repo_root))
                lint_times.append(lint(new, served))
                again_times.append(lint(new, served))
                cold_times.append(lint(other, cold))
            load_after = _loadavg()
        finally:
            _server(python, "stop", repo_root, served)
    lint_s, again_s, cold_s, pass_s = (statistics.median(t) for t in (lint_times, again_times, cold_times,
                                                                      pass_times))
    ratio = lint_s / pass_s
    return {
        "story_chars": round(statistics.median(len(t) for t in texts)),
        "text": source,
        "runs": runs,
        "lint_s": round(lint_s, 4),
        "lint_min_s": round(min(lint_times), 4),
        "again_s": round(again_s, 4),
        "again_ratio": round(again_s / pass_s, 2),
        "inprocess_s": round(cold_s, 4),
        "inprocess_min_s": round(min(cold_times), 4),
        "first_run_s": round(first, 4),
        "python_pass_s": round(pass_s, 4),
        "python_pass_min_s": round(min(pass_times), 4),
        "ratio": round(ratio, 2),
        "ratio_of_minima": round(min(lint_times) / min(pass_times), 2),
        "inprocess_ratio": round(cold_s / pass_s, 2),
        "loadavg": [round(x, 2) for x in (load_after or load_before or ())],
        "target_s": MAX_SECONDS,
        "target_ratio": MAX_RATIO,
        "ok": lint_s <= MAX_SECONDS and ratio <= MAX_RATIO,
    }


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def table(result: dict) -> str:
    rows = [
        "| one-file lint | median | min | ratio to `python -c pass` | target |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| `congress lint`, a new story ({result['story_chars']:,} chars), lint server | "
        f"{_ms(result['lint_s'])} | {_ms(result['lint_min_s'])} | {result['ratio']:.2f} "
        f"(of minima {result['ratio_of_minima']:.2f}) | ≤ {_ms(result['target_s'])}, ≤ {result['target_ratio']:.0f} |",
        f"| `congress lint`, the same story again, lint server | {_ms(result['again_s'])} | | "
        f"{result['again_ratio']:.2f} | |",
        f"| `congress lint`, a new story, in-process (CONGRESS_LINT_SERVER=off) | {_ms(result['inprocess_s'])} | "
        f"{_ms(result['inprocess_min_s'])} | {result['inprocess_ratio']:.2f} | |",
        f"| `congress lint`, first run (no server yet: in-process, starts one) | {_ms(result['first_run_s'])} "
        "| | | |",
        f"| `python -c pass` | {_ms(result['python_pass_s'])} | {_ms(result['python_pass_min_s'])} | | |",
    ]
    load = result["loadavg"]
    rows.append("")
    rows.append(f"{result['runs']} runs each, in turns, stories from the {result['text']}; load average "
                f"{' '.join(map(str, load)) or 'n/a'}; {'within' if result['ok'] else 'OUTSIDE'} target")
    return "\n".join(rows)


if __name__ == "__main__":
    args = sys.argv[1:]
    runs = 5
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2]
    print(table(measure(root, runs)))

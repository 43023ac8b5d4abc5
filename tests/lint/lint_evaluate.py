"""Recall per error family and false positives on clean copy, measured on our
own corpus.

Errors are made the way they reach the paper: we take clean paragraphs
(tests/lint/corpus/clean/ and the carrier sentences) and put one error of a
family into each, as pasting from PDF or Word, OCR and input methods do.
An error counts as found when a finding of that family overlaps it (one
character of slack); for typos we also count findings on exactly the
changed characters.

    .venv/bin/python tests/lint/lint_evaluate.py --written  # written errors by family, held-out prose
    .venv/bin/python tests/lint/lint_evaluate.py            # table
    .venv/bin/python tests/lint/lint_evaluate.py --json     # machine-readable
    .venv/bin/python tests/lint/lint_evaluate.py --extra stories content profiles

Besides the injected errors, tests/lint/corpus/errors/ holds sentences with
the errors a newsroom lets through, written by family (see its README), and
tests/lint/corpus/heldout/ holds clean official prose that no rule or word
count was tuned on: the false-positive rate is measured there.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
sys.path.insert(0, str(ROOT / "plugins"))

from congress_site.lint import LintConfig, lint_text  # noqa: E402
from congress_site.lint.engine import kind_of  # noqa: E402
from congress_site.lint.markdown import document_prose  # noqa: E402

FAMILIES: dict[str, set[str]] = {
    "whitespace": {"stray-space", "invisible-char", "cjk-latin-space"},
    "punctuation": {"halfwidth-punct", "ellipsis", "repeated-punct"},
    "quote": {"ascii-quote", "corner-quote", "unbalanced-pair"},
    "dash": {"dash", "dash-yi"},
    "typo": {"typo", "official-term", "similar-char", "homophone", "garbled"},
    "repeat": {"repeated-word", "repeated-sentence"},
    "traditional": {"traditional-char"},
    "width": {"fullwidth-alnum", "lookalike-char"},
    "privacy": {"personal-id", "personal-phone"},
    "html": {"unsafe-html"},
    # Slips no list foresees (人→入, 己→已 … anywhere): only the rare-char
    # and unsegmentable hints, and the lists by chance, can see them.
    "unlisted-slip": {"typo", "similar-char", "homophone", "garbled", "rare-char", "unsegmentable"},
}
TARGETS = {"whitespace": 0.95, "punctuation": 0.95, "quote": 0.95, "dash": 0.95,
           "typo": 0.80, "repeat": 0.80, "traditional": 0.80}
HAN = re.compile("[\u4e00-\u9fff]")
SEED = 20250705


@dataclass
class Case:
    family: str
    text: str
    start: int
    end: int
    what: str


@dataclass
class Result:
    family: str
    total: int = 0
    found: int = 0
    exact: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0


# ------------------------------------------------------------------ sources

def clean_files() -> list[Path]:
    return sorted(p for p in (CORPUS / "clean").iterdir() if p.suffix in (".md", ".yml"))


def clean_paragraphs() -> list[str]:
    """Body paragraphs of the clean corpus (prose lines with Chinese)."""
    out = []
    for path in clean_files():
        prose, _ = document_prose(path.read_text(encoding="utf-8"), kind_of(path))
        for para in re.split(r"\n\s*\n", prose.text):
            para = para.strip()
            if len(HAN.findall(para)) >= 20 and "\ufffc" not in para:
                out.append(para)
    return out


def carriers() -> list[str]:
    lines = (CORPUS / "carriers.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


# ---------------------------------------------------------------- injectors

Injector = Callable[[str, random.Random], "Case | None"]


def _spots(text: str, pattern: str) -> list[re.Match]:
    return list(re.finditer(pattern, text))


def _replace(text: str, m_start: int, m_end: int, new: str, family: str, what: str) -> Case:
    out = text[:m_start] + new + text[m_end:]
    return Case(family, out, m_start, m_start + len(new), what)


def _pick(rng: random.Random, spots: list):
    return rng.choice(spots) if spots else None


def whitespace(text: str, rng: random.Random) -> Case | None:
    kind = rng.choice(["han-space", "han-space", "double-space", "ideographic", "after-comma",
                       "before-comma", "zero-width", "han-digit", "indent"])
    if kind == "indent":
        return _replace(text, 0, 0, "\u3000\u3000", "whitespace", kind)
    if kind in ("after-comma", "before-comma"):
        m = _pick(rng, _spots(text, "[，。、：；](?=[\u4e00-\u9fff])"))
        if not m:
            return None
        at = m.end() if kind == "after-comma" else m.start()
        return _replace(text, at, at, " ", "whitespace", kind)
    if kind == "han-digit":
        m = _pick(rng, _spots(text, "(?<=[\u4e00-\u9fff])(?=\\d)|(?<=\\d)(?=[\u4e00-\u9fff])"))
        if not m:
            return None
        return _replace(text, m.start(), m.start(), " ", "whitespace", kind)
    m = _pick(rng, _spots(text, "(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])"))
    if not m:
        return None
    new = {"han-space": " ", "double-space": "  ", "ideographic": "\u3000", "zero-width": "\u200b"}[kind]
    return _replace(text, m.start(), m.start(), new, "whitespace", kind)


def punctuation(text: str, rng: random.Random) -> Case | None:
    kind = rng.choice(["comma", "comma", "comma-space", "colon", "semicolon", "question", "bang",
                       "period", "paren", "ellipsis", "double"])
    table = {"comma": ("，", ","), "comma-space": ("，", ", "), "colon": ("：", ":"),
             "semicolon": ("；", ";"), "question": ("？", "?"), "bang": ("！", "!"), "period": ("。", ".")}
    if kind in table:
        old, new = table[kind]
        m = _pick(rng, _spots(text, re.escape(old)))
        if not m:
            m = _pick(rng, _spots(text, "，"))
            new = ","
            if not m:
                return None
        return _replace(text, m.start(), m.end(), new, "punctuation", kind)
    if kind == "paren":
        m = _pick(rng, _spots(text, "（[^（）]*）"))
        if not m:
            m = _pick(rng, _spots(text, "，"))
            if not m:
                return None
            return _replace(text, m.start(), m.end(), ",", "punctuation", "comma")
        inner = m.group()[1:-1]
        return _replace(text, m.start(), m.end(), f"({inner})", "punctuation", kind)
    if kind == "ellipsis":
        m = _pick(rng, _spots(text, "……|。"))
        if not m:
            return None
        return _replace(text, m.start(), m.end(), rng.choice(["...", "。。。", "…", "......"]), "punctuation", kind)
    m = _pick(rng, _spots(text, "[，。]"))
    if not m:
        return None
    return _replace(text, m.start(), m.end(), m.group() * 2, "punctuation", kind)


def quote(text: str, rng: random.Random) -> Case | None:
    pairs = _spots(text, "“[^“”]*”")
    kind = rng.choice(["ascii", "ascii", "drop-close", "reversed", "corner", "book"])
    if kind == "book":
        m = _pick(rng, _spots(text, "《[^《》]*》"))
        if m:
            out = text[:m.end() - 1] + text[m.end():]
            return Case("quote", out, m.start(), m.end() - 1, "drop-book-close")
        kind = "ascii"
    if not pairs:
        # no quotation in this paragraph: quote a word as a correspondent would
        m = _pick(rng, _spots(text, "[\u4e00-\u9fff]{2,4}(?=[，。])"))
        if not m:
            return None
        out = text[:m.start()] + '"' + m.group() + '"' + text[m.end():]
        return Case("quote", out, m.start(), m.end() + 2, "ascii-new")
    m = rng.choice(pairs)
    inner = m.group()[1:-1]
    if kind == "ascii":
        return _replace(text, m.start(), m.end(), f'"{inner}"', "quote", kind)
    if kind == "drop-close":
        if not inner:
            return None
        out = text[:m.end() - 1] + text[m.end():]
        return Case("quote", out, m.start(), m.end() - 1, kind)  # opener … where the closer was
    if kind == "reversed":
        return _replace(text, m.start(), m.end(), f"”{inner}“", "quote", kind)
    return _replace(text, m.start(), m.end(), f"「{inner}」", "quote", kind)


FAKE_DASHES = ["--", "-", "─", "──", "一一", "－－", "—-", " - ", "———"]


def dash(text: str, rng: random.Random) -> Case | None:
    m = _pick(rng, _spots(text, "——")) or _pick(rng, _spots(text, "(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])"))
    if not m:
        return None
    fake = rng.choice(FAKE_DASHES)
    return _replace(text, m.start(), m.end(), fake, "dash", fake)


def typo(text: str, rng: random.Random, entries) -> Case | None:
    found = [(e, m) for e in entries for m in re.finditer(re.escape(e.right), text)]
    if not found:
        return None
    e, m = rng.choice(found)
    # the wrong form replaces the right one where they differ
    return _replace(text, m.start(), m.end(), e.wrong, "typo", f"{e.right}→{e.wrong}")


SLIPS = [("入", "人"), ("已", "己"), ("末", "未"), ("候", "侯"), ("拨", "拔"), ("戍", "戌"),
         ("即", "既"), ("账", "帐"), ("竞", "竟"), ("赢", "嬴"), ("洽", "治"), ("象", "像")]


def unlisted_slip(text: str, rng: random.Random) -> Case | None:
    options = [(a, b, m) for a, b in SLIPS for m in re.finditer(a, text)]
    if not options:
        return None
    a, b, m = rng.choice(options)
    return _replace(text, m.start(), m.end(), b, "unlisted-slip", f"{a}→{b}")


def repeat(text: str, rng: random.Random) -> Case | None:
    import jieba

    kind = rng.choice(["function-char", "word", "word", "phrase", "sentence"])
    if kind == "function-char":
        m = _pick(rng, _spots(text, "[的了在是和与对把将从]"))
        if not m:
            return None
        return _replace(text, m.end(), m.end(), m.group(), "repeat", kind)
    if kind == "sentence":
        m = _pick(rng, _spots(text, "[^。！？]{12,}[。！？]"))
        if not m:
            return None
        return _replace(text, m.end(), m.end(), m.group(), "repeat", kind)
    tokens = []
    pos = 0
    for tok in jieba.cut(text, HMM=False):
        tokens.append((pos, tok))
        pos += len(tok)
    size = 1 if kind == "word" else rng.choice([2, 3])
    spans = [(tokens[i][0], tokens[i + size - 1][0] + len(tokens[i + size - 1][1]))
             for i in range(len(tokens) - size + 1)]
    spans = [(a, b) for a, b in spans if b - a >= 2 and HAN.fullmatch(text[a]) and all(HAN.match(c) for c in text[a:b])]
    if not spans:
        return None
    a, b = rng.choice(spans)
    return _replace(text, b, b, text[a:b], "repeat", kind)


def traditional(text: str, rng: random.Random) -> Case | None:
    from opencc import OpenCC

    conv = OpenCC("s2t")
    spans = [m for m in re.finditer("[\u4e00-\u9fff]{2,4}", text) if conv.convert(m.group()) != m.group()]
    if not spans:
        return None
    m = rng.choice(spans)
    new = conv.convert(m.group())
    changed = [i for i, (x, y) in enumerate(zip(m.group(), new, strict=True)) if x != y]
    out = text[:m.start()] + new + text[m.end():]
    return Case("traditional", out, m.start() + changed[0], m.start() + changed[-1] + 1, m.group() + "→" + new)


def width(text: str, rng: random.Random) -> Case | None:
    m = _pick(rng, _spots(text, r"\d+"))
    if m and rng.random() < 0.5:
        full = "".join(chr(ord(c) + 0xFEE0) for c in m.group())
        return _replace(text, m.start(), m.end(), full, "width", "fullwidth-digits")
    m = _pick(rng, _spots(text, "[人大工口日月山水一二十]"))
    if not m:
        return None
    look = {"人": "⼈", "大": "⼤", "工": "⼯", "口": "⼝", "日": "⽇", "月": "⽉", "山": "⼭",
            "水": "⽔", "一": "⼀", "二": "⼆", "十": "⼗"}[m.group()]
    return _replace(text, m.start(), m.end(), look, "width", "kangxi-radical")


def _resident_id(rng: random.Random) -> str:
    from congress_site.lint.rules.privacy import id_check_digit

    first = f"{rng.choice([110105, 140702, 654004, 530100])}{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return first + id_check_digit(first)


def privacy(text: str, rng: random.Random) -> Case | None:
    m = _pick(rng, _spots(text, "[，。]"))
    if not m:
        return None
    if rng.random() < 0.5:
        number = _resident_id(rng)
        lead = "（身份证号"
    else:
        number = f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"
        if rng.random() < 0.3:
            number = f"{number[:3]}-{number[3:7]}-{number[7:]}"
        lead = "（联系电话："
    insert = f"{lead}{number}）"
    out = text[:m.start()] + insert + text[m.start():]
    s = m.start() + len(lead)
    return Case("privacy", out, s, s + len(number), lead)


HTML_BITS = ['<script>alert("x")</script>', '<iframe src="https://example.com/v"></iframe>',
             '<img src="a.png" onerror="steal()">', '<a href="javascript:void(0)">点击</a>',
             "[点击查看](javascript:alert(1))", '<span onclick="go()">详情</span>',
             '<object data="x.swf"></object>']


def html(text: str, rng: random.Random) -> Case | None:
    m = _pick(rng, _spots(text, "[，。]"))
    if not m:
        return None
    bit = rng.choice(HTML_BITS)
    return _replace(text, m.end(), m.end(), bit, "html", bit[:8])


# --------------------------------------------------------------- evaluation

def make_cases(config: LintConfig, per_family: int = 120, seed: int = SEED) -> Iterator[Case]:
    rng = random.Random(seed)
    paragraphs = clean_paragraphs()
    lines = carriers()
    entries = list(config.confusions) + list(config.terms)
    plain: dict[str, Injector] = {
        "whitespace": whitespace, "punctuation": punctuation, "quote": quote, "dash": dash,
        "repeat": repeat, "traditional": traditional, "width": width, "privacy": privacy,
        "html": html, "unlisted-slip": unlisted_slip,
    }
    for inject in plain.values():
        made = tries = 0
        while made < per_family and tries < per_family * 20:
            tries += 1
            case = inject(rng.choice(paragraphs + lines), rng)
            if case is not None:
                made += 1
                yield case
    # every carrier sentence once per list entry whose right form it holds
    for line in lines:
        for e in entries:
            for m in re.finditer(re.escape(e.right), line):
                yield _replace(line, m.start(), m.end(), e.wrong, "typo", f"{e.right}→{e.wrong}")


# ------------------------------------------------- written errors by family

ERRORS = CORPUS / "errors"
HELDOUT = CORPUS / "heldout"
# Which findings count for a family of written errors.
ERROR_FAMILIES: dict[str, set[str]] = {
    "dash-chain": {"dash", "dash-yi"},
    "shape": {"similar-char", "typo", "garbled"},
    "homophone": {"homophone", "similar-char", "typo"},
    "garbled": {"garbled", "similar-char", "homophone", "typo"},
    "repeat": {"repeated-word", "repeated-sentence"},
    "traditional": {"traditional-char"},
    "unbalanced": {"unbalanced-pair"},
}
ERROR_TARGETS = {"dash-chain": 0.90, "shape": 0.80, "homophone": 0.80, "garbled": 0.80, "repeat": 0.80,
                 "traditional": 0.80, "unbalanced": 0.80}
HELDOUT_FP_TARGET = 0.3  # findings per 1,000 characters of clean prose
HELDOUT_MIN_CHARS = 100_000
_MARK = re.compile("⟦([^⟧|]*)(?:\\|([^⟧]*))?⟧")
_HYPHENS = set("-－‐‑–─━")


@dataclass
class Written:
    family: str
    split: str  # "dev" (looked at while writing the rules) or "test"
    text: str
    start: int
    end: int
    wrong: str
    right: str | None
    line: int


def written_errors(family: str) -> list[Written]:
    """The cases of one family: the marked span is the error, the text
    after the bar (if any) its correction."""
    out = []
    split = "dev"
    path = ERRORS / f"{family}.txt"
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip() == "# test":
            split = "test"
            continue
        if not raw.strip() or raw.startswith("#"):
            continue
        line = raw.replace("¶", "\n\n").replace("⏎", "\n")
        m = _MARK.search(line)
        if m is None:
            raise ValueError(f"{path.name}:{n}: no ⟦…⟧ mark")
        text = line[:m.start()] + m.group(1) + line[m.end():]
        out.append(Written(family, split, text, m.start(), m.start() + len(m.group(1)), m.group(1),
                           m.group(2), n))
    return out


def _found(case: Written, findings) -> tuple[bool, bool]:
    """(found, with the right correction)."""
    codes = ERROR_FAMILIES[case.family]
    spans = [(f.extra["start"], f.extra["end"], f) for f in findings if f.code in codes]
    if case.family == "dash-chain":
        # the joins are the hyphens when there are any (一审-二审-三审),
        # else the 一s (收集一交办一督办)
        span = case.text[case.start:case.end]
        joins = _HYPHENS if _HYPHENS & set(span) else {"一"}
        seps = [i for i in range(case.start, case.end) if case.text[i] in joins]
        hit = bool(seps) and all(any(a <= i < max(b, a + 1) for a, b, _f in spans) for i in seps)
        return hit, hit
    near = [f for a, b, f in spans if a <= case.end + 1 and b >= case.start - 1]
    if not near:
        return False, False
    right = case.right
    fixed = right is None or any(right and right in (f.fix or "") + f.message for f in near)
    return True, fixed


def evaluate_written(config: LintConfig | None = None) -> dict:
    config = config or LintConfig.load(ROOT / "content" / "style")
    report: dict[str, dict] = {}
    for family in ERROR_FAMILIES:
        rows = {"dev": [0, 0, 0], "test": [0, 0, 0]}
        misses: list[str] = []
        for case in written_errors(family):
            findings = lint_text(case.text, "case.md", config)
            found, fixed = _found(case, findings)
            row = rows[case.split]
            row[0] += 1
            row[1] += found
            row[2] += found and fixed
            if not found and len(misses) < 20:
                misses.append(f"{case.split} line {case.line}: {case.text.replace(chr(10), '⏎')}")
        total = rows["dev"][0] + rows["test"][0]
        found = rows["dev"][1] + rows["test"][1]
        report[family] = {
            "total": total, "found": found, "recall": round(found / total, 4) if total else 0.0,
            "fixed_right": rows["dev"][2] + rows["test"][2],
            "dev": dict(zip(("total", "found", "fixed_right"), rows["dev"], strict=True)),
            "test": dict(zip(("total", "found", "fixed_right"), rows["test"], strict=True)),
            "test_recall": round(rows["test"][1] / rows["test"][0], 4) if rows["test"][0] else 0.0,
            "misses": misses,
        }
    return report


def heldout_files() -> list[Path]:
    return sorted(HELDOUT.glob("*.md"))


def evaluate(config: LintConfig | None = None, per_family: int = 120) -> dict:
    config = config or LintConfig.load(ROOT / "content" / "style")
    results: dict[str, Result] = {f: Result(f) for f in FAMILIES}
    for case in make_cases(config, per_family):
        res = results[case.family]
        res.total += 1
        codes = FAMILIES[case.family]
        hits = [f for f in lint_text(case.text, "case.md", config) if f.code in codes]
        starts = [(f.extra["start"], f.extra["end"]) for f in hits]
        if any(a <= case.end + 1 and b >= case.start - 1 for a, b in starts):
            res.found += 1
            if any(a == case.start and b == case.end for a, b in starts):
                res.exact += 1
        elif len(res.misses) < 12:
            res.misses.append(f"{case.what}: …{case.text[max(0, case.start - 12):case.end + 12]}…")
    clean = false_positives(config, clean_files())
    return {"recall": {f: vars(r) | {"recall": round(r.recall, 4)} for f, r in results.items()},
            "clean": clean}


def false_positives(config: LintConfig, files: list[Path]) -> dict:
    chars = prose_chars = 0
    by_severity = {"error": 0, "warning": 0, "info": 0}
    examples = []
    t0 = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        chars += len(text)
        prose, _ = document_prose(text, kind_of(path))
        prose_chars += len(prose.text)
        for f in lint_text(text, str(path.relative_to(ROOT)), config, kind_of(path)):
            by_severity[str(f.severity)] += 1
            if len(examples) < 20:
                examples.append(f"{f.path}:{f.line}:{f.column} [{f.code}] {f.message}")
    elapsed = time.perf_counter() - t0
    total = sum(by_severity.values())
    return {
        "files": len(files), "chars": chars, "prose_chars": prose_chars, "findings": by_severity,
        "fp_per_1000": round(1000 * total / max(prose_chars, 1), 3),
        "fp_per_1000_errors_warnings": round(1000 * (by_severity["error"] + by_severity["warning"]) / max(prose_chars, 1), 3),
        "examples": examples, "seconds": round(elapsed, 3),
    }


def _table(report: dict) -> str:
    rows = ["| family | injected | found | recall | exact span | target |", "|---|---:|---:|---:|---:|---:|"]
    for fam, r in report["recall"].items():
        target = TARGETS.get(fam)
        rows.append(f"| {fam} | {r['total']} | {r['found']} | {r['recall']:.1%} | {r['exact']} | "
                    f"{'≥' + format(target, '.0%') if target else '—'} |")
    c = report["clean"]
    rows.append("")
    rows.append(f"clean copy: {c['files']} files, {c['prose_chars']} prose chars; findings {c['findings']}; "
                f"{c['fp_per_1000']} per 1,000 chars (errors+warnings: {c['fp_per_1000_errors_warnings']})")
    return "\n".join(rows)


def _written_table(written: dict, heldout: dict) -> str:
    rows = ["| family | cases | found | recall | with the right fix | test split | target |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for fam, r in written.items():
        t = r["test"]
        rows.append(f"| {fam} | {r['total']} | {r['found']} | {r['recall']:.1%} | {r['fixed_right']} | "
                    f"{t['found']}/{t['total']} = {r['test_recall']:.1%} | ≥{ERROR_TARGETS[fam]:.0%} |")
    rows.append("")
    rows.append(f"held-out clean prose: {heldout['files']} files, {heldout['prose_chars']:,} prose chars "
                f"({heldout['chars']:,} in the files); findings {heldout['findings']}; "
                f"{heldout['fp_per_1000']} per 1,000 chars (target ≤ {HELDOUT_FP_TARGET})")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    if "--written" in argv:
        config = LintConfig.load(ROOT / "content" / "style")
        written = evaluate_written(config)
        heldout = false_positives(config, heldout_files())
        if "--json" in argv:
            print(json.dumps({"written": written, "heldout": heldout}, ensure_ascii=False, indent=2))
            return 0
        print(_written_table(written, heldout))
        for fam, r in written.items():
            for miss in r["misses"][:8]:
                print(f"  miss {fam}: {miss}")
        for ex in heldout["examples"]:
            print("  held-out:", ex)
        return 0
    report = evaluate()
    extra = [a for a in argv if not a.startswith("--")]
    if extra:
        files = []
        for name in extra:
            p = Path(name)
            files += sorted(x for x in p.rglob("*") if x.suffix in (".md", ".yml")) if p.is_dir() else [p]
        report["extra"] = false_positives(LintConfig.load(ROOT / "content" / "style"),
                                          [f.resolve() for f in files])
    if "--json" in argv:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(_table(report))
    for fam, r in report["recall"].items():
        for miss in r["misses"][:5]:
            print(f"  miss {fam}: {miss}")
    for ex in report["clean"]["examples"]:
        print("  clean:", ex)
    if "extra" in report:
        e = report["extra"]
        print(f"\nextra clean files: {e['files']} files, {e['prose_chars']} prose chars; findings {e['findings']}; "
              f"{e['fp_per_1000']} per 1,000 chars (errors+warnings {e['fp_per_1000_errors_warnings']})")
        for ex in e["examples"]:
            print("  extra:", ex)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

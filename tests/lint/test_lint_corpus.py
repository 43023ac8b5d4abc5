"""The checker against our own corpus: a hand-annotated story pasted from
PDF, recall per error family on injected errors, false positives on long
clean copy. (Speed is a benchmark: bench/congress_bench/lint_one_file.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from congress_site.lint import fix_text, lint_text

CORPUS = Path(__file__).resolve().parent / "corpus"
MECHANICAL = {"stray-space", "invisible-char", "cjk-latin-space", "halfwidth-punct", "ellipsis",
              "ascii-quote", "dash", "fullwidth-alnum"}


def _expected(path: Path) -> set[tuple[int, str]]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            n, code = line.split()
            out.add((int(n), code))
    return out


@pytest.mark.parametrize("name", ["pasted-from-pdf.md", "word-paste.md"])
def test_annotated_dirty_story(config, name):
    story = CORPUS / "dirty" / name
    found = {(f.line, f.code) for f in lint_text(story.read_text(encoding="utf-8"), "d.md", config)}
    expected = _expected(story.with_suffix(".expected"))
    assert expected - found == set(), "missed"
    assert found - expected == set(), "false alarms"


def test_fix_clears_the_mechanical_errors(config):
    text = (CORPUS / "dirty" / "pasted-from-pdf.md").read_text(encoding="utf-8")
    fixed = fix_text(text, config)
    left = {f.code for f in lint_text(fixed, "d.md", config)}
    assert not left & MECHANICAL
    assert {"typo", "official-term", "personal-phone", "unsafe-html"} <= left


@pytest.fixture(scope="module")
def report(config):
    from lint_evaluate import evaluate

    return evaluate(config, per_family=60)


@pytest.mark.parametrize("family,target", [
    ("whitespace", 0.95), ("punctuation", 0.95), ("quote", 0.95), ("dash", 0.90),
    ("typo", 0.80), ("repeat", 0.80), ("traditional", 0.80),
    ("width", 0.95), ("privacy", 0.95), ("html", 0.95),
])
def test_recall_per_family(report, family, target):
    r = report["recall"][family]
    assert r["total"] >= 50
    assert r["recall"] >= target, r["misses"]


def test_false_positives_on_clean_copy(report):
    clean = report["clean"]
    assert clean["prose_chars"] > 8000
    assert clean["fp_per_1000"] < 0.5, clean["examples"]


# ------------------------------------------------ written errors, held-out

@pytest.fixture(scope="module")
def written(config):
    from lint_evaluate import evaluate_written

    return evaluate_written(config)


@pytest.mark.parametrize("family,target", [
    ("dash-chain", 0.90), ("shape", 0.80), ("homophone", 0.80), ("garbled", 0.80), ("repeat", 0.80),
    ("traditional", 0.80), ("unbalanced", 0.80),
])
def test_written_errors_reach_their_target(written, family, target):
    r = written[family]
    assert r["total"] >= 20
    assert r["recall"] >= target, r["misses"]


# The test split alone (cases no threshold was chosen on) is smaller and
# lower: the floors keep what is reached there from slipping.
@pytest.mark.parametrize("family,floor", [("shape", 0.70), ("homophone", 0.80), ("garbled", 0.80)])
def test_written_test_split_floor(written, family, floor):
    assert written[family]["test_recall"] >= floor, written[family]["misses"]


def test_corrections_name_the_right_word(written):
    """A finding on a look-alike or homophone proposes the intended word."""
    for family in ("shape", "homophone"):
        r = written[family]
        assert r["fixed_right"] >= 0.95 * r["found"], family


@pytest.fixture(scope="module")
def held_out(config):
    from lint_evaluate import false_positives, heldout_files

    return false_positives(config, heldout_files())


def test_false_positives_on_held_out_prose(held_out):
    """Clean official prose that no threshold was chosen on: at most 0.3
    findings per 1,000 characters (0.203 reached: 21 findings)."""
    from lint_evaluate import HELDOUT_FP_TARGET, HELDOUT_MIN_CHARS

    assert held_out["prose_chars"] >= HELDOUT_MIN_CHARS
    assert held_out["fp_per_1000"] <= HELDOUT_FP_TARGET, held_out["examples"]

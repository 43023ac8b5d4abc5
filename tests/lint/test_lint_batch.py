"""Files checked in batches (the copy gate) get exactly the findings they
get one at a time."""

from __future__ import annotations

from pathlib import Path

from congress_site.lint import lexicon, lint_text
from congress_site.lint.engine import lint_files, look_ahead
from congress_site.lint.markdown import document_prose
from congress_site.lint.rules import plausibility

CORPUS = Path(__file__).parent / "corpus"


def _forget(config) -> dict:
    found = plausibility._candidates(lexicon.get(), config.similar_chars).found
    found.clear()
    return found


def test_looking_ahead_changes_no_finding(config):
    files = sorted(p for p in CORPUS.rglob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    alone = []
    for name, text in zip(files, texts, strict=True):
        _forget(config)  # nothing worked out by an earlier text
        alone.append(lint_text(text, name.name, config))
    found = _forget(config)
    look_ahead(texts, config)
    runs = {m.group() for text in texts for m in plausibility._RUN.finditer(document_prose(text, "markdown")[0].text)}
    assert len(runs & found.keys()) > 0.9 * len(runs)  # the batch did the work check() would do
    batched = [lint_text(text, name.name, config) for name, text in zip(files, texts, strict=True)]
    assert batched == alone
    codes = {f.code for findings in alone for f in findings}
    assert {"similar-char", "homophone"} <= codes  # the look-alike check found something to compare


def test_the_gate_checks_in_batches_and_keeps_file_order(tmp_path, config):
    from congress_site.lint import cache
    from congress_site.model.repository import Layout

    stories = tmp_path / "stories" / "2025"
    stories.mkdir(parents=True)
    heldout = sorted((CORPUS / "heldout").glob("*.md"))[:cache.LOOK_AHEAD + 5]
    for n, src in enumerate(heldout):
        (stories / f"01-{n + 1:02d}-s{n}.md").write_bytes(src.read_bytes())
    for n, src in enumerate(sorted((CORPUS / "dirty").glob("*.md"))):  # in the last batch
        (stories / f"12-{n + 1:02d}-d{n}.md").write_bytes(src.read_bytes())
    layout = Layout.default(tmp_path)
    gate = cache.CopyGate(layout, None)
    paths = cache.record_files(layout)
    expected = []
    for path in paths:
        _forget(config)
        expected += lint_text(path.read_text(encoding="utf-8"), layout.display(path), gate.config)
    _forget(config)
    got = gate.check()
    assert _places(got) == _places(expected)
    order = [layout.display(path) for path in paths]
    at = {order.index(f.path) for f in got}
    assert min(at) < cache.LOOK_AHEAD <= max(at)  # the first batch and a later one had findings
    _forget(config)  # and `congress lint` of a folder, which batches the same way
    assert _places(lint_files([(path, layout.display(path)) for path in paths], gate.config)) == _places(expected)


def _places(findings: list) -> list[tuple]:
    return [(f.path, f.line, f.column, f.code, f.message) for f in findings]

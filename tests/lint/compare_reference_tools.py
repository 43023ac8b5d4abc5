"""How zhlint (npm) and autocorrect-py do on the same injected errors and
clean copy as our checker. A developer tool, not a test: the two tools are
not dependencies of the project. Install them aside first:

    npm install --prefix /tmp/reftools/js zhlint
    python -m pip install --target /tmp/reftools/py autocorrect-py
    .venv/bin/python tests/lint/compare_reference_tools.py

zhlint runs with a house configuration (full-width punctuation including
（）, no space between Chinese and Latin, none around quotes or code);
autocorrect-py with its space rules for words, numbers, dashes and code off.
A case counts as found when the tool reports anything on it.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
JS = Path(os.environ.get("ZHLINT_PREFIX", "/tmp/reftools/js")) / "node_modules" / "zhlint" / "lib" / "index.js"
sys.path.insert(0, os.environ.get("AUTOCORRECT_TARGET", "/tmp/reftools/py"))

import autocorrect_py as ac  # noqa: E402
import lint_evaluate as ev  # noqa: E402

ZHLINT_RULES = {
    "preset": "default",
    "halfwidthPunctuation": "",
    "fullwidthPunctuation": "，。：；？！“”‘’（）",
    "adjustedFullwidthPunctuation": "",
    "spaceBetweenMixedwidthContent": False,
    "spaceOutsideHalfwidthQuotation": False,
    "spaceOutsideHalfwidthBracket": False,
    "spaceOutsideCode": False,
}
NODE = """
import { run } from %s;
import fs from 'fs';
const rules = JSON.parse(process.argv[3]);
const out = {};
for (const f of fs.readdirSync(process.argv[2]).filter(f => f.endsWith('.md'))) {
  try { out[f] = run(fs.readFileSync(process.argv[2] + '/' + f, 'utf8'), { rules }).validations.length; }
  catch (e) { out[f] = -1; }  // zhlint throws on some inputs
}
console.log(JSON.stringify(out));
"""


def zhlint(folder: Path) -> dict[str, int]:
    script = folder / "run.mjs"
    script.write_text(NODE % json.dumps(str(JS)), encoding="utf-8")
    r = subprocess.run(["node", str(script), str(folder), json.dumps(ZHLINT_RULES)],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def main() -> int:
    from congress_site.lint import LintConfig

    ac.load_config(json.dumps({"rules": {"space-word": 0, "space-number": 0, "space-dash": 0,
                                         "space-backticks": 0}}))
    config = LintConfig.load(ev.ROOT / "content" / "style")
    cases = list(ev.make_cases(config, per_family=120))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, c in enumerate(cases):
            (folder / f"c{i:05d}.md").write_text(c.text + "\n", encoding="utf-8")
        z = zhlint(folder)
    found = collections.defaultdict(lambda: [0, 0, 0, 0])
    for i, c in enumerate(cases):
        row = found[c.family]
        row[0] += 1
        row[1] += z.get(f"c{i:05d}.md", 0) > 0
        row[2] += z.get(f"c{i:05d}.md", 0) < 0
        row[3] += bool(ac.lint_for(c.text, "x.md").lines)
    print("| family | cases | zhlint | (zhlint crashed) | autocorrect-py |")
    print("|---|---:|---:|---:|---:|")
    for fam, (n, zf, zc, af) in found.items():
        print(f"| {fam} | {n} | {zf / n:.1%} | {zc} | {af / n:.1%} |")
    clean = [p for p in ev.clean_files() if p.suffix == ".md"]
    with tempfile.TemporaryDirectory() as tmp:
        for p in clean:
            (Path(tmp) / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
        zc = zhlint(Path(tmp))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in clean)
    an = sum(len(ac.lint_for(p.read_text(encoding="utf-8"), p.name).lines) for p in clean)
    print(f"\nclean copy ({chars} chars): zhlint {sum(v for v in zc.values() if v > 0)} findings, "
          f"autocorrect-py {an} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())

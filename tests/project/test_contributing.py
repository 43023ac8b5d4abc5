"""CONTRIBUTING.md stays true: every check code it explains exists in the
code, and its story template passes the loader, the references of the sample
site and the copy checker."""

from __future__ import annotations

import re
from pathlib import Path

from congress_site.model import Layout, load_repository
from congress_site.model.loader import load_story

REPO = Path(__file__).resolve().parents[2]
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "plugins/congress_site").rglob("*.py"))


def section(title: str) -> str:
    start = GUIDE.index(title)
    end = GUIDE.find("\n## ", start + 1)
    return GUIDE[start:end if end > 0 else None]


def test_every_explained_code_is_a_real_code():
    codes = set(re.findall(r"^\| `([a-z][a-z-]+)` \|", section("## 四、常见提示与改法"), re.M))
    assert len(codes) >= 30
    missing = sorted(c for c in codes if f'"{c}"' not in SOURCES)
    assert not missing, f"CONTRIBUTING.md 提到的代号在代码中不存在：{missing}"


def test_the_story_template_is_a_valid_story(tmp_path):
    block = re.search(r"```markdown\n(.*?)```", GUIDE, re.S).group(1)   # the first: step 2
    path = tmp_path / "stories/2025/07-05-xueqianxiang-jishi.md"
    path.parent.mkdir(parents=True)
    path.write_text(block, encoding="utf-8")
    story, _ = load_story(path, "stories/2025/07-05-xueqianxiang-jishi.md")
    sample = load_repository(Layout.default(REPO))
    assert story.column in sample.columns
    assert story.representatives and all(pid in sample.profiles for pid in story.representatives)
    from congress_site.lint import LintConfig, lint_file

    findings = lint_file(path, "template.md", LintConfig.load(REPO / "content/style"))
    assert [f for f in findings if f.severity == "error"] == []

"""`congress held` lists every record a production build leaves out, with
its reason; the exit code says whether any is out because of an error."""

from __future__ import annotations

import json

from congress_site.cli import main
from sitekit import minimal_site, write, write_story


def run(root, capsys, *extra):
    code = main(["held", "--config", str(root / "mkdocs.yml"), "--today", "2026-11-22", *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_drafts_and_embargo_are_listed_and_not_an_error(tmp_path, capsys):
    root = minimal_site(tmp_path, stories=1)
    write_story(root, "2025/07-05-draft.md", draft="true")
    write_story(root, "2027/01-10-later.md", date="2027-01-10")
    code, out, err = run(root, capsys)
    assert code == 0
    assert out.splitlines() == ["stories/2025/07-05-draft.md: 草稿", "stories/2027/01-10-later.md: 未到发布日期"]
    assert "共 8 个记录文件，发布 6 个，未发布 2 个" in err


def test_records_held_back_for_errors_fail(tmp_path, capsys):
    root = minimal_site(tmp_path, stories=1)
    write_story(root, "2025/07-05-bad.md", column="nope")
    write(root / "profiles/broken.yml", "id: broken\nname: [\n")
    write(root / "stories/stray.md", "没有放进年份文件夹的稿件\n")
    code, out, _ = run(root, capsys, "--format", "json")
    assert code == 1
    data = json.loads(out)
    held = {h["path"]: h["reason"] for h in data["held"]}
    assert held == {"stories/2025/07-05-bad.md": "引用有错误", "profiles/broken.yml": "记录有错误",
                    "stories/stray.md": "记录有错误"}
    assert "stories/2025/01-01-item-0.md" in data["published"]
    assert set(held).isdisjoint(data["published"])


def test_bad_date_option_is_a_message_not_a_traceback(tmp_path, capsys):
    root = minimal_site(tmp_path, stories=0)
    code = main(["held", "--config", str(root / "mkdocs.yml"), "--today", "2025-02-30"])
    assert code == 2 and "2025-07-05" in capsys.readouterr().err

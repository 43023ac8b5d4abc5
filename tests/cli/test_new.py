"""`congress new`: the written file is at the right path, loads with the
model loader, passes `congress check`, and nothing is ever overwritten."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest
import yaml

from congress_site.cli import main
from congress_site.cli.new import Asker, run_story
from congress_site.findings import CongressError
from congress_site.model import Layout, load_repository
from congress_site.model.loader import load_story
from congress_site.scaffold import derive_slug, valid_slug
from congress_site.scaffold.choices import Choice, resolve, split_list
from sitekit import fresh_python, minimal_site


@pytest.fixture()
def site(tmp_path, monkeypatch):
    root = minimal_site(tmp_path / "site", stories=0)
    monkeypatch.chdir(root)
    return root


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_new_story_from_flags_writes_a_valid_story(site, capsys):
    code = main(["new", "story", "--title", "柿园社区的“假牙”难题解决了", "--column", "基层传真",
                 "--date", "2025-07-05", "--representatives", "赵明远", "--slug", "shiyuan-teeth", "--no-input"])
    out = capsys.readouterr()
    assert code == 0, out.err
    path = site / "stories/2025/07-05-shiyuan-teeth.md"
    assert out.out.strip() == "stories/2025/07-05-shiyuan-teeth.md"
    meta = front_matter(path)
    assert meta["column"] == "jiceng" and meta["representatives"] == ["zhao-mingyuan"]
    assert meta["date"] == dt.date(2025, 7, 5) and meta["authors"]
    story, _ = load_story(path, "x")
    assert story.slug == "shiyuan-teeth"
    repo = load_repository(Layout.default(site), dt.date(2026, 1, 1))
    assert repo.findings == [] and [s.slug for s in repo.stories] == ["shiyuan-teeth"]
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith(
        "# yaml-language-server: $schema=https://example.gov.cn/schemas/story.schema.json")


def test_new_story_passes_congress_check(site, capsys):
    assert main(["new", "story", "--title", "代表进站听民意", "--column", "jiceng", "--no-input"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 0, capsys.readouterr().out


def test_new_story_refuses_to_overwrite_or_reuse_a_url(site, capsys):
    args = ["new", "story", "--title", "甲", "--column", "jiceng", "--date", "2025-07-05", "--slug", "same",
            "--no-input"]
    assert main(args) == 0
    path = site / "stories/2025/07-05-same.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n我写的正文。\n", encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 1
    assert "已存在" in capsys.readouterr().err
    assert "我写的正文" in path.read_text(encoding="utf-8")
    # Another date, same short name: the URL /stories/same/ would clash.
    assert main([*args[:7], "2025-08-01", *args[8:]]) == 1
    assert "网址会重复" in capsys.readouterr().err
    assert not (site / "stories/2025/08-01-same.md").exists()


@pytest.mark.parametrize("flags, message", [
    (["--column", "nope"], "栏目“nope”不存在"),
    (["--column", "jiceng", "--representatives", "nobody"], "代表“nobody”不存在"),
    (["--column", "jiceng", "--date", "2025-13-01"], "不是有效日期"),
    (["--column", "jiceng", "--slug", "Bad Slug"], "不符合规则"),
])
def test_new_story_bad_input_is_a_chinese_message_and_no_file(site, capsys, flags, message):
    assert main(["new", "story", "--title", "标题", *flags, "--no-input"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list((site / "stories").glob("*/*.md"))


def test_missing_title_without_a_terminal_is_an_error(site, capsys):
    assert main(["new", "story", "--column", "jiceng", "--no-input"]) == 1
    assert "缺少标题" in capsys.readouterr().err


def test_prompts_in_chinese_and_accepts_names_numbers_and_ids(site, capsys):
    answers = iter(["代表联系群众", "1", "2025-09-01", "", "通讯员甲、通讯员乙", "望舒区", "赵明远",
                    "cunluo", "联络站，民意"])
    asked, said = [], []

    def ask(prompt):
        asked.append(prompt)
        return next(answers)

    ns = argparse.Namespace(config=None, no_input=False, title=None, column=None, date=None, slug=None,
                            authors=None, representatives=None, legislation=None, region=None, tags=None,
                            draft=False)
    assert run_story(ns, Asker(True, ask, said.append)) == 0
    assert any("标题" in p for p in asked) and any("栏目" in p for p in asked)
    assert any("基层传真（jiceng）" in line for line in said)          # columns are listed
    assert any("赵明远（zhao-mingyuan）" in line for line in said)            # representatives are listed
    path = next((site / "stories/2025").glob("09-01-*.md"))
    meta = front_matter(path)
    assert meta["column"] == "jiceng" and meta["representatives"] == ["zhao-mingyuan"]
    assert meta["legislation"] == ["cunluo"] and meta["tags"] == ["联络站", "民意"]
    assert meta["authors"] == ["通讯员甲", "通讯员乙"] and meta["region"] == "wangshu-qu"
    assert path.name == f"09-01-{derive_slug('代表联系群众', '2025-09-01')}.md"


def test_prompt_asks_again_after_a_wrong_answer(site):
    answers = iter(["标题", "不存在的栏目", "jiceng", "", "", "通讯员", "", "", "", ""])
    said = []
    ns = argparse.Namespace(config=None, no_input=False, title=None, column=None, date=None, slug=None,
                            authors=None, representatives=None, legislation=None, region=None, tags=None,
                            draft=False)
    assert run_story(ns, Asker(True, lambda p: next(answers), said.append)) == 0
    assert any("不存在的栏目" in line for line in said)
    meta = front_matter(next((site / "stories").glob("*/*.md")))
    assert meta["column"] == "jiceng" and meta["representatives"] == []


def test_new_profile_and_legislation(site, capsys):
    assert main(["new", "profile", "--id", "li-ming", "--name", "李明", "--levels", "区、乡镇",
                 "--station", "柿园社区代表联络站", "--no-input"]) == 0
    assert main(["new", "legislation", "--id", "tingche", "--title", "栖云市机动车停车条例",
                 "--body", "栖云市人大常委会", "--stage", "一审", "--date", "2025-05-01",
                 "--proposers", "li-ming", "--no-input"]) == 0
    capsys.readouterr()
    repo = load_repository(Layout.default(site), dt.date(2026, 1, 1))
    assert repo.findings == []
    assert repo.profiles["li-ming"].levels == ["县（市、区）", "乡镇"] and repo.profiles["li-ming"].station == "shiyuan"
    law = repo.legislation["tingche"]
    assert law.title == "《栖云市机动车停车条例》" and law.origin.proposers == ["li-ming"]
    assert law.status(dt.date(2026, 1, 1)) == "审议中"
    assert main(["new", "profile", "--id", "li-ming", "--name", "李明", "--levels", "区", "--no-input"]) == 1
    assert main(["new", "profile", "--id", "Li Ming", "--name", "李明", "--levels", "区", "--no-input"]) == 1
    assert main(["new", "profile", "--id", "wang", "--name", "王", "--levels", "村", "--no-input"]) == 1
    # 市 may be a 设区的市 or a 县级市: it is asked for in full, never guessed.
    assert main(["new", "profile", "--id", "wang", "--name", "王", "--levels", "市", "--no-input"]) == 1
    assert "可能是设区的市（自治州）或县（市、区）" in capsys.readouterr().err


def test_slug_rules():
    assert derive_slug("Smart Court 2025 试点") == "smart-court-2025"
    # A title without Latin words gets a made-up name, the same in every run.
    code = "import sys; from congress_site.scaffold import derive_slug; print(derive_slug(sys.argv[1]))"
    assert {fresh_python(code, "星桥街", hashseed=seed) for seed in ("1", "2")} == {derive_slug("星桥街")}
    assert valid_slug(derive_slug("星桥街"))
    assert derive_slug("星桥街", "2025-01-01") != derive_slug("星桥街", "2025-01-02")
    assert not valid_slug("Wenjiao") and not valid_slug("a--b") and valid_slug("a-b-1")


def test_choices_by_name_number_and_id():
    options = [Choice("a", "甲"), Choice("b", "乙"), Choice("c", "乙")]
    assert resolve("1", options, "代表") == "a" and resolve("甲", options, "代表") == "a"
    assert resolve("c", options, "代表") == "c"
    with pytest.raises(CongressError, match="有多个代表叫“乙”"):
        resolve("乙", options, "代表")
    assert split_list("甲，乙、丙, 丁") == ["甲", "乙", "丙", "丁"]


def test_profile_prompts_list_stations_and_retry_bad_levels(site):
    from congress_site.cli.new import run_profile

    answers = iter(["李明", "li-ming", "村", "区、乡镇", "1", "社区主任", ""])
    said = []
    ns = argparse.Namespace(config=None, no_input=False, id=None, name=None, levels=None, station=None,
                            occupation=None, region=None)
    assert run_profile(ns, Asker(True, lambda p: next(answers), said.append)) == 0
    assert any("柿园社区代表联络站（shiyuan）" in line for line in said)
    assert any("不在可选范围" in line for line in said)     # 村 is not a level: asked again
    data = yaml.safe_load((site / "profiles/li-ming.yml").read_text(encoding="utf-8"))
    assert data["levels"] == ["县（市、区）", "乡镇"] and data["station"] == "shiyuan" and data["occupation"] == "社区主任"


def test_new_station_joins_the_tree(site, capsys):
    assert main(["new", "station", "--id", "xueqian", "--name", "学前巷社区代表服务岗", "--type", "代表服务岗",
                 "--parent", "柿园社区代表联络站", "--region", "东门街道", "--phone", "0123-5550111",
                 "--no-input"]) == 0
    capsys.readouterr()
    text = (site / "content/stations/xueqian.yml").read_text(encoding="utf-8")
    assert "# liaisons" not in text and "# - {name: 联络员姓名" in text   # the optional parts are explained
    repo = load_repository(Layout.default(site), dt.date(2026, 1, 1))
    assert repo.findings == []
    new = repo.stations["xueqian"]
    assert (new.type, new.parent, new.region, new.phone) == ("代表服务岗", "shiyuan", "dongmen-jiedao", "0123-5550111")
    # A type outside the list, a mobile number: refused before anything is written.
    assert main(["new", "station", "--id", "x", "--name", "某站", "--type", "联络点", "--no-input"]) == 1
    assert "不在可选范围" in capsys.readouterr().err
    assert main(["new", "station", "--id", "y", "--name", "某站", "--type", "代表联络室",
                 "--phone", "13912345678", "--no-input"]) == 1
    assert "不能填手机号码" in capsys.readouterr().err
    assert not (site / "content/stations/x.yml").exists() and not (site / "content/stations/y.yml").exists()

"""Settings from mkdocs.yml and the `congress links` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from linkkit import page

from congress_site.cli import main
from congress_site.findings import CongressError
from congress_site.links import load_config
from congress_site.links.config import IgnoreList

MKDOCS = """\
site_name: 人大代表履职
site_url: https://rd.example.gov.cn/wangshu/
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra:
  token: !ENV [NO_SUCH_VARIABLE, fallback]
plugins:
  - search
  - congress:
      links_ignore:
        - "https://www.example.com/*"
        - "re:^https?://mp\\\\.weixin\\\\.qq\\\\.com/"
      links_cache: .cache/my-links.json
"""


def test_reads_site_url_ignore_and_cache_despite_python_tags(tmp_path: Path):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(MKDOCS, encoding="utf-8")
    config = load_config(cfg)
    assert config.site_url == "https://rd.example.gov.cn/wangshu/"
    assert config.ignore == ["https://www.example.com/*", "re:^https?://mp\\.weixin\\.qq\\.com/"]
    assert config.cache_path() == tmp_path / ".cache" / "my-links.json"
    assert config.root == tmp_path.resolve()


def test_plugins_as_mapping_and_defaults(tmp_path: Path):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: x\nplugins:\n  congress: {}\n", encoding="utf-8")
    config = load_config(cfg)
    assert config.site_url is None and config.ignore == []
    assert config.cache_path() == tmp_path.resolve() / ".cache" / "congress" / "links.json"


@pytest.mark.parametrize("text, code", [
    ("site_name: [unclosed\n", "yaml-syntax"),
    ("- a list\n", "not-a-mapping"),
    ("plugins:\n  - congress:\n      links_ignore: {a: 1}\n", "bad-option"),
])
def test_bad_config_is_a_finding(tmp_path: Path, text: str, code: str):
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(CongressError) as err:
        load_config(cfg)
    assert err.value.findings[0].code == code


def test_ignore_list_globs_and_regexes():
    ignore = IgnoreList(["https://www.example.com/*", "re:weixin\\.qq\\.com"])
    assert ignore.match("https://www.example.com/a/b")
    assert ignore.match("https://mp.weixin.qq.com/s/abc")
    assert not ignore.match("https://www.example.org/")
    assert not IgnoreList([]).match("anything")
    with pytest.raises(CongressError):
        IgnoreList(["re:(unclosed"])


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "stories" / "a").mkdir(parents=True)
    (site / "index.html").write_text(page('<a href="stories/a/">好</a>\n<a href="stories/b/#x">坏</a>\n'
                                          '<a href="https://www.example.com/skip">忽略</a>\n'
                                          '<a href="/wangshu/stories/a/">根路径</a>',
                                          source="content/index.md"), encoding="utf-8")
    (site / "stories" / "a" / "index.html").write_text(page(""), encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# 首页\n\n[坏](../stories/b.md#x)\n", encoding="utf-8")
    return site


def test_cli_text_exit_code_and_summary(tmp_path: Path, capsys):
    site = _site(tmp_path)
    assert main(["links", str(site), "--config", str(tmp_path / "nowhere.yml")]) == 2
    capsys.readouterr()
    # no config at all: "/" is the root, so /wangshu/… is missing too
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert main(["links", str(site)]) == 1
    out, err = capsys.readouterr()
    assert out.count("[missing-page]") == 2
    assert "检查了 2 个页面" in err and "加 --external 可检查" in err


def test_cli_uses_mkdocs_yml_beside_the_site(tmp_path: Path, capsys):
    site = _site(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    assert main(["links", str(site), "--format", "json", "--quiet"]) == 1
    out, err = capsys.readouterr()
    items = json.loads(out)
    assert [(i["code"], i["line"]) for i in items] == [("missing-page", 11)]
    assert err == ""


def test_cli_github_annotates_the_source_file(tmp_path: Path, capsys, monkeypatch):
    _site(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["links", "site", "--format", "github", "--quiet"]) == 1
    out = capsys.readouterr().out.strip()
    # the anchor "#x" is found on line 3 of the Markdown that made the page
    assert out.startswith("::error file=content/index.md,line=3,col=")
    assert "index.html%3A11" not in out and "index.html:11" in out


def test_cli_clean_site_exits_zero(tmp_path: Path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page('<a href="#">顶部</a>'), encoding="utf-8")
    assert main(["links", str(site), "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_cli_external_uses_the_configured_cache(tmp_path: Path, capsys, http_server):
    base, state = http_server
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(page(f'<a href="{base}/gone">失效</a><a href="{base}/ok">好</a>'),
                                     encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - congress:\n"
                                         "      links_cache: .cache/ext.json\n", encoding="utf-8")
    argv = ["links", str(site), "--external", "--delay", "0", "--retries", "0", "--format", "json"]
    assert main(argv) == 1
    first, err = capsys.readouterr()
    assert [i["code"] for i in json.loads(first)] == ["external-404"]
    assert "本次请求 2 个、来自缓存 0 个" in err
    assert (tmp_path / ".cache" / "ext.json").is_file()
    hits = dict(state.hits)
    assert main(argv) == 1
    second, err = capsys.readouterr()
    assert second == first and state.hits == hits
    assert "本次请求 0 个、来自缓存 2 个" in err
    # --no-cache asks again
    assert main([*argv, "--no-cache"]) == 1
    assert state.hits["/ok"] == hits["/ok"] + 1

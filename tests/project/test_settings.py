"""One settings object: the MkDocs option defaults, the CLI's reading of
mkdocs.yml and the plugin's settings agree, and bad options are findings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from congress_site.config import CongressConfig
from congress_site.findings import CongressError
from congress_site.settings import OPTION_DEFAULTS, Options, load_settings, parse_options
from sitekit import minimal_site


def test_mkdocs_option_defaults_are_the_settings_defaults():
    config = CongressConfig()
    config.load_dict({})
    errors, _ = config.validate()
    assert not errors
    assert set(config.keys()) == set(OPTION_DEFAULTS)
    assert config.options() == Options()


def test_cli_and_plugin_read_the_same_settings(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("CONGRESS_TODAY", raising=False)
    root = minimal_site(tmp_path)
    data = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    options = {"per_page": 7, "feed_limit": 3, "search": False, "search_shards": "year", "today": "2025-03-04",
               "links_ignore": ["https://a.example/*"], "cache_dir": "build-cache", "preview": "true"}
    data["plugins"] = [{"congress": options}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    from_cli, _ = load_settings(root / "mkdocs.yml")
    config = load_config(config_file=str(root / "mkdocs.yml"))
    plugin = config.plugins["congress"]
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    try:
        from_plugin = plugin.settings
        assert from_plugin.options == from_cli.options
        assert from_cli.options.per_page == 7 and from_cli.options.links_ignore == ("https://a.example/*",)
        assert from_plugin.today == from_cli.today and str(from_cli.today) == "2025-03-04"
        assert from_plugin.layout == from_cli.layout
        assert from_plugin.site_url == from_cli.site_url == "https://example.gov.cn/"
        assert from_cli.lint_cache == root / "build-cache" / "lint.json"
        assert from_plugin.image_cache == from_cli.image_cache
        assert from_cli.preview and from_plugin.preview
    finally:
        plugin.run.abandon()


@pytest.mark.parametrize("raw, name", [
    ({"per_page": "20"}, "per_page"),
    ({"search": "yes"}, "search"),
    ({"links_ignore": {"a": 1}}, "links_ignore"),
    ({"preview": "maybe"}, "preview"),
    ({"search_shards": "month"}, "search_shards"),
])
def test_bad_option_is_a_chinese_finding(raw: dict, name: str):
    with pytest.raises(CongressError) as err:
        parse_options(raw)
    finding = err.value.findings[0]
    assert finding.code == "bad-option" and name in finding.message and finding.fix


def test_build_date_from_the_environment_wins(monkeypatch, tmp_path: Path):
    root = minimal_site(tmp_path)
    monkeypatch.setenv("CONGRESS_TODAY", "2024-02-29")
    settings, _ = load_settings(root / "mkdocs.yml")
    assert settings.today.isoformat() == "2024-02-29"

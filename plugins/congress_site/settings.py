"""Every setting of a site in one engine-free object.

`Options` lists the `congress` plugin's options with their defaults: it is
the one place a default is written. The MkDocs config class, the CLI (which
reads mkdocs.yml itself, never running its tags) and the link checker all
take their values from here, and so do the cache paths.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .findings import CongressError, Finding
from .model import Layout

# Annotations only (they stay strings): importing typing costs a one-file
# lint more than all its reading of mkdocs.yml.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PREVIEW_MODES = ("auto", "true", "false")
# "auto" splits a large archive's search index by year (memory), "year"
# always does, "" never.
SEARCH_SHARDS = ("auto", "year", "")
# The Git hosts the browser CMS (/admin/) can open pull or merge requests on.
CMS_BACKENDS = ("github", "gitlab", "gitea", "forgejo")


@dataclass(frozen=True)
class Options:
    """The plugin's options in mkdocs.yml (`plugins: - congress: {...}`)."""

    # Record folders, relative to mkdocs.yml. Legislation, stations, columns
    # and style lists live inside docs_dir.
    stories_dir: str = "stories"
    profiles_dir: str = "profiles"
    # "auto": drafts and embargoed stories show in `mkdocs serve` only.
    preview: str = "auto"
    # The build date for embargo and legislation status (YYYY-MM-DD); empty
    # means today. The CONGRESS_TODAY environment variable wins over it.
    today: str = ""
    per_page: int = 20
    # How many of the newest stories each RSS/Atom feed carries.
    feed_limit: int = 50
    # Pagefind index at the end of every build.
    search: bool = True
    search_shards: str = "auto"
    # What a production build does to its output for readers' phones
    # (output/assets.py, output/compress.py): minified scripts and styles,
    # Material's stylesheet cut to the rules the pages use, and .gz/.br
    # copies of every text file. Off: the files as the theme ships them.
    optimize_assets: bool = True
    # What the link checker (`congress links`) skips: shell patterns, or
    # regular expressions after "re:".
    links_ignore: tuple[str, ...] = ()
    # Build caches (images, QR codes, copy-check results, external links),
    # relative to mkdocs.yml. Content-addressed: CI may keep it between runs.
    cache_dir: str = ".cache/congress"
    # The external-link cache; empty means <cache_dir>/links.json.
    links_cache: str = ""
    # The footer's items (主办单位, 备案 numbers…) as written, key and value;
    # checked when the site is planned (pages/identity.py), so a bad item is
    # a finding, not a stop.
    footer: tuple[tuple[str, Any], ...] = ()
    # The demonstration-site notice on every page: a text, true for the
    # standard one, false or "" for a real site.
    demo_notice: str | bool = False
    # The place whose 人大 publishes the site (示例市), written in front of
    # meeting titles; empty: read from the laws' enacting body.
    jurisdiction: str = ""
    # The browser CMS at /admin/ (Decap CMS, see cms/): whether the build
    # publishes it, the Git host it opens pull or merge requests on, the
    # repository ("owner/name", GitLab groups allowed) and its branch.
    cms: bool = True
    cms_backend: str = "github"
    cms_repo: str = ""
    cms_branch: str = "main"
    # GitLab, Gitea, Forgejo: the host's address (https://git.example.gov.cn);
    # GitHub: the address of the OAuth service that logs editors in.
    cms_base_url: str = ""
    # GitLab, Gitea, Forgejo: the id of the OAuth application editors log in with.
    cms_app_id: str = ""
    # The port of the local backend `congress admin` starts (decap-server).
    cms_local_port: int = 8081
    # One site of a 站群 (federation/): the sites file, relative to
    # mkdocs.yml, and this site's name in it. Empty: a site of its own.
    federation: str = ""
    site: str = ""
    # Where the records that otherwise live in docs_dir (legislation/,
    # stations/, suggestions/, projects/, columns.yml, style/) are kept,
    # relative to mkdocs.yml; empty: docs_dir. The sites of a 站群 share them.
    shared_dir: str = ""


OPTION_DEFAULTS: dict[str, Any] = {f.name: f.default for f in dataclasses.fields(Options)}
_CHOICES = {"preview": PREVIEW_MODES, "search_shards": SEARCH_SHARDS, "cms_backend": CMS_BACKENDS}


@dataclass(frozen=True)
class Settings:
    root: Path  # the folder of mkdocs.yml
    docs_dir: Path
    site_dir: Path
    site_url: str = ""
    site_name: str = ""
    options: Options = field(default_factory=Options)
    serving: bool = False  # `mkdocs serve`: preview and in-place rebuilds
    today: dt.date = field(default_factory=lambda: build_date(Options()))
    # mkdocs.yml itself, for findings about what editors wrote there.
    config_file: Path | None = None
    site_description: str = ""

    @property
    def layout(self) -> Layout:
        stories, profiles = self.root / self.options.stories_dir, self.root / self.options.profiles_dir
        if not self.options.shared_dir:
            return Layout(self.root, self.docs_dir, stories, profiles)
        # A site of a 站群 (sites/<name>/mkdocs.yml) reads records from the
        # repository around it: the layout's root holds them all.
        records, stories, profiles = (Path(os.path.normpath(p)) for p in
                                      (self.root / self.options.shared_dir, stories, profiles))
        root = Path(os.path.commonpath([os.path.normpath(self.root), records, stories, profiles]))
        return Layout(root, records, stories, profiles, pages_dir=self.docs_dir)

    @property
    def federation_file(self) -> Path | None:
        return self.root / self.options.federation if self.options.federation else None

    @property
    def preview(self) -> bool:
        mode = self.options.preview
        return mode == "true" or (mode == "auto" and self.serving)

    @property
    def cache_dir(self) -> Path:
        return self.root / self.options.cache_dir

    @property
    def image_cache(self) -> Path:
        return self.cache_dir / "images"

    @property
    def qr_cache(self) -> Path:
        return self.cache_dir / "qr.sqlite3"

    @property
    def parsed_cache(self) -> Path:
        return self.cache_dir / "parsed.sqlite3"

    @property
    def page_cache(self) -> Path:
        return self.cache_dir / "pages.json"

    @property
    def lint_cache(self) -> Path:
        return self.cache_dir / "lint.json"

    @property
    def sheet_cache(self) -> Path:
        return self.cache_dir / "sheets.json"

    @property
    def links_cache(self) -> Path:
        return self.root / self.options.links_cache if self.options.links_cache else self.cache_dir / "links.json"


def build_date(options: Options) -> dt.date:
    value = os.environ.get("CONGRESS_TODAY") or options.today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def make_settings(root: Path, docs_dir: str | Path, site_dir: str | Path, options: Options, *,
                  site_url: str | None = "", site_name: str | None = "", serving: bool = False,
                  config_file: Path | None = None, site_description: str | None = "") -> Settings:
    root = Path(root).absolute()  # `-f mkdocs.yml` gives ProperDocs a relative config path
    return Settings(root=root, docs_dir=root / docs_dir, site_dir=root / site_dir, site_url=site_url or "",
                    site_name=site_name or "", options=options, serving=serving, today=build_date(options),
                    config_file=config_file, site_description=site_description or "")


# ------------------------------------------------------------- mkdocs.yml

class _TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """mkdocs.yml may carry tags such as `!!python/name:` (Material's emoji
    options) and `!ENV`; plain keys are all we need, so a tag reads as
    nothing (or `!ENV`'s default) instead of running anything. Parsed by
    libyaml where PyYAML has it: the pure-Python parser takes longer over
    mkdocs.yml than the rest of a one-file lint."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        return items[-1] if len(items) > 1 else None  # !ENV [NAME, default]
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_mkdocs_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data; an unreadable or malformed file is a finding."""
    display = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CongressError(Finding(display, 1, 1, "config-unreadable",
                                    f"无法读取配置文件：{exc.strerror or exc}",
                                    "检查 --config 指向的 mkdocs.yml 路径")) from None
    except UnicodeDecodeError:
        raise CongressError(Finding(display, 1, 1, "encoding", "配置文件不是 UTF-8 编码",
                                    "请把 mkdocs.yml 另存为 UTF-8 编码")) from None
    try:
        data = yaml.load(text, Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise CongressError(Finding(display, line, col, "yaml-syntax", "配置文件的 YAML 格式有误",
                                    "检查缩进和冒号")) from None
    if not isinstance(data, dict):
        raise CongressError(Finding(display, 1, 1, "not-a-mapping", "配置文件应是“键: 值”的字段组",
                                    "请对照 MkDocs 的配置格式"))
    return data


def config_position(path: Path, key_path: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node of `key_path` found in
    mkdocs.yml, e.g. ("nav", 3, 0) for the first child of the fourth menu
    entry; (1, 1) when the file cannot be read. Composing the YAML runs no
    tags, so Python and !ENV tags are harmless here."""
    from .model.source import refuse_deep_nesting

    try:
        text = path.read_text(encoding="utf-8-sig")
        refuse_deep_nesting(text, str(path))
        node = yaml.compose(text, Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, CongressError):
        return 1, 1
    if node is None:
        return 1, 1
    mark = node.start_mark
    for key in key_path:
        if isinstance(key, int):
            # `title: [...]` in a menu, `name: {...}` in plugins: the entry's one value
            if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
                node = node.value[0][1]
            if not isinstance(node, yaml.SequenceNode) or key >= len(node.value):
                break
            node = node.value[key]
            mark = node.start_mark
        else:
            if not isinstance(node, yaml.MappingNode):
                break
            found = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
            if not found:
                break
            mark, node = found[0][0].start_mark, found[0][1]  # the key's line, not its value's
    return mark.line + 1, mark.column + 1


def plugin_option_position(path: Path, keys: tuple[str | int, ...]) -> tuple[int, int]:
    """Where an option of the `congress` plugin (or a key inside it) is written."""
    try:
        plugins = read_mkdocs_config(path).get("plugins")
    except CongressError:
        return 1, 1
    if isinstance(plugins, list):
        at = next((i for i, p in enumerate(plugins) if isinstance(p, dict) and "congress" in p), None)
        if at is not None:
            return config_position(path, ("plugins", at, "congress", *keys))
    return config_position(path, ("plugins", "congress", *keys))


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "mkdocs.yml"
        if candidate.is_file():
            return candidate
    return None


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The `congress` plugin's options, whether plugins is a list or a mapping."""
    plugins = config.get("plugins")
    entries = [plugins] if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []
    for entry in entries:
        if isinstance(entry, dict) and "congress" in entry:
            options = entry["congress"]
            return options if isinstance(options, dict) else {}
    return {}


def parse_options(raw: dict[str, Any], display: str = "mkdocs.yml") -> Options:
    """Options from plain data, checked as MkDocs would check them; a bad
    value is a finding. Unknown keys are left to MkDocs to report."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Options):
        if f.name not in raw or raw[f.name] is None:
            continue
        value, default = raw[f.name], f.default
        if f.name == "footer":
            if not isinstance(value, dict):
                raise _bad_option(display, f.name, "应是“键: 值”的字段组", "例如 footer: {sponsor: 示例市人大常委会}")
            values[f.name] = tuple((str(k), v) for k, v in value.items())
            continue
        if f.name == "demo_notice":
            if not isinstance(value, str | bool):
                raise _bad_option(display, f.name, "应是一句文字，或 true / false", "例如 demo_notice: true")
            values[f.name] = value
            continue
        if isinstance(default, tuple):
            value = [value] if isinstance(value, str) else value
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _bad_option(display, f.name, "应是由文字组成的列表", f'例如 {f.name}: ["https://example.com/*"]')
            value = tuple(value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise _bad_option(display, f.name, "应是 true 或 false", f"例如 {f.name}: true")
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                raise _bad_option(display, f.name, "应是整数", f"例如 {f.name}: {default}")
        elif not isinstance(value, str):
            value = str(value) if isinstance(value, dt.date) else value
            if not isinstance(value, str):
                raise _bad_option(display, f.name, "应是文字", f"例如 {f.name}: {default!r}")
        if f.name in _CHOICES and value not in _CHOICES[f.name]:
            raise _bad_option(display, f.name, f"只能取 {'、'.join(repr(c) for c in _CHOICES[f.name])}",
                              f"例如 {f.name}: {default!r}")
        values[f.name] = value
    return Options(**values)


def _bad_option(display: str, name: str, what: str, fix: str) -> CongressError:
    return CongressError(Finding(display, 1, 1, "bad-option", f"插件选项 {name} {what}", fix))


def load_settings(config_file: Path | None = None) -> tuple[Settings, dict[str, Any]]:
    """The settings of the site around the current folder (or of
    `config_file`), for commands run outside MkDocs, with mkdocs.yml as plain
    data; defaults when there is no mkdocs.yml."""
    config_file = config_file or find_config()
    if config_file is None:
        return make_settings(Path.cwd(), "content", "site", Options()), {}
    config = read_mkdocs_config(config_file)
    site_url, site_name = config.get("site_url"), config.get("site_name")
    settings = make_settings(
        config_file.parent, config.get("docs_dir", "docs"), config.get("site_dir", "site"),
        parse_options(plugin_options(config), str(config_file)),
        site_url=site_url if isinstance(site_url, str) else "",
        site_name=site_name if isinstance(site_name, str) else "",
        config_file=config_file,
        site_description=config.get("site_description") if isinstance(config.get("site_description"), str) else "",
    )
    return settings, config

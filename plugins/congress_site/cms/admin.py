"""The files of /admin/: the CMS page, its generated configuration, our
additions, and Decap CMS itself, copied from the site's own npm install
(node_modules/, from package.json and package-lock.json). Nothing loads from
another host. Without node_modules the page says, in Chinese, how to enable
it; the build goes on either way."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path

import yaml

from ..findings import Finding
from ..settings import Settings
from .config import cms_config, option_findings
from .fields import Choices

ADMIN = "admin"
DECAP_DIST = Path("node_modules/decap-cms/dist")
JS_YAML = Path("node_modules/js-yaml/dist/js-yaml.min.js")
OUR_SCRIPT = "congress-cms.js"
CONFIG = "config.yml"


@dataclass
class AdminFiles:
    # Generated: site path → bytes.
    files: dict[str, bytes] = field(default_factory=dict)
    # Copied as they are: site path → file on disk.
    copies: dict[str, Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def decap_files(root: Path) -> dict[str, Path] | None:
    """Decap CMS's browser bundle (the script, the parts it loads on demand
    from beside itself, its licence notice) and the YAML library our
    formats use; None when npm has not installed them."""
    dist, js_yaml = root / DECAP_DIST, root / JS_YAML
    if not (dist / "decap-cms.js").is_file() or not js_yaml.is_file():
        return None
    out = {f"{ADMIN}/{js_yaml.name}": js_yaml}
    for path in sorted(dist.iterdir()):
        name = path.name
        if name == "decap-cms.js" or name.endswith((".decap-cms.js", ".wasm")) or name == "decap-cms.js.LICENSE.txt":
            out[f"{ADMIN}/{name}"] = path
    return out


def admin_files(settings: Settings, choices: Choices, display_config: str) -> AdminFiles:
    out = AdminFiles()
    if not settings.options.cms:
        return out
    out.findings += option_findings(settings, display_config)
    config = cms_config(settings, choices)
    out.files[f"{ADMIN}/{CONFIG}"] = dump_config(config)
    decap = decap_files(settings.root)
    if decap is None:
        # The page says what to do; a build without npm is a normal build.
        out.files[f"{ADMIN}/index.html"] = _not_installed_page(settings.site_name)
        return out
    out.copies.update(decap)
    script = resources.files(__package__).joinpath(OUR_SCRIPT).read_bytes()
    out.files[f"{ADMIN}/{OUR_SCRIPT}"] = script
    out.files[f"{ADMIN}/index.html"] = _cms_page(settings.site_name)
    return out


def dump_config(config: dict) -> bytes:
    head = "# 由 congress 插件在每次构建时根据记录模型和 columns.yml 生成，请勿手改。\n"
    body = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    return (head + body).encode("utf-8")


_HEAD = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
"""


def _cms_page(site_name: str) -> bytes:
    title = escape(f"在浏览器里写稿 · {site_name}" if site_name else "在浏览器里写稿")
    return (_HEAD.format(title=title) + f"""<link href="{CONFIG}" type="text/yaml" rel="cms-config-url">
</head>
<body>
<noscript>在浏览器里写稿需要启用 JavaScript，请换用开启了 JavaScript 的浏览器。</noscript>
<script src="js-yaml.min.js"></script>
<script src="{OUR_SCRIPT}"></script>
<script src="decap-cms.js"></script>
</body>
</html>
""").encode("utf-8")


def _not_installed_page(site_name: str) -> bytes:
    title = escape(f"在浏览器里写稿（尚未启用） · {site_name}" if site_name else "在浏览器里写稿（尚未启用）")
    return (_HEAD.format(title=title) + """<style>
body { font: 1.05rem/1.8 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
code { background: #f3f3f3; padding: 0 .25em; }
</style>
</head>
<body>
<main>
<h1>在浏览器里写稿：尚未启用</h1>
<p>这个网站的在线写稿工具（Decap CMS）还没有装进这次构建，所以这里暂时不能写稿。</p>
<h2>网站管理员怎么启用</h2>
<ol>
<li>在网站仓库的根目录运行 <code>npm ci</code>，按 <code>package-lock.json</code> 安装写稿工具。</li>
<li>重新构建网站（<code>make build</code>），这个页面就会换成写稿界面。</li>
<li>想先在自己的电脑上试用、不需要任何账号：运行 <code>make admin</code>，再打开它显示的地址。</li>
</ol>
<p>详细步骤见仓库中 CONTRIBUTING.md 的“在浏览器里写稿”一节。</p>
<h2>通讯员现在怎么投稿</h2>
<p>请按投稿指南在代码托管平台的网页上新建稿件文件，或把稿件交给责编。</p>
</main>
</body>
</html>
""").encode("utf-8")

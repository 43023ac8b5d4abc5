"""Scan a built site for anything executable or injected that did not come
from the theme: scripts, event handlers, javascript:/data: URLs, frames and
inline styles. Used by the tests of the built sample site and of a site
built from hostile records."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

# Scripts may only be loaded from the theme's (Material's and ours) assets,
# from the search index that the build writes and from the browser CMS the
# build copies from the site's npm install.
SCRIPT_DIRS = ("assets/javascripts/", "pagefind/", "admin/")
FORBIDDEN_TAGS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base")
URL_ATTRS = ("href", "src", "action", "formaction", "poster", "data", "background", "cite",
             "xlink:href", "longdesc", "manifest", "ping")
SRCSET_ATTRS = ("srcset", "imagesrcset")
IMAGE_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp|avif)[;,]", re.I)
# Python-Markdown's tables align cells with this inline style; it is the
# only style attribute the theme and the Markdown pipeline produce.
CELL_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$", re.I)
_BASE = re.compile(r'"(?:\.\./)*\.\.?/?"|"/"')


@dataclass(frozen=True, order=True)
class Problem:
    page: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.page}: {self.rule}: {self.detail}"


def _scheme(url: str) -> str | None:
    # Entities are already decoded by the parser; percent-escapes are not a
    # scheme to a browser ("javascript%3A…" is a relative path).
    squeezed = re.sub(r"[\x00-\x20]", "", url or "")
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", squeezed)
    return m.group(1).lower() if m else None


def normalise_script(text: str) -> str:
    """An inline script with the page's relative base path taken out, so the
    same theme script on pages at different depths compares equal."""
    return _BASE.sub('"BASE"', text.strip())


def theme_inline_scripts(site_dir: Path) -> set[str]:
    """The executable inline scripts of a site believed clean: the reference
    a scanned site's inline scripts must come from."""
    found: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8", errors="replace"))
        for node in tree.css("script"):
            if not node.attributes.get("src") and not _is_data_script(node):
                found.add(normalise_script(node.text(deep=True) or ""))
    return found


def _is_data_script(node) -> bool:
    kind = (node.attributes.get("type") or "").strip().lower()
    return kind in ("application/json", "application/ld+json")


def _url_problem(tag: str, attr: str, url: str) -> str | None:
    scheme = _scheme(url)
    if scheme in ("javascript", "vbscript", "livescript"):
        return f"<{tag} {attr}> 使用 {scheme}: 网址"
    if scheme == "data" and not (tag in ("img", "source", "image") and IMAGE_DATA.match(url.strip())):
        return f"<{tag} {attr}> 使用非图片的 data: 网址"
    return None


def _script_src_ok(page_rel: str, src: str) -> bool:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return False
    path = unquote(parts.path)
    # Site-absolute paths (the 404 page uses them) start from the site root.
    folder = "" if path.startswith("/") else posixpath.dirname(page_rel)
    target = posixpath.normpath(posixpath.join(folder, path.lstrip("/")))
    return not target.startswith("..") and target.startswith(SCRIPT_DIRS)


def scan_page(page_rel: str, text: str, allowed_scripts: set[str] | None) -> list[Problem]:
    problems: list[Problem] = []

    def bad(rule: str, detail: str) -> None:
        problems.append(Problem(page_rel, rule, detail[:160]))

    tree = LexborHTMLParser(text)
    for node in tree.css("*"):
        tag = node.tag.lower() if node.tag else ""
        attrs = node.attributes
        if tag in FORBIDDEN_TAGS:
            bad("forbidden-element", f"<{tag}>")
        if tag == "script":
            src = attrs.get("src")
            if src is not None:
                if not _script_src_ok(page_rel, src):
                    bad("script-src", src)
            elif _is_data_script(node):
                try:
                    json.loads(node.text(deep=True) or "null")
                except ValueError:
                    bad("script-data", (node.text(deep=True) or "")[:80])
            elif allowed_scripts is not None and normalise_script(node.text(deep=True) or "") not in allowed_scripts:
                bad("inline-script", (node.text(deep=True) or "")[:80])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            url = (attrs.get("content") or "").partition("=")[2]
            if _url_problem(tag, "content", url):
                bad("meta-refresh", attrs.get("content") or "")
        for name, value in attrs.items():
            lname = name.lower()
            if lname.startswith("on"):
                bad("event-handler", f"<{tag} {name}=\"{value}\">")
            elif lname in URL_ATTRS and value is not None:
                problem = _url_problem(tag, lname, value)
                if problem:
                    bad("url-scheme", f"{problem}: {value}")
            elif lname in SRCSET_ATTRS and value:
                for item in value.split(","):
                    problem = _url_problem(tag, lname, item.strip().split(" ")[0])
                    if problem:
                        bad("url-scheme", f"{problem}: {item.strip()}")
            elif lname == "style" and not (tag in ("th", "td") and CELL_ALIGN.match(value or "")):
                bad("style-attribute", f"<{tag} style=\"{value}\">")
    for node in tree.css("style"):
        css = node.text(deep=True) or ""
        if re.search(r"expression\s*\(|javascript:|@import|url\s*\(\s*['\"]?\s*(?:https?:)?//", css, re.I):
            bad("style-element", css[:80])
    return problems


def scan_site(site_dir: Path, allowed_scripts: set[str] | None = None) -> tuple[int, list[Problem]]:
    """Scan every HTML page (and SVG file) of a built site. Returns the
    number of files scanned and the problems found."""
    problems: list[Problem] = []
    files = sorted(site_dir.rglob("*.html")) + sorted(site_dir.rglob("*.svg"))
    for path in files:
        rel = path.relative_to(site_dir).as_posix()
        problems += scan_page(rel, path.read_text(encoding="utf-8", errors="replace"), allowed_scripts)
    return len(files), sorted(set(problems))

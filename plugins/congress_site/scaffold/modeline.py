"""The `# yaml-language-server: $schema=…` line at the top of scaffolded
files. Editors with a YAML language server (VS Code's YAML extension, Neovim,
JetBrains) then complete field names and flag errors while typing. For
Markdown front matter support varies by editor; the line is a YAML comment
and harmless wherever it is not understood."""

from __future__ import annotations

from .schemas import schema_uri


def schema_url(site_url: str | None, kind: str) -> str | None:
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + schema_uri(kind)


def modeline(site_url: str | None, kind: str) -> str:
    """The comment line (with its newline), or "" when the site has no URL."""
    url = schema_url(site_url, kind)
    return f"# yaml-language-server: $schema={url}\n" if url else ""

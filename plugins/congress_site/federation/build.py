"""Building a 站群 on one machine, as a CI matrix does on many: every
district site in its own process (as many at once as `jobs`), the hub last
(it reads the districts' published stories.json), then the built sites put
together into one folder a static server can serve as the whole 站群: the
hub at its path, each district at its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..findings import CongressError, Finding
from .sites import Federation, Site


@dataclass
class SiteBuild:
    site: Site
    seconds: float
    returncode: int
    log: str


def build_one(site: Site, engine: str = "mkdocs", strict: bool = False) -> SiteBuild:
    exe = Path(sys.executable).parent / engine
    cmd = [str(exe) if exe.exists() else engine, "build", "-f", str(site.config)]
    if strict:
        cmd.append("--strict")
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return SiteBuild(site, time.perf_counter() - started, proc.returncode, proc.stdout + proc.stderr)


def build_sites(federation: Federation, *, jobs: int = 0, engine: str = "mkdocs", strict: bool = False,
                only: list[str] | None = None) -> list[SiteBuild]:
    """The districts in parallel (`jobs` processes; 0: one per core), then the hub."""
    chosen = [s for s in federation.sites if not only or s.name in only]
    districts = [s for s in chosen if not s.hub]
    jobs = jobs or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(districts) or 1))) as pool:
        results = list(pool.map(lambda s: build_one(s, engine, strict), districts))
    results += [build_one(s, engine, strict) for s in chosen if s.hub]
    return results


def assemble(federation: Federation, out: Path) -> Path:
    """Copy every built site into `out` at its URL path under the hub's."""
    hub = federation.hub
    root = hub.path
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for site in sorted(federation.sites, key=lambda s: len(s.path)):
        if urlsplit(site.url).netloc != urlsplit(hub.url).netloc or not site.path.startswith(root):
            raise CongressError(Finding(str(federation.file), 1, 1, "site-other-host",
                                        f"站点“{site.label}”（{site.url}）不在市级站点 {hub.url} 之下，无法合并到一个目录",
                                        "合并只适用于同一域名下按路径区分的站点；不同域名的站点分别部署"))
        if not (site.build_dir / "index.html").is_file():
            raise CongressError(Finding(str(federation.file), 1, 1, "site-not-built",
                                        f"站点“{site.label}”尚未构建：{site.build_dir} 中没有 index.html",
                                        "先运行 make sites 或 mkdocs build -f " + str(site.config)))
        target = staging / site.path[len(root):]
        if target.exists() and site is not hub and any(target.iterdir()):
            raise CongressError(Finding(str(federation.file), 1, 1, "site-path-taken",
                                        f"市级站点中已有 /{site.path[len(root):]}，与站点“{site.label}”的路径冲突",
                                        "给区站点换一个不与市级站点页面重名的路径"))
        shutil.copytree(site.build_dir, target, dirs_exist_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return out

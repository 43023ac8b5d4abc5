"""Writing generated files (feeds, data, calendar, robots.txt) into the
built site. Paths come from our own builders, but a path that would leave
the site folder is refused rather than trusted."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..feeds import DEFAULT_LIMIT, build_feeds
from ..findings import CongressError, Finding
from ..model import Repository
from .build import build_open_data


def build_all(repo: Repository, site_url: str, site_name: str,
              limit: int = DEFAULT_LIMIT) -> dict[str, bytes]:
    """Feeds and open data together: what a production build publishes."""
    return {**build_feeds(repo, site_url, site_name, limit), **build_open_data(repo, site_url, site_name)}


def write_outputs(site_dir: Path | str, files: dict[str, bytes]) -> list[Path]:
    site = Path(site_dir).resolve()
    written = []
    for rel, data in sorted(files.items()):
        parts = PurePosixPath(rel).parts
        if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
            raise CongressError(Finding(rel, 1, 1, "output-path", f"生成文件的路径“{rel}”不在网站目录内",
                                        "这是程序错误，请报告给维护者"))
        target = site.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written

"""The theme's templates, compiled once and kept between builds.

Jinja compiles every template a build uses to Python code in each build's
process: about a fifth of a second for Material's forty-odd partials, on
every build and every `serve` rebuild. Its bytecode cache keeps that code
under the template's name and a checksum of its source, so an edited
template is compiled again; code no build has used for a month is dropped.

What the compiler writes depends on more than the source: on the Jinja
and Python versions (the cache's own header checks those), and on the
environment: its syntax, extensions, and which filters and tests exist and
what they are passed. Those are part of each entry's key here.

The cache is the user's, like the lint lexicons, never the site's
`.cache/congress/`: CI restores that folder, a pull request can write it,
and compiled code read from it would run as the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

MAX_AGE_DAYS = 30


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        # Asked when a template is first compiled, after every plugin has
        # added its filters: the environment is then as the code will see it.
        # Keyed by the source, not the path: the same template elsewhere (a
        # copy of the site, a test's, the bench's) is the same code.
        checksum = self.get_source_checksum(source)
        key = hashlib.sha1(repr((_shape(environment, name), name, checksum)).encode("utf-8")).hexdigest()
        bucket = Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        super().load_bytecode(bucket)
        if bucket.code is not None:
            with contextlib.suppress(OSError):  # in use: the pruning keeps it
                os.utime(self._get_cache_filename(bucket))

    def dump_bytecode(self, bucket: Bucket) -> None:
        # A cache that cannot be written (its folder removed or read-only)
        # only costs the next build the compiling.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cache_dir() -> Path:
    """CONGRESS_TEMPLATE_CACHE, or the user's cache folder."""
    explicit = os.environ.get("CONGRESS_TEMPLATE_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "congress-site" / "templates"


def keep_compiled(env: jinja2.Environment, folder: Path | None = None) -> None:
    """Compile `env`'s templates through a cache in `folder` (`cache_dir()`);
    where it cannot be made, they are compiled as before."""
    folder = cache_dir() if folder is None else folder
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return
    _prune(folder)
    env.bytecode_cache = CompiledTemplates(str(folder), "%s.jinja")


def _prune(folder: Path) -> None:
    """Drop what no build has used for MAX_AGE_DAYS: the code of templates
    since edited, or of a theme since upgraded."""
    oldest = time.time() - MAX_AGE_DAYS * 86400
    for entry in folder.glob("*.jinja"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < oldest:
                entry.unlink()


def _shape(env: jinja2.Environment, name: str) -> tuple:
    """What of the environment the compiled code of template `name` depends on."""
    def passed(functions: dict) -> list:
        # A filter that takes the context is called with it: the compiled
        # call differs, so it is part of the key, and so is each name.
        return sorted((key, repr(getattr(fn, "jinja_pass_arg", None))) for key, fn in functions.items())

    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    finalize = env.finalize
    return (jinja2.__version__, sorted(env.extensions), env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string,
            env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
            env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async,
            bool(autoescape), finalize is None, repr(getattr(finalize, "jinja_pass_arg", None)),
            getattr(env, "newstyle_gettext", None), passed(env.filters), passed(env.tests))

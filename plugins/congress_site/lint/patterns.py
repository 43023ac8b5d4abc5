"""The rules' regular expressions, compiled once per Python version and
kept on disk beside the lexicon.

Most patterns here hold a class of every Han character, and Python's `re`
compiles such a class by visiting each of its 28,000 code points in Python
code: the rules' patterns took longer to compile than a 3,000-character
story takes to check. The compiled program of a pattern depends only on the
pattern and the version of the regular expression engine, so it is stored
with that version in its name and handed back to the engine on the next
run. Anything unexpected (another Python, a damaged file) falls back to
plain `re.compile`.
"""

from __future__ import annotations

import atexit
import marshal
import re
import sys

from .lexicon import _write, cache_dir

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None

# The engine's version: a compiled program is only valid for the same one.
_ENGINE = "-".join(map(str, (sys.implementation.cache_tag, *sys.version_info[:3],
                             getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0))))
_programs: dict[tuple[str, int], tuple] | None = None
_added = False


def _file():
    return cache_dir() / f"patterns-{_ENGINE}.marshal"


def _load() -> dict:
    global _programs
    if _programs is None:
        try:
            _programs = marshal.loads(_file().read_bytes())
            if not isinstance(_programs, dict):
                _programs = {}
        except (OSError, ValueError, EOFError, TypeError):
            _programs = {}
    return _programs


def _save() -> None:
    _write(_file(), marshal.dumps(_programs))


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - mirrors re.compile
    """re.compile(pattern, flags), from the stored program when there is one."""
    global _added
    if _sre is None:
        return re.compile(pattern, flags)
    flags = int(flags)
    programs = _load()
    stored = programs.get((pattern, flags))
    if stored is not None:
        try:
            return _sre.compile(pattern, *stored)
        except (TypeError, ValueError, RuntimeError):
            pass
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        stored = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, *stored)
    except Exception:  # noqa: BLE001 - internals changed: the public way still works
        return re.compile(pattern, flags)
    programs[(pattern, flags)] = stored
    if not _added:
        _added = True
        atexit.register(_save)
    return compiled


def import_module(name: str):
    """Import a library whose own patterns are slow to compile (PyYAML
    compiles a class of 60,000 printable characters on import) with
    `re.compile` answered from the stored programs for the duration."""
    import importlib

    if name in sys.modules or _sre is None:
        return importlib.import_module(name)
    _load()
    plain = re.compile
    re.compile = compile
    try:
        return importlib.import_module(name)
    finally:
        re.compile = plain

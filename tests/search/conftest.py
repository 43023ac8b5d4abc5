"""Fixtures for search tests: a static server on 127.0.0.1 in a thread (for
the session's build of the sample site, `sample_site`, and for generated
sites), and Debian's chromium via Playwright (never a downloaded browser).
Without chromium, browser tests fail in CI (CI=true) and are skipped with a
loud reason elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from browserkit import served


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """serve(dir) -> base URL without trailing slash; servers stop at the end."""
    with ExitStack() as servers:
        yield lambda root: servers.enter_context(served(root))


@pytest.fixture(scope="session")
def chromium(browser):
    """The session's one chromium (tests/conftest.py)."""
    return browser


@pytest.fixture
def new_page(chromium) -> Iterator[Callable[[], object]]:
    contexts = []

    def _new():
        context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield _new
    for context in contexts:
        context.close()

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

# `congress lint` run as a program starts a background lint server; tests
# that run it (and the processes they start) check in-process instead and
# leave nothing running. tests/lint/test_lint_server.py turns it on for
# itself, with a socket folder of its own.
os.environ["CONGRESS_LINT_SERVER"] = "off"

import browserkit  # noqa: E402 - needs the path above
import sitekit  # noqa: E402


@pytest.fixture(scope="session")
def sample_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample site's sources, built once as `sample_site`."""
    return sitekit.copy_sample(tmp_path_factory.mktemp("sample") / "src")


@pytest.fixture(scope="session")
def sample_site(sample_source: Path) -> Path:
    """The sample site built once per session, strictly as CI builds it, for
    every test that only reads it. A test that changes the sample builds a
    copy of its own (sitekit.copy_sample)."""
    return sitekit.build(sample_source, sample_source.parent / "site", today=sitekit.SAMPLE_TODAY, strict=True)


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole session, shared by every
    test folder (see browserkit)."""
    yield from browserkit.launch()

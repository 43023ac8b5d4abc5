import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import browserkit  # noqa: E402 - needs the path above


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole session, shared by every
    test folder (see browserkit)."""
    yield from browserkit.launch()

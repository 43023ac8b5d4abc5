from pathlib import Path

import pytest

from sitekit import build, copy_sample


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built once for the tests that only read it."""
    root = copy_sample(tmp_path_factory.mktemp("sample") / "src")
    return build(root, root.parent / "site", strict=True)

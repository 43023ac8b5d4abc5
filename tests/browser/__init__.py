"""Browser tests: the built sample site in Debian's chromium (see conftest.py)."""

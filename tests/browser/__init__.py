"""Browser tests: Playwright driving the system Chromium (see conftest.py)."""

"""Fixtures for the browser tests: Debian's packaged Chromium driven by Playwright's sync API.

``playwright install`` cannot download browsers on a government intranet (or here), so the tests
launch the system ``chromium`` (``FAZHI_CHROMIUM``, default /usr/bin/chromium) and are skipped when
it is absent. Playwright's sync API runs an event loop in the test thread, so Django's async-safety
check is switched off for these tests only (DJANGO_ALLOW_ASYNC_UNSAFE).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def allow_async_unsafe(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(allow_async_unsafe):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.csp_errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda msg: pg.csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield pg
    context.close()


@pytest.fixture
def e2e_county(transactional_db, allow_async_unsafe):
    """The test county, committed so the live server's thread sees it, with the seeded rows back."""
    from fazhi.core.testing import make_county, replay_seed_migrations

    replay_seed_migrations()
    return make_county()


@pytest.fixture
def seeded(e2e_county):
    """Kept for the tests that ask for it: the county with every data migration's rows present."""
    return e2e_county


UNLABELLED_JS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)"""


def _browser_login(page, base, username, password):
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name=re.compile("登\\s*录")).click()
    page.wait_for_url(f"{base}/")


@pytest.fixture
def browser_login():
    """browser_login(page, base_url, username, password): log in through the form, as a person would."""
    return _browser_login


@pytest.fixture
def unlabelled():
    """unlabelled(page) -> names of visible form controls without a label (accessibility)."""
    return lambda page: page.evaluate(UNLABELLED_JS)


@pytest.fixture
def e2e_password():
    from fazhi.core.testing import PASSWORD

    return PASSWORD

#!/usr/bin/env python
"""Screenshots of the main pages of a running Fazhi, for looking at before a release.

Starts nothing itself: point it at a server that is already running, with users to log in as::

    DEBUG=True .venv/bin/python manage.py runserver 127.0.0.1:8011 &
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8011 \\
        --admin admin:PASSWORD --liaison liaison_sfj:PASSWORD

PNG files go to ``test-artifacts/screenshots/`` (``--out`` to change). Uses Playwright's sync API
with the system Chromium (``--chromium``, default /usr/bin/chromium); nothing is downloaded.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def credentials(value: str) -> tuple[str, str]:
    if ":" not in value:
        raise argparse.ArgumentTypeError("格式应为 用户名:密码")
    user, password = value.split(":", 1)
    return user, password


def login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name=re.compile(r"登\s*录")).click()
    page.wait_for_url(f"{base}/")


def logout(page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save PNG screenshots of Fazhi's main pages.")
    parser.add_argument("--base-url", default="http://127.0.0.1:8011")
    parser.add_argument("--admin", type=credentials, required=True, help="法治办管理员 用户名:密码")
    parser.add_argument("--liaison", type=credentials, required=True, help="联络员 用户名:密码")
    parser.add_argument("--out", default="test-artifacts/screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    base = args.base_url.rstrip("/")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    problems: list[str] = []

    def shot(page, name: str) -> None:
        path = out / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 860})
        page = context.new_page()
        # The form-with-errors page answers 400 on purpose; anything else in the console is a problem.
        page.on("console", lambda m: problems.append(m.text)
                if m.type == "error" and "status of 400" not in m.text else None)

        page.goto(f"{base}/login/")
        shot(page, "01-login")

        login(page, base, *args.admin)
        shot(page, "02-home-admin")

        page.goto(f"{base}/orgs/")
        shot(page, "03-organizations")

        links = page.locator("table a[href*='/orgs/']")
        if links.count():
            links.nth(min(2, links.count() - 1)).click()
            page.wait_for_load_state()
            shot(page, "04-organization-detail")

        page.goto(f"{base}/users/")
        shot(page, "05-users")

        page.goto(f"{base}/orgs/new/")
        page.get_by_label("单位名称").fill("同心县教育局")
        page.get_by_label("统一社会信用代码").fill("91110000600037341X")
        page.get_by_role("button", name="保存").click()
        page.wait_for_load_state()
        shot(page, "06-form-errors")
        logout(page)

        login(page, base, *args.liaison)
        shot(page, "07-home-liaison")

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{base}/")
        shot(page, "08-home-mobile")
        toggle = page.get_by_role("button", name="菜单")
        if toggle.is_visible():
            toggle.click()
            shot(page, "09-home-mobile-menu")
        logout(page)
        browser.close()

    for path in saved:
        print(path)
    if problems:
        print("浏览器控制台错误：", *problems, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

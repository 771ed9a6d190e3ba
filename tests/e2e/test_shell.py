"""The shell in a real browser: log in, 工作台, 单位管理, a form error, the mobile menu, keyboard."""
import re

import pytest

pytestmark = pytest.mark.e2e

GOOD_USCC = "91110000600037341L"


def test_login_home_orgs_create_with_validation_error(live_server, page, e2e_county, e2e_password, browser_login, unlabelled):
    base = live_server.url
    browser_login(page, base, "admin", e2e_password)
    assert page.get_by_role("heading", name="工作台", level=1).is_visible()
    assert "法治政府建设管理平台" in page.inner_text("header")
    assert "法治办管理员" in page.inner_text("header")
    assert page.get_by_role("heading", name="最近动态").is_visible()

    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="单位管理").click()
    page.wait_for_url(f"{base}/orgs/")
    assert page.get_by_role("heading", name="单位管理", level=1).is_visible()
    assert unlabelled(page) == []
    assert page.get_by_role("link", name="同心县司法局").is_visible()

    page.get_by_role("link", name="新增单位").click()
    assert unlabelled(page) == []
    page.get_by_label("单位名称").fill("同心县教育局")
    page.get_by_label("类别").select_option("department")
    page.get_by_label("上级单位").select_option(label="同心县人民政府")
    page.get_by_label("所在区划").select_option(label="同心县（640324）")
    page.get_by_label("统一社会信用代码").fill("91110000600037341X")
    page.get_by_role("button", name="保存").click()

    error = page.locator(".field-error .errors")
    assert "统一社会信用代码校验位错误" in error.inner_text()
    assert page.get_by_label("单位名称").input_value() == "同心县教育局"
    # Focus moved to the field in error (keyboard / screen-reader users land on it).
    assert page.evaluate("document.activeElement.name") == "credit_code"

    page.get_by_label("统一社会信用代码").fill(GOOD_USCC)
    page.get_by_role("button", name="保存").click()
    assert page.get_by_role("heading", name="同心县教育局", level=1).is_visible()
    assert "已新增单位" in page.inner_text(".messages")
    assert "新增单位" in page.inner_text("#history-title ~ *")

    page.get_by_role("navigation", name="主菜单").get_by_role("link", name="用户管理").click()
    assert page.get_by_role("cell", name="司法局联络员").is_visible()
    page.get_by_role("link", name="新增用户").click()
    assert unlabelled(page) == []
    page.get_by_label("联络员").check()
    assert page.get_by_label("联络员").is_checked()
    assert page.csp_errors == []


def test_wrong_password_and_logout(live_server, page, e2e_county, e2e_password, browser_login, unlabelled):
    base = live_server.url
    page.goto(f"{base}/login/")
    assert unlabelled(page) == []
    page.get_by_label("用户名").fill("liaison_sfj")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name=re.compile("登\\s*录")).click()
    assert "用户名或密码错误" in page.inner_text("main")
    browser_login(page, base, "liaison_sfj", e2e_password)
    assert page.get_by_role("heading", name="本单位快捷入口").is_visible()
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(re.compile(r".*/login/"))
    assert "您已安全退出" in page.inner_text("main")
    assert page.csp_errors == []


def test_keyboard_skip_link_and_mobile_menu(live_server, page, e2e_county, e2e_password, browser_login):
    base = live_server.url
    browser_login(page, base, "liaison_scj", e2e_password)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    nav = page.locator("#site-nav")
    toggle = page.get_by_role("button", name="菜单")
    assert toggle.is_visible() and not nav.is_visible()
    toggle.click()
    assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not nav.is_visible()

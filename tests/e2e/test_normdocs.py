"""行政规范性文件 in a real browser: a clerk drafts a document, it goes through 评估论证 → 公开征求意见 (a member
of the public comments on the portal) → 合法性审核 by the 法制审核员 (a too-early conclusion is refused, naming
115号 二（五）) → 集体审议 with 三统一 numbering → 公布 → 备案 → 现行有效; the portal then lists it and finds it
by full-text search. Every input labelled. Screenshots go to test-artifacts/screenshots/."""
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

OUT = Path("test-artifacts/screenshots")


def _shot(page, name):
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"normdocs_{name}.png"), full_page=True)


def _step(page, prefix, values, button):
    for field, value in values.items():
        el = page.locator(f"#id_{prefix}-{field}")
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(index=int(value[6:])) if value.startswith("index:") else el.select_option(value)
        else:
            el.fill(value)
    page.locator(f"form[action$='/step/{prefix}/']").get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_document_through_the_lifecycle(live_server, page, browser, seeded, e2e_password, browser_login, unlabelled,
                                        settings):
    settings.DECISIONS_COMMENT_MIN_SECONDS = 0
    base = live_server.url
    browser_login(page, base, "admin", e2e_password)
    page.goto(f"{base}/normdocs/new/")
    assert unlabelled(page) == []
    page.locator("#id_organization").select_option(label="同心县人民政府")
    page.locator("#id_title").fill("同心县城区养犬管理办法")
    page.locator("#id_issuer").fill("同心县人民政府")
    page.locator("#id_drafted_on").fill("2021-09-01")
    page.locator("#id_legal_basis").fill("《中华人民共和国动物防疫法》")
    page.locator("#id_text").fill("第一条 为规范城区养犬行为，制定本办法。\n第二条 违反本办法的，由综合执法部门依法处罚。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/normdocs/d/"))
    detail = page.url
    assert unlabelled(page) == []
    _step(page, "evaluate_draft", {"on": "2021-09-10", "summary": "对必要性、可行性进行了评估论证。"}, "记录评估论证")
    _step(page, "open_comment", {"opens_on": "2021-09-27"}, "公开征求意见")
    assert "2021-10-12" in page.content()  # 7 working days across 国庆 (10-09 a working Saturday)

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/portal/normdocs/")
    assert "正在公开征求意见" in public.content()
    public.get_by_role("link", name=re.compile("同心县城区养犬管理办法")).click()
    public.get_by_label("您的意见").fill("建议明确大型犬的认定标准。")
    public.get_by_role("button", name="提交意见").click()
    public.wait_for_load_state()
    assert "感谢您的意见" in public.content()

    page.goto(detail)
    _step(page, "submit_legality", {"closed_on": "2021-10-12", "summary": "收到意见1条，已采纳。",
                                    "submitted_on": "2021-10-12"}, "送审")
    # Too early (5 working days: 10-19) and no urgent reason: refused, naming 115号 二（五）.
    _step(page, "legality", {"on": "2021-10-14", "reviewer": "index:1", "conclusion": "lawful",
                             "opinion": "制定主体合法，内容合法。"}, "保存审核意见")
    assert "二（五）" in page.content()
    _step(page, "legality", {"on": "2021-10-19", "reviewer": "index:1", "conclusion": "lawful",
                             "opinion": "制定主体合法，内容合法。"}, "保存审核意见")
    _step(page, "deliberate", {"on": "2021-10-22", "meeting": "县人民政府第18次常务会议", "doc_number": "同政发〔2021〕66号",
                               "printed_on": "2021-10-25"}, "记录审议结果")
    assert "同政规〔2021〕1号" in page.content()
    _step(page, "publish", {"on": "2021-10-27", "channel": "同心县人民政府网站", "effective_on": "2021-12-01"}, "公布")
    assert "2021-11-26" in page.content()  # 备案期限: 30 days from 公布 (normdoc.filing)
    _step(page, "file", {"gov_on": "2021-11-05", "gov_ref": "吴政规备〔2021〕9号", "npc_on": "2021-11-08",
                         "npc_ref": "同人常备〔2021〕6号"}, "记录备案")
    assert "按期备案" in page.content()
    _step(page, "force", {"on": "2021-12-01"}, "记录生效")
    assert "现行有效" in page.content()
    _shot(page, "detail")

    public.goto(f"{base}/portal/normdocs/?q=处罚")
    assert "同心县城区养犬管理办法" in public.content() and "<mark>处罚</mark>" in public.content()
    public.get_by_role("link", name="同心县城区养犬管理办法").click()
    assert "同政规〔2021〕1号" in public.content()
    _shot(public, "portal")

"""矛盾纠纷化解 in a real browser: the 法治办管理员 registers a 行政复议 application (a 2017-law application
asking for 简易程序 is refused first), accepts it and suspends it; a hearing with only a lawyer is
flagged on a suit. No CSP errors, every input labelled."""
import re

import pytest

pytestmark = pytest.mark.e2e


def test_review_workflow_and_lawyer_only_flag(live_server, page, seeded, e2e_password, browser_login, unlabelled):
    county = seeded
    base = live_server.url
    browser_login(page, base, "admin", e2e_password)
    page.goto(f"{base}/disputes/reviews/new/")
    assert unlabelled(page) == []
    page.locator("#id_organization").select_option(label=county.gov.name)
    page.locator("#id_applicant").fill("马某")
    page.locator("#id_respondent").select_option(label=county.scj.name)
    page.locator("#id_act").fill("罚款决定")
    page.locator("#id_act_known_on").fill("2023-12-20")
    page.locator("#id_received_on").fill("2023-12-28")
    page.locator("#id_procedure").select_option(label="简易程序")
    page.get_by_role("button", name="保存").click()
    assert "没有简易程序" in page.content()
    page.locator("#id_received_on").fill("2024-09-27")
    page.locator("#id_act_known_on").fill("2024-09-20")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/disputes/reviews/[0-9a-f-]+/$"))
    assert "2024年10月10日" in page.content()                  # 5 WD over 国庆 2024
    page.get_by_role("link", name="受理", exact=True).click()
    page.locator("#id_accepted_on").fill("2024-10-08")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/disputes/reviews/[0-9a-f-]+/$"))
    assert "2024年12月9日" in page.content()                   # 10-08 + 60 = 12-07 (Saturday) → 12-09
    page.get_by_role("link", name="中止", exact=True).click()
    assert unlabelled(page) == []
    page.locator("#id_on").fill("2024-10-15")
    page.locator("#id_reason").fill("需要等待其他案件结果")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/disputes/reviews/[0-9a-f-]+/$"))
    assert "中止" in page.content() and "恢复审理" in page.content()

    page.goto(f"{base}/disputes/litigation/new/")
    page.locator("#id_organization").select_option(label=county.scj.name)
    page.locator("#id_case_number").fill("2021宁0324行初5号")
    page.locator("#id_court").fill("同心县人民法院")
    page.locator("#id_plaintiff").fill("李某")
    page.locator("#id_act").fill("行政处罚决定")
    page.locator("#id_complaint_received_on").fill("2021-09-20")
    page.get_by_role("button", name="保存").click()
    assert "法院案号格式应为" in page.content() and "/disputes/litigation/new/" in page.url
    from fazhi.disputes.models import LitigationCase
    assert not LitigationCase.objects.exists()
    page.locator("#id_organization").select_option(label=county.scj.name)
    page.locator("#id_case_number").fill("(2021)宁0324行初5号")
    page.locator("#id_court").fill("同心县人民法院")
    page.locator("#id_plaintiff").fill("李某")
    page.locator("#id_act").fill("行政处罚决定")
    page.locator("#id_complaint_received_on").fill("2021-09-20")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/disputes/litigation/[0-9a-f-]+/$"))
    assert "2021年10月8日" in page.content()                   # 9-20 + 15 = 10-05 (国庆) → 10-08
    page.get_by_role("link", name="登记开庭及出庭应诉").click()
    page.locator("#id_held_on").fill("2021-11-01")
    page.locator("#id_appearance").select_option(label="仅律师出庭")
    page.locator("#id_lawyer_name").fill("王律师")   # no excuse asked: 仅律师出庭 is recorded as it happened
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/disputes/litigation/[0-9a-f-]+/$"))
    assert "不得仅委托律师出庭（行诉法解释第一百二十八条第二款" in page.content()
    assert page.csp_errors == []

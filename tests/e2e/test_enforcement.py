"""行政执法 in a real browser: a 行政处罚 普通程序 case from 立案 to 归档 through the staff pages — the
hearing-request window crosses 国庆 2021, a decision before the 法制审核 of a 重大 case is refused naming
第五十八条, then every step to 归档 and the 卷宗 is offered. No CSP errors, every input labelled."""
import datetime
import re

import pytest

pytestmark = pytest.mark.e2e
CASE_URL = re.compile(r"/enforcement/cases/[0-9a-f-]+/$")


def _save(page):
    page.get_by_role("button", name="保存").click()


def _step(page, name):
    page.get_by_role("link", name=name, exact=True).click()


def test_ordinary_procedure_from_filing_to_archive(live_server, page, seeded, e2e_password, browser_login, unlabelled):
    from fazhi.enforcement import services as sv
    from fazhi.enforcement.models import Case
    from fazhi.enforcement.tests import factories as f

    county = seeded
    a = f.officer(county.scj, name="马明")
    b = f.officer(county.scj, name="李强")
    reviewer = f.officer(county.scj, name="杨审核", unit="法制科", reviewer=True, qualified=True)
    base = live_server.url
    browser_login(page, base, "liaison_scj", e2e_password)

    page.goto(f"{base}/enforcement/cases/new/")
    assert unlabelled(page) == []
    page.locator("#id_organization").select_option(label=county.scj.name)
    page.locator("#id_title").fill("销售过期食品案")
    page.locator("#id_undertaking_unit").fill("执法一中队")
    page.locator("#id_party_type").select_option(label="法人或其他组织")
    page.locator("#id_party_name").fill("同心县某某商贸有限公司")
    page.locator("#id_party_credit_code").fill(f.credit_code())
    page.locator("#id_violation_on").fill("2021-08-20")
    page.locator("#id_filed_on").fill("2021-09-01")
    page.locator("#id_is_major").check()
    page.locator("#id_officers").select_option(value=[str(a.code)])
    _save(page)
    assert "第四十二条" in page.content()          # one officer is refused
    assert not Case.objects.exists()
    page.locator("#id_officers").select_option(value=[str(a.code), str(b.code)])
    _save(page)
    page.wait_for_url(CASE_URL)
    assert "2021年11月30日" in page.content()       # 90 days (第六十条)

    _step(page, "调查取证")
    assert unlabelled(page) == []
    page.locator("#id_on").fill("2021-09-06")
    page.locator("#id_officers").select_option(value=[str(a.code), str(b.code)])
    page.locator("#id_document_number").fill("询问笔录〔2021〕1号")
    _save(page)
    page.wait_for_url(CASE_URL)
    _step(page, "审查（调查终结）")
    page.locator("#id_on").fill("2021-09-24")
    page.locator("#id_content").fill("调查终结报告：事实清楚，证据确凿")
    _save(page)
    page.wait_for_url(CASE_URL)
    _step(page, "告知（事先告知书）")
    page.locator("#id_on").fill("2021-09-30")
    page.locator("#id_proposed_penalty").fill("拟罚款2万元")
    page.locator("#id_hearing_right").check()
    page.locator("#id_officers").select_option(value=[str(a.code), str(b.code)])
    page.locator("#id_document_number").fill("告知书〔2021〕1号")
    _save(page)
    page.wait_for_url(CASE_URL)
    assert "2021-10-13" in page.content() or "2021年10月13日" in page.content()   # 5 WD over 国庆 (第六十四条)

    _step(page, "陈述申辩/听证")
    page.locator("#id_on").fill("2021-10-11")
    page.locator("#id_kind").select_option(label="陈述、申辩")
    page.locator("#id_content").fill("当事人提交书面陈述申辩意见，未要求听证")
    _save(page)
    page.wait_for_url(CASE_URL)

    _step(page, "作出决定")
    page.locator("#id_on").fill("2021-10-14")
    page.locator("#id_decision_number").fill("同市监罚〔2021〕8号")
    page.locator("#id_penalty_kind").select_option(label="罚款")
    page.locator("#id_fine_amount").fill("20000")
    _save(page)
    assert "第五十八条" in page.content()           # a 重大 case: no decision before 法制审核
    assert Case.objects.get().decided_on is None

    page.goto(base + sv.case_url(Case.objects.get()))
    _step(page, "法制审核")
    assert unlabelled(page) == []
    page.locator("#id_on").fill("2021-10-15")
    page.locator("#id_reviewer").select_option(value=str(reviewer.code))
    page.locator("#id_conclusion").select_option(label="同意")
    page.locator("#id_opinion").fill("主体合法，事实清楚，证据确凿，程序合法，适用依据正确")
    _save(page)
    page.wait_for_url(CASE_URL)

    _step(page, "作出决定")
    page.locator("#id_on").fill("2021-10-18")
    page.locator("#id_decision_number").fill("同市监罚〔2021〕8号")
    page.locator("#id_penalty_kind").select_option(label="罚款")
    page.locator("#id_fine_amount").fill("20000")
    _save(page)
    page.wait_for_url(CASE_URL)
    _step(page, "送达")
    page.locator("#id_on").fill("2021-10-19")
    page.locator("#id_document_number").fill("送达回证〔2021〕8号")
    _save(page)
    page.wait_for_url(CASE_URL)
    _step(page, "执行")
    page.locator("#id_on").fill("2021-10-28")
    page.locator("#id_paid_amount").fill("20000")
    page.locator("#id_content").fill("当事人已通过银行缴纳罚款")
    _save(page)
    page.wait_for_url(CASE_URL)
    _step(page, "公示")
    page.locator("#id_on").fill("2021-10-20")
    _save(page)
    page.wait_for_url(CASE_URL)
    _step(page, "结案")
    page.locator("#id_on").fill("2021-11-01")
    page.locator("#id_content").fill("结案审批表：同意结案")
    _save(page)
    page.wait_for_url(CASE_URL)
    _step(page, "归档")
    page.locator("#id_on").fill("2021-11-02")
    page.locator("#id_archive_number").fill("2021-市监-008")
    _save(page)
    page.wait_for_url(CASE_URL)

    case = Case.objects.get()
    # 立案 调查取证 审查 告知 陈述申辩 法制审核 决定 送达 执行 结案 归档 (no 集体讨论: not 情节复杂)
    assert case.state == "archived" and case.steps.count() == 11
    html = page.content()
    assert "卷宗归档登记" in html and "法制审核意见书" in html and "卷宗（Word）" in html
    page.screenshot(path="/tmp/enforcement_e2e_case.png", full_page=True)
    assert page.csp_errors == []
    # The public sees the decision with the party (an organization) and no personal data.
    page.goto(f"{base}/portal/enforcement/decisions/")
    assert "同市监罚〔2021〕8号" in page.content()
    assert datetime.date(2021, 10, 20) == case.published_on

"""公共法律服务 in a real browser: an admin adds an activity kind, a 司法局 liaison records an activity of
it and a legal-aid application (a wrong 身份证号 first), then decides it; no CSP errors, every input labelled."""
import re

import pytest
from stdnum.cn import ric

pytestmark = pytest.mark.e2e


def test_kind_activity_and_aid_application(live_server, page, seeded, e2e_password, browser_login, unlabelled):
    base = live_server.url
    browser_login(page, base, "admin", e2e_password)
    page.goto(f"{base}/legalservice/activity-kinds/new/")
    assert unlabelled(page) == []
    page.get_by_label("标识（英文）").fill("anti_fraud")
    page.locator("#id_name").fill("反电信诈骗宣传")
    page.locator("#id_category").select_option(label="普法宣传")
    page.locator("#id_reach_label").fill("受众人数")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{base}/legalservice/activity-kinds/")
    assert "反电信诈骗宣传" in page.content()
    page.get_by_role("button", name="退出").click()

    browser_login(page, base, "liaison_sfj", e2e_password)
    page.goto(f"{base}/legalservice/activities/new/")
    assert unlabelled(page) == []
    page.get_by_label("活动类别").select_option(label="反电信诈骗宣传")
    page.get_by_label("活动名称").fill("反诈宣传进校园")
    page.locator("#id_held_on").fill("2021-05-10")
    page.get_by_label("数量").fill("2")
    page.get_by_label("覆盖人次/点击量").fill("900")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r".*/legalservice/activities/[0-9a-f-]+/$"))
    assert "受众人数" in page.content() and "900" in page.content()

    page.goto(f"{base}/legalservice/aid/apply/")
    assert unlabelled(page) == []
    page.get_by_label("案件类型").select_option(label="民事")
    page.get_by_label("申请人（受援人）姓名").fill("马某某")
    page.locator("#id_applicant_id_number").fill("640324198001011234")
    page.get_by_label("案由/援助事项").fill("追索劳动报酬")
    page.get_by_label("援助条件").select_option("art42_migrant")
    page.get_by_label("收到申请日期").fill("2021-09-28")
    page.get_by_role("button", name="保存").click()
    assert "身份证号校验码错误" in page.content()
    base_id = "64032419800101123"
    page.locator("#id_applicant_id_number").fill(base_id + ric.calc_check_digit(base_id + "0"))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r".*/legalservice/aid/[0-9a-f-]+/$"))
    assert "法律援助申请审查决定期限" in page.content()
    page.locator("#id_decide-decision").select_option("grant")
    page.locator("#id_decide-on").fill("2021-09-30")
    page.get_by_role("button", name="保存决定").click()
    page.wait_for_load_state()
    assert "已决定给予援助，待指派" in page.content()
    assert page.csp_errors == []


def test_clerk_takes_an_application_through_to_archive(live_server, page, seeded, e2e_password, tmp_path, browser_login):
    """A 司法局 clerk: register (the 7-day review shows on the deadline board), correct a typo, grant
    (the 3-day assignment shows), assign from the roster, close, archive with a grade; the case is in
    the exported ledger and the portal shows no applicant."""
    import datetime

    import openpyxl

    from fazhi.legalservice import services

    county = seeded
    services.lawyer_create(actor=None, organization=county.sfj, name="周律师", firm="宁夏红城律师事务所",
                           license_no="16403201510000099", years_practice=6)
    today = datetime.date.today()
    day = lambda n: (today - datetime.timedelta(days=n)).isoformat()  # noqa: E731
    base = live_server.url
    browser_login(page, base, "liaison_sfj", e2e_password)

    page.goto(f"{base}/legalservice/aid/apply/")
    page.get_by_label("案件类型").select_option(label="民事")
    page.get_by_label("申请人（受援人）姓名").fill("马晓")
    base_id = "64032419800101123"
    page.locator("#id_applicant_id_number").fill(base_id + ric.calc_check_digit(base_id + "0"))
    page.get_by_label("案由/援助事项").fill("追索劳动报酬")
    page.get_by_label("援助条件").select_option("art42_migrant")
    page.get_by_label("收到申请日期").fill(day(5))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r".*/legalservice/aid/[0-9a-f-]+/$"))
    case_url = page.url
    number = page.locator("h1").inner_text().split()[0]

    page.goto(f"{base}/calendar/board/")
    assert f"法律援助申请审查：{number}" in page.content()      # due in 2 days: 黄灯

    page.goto(case_url)
    page.get_by_role("link", name="修改案件信息").click()
    page.get_by_label(re.compile("受援人姓名")).fill("马晓红")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(case_url)
    assert "马晓红" in page.content()

    page.locator("#id_decide-decision").select_option("grant")
    page.locator("#id_decide-on").fill(day(1))
    page.get_by_role("button", name="保存决定").click()
    page.wait_for_load_state()
    page.goto(f"{base}/calendar/board/")
    assert f"法律援助指派：{number}" in page.content()          # 3 days from the decision

    page.goto(case_url)
    page.locator("#id_assign-lawyer").select_option(label="周律师（宁夏红城律师事务所）")
    page.locator("#id_assign-on").fill(day(1))
    page.get_by_role("button", name="指派", exact=True).click()
    page.wait_for_load_state()
    page.locator("#id_close-on").fill(day(0))
    page.locator("#id_close-outcome").fill("调解结案")
    page.get_by_role("button", name="结案").click()
    page.wait_for_load_state()
    page.locator("#id_archive-on").fill(day(0))
    page.locator("#id_archive-quality_score").fill("85")
    page.get_by_role("button", name="归档").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "已归档" in main and "85 分，优良" in main and "修改案件信息" not in main
    history = main[main.index("修改记录"):]
    assert "周律师（宁夏红城律师事务所）" in history and "assigned_on" not in history

    with page.expect_download() as download:
        page.evaluate("window.location = '/excel/legalservice_aid_cases/export.xlsx'")
    path = tmp_path / "aid.xlsx"
    download.value.save_as(path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    row = next(r for r in rows if r[0] == number)
    assert "马晓红" in row and "优良" in row and "已归档" in row

    page.get_by_role("button", name="退出").click()
    page.goto(f"{base}/portal/legalservice/")
    assert "马晓" not in page.content() and base_id not in page.content()
    assert page.csp_errors == []

"""政府职能 in a real browser: a 市场监管局 clerk takes a 依申请公开 request from receipt to reply (a wrong
channel/date first, then a third-party consultation that stops the clock across 国庆), adjusts the 权责清单
(赋权乡镇) and the public sees the list as of a date and the disclosures — never the applicant."""
import datetime
import re

import pytest

pytestmark = pytest.mark.e2e


def test_request_from_receipt_to_reply_and_portal(live_server, page, seeded, e2e_password, browser_login, unlabelled):
    from fazhi.functions import services as sv
    from fazhi.functions.models import InfoRequest, PowerItem

    county = seeded
    item = sv.power_register(actor=None, organization=county.scj, valid_from=datetime.date(2020, 6, 30),
                             power_code="640324-SCJ-XK-0001", name="食品经营许可", category="license",
                             legal_basis="《食品安全法》第三十五条", subject="同心县市场监督管理局")
    sv.disclosure_create(actor=None, organization=county.scj, title="食品安全监督抽检信息公告（第9期）",
                         area="market", formed_on=datetime.date(2021, 9, 24), published_on=datetime.date(2021, 9, 27))
    base = live_server.url
    browser_login(page, base, "liaison_scj", e2e_password)

    page.goto(f"{base}/functions/requests/new/")
    assert unlabelled(page) == []
    page.get_by_label("所属单位").select_option(str(county.scj.code))
    page.get_by_label("申请人类型").select_option(label="公民")
    page.get_by_label("申请人姓名/名称").fill("马晓明")
    page.get_by_label("提交方式").select_option(label="互联网渠道")
    page.get_by_label("提交日期").fill("2021-09-28")
    page.get_by_label("申请公开的政府信息内容").fill("某企业食品经营许可证的核发材料")
    page.get_by_role("button", name="保存").click()
    assert "请填写双方确认日期" in page.content()
    page.get_by_label("签收/确认日期").fill("2021-09-28")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r".*/functions/requests/[0-9a-f-]+/$"))
    assert "2021-11-01" in page.content() and "互联网渠道：以双方确认之日为收到申请之日" in page.content()
    assert unlabelled(page) == []

    page.locator("#id_consult-on").fill("2021-10-12")
    page.locator("#id_consult-consultee").fill("宁夏某食品有限公司（第三方）")
    page.get_by_role("button", name="登记并暂停计时").click()
    page.wait_for_load_state()
    assert "征求意见中（暂停计时）" in page.content()
    page.locator("#id_consult_end-on").fill("2021-10-26")
    page.get_by_role("button", name="恢复计时").click()
    page.wait_for_load_state()
    assert "2021-11-15" in page.content()        # 10 paused working days added

    page.locator("#id_reply-on").fill("2021-11-10")
    page.locator("#id_reply-reply_type").select_option("refuse")
    page.get_by_role("button", name="登记答复").click()
    assert "说明理由" in page.content()
    page.locator("#id_reply-reply_text").fill("涉及第三方商业秘密，第三方不同意公开（条例第三十二条）。")
    page.get_by_role("button", name="登记答复").click()
    page.wait_for_load_state()
    assert "按期答复" in page.content()
    assert InfoRequest.objects.get().state == "replied"

    # 赋权乡镇 on the power item's page.
    page.goto(f"{base}/functions/power/{item.code}/")
    page.locator("#id_delegate-kind").select_option(label="赋权乡镇")
    page.locator("#id_delegate-township").select_option(label=county.town.name)
    page.locator("#id_delegate-adjusted_on").fill("2021-09-01")
    page.locator("#id_delegate-document").fill("同党办发〔2021〕28号")
    page.get_by_role("button", name="登记赋权/下放").click()
    page.wait_for_load_state()
    assert "已登记调整：赋权乡镇" in page.content()
    assert PowerItem.objects.filter(power_code="640324-SCJ-XK-0001").count() == 2
    assert page.csp_errors == []
    page.get_by_role("button", name="退出").click()

    # The public: the list as of a date, the disclosures; the applicant never appears.
    page.goto(f"{base}/portal/functions/power/?on=2021-08-31")
    assert "食品经营许可" in page.content() and county.town.name not in page.content()
    page.goto(f"{base}/portal/functions/power/?on=2021-09-01")
    assert county.town.name in page.content()
    page.goto(f"{base}/portal/functions/disclosures/?year=2021")
    assert "食品安全监督抽检信息公告（第9期）" in page.content()
    for url in ("/portal/functions/", "/portal/functions/disclosures/?year=2021", "/portal/functions/credit/?year=2021"):
        page.goto(base + url)
        assert "马晓明" not in page.content()
    assert page.csp_errors == []

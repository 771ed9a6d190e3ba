"""公共法律服务 in a real browser: an admin adds an activity kind, a 司法局 liaison records an activity of
it and a legal-aid application (a wrong 身份证号 first), then decides it; no CSP errors, every input labelled."""
import re

import pytest
from stdnum.cn import ric

pytestmark = pytest.mark.e2e

UNLABELLED_JS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)"""


@pytest.fixture
def seeded(e2e_county):
    """Transactional tests flush the database between tests: make sure the seeded rules and kinds exist."""
    from fazhi.core.deadline_rules import RULES
    from fazhi.core.models import DeadlineRule
    from fazhi.legalservice.kinds import STANDARD_KINDS
    from fazhi.legalservice.models import ActivityKind

    for rule in RULES:
        d = dict(rule)
        code = d.pop("code")
        d["national_default"] = d["count"]
        DeadlineRule.objects.get_or_create(code=code, defaults=d)
    DeadlineRule.objects.get_or_create(code="legalaid.archive", defaults=dict(
        name="法律援助案件结案归档期限", legal_basis="《办理法律援助案件程序规定》", count=30, national_default=30,
        unit="calendar_days", start_event="结案之日", verification="U"))
    for spec in STANDARD_KINDS:
        ActivityKind.objects.get_or_create(key=spec["key"], defaults={k: v for k, v in spec.items() if k != "key"})
    return e2e_county


def _login(page, base, username, password):
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name=re.compile("登\\s*录")).click()
    page.wait_for_url(f"{base}/")


def test_kind_activity_and_aid_application(live_server, page, seeded, e2e_password):
    base = live_server.url
    _login(page, base, "admin", e2e_password)
    page.goto(f"{base}/legalservice/activity-kinds/new/")
    assert page.evaluate(UNLABELLED_JS) == []
    page.get_by_label("标识（英文）").fill("anti_fraud")
    page.locator("#id_name").fill("反电信诈骗宣传")
    page.locator("#id_category").select_option(label="普法宣传")
    page.locator("#id_reach_label").fill("受众人数")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{base}/legalservice/activity-kinds/")
    assert "反电信诈骗宣传" in page.content()
    page.get_by_role("button", name="退出").click()

    _login(page, base, "liaison_sfj", e2e_password)
    page.goto(f"{base}/legalservice/activities/new/")
    assert page.evaluate(UNLABELLED_JS) == []
    page.get_by_label("活动类别").select_option(label="反电信诈骗宣传")
    page.get_by_label("活动名称").fill("反诈宣传进校园")
    page.locator("#id_held_on").fill("2021-05-10")
    page.get_by_label("数量").fill("2")
    page.get_by_label("覆盖人次/点击量").fill("900")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r".*/legalservice/activities/[0-9a-f-]+/$"))
    assert "受众人数" in page.content() and "900" in page.content()

    page.goto(f"{base}/legalservice/aid/apply/")
    assert page.evaluate(UNLABELLED_JS) == []
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

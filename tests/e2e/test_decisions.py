"""重大行政决策 in a real browser: an admin starts a decision and puts the draft out for comment; a
member of the public comments on the portal (the comment waits for moderation, then shows); the
decision then goes through every step to post-evaluation; a guard refusal names its article; the
dossier downloads. No CSP errors, every input labelled. Screenshots go to test-artifacts/screenshots/."""
import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

OUT = Path("test-artifacts/screenshots")
UNLABELLED_JS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)"""


@pytest.fixture
def seeded(e2e_county):
    from fazhi.core.deadline_rules import RULES
    from fazhi.core.models import DeadlineRule

    for rule in RULES:
        d = dict(rule)
        code = d.pop("code")
        d["national_default"] = d["count"]
        DeadlineRule.objects.get_or_create(code=code, defaults=d)
    from fazhi.decisions import services as sv
    sv.adviser_create(actor=None, organization=e2e_county.gov, name="马海军", kind="public_lawyer", employer="县司法局")
    return e2e_county


def _login(page, base, username, password):
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name=re.compile("登\\s*录")).click()
    page.wait_for_url(f"{base}/")


def _shot(page, name):
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"decisions_{name}.png"), full_page=True)


def _step(page, prefix, values, button):
    for field, value in values.items():
        el = page.locator(f"#id_{prefix}-{field}")
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(value)
        else:
            el.fill(value)
    page.locator(f"form[action$='/step/{prefix}/']").get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_decision_through_every_step(live_server, page, browser, seeded, e2e_password, settings):
    settings.DECISIONS_COMMENT_MIN_SECONDS = 0
    base = live_server.url
    # The consultation opened 25 days ago and is still open (so later steps stay inside the holiday data).
    today = datetime.date.today() - datetime.timedelta(days=25)
    iso = lambda d: d.strftime("%Y-%m-%d")  # noqa: E731
    _login(page, base, "admin", e2e_password)
    page.goto(f"{base}/decisions/new/")
    assert page.evaluate(UNLABELLED_JS) == []
    page.locator("#id_organization").select_option(label="同心县人民政府")
    page.locator("#id_title").fill("同心县城区集中供热价格调整方案")
    page.locator("#id_category").select_option("policy")
    page.locator("#id_undertaking_unit").fill("同心县发展和改革局")
    page.locator("#id_started_on").fill(iso(today))
    page.locator("#id_draft").fill("一、居民供热价格由每平方米4.5元调整为4.8元。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/decisions/d/"))
    detail = page.url
    assert page.evaluate(UNLABELLED_JS) == []
    _step(page, "open_consultation", {"opens_on": iso(today)}, "公布草案征求意见")
    closes = today + datetime.timedelta(days=30)
    assert iso(closes) in page.content()

    # The public comments on the portal.
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/portal/decisions/")
    assert "正在征求意见" in public.content()
    public.get_by_role("link", name="同心县城区集中供热价格调整方案").click()
    public.get_by_label("您的意见").fill("建议对低保家庭给予供热补贴。")
    public.get_by_label("姓名（选填，公开时只显示姓氏）").fill("马建军")
    public.get_by_role("button", name="提交意见").click()
    assert "审核后公开" in public.content()
    assert "建议对低保家庭给予供热补贴" not in public.content()
    _shot(public, "portal_consultation")

    page.goto(f"{base}/decisions/comments/")
    _shot(page, "moderation")
    page.get_by_role("button", name="提交").first.click()
    public.reload()
    assert "建议对低保家庭给予供热补贴" in public.content() and "马某" in public.content()

    # Closing early is refused with the article.
    page.goto(detail)
    _step(page, "close_consultation", {"on": iso(today + datetime.timedelta(days=10)), "summary": "采纳1条"}, "公布采纳情况")
    assert "第十五条" in page.content()
    d = closes + datetime.timedelta(days=1)
    _step(page, "close_consultation", {"on": iso(d), "summary": "收到意见1条，已采纳。"}, "公布采纳情况")
    _step(page, "expert_opinion", {"expert": "王立新", "opinion": "方案可行。", "given_on": iso(d)}, "登记意见")
    _step(page, "expert_done", {"on": iso(d), "adoption": "专家意见已采纳。"}, "完成专家论证")
    _step(page, "risk", {"assessor": "县委政法委", "report": "风险可控。", "level": "low", "on": iso(d)}, "完成风险评估")
    _step(page, "submit_legality", {"on": iso(d)}, "送审")
    _shot(page, "legality")
    adviser_value = page.locator("#id_legality-adviser option").nth(1).get_attribute("value")
    _step(page, "legality", {"on": iso(d + datetime.timedelta(days=20)), "adviser": adviser_value, "opinion": "合法。",
                             "conclusion": "lawful"}, "保存审查意见")
    m = d + datetime.timedelta(days=22)
    _step(page, "decide", {"kind": "standing", "name": "县政府常务会议", "on": iso(m), "outcome": "adopted",
                           "head_decision": "同意实施。", "dissent": "某同志建议分步实施。"}, "记录决定")
    _step(page, "party", {"on": iso(m)}, "记录请示报告")
    _step(page, "publish", {"on": iso(m), "channel": "同心县人民政府网站"}, "公布")
    _step(page, "npc", {"on": iso(m), "number": "同政备〔1〕号"}, "记录备案")
    _step(page, "report", {"on": iso(m + datetime.timedelta(days=30)), "unit": "发改局", "progress": "已实施。"}, "登记报告")
    _step(page, "evaluate", {"trigger": "many_opinions", "evaluator": "宁夏大学法学院",
                             "report": "效果良好。", "on": iso(m + datetime.timedelta(days=90))}, "登记后评估")
    assert "已后评估" in page.content() and "已备案" in page.content()
    _shot(page, "detail_done")
    assert page.csp_errors == []
    with page.expect_download() as dl:
        page.get_by_role("link", name="导出决策档案（ZIP）").click()
    z = zipfile.ZipFile(io.BytesIO(Path(dl.value.path()).read_bytes()))
    assert "00-目录.txt" in z.namelist() and len(z.namelist()) > 12

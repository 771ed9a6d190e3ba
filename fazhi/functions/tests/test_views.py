"""Staff pages: every list/detail/form renders for the owner, refuses bad input with a Chinese message
(nothing saved), and another department gets 404; the power ledger imports the baseline list."""
import datetime
import io

import pytest
from openpyxl import Workbook

from fazhi.core.ledgers import get_ledger, run_import
from fazhi.functions import services as sv
from fazhi.functions.models import (
    CreditActivity,
    Disclosure,
    NewMediaAccount,
    PowerItem,
    ServiceItem,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _records(county):
    org = county.scj
    power = sv.power_register(actor=None, organization=org, valid_from=D(2020, 6, 30), power_code="P1",
                              name="对无照经营的处罚", category="penalty", legal_basis="某法", subject=org.name)
    service = sv.service_item_create(actor=None, organization=org, item_code="XK00001000", name="食品经营许可",
                                     item_type="license", department="县级市场监督管理部门", agency=org.name, basis="某法")
    disclosure = sv.disclosure_create(actor=None, organization=org, title="抽检公告", area="market",
                                      formed_on=D(2021, 3, 1), published_on=D(2021, 3, 5))
    media = sv.media_create(actor=None, organization=org, name="同心市场监管", platform="wechat", opened_on=D(2019, 1, 1))
    activity = sv.credit_activity_create(actor=None, organization=org, kind="model_unit", name="某示范单位",
                                         held_on=D(2021, 11, 10))
    report = sv.annual_report_save(actor=None, organization=org, year=2021, published_on=D(2022, 1, 20))
    req = sv.request_receive(actor=None, organization=org, applicant_kind="citizen", applicant_name="马某",
                             channel="in_person", submitted_on=D(2021, 5, 6), content="某文件")
    return {"power": power, "service": service, "disclosure": disclosure, "media": media, "activity": activity,
            "report": report, "request": req}


def test_every_page_renders_for_the_owner_and_404s_for_others(county, login):
    r = _records(county)
    owner = login(county.liaison_scj)
    pages = ["/functions/power/", "/functions/power/?on=2021-01-01", "/functions/power/new/",
             f"/functions/power/{r['power'].code}/", f"/functions/power/{r['power'].code}/change/",
             f"/functions/power/{r['power'].code}/correct/", "/functions/adjustments/?year=2021",
             "/functions/services/", "/functions/services/new/", f"/functions/services/{r['service'].code}/edit/",
             "/functions/services/check/", "/functions/services/upper/", "/functions/disclosures/?year=2021",
             "/functions/disclosures/new/", f"/functions/disclosures/{r['disclosure'].code}/edit/",
             "/functions/requests/?year=2021", "/functions/requests/new/", f"/functions/requests/{r['request'].code}/",
             f"/functions/requests/{r['request'].code}/edit/", "/functions/reports/", "/functions/reports/new/",
             f"/functions/reports/{r['report'].code}/edit/", "/functions/media/", "/functions/media/new/",
             f"/functions/media/{r['media'].code}/edit/", "/functions/credit/?year=2021",
             "/functions/credit/new/license/", "/functions/credit/new/penalty/", "/functions/activities/?year=2021",
             "/functions/activities/new/", f"/functions/activities/{r['activity'].code}/edit/"]
    for url in pages:
        assert owner.get(url).status_code == 200, url
    other = login(county.liaison_sfj)
    object_pages = [url for url in pages if any(str(o.code) in url for o in r.values())]
    assert len(object_pages) == 10
    for url in object_pages:
        assert other.get(url).status_code == 404, url
    assert owner.get("/functions/credit/new/other/").status_code == 404


def test_forms_refuse_bad_input_and_save_nothing(county, login):
    client = login(county.liaison_scj)
    org = str(county.scj.code)
    r = client.post("/functions/disclosures/new/", {"organization": org, "title": "公告", "area": "market",
                                                    "formed_on": "2021-03-05", "published_on": "2021-03-01",
                                                    "channel": "website"})
    assert r.status_code == 400 and "公开日期不能早于信息形成日期" in r.content.decode()
    assert not Disclosure.objects.exists()
    r = client.post("/functions/services/new/", {"organization": org, "item_code": "XK1", "name": "许可",
                                                 "item_type": "license", "department": "部门", "agency": "机关",
                                                 "basis": "某法", "level": "sub", "depth": "none", "in_force": "on"})
    assert r.status_code == 400 and "须指明上级事项" in r.content.decode()
    r = client.post("/functions/services/new/", {"organization": org, "item_code": "XK1", "name": "许可",
                                                 "item_type": "license", "department": "部门", "agency": "机关",
                                                 "basis": "某法", "level": "main", "online": "on", "depth": "none",
                                                 "in_force": "on"})
    assert r.status_code == 400 and "网办深度" in r.content.decode()
    assert not ServiceItem.objects.exists()
    r = client.post("/functions/media/new/", {"organization": org, "name": "号", "platform": "wechat",
                                              "opened_on": "2021-03-05", "closed_on": "2021-03-01"})
    assert r.status_code == 400 and not NewMediaAccount.objects.exists()
    r = client.post("/functions/activities/new/", {"organization": org, "kind": "entrepreneur", "name": "",
                                                   "held_on": "not-a-date"})
    assert r.status_code == 400 and "请输入有效日期" in r.content.decode() and not CreditActivity.objects.exists()
    r = client.post("/functions/power/new/", {"organization": org, "adjusted_on": "2021-03-01", "document": "",
                                              "power_code": "P9", "name": "x", "category": "penalty",
                                              "legal_basis": "某法", "subject": "某局"})
    assert r.status_code == 400 and not PowerItem.objects.exists()
    # Another department's unit is not offered and not accepted.
    r = client.post("/functions/disclosures/new/", {"organization": str(county.sfj.code), "title": "公告",
                                                    "area": "market", "formed_on": "2021-03-05", "channel": "website"})
    assert r.status_code == 400 and not Disclosure.objects.exists()
    # A 领导 (read-only) may not create.
    assert login(county.leader).post("/functions/disclosures/new/", {}).status_code == 403


def test_credit_form_page_creates_and_reports(county, login):
    from fazhi.demo.data.tongxin import credit_code
    code = credit_code("同心县市场监督管理局")
    client = login(county.liaison_scj)
    from fazhi.functions import credit_fields as cf
    values = {"行政相对人名称": "宁夏某商贸有限公司", "行政相对人类别": "法人及非法人组织",
              "统一社会信用代码": credit_code("宁夏某商贸有限公司", "91"), "行政许可决定文书名称": "食品经营许可决定书",
              "行政许可决定文书号": "同市监许〔2021〕9号", "许可类别": "普通", "许可内容": "准予食品经营许可",
              "许可决定日期": "2021-09-28", "有效期自": "2021-09-28", "许可机关": "同心县市场监督管理局",
              "许可机关统一社会信用代码": code, "当前状态": "有效", "数据来源单位": "同心县市场监督管理局",
              "数据来源单位统一社会信用代码": code}
    data = {"organization": str(county.scj.code)}
    for i, name in enumerate(cf.LICENSE_FIELDS):
        data[f"f{i}"] = values.get(name, "")
    bad = {**data, f"f{cf.LICENSE_FIELDS.index('许可类别')}": ""}
    r = client.post("/functions/credit/new/license/", bad)
    assert r.status_code == 400 and "“许可类别”为必填字段" in r.content.decode()
    r = client.post("/functions/credit/new/license/", data)
    assert r.status_code == 302
    from fazhi.functions.models import CreditRecord
    rec = CreditRecord.objects.get()
    assert rec.due_on == D(2021, 10, 13)
    r = client.post(f"/functions/credit/{rec.code}/step/report/", {"report-on": "2021-10-14"})
    assert r.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "reported" and rec.on_time is False
    assert "超期" in client.get(f"/functions/credit/{rec.code}/").content.decode()


def test_power_ledger_imports_the_baseline(county):
    ledger = get_ledger("functions_power")
    header = [c.header for c in ledger.columns]
    row = {h: None for h in header}
    row.update({"职权编码": "640324-SCJ-CF-0001", "职权名称": "对无照经营的处罚", "职权类型": "行政处罚",
                "实施依据": "《无证无照经营查处办法》第十三条", "实施主体": "同心县市场监督管理局",
                "责任事项-受理（立案）": "核查线索", "生效日期": "2020-06-30", "所属单位": county.scj.name})
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    ws.append([row[h] for h in header])
    ws.append([row[h] if h != "职权类型" else "行政审批" for h in header])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    result = run_import(ledger, buf, actor=county.liaison_scj)
    assert not result.committed and any(m.startswith("第3行 “职权类型”") for m in result.messages())
    assert not PowerItem.objects.exists()
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    ws.append([row[h] for h in header])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    result = run_import(ledger, buf, actor=county.liaison_scj)
    assert result.committed, result.messages()
    item = PowerItem.objects.get()
    assert item.responsibilities == {"受理（立案）": "核查线索"} and item.valid_from == D(2020, 6, 30)

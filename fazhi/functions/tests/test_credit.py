"""双公示: the enforcement signal becomes a record due in 7 working days; 警告-only and withdrawn decisions;
the export columns are exactly the standard field set (ANCHORS.md §3.3–3.4)."""
import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from fazhi.core.ledgers import get_ledger, run_export, run_import
from fazhi.core.models import Deadline
from fazhi.core.signals import credit_decision
from fazhi.demo.data.tongxin import credit_code
from fazhi.functions import credit_fields as cf
from fazhi.functions import services as sv
from fazhi.functions.models import CreditRecord

pytestmark = pytest.mark.django_db
D = datetime.date

# The standard field sets as written in ANCHORS.md §3.3 / §3.4 (the spec; hard-coded on purpose).
LICENSE_COLUMNS = [
    "行政相对人名称", "行政相对人类别", "统一社会信用代码", "工商注册号", "组织机构代码", "税务登记号", "事业单位证书号",
    "社会组织登记证号", "法定代表人", "证件类型", "证件号码", "行政许可决定文书名称", "行政许可决定文书号", "许可类别",
    "许可证书名称", "许可编号", "许可内容", "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码",
    "当前状态", "数据来源单位", "数据来源单位统一社会信用代码", "备注"]
PENALTY_REQUIRED = ["行政相对人名称", "行政相对人类别", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别",
                    "处罚内容", "处罚决定日期", "处罚有效期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位",
                    "数据来源单位统一社会信用代码"]
PENALTY_OPTIONAL = ["统一社会信用代码", "工商注册号", "组织机构代码", "税务登记号", "事业单位证书号", "社会组织登记证号",
                    "法定代表人", "证件类型", "证件号码", "罚款金额(万元)", "没收违法所得、没收非法财物的金额(万元)",
                    "暂扣或吊销证照名称及编号", "公示截止期", "备注"]

SCJ_CODE = credit_code("同心县市场监督管理局")


def _penalty_fields(doc="同市监罚字〔2021〕15号", category="罚款", subject="宁夏某某商贸有限公司", **extra):
    f = {"行政相对人名称": subject, "行政相对人类别": "法人及非法人组织", "统一社会信用代码": credit_code(subject, "91"),
         "行政处罚决定书文号": doc, "违法行为类型": "销售不合格产品", "违法事实": "销售不合格产品", "处罚依据": "《产品质量法》第四十九条",
         "处罚类别": category, "处罚内容": "罚款人民币伍仟元", "罚款金额(万元)": Decimal("0.500000"),
         "处罚决定日期": D(2021, 9, 28), "处罚有效期": D(2022, 9, 28), "处罚机关": "同心县市场监督管理局",
         "处罚机关统一社会信用代码": SCJ_CODE, "数据来源单位": "同心县市场监督管理局", "数据来源单位统一社会信用代码": SCJ_CODE}
    f.update(extra)
    return f


def test_standard_field_sets_match_the_anchors():
    assert cf.LICENSE_FIELDS == LICENSE_COLUMNS
    assert set(cf.PENALTY_REQUIRED) == set(PENALTY_REQUIRED)
    assert set(cf.PENALTY_FIELDS) == set(PENALTY_REQUIRED) | set(PENALTY_OPTIONAL)
    assert len(cf.PENALTY_FIELDS) == len(set(cf.PENALTY_FIELDS))


def test_signal_made_creates_record_due_in_7_working_days(county):
    source = county.scj          # any model instance with a code serves as the origin
    results = credit_decision.send_robust(sender=None, source=source, kind="处罚", action="made", decided_on=D(2021, 9, 28),
                                          organization=county.scj, fields=_penalty_fields(), actor=county.officer)
    assert not any(isinstance(r, Exception) for _, r in results), results
    rec = CreditRecord.objects.get()
    # 9/29, 9/30, 10/8, 10/9 (working Saturday), 10/11, 10/12, 10/13 = 7 working days (118号（六）).
    assert rec.due_on == D(2021, 10, 13) and rec.status == "pending" and rec.source == "enforcement"
    assert rec.fields["罚款金额(万元)"] == "0.5" and rec.fields["处罚决定日期"] == "2021-09-28"
    assert Deadline.objects.get(target_id=str(rec.code)).rule.code == "publicity.double"
    # The same decision sent twice is one record.
    credit_decision.send(sender=None, source=source, kind="处罚", action="made", decided_on=D(2021, 9, 28),
                         organization=county.scj, fields=_penalty_fields(), actor=county.officer)
    assert CreditRecord.objects.count() == 1
    rec = sv.credit_record_report(actor=county.liaison_scj, record=rec, on=D(2021, 10, 13))
    assert rec.on_time is True
    # Withdrawn (撤销): taken down within 3 working days.
    credit_decision.send(sender=None, source=source, kind="处罚", action="withdrawn", decided_on=D(2021, 9, 30),
                         organization=county.scj, fields={"备注": "经行政复议撤销"}, actor=county.officer)
    rec.refresh_from_db()
    assert rec.status == "withdraw_pending" and rec.withdraw_due == D(2021, 10, 11)
    assert rec.withdraw_reason == "经行政复议撤销"
    rec = sv.credit_record_taken_down(actor=county.liaison_scj, record=rec, on=D(2021, 10, 8))
    assert rec.status == "withdrawn"
    assert not Deadline.objects.filter(target_id=str(rec.code), done_at__isnull=True).exists()


def test_withdrawn_before_reporting_is_simply_not_reported(county):
    rec = sv.credit_record_create(actor=None, organization=county.scj, kind="penalty", fields=_penalty_fields())
    rec = sv.credit_record_withdraw(actor=None, record=rec, on=D(2021, 9, 30), reason="决定被撤销")
    assert rec.status == "withdrawn" and rec.withdraw_due is None
    with pytest.raises(ValidationError):
        sv.credit_record_report(actor=None, record=rec, on=D(2021, 10, 8))


def test_warning_only_penalty_is_flagged_not_for_the_enterprise_system(county):
    rec = sv.credit_record_create(actor=None, organization=county.scj, kind="penalty",
                                  fields=_penalty_fields(category="警告", **{"罚款金额(万元)": None}))
    assert rec.warning_only is True
    other = sv.credit_record_create(actor=None, organization=county.scj, kind="penalty",
                                    fields=_penalty_fields(doc="同市监罚字〔2021〕16号", category="警告;罚款"))
    assert other.warning_only is False


def test_bad_fields_are_refused_in_chinese(county):
    with pytest.raises(ValidationError) as e:
        sv.credit_record_create(actor=None, organization=county.scj, kind="penalty",
                                fields=_penalty_fields(处罚类别="", 行政相对人类别="企业"))
    text = str(e.value)
    assert "“处罚类别”为必填字段" in text and "“行政相对人类别”应为" in text
    with pytest.raises(ValidationError) as e:
        sv.credit_record_create(actor=None, organization=county.scj, kind="penalty",
                                fields=_penalty_fields(统一社会信用代码="91640324MA76XXXX1X"))
    assert "统一社会信用代码" in str(e.value)
    with pytest.raises(ValidationError) as e:
        sv.credit_record_create(actor=None, organization=county.scj, kind="penalty", fields={"罚款": "1"})
    assert "不是标准字段" in str(e.value)
    assert CreditRecord.objects.count() == 0


def test_excel_and_csv_exports_have_exactly_the_standard_columns(county, login):
    sv.credit_record_create(actor=None, organization=county.scj, kind="penalty", fields=_penalty_fields())
    sv.credit_record_create(actor=None, organization=county.scj, kind="license", fields={
        "行政相对人名称": "马某某", "行政相对人类别": "自然人", "证件类型": "身份证", "证件号码": "11010519491231002X",
        "行政许可决定文书名称": "食品经营许可决定书", "行政许可决定文书号": "同市监许〔2021〕1号", "许可类别": "普通",
        "许可内容": "准予食品经营许可", "许可决定日期": D(2021, 3, 1), "有效期自": D(2021, 3, 1),
        "许可机关": "同心县市场监督管理局", "许可机关统一社会信用代码": SCJ_CODE, "当前状态": "有效",
        "数据来源单位": "同心县市场监督管理局", "数据来源单位统一社会信用代码": SCJ_CODE})
    for kind, columns in (("penalty", cf.PENALTY_FIELDS), ("license", LICENSE_COLUMNS)):
        out = io.BytesIO()
        assert run_export(get_ledger(f"functions_credit_{kind}"), out, actor=county.liaison_scj) == 1
        out.seek(0)
        ws = load_workbook(out).active
        rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
        header_row = next(i for i, r in enumerate(rows) if r and r[0] == "行政相对人名称")
        assert [c for c in rows[header_row] if c is not None] == columns
        resp = login(county.liaison_scj).get(f"/functions/credit/export/{kind}.csv?year=2021")
        body = resp.content.decode("utf-8-sig")
        parsed = list(csv.reader(io.StringIO(body)))
        assert parsed[0] == columns and len(parsed) == 2
    # Another department's CSV is empty.
    other = login(county.liaison_sfj).get("/functions/credit/export/penalty.csv?year=2021").content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(other)))) == 1


def test_import_round_trip_and_all_or_nothing(county):
    ledger = get_ledger("functions_credit_penalty")
    header = [c.header for c in ledger.columns]

    def row(**over):
        f = {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in _penalty_fields(**over).items()}
        return [str(f[h]) if f.get(h) is not None else None for h in header]

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    ws.append(row())
    ws.append(row(doc="同市监罚字〔2021〕17号", 处罚类别=None))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    result = run_import(ledger, buf, actor=county.liaison_scj)
    assert not result.committed
    assert any(m.startswith("第3行 “处罚类别”") for m in result.messages()), result.messages()
    assert CreditRecord.objects.count() == 0
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    ws.append(row())
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    result = run_import(ledger, buf, actor=county.liaison_scj)
    assert result.committed, result.messages()
    rec = CreditRecord.objects.get()
    assert rec.source == "import" and rec.organization == county.scj and rec.due_on == D(2021, 10, 13)
    # Another department cannot import records for the 市场监管局.
    buf.seek(0)
    result = run_import(ledger, buf, actor=county.liaison_sfj)
    assert not result.committed and any("数据来源单位" in m for m in result.messages())


def test_portal_masks_natural_persons(county, client):
    rec = sv.credit_record_create(actor=None, organization=county.scj, kind="penalty", fields=_penalty_fields(
        subject="马晓明", 行政相对人类别="自然人", 统一社会信用代码=None, 证件类型="身份证", 证件号码="11010519491231002X"), reported_on=D(2021, 10, 8))
    page = client.get("/portal/functions/credit/?year=2021").content.decode()
    assert rec.document_number in page and "马某" in page
    assert "马晓明" not in page and "11010519491231002X" not in page
    company = sv.credit_record_create(actor=None, organization=county.scj, kind="penalty",
                                      fields=_penalty_fields(doc="同市监罚字〔2021〕20号"), reported_on=D(2021, 10, 8))
    page = client.get("/portal/functions/credit/?year=2021").content.decode()
    assert company.subject_name in page
    # Pending and withdrawn records are not on the portal.
    sv.credit_record_withdraw(actor=None, record=company, on=D(2021, 10, 9), reason="撤销")
    sv.credit_record_taken_down(actor=None, record=CreditRecord.objects.get(pk=company.pk), on=D(2021, 10, 11))
    assert company.document_number not in client.get("/portal/functions/credit/?year=2021").content.decode()

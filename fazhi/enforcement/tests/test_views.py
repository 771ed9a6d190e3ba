"""Staff pages, portal masking, API, Excel ledgers, 双随机 and 案卷评查."""
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.core.ledgers import get_ledger, run_export, run_import
from fazhi.enforcement import services as sv
from fazhi.enforcement.models import Case, CaseReview, Officer

from . import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def team(county):
    return [f.officer(county.scj, name="马明"), f.officer(county.scj, name="李强")]


def test_case_create_page_refuses_one_officer_and_saves_nothing(county, login, team):
    c = login(county.liaison_scj)
    body = {"organization": county.scj.code, "kind": "penalty", "title": "无照经营案", "party_type": "citizen",
            "party_name": "张三", "party_id_number": f.id_number(), "filed_on": "2021-09-01",
            "officers": [str(team[0].code)]}
    r = c.post(reverse("enforcement:case_create"), body)
    assert r.status_code == 400 and "第四十二条" in r.content.decode()
    assert not Case.objects.exists()
    body["officers"] = [str(o.code) for o in team]
    r = c.post(reverse("enforcement:case_create"), body)
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.decision_due == D(2021, 11, 30)
    page = c.get(reverse("enforcement:case_detail", args=[case.code])).content.decode()
    assert "立案审批表" in page and "第六十条" in page


def test_step_page_decide_refused_names_article(county, login, team):
    case = f.file_case(county.scj, team, is_major=True)
    f.to_heard(case, team)
    c = login(county.liaison_scj)
    url = reverse("enforcement:case_step", args=[case.code, "decide"])
    r = c.post(url, {"on": "2021-09-20", "decision_number": "同市监罚〔2021〕5号", "penalty_kind": "warning"})
    assert r.status_code == 400 and "第五十八条" in r.content.decode()
    case.refresh_from_db()
    assert case.decided_on is None


def test_other_department_gets_404(county, login, team):
    case = f.file_case(county.scj, team)
    c = login(county.liaison_sfj)
    assert c.get(reverse("enforcement:case_detail", args=[case.code])).status_code == 404
    assert c.post(reverse("enforcement:case_step", args=[case.code, "examine"]),
                  {"on": "2021-09-05", "content": "x"}).status_code == 404
    assert case.number not in c.get(reverse("enforcement:case_list")).content.decode()


def test_portal_masks_citizen_and_hides_unpublished(county, client, team):
    addr = "同心县豫海镇东关村三组18号"
    pid = f.id_number()
    published = sv.case_simple(actor=None, officers=team, penalty_kind="fine", fine_amount=Decimal(100),
                               organization=county.scj, title="占道经营", party_type="citizen", party_name="张三丰",
                               party_id_number=pid, party_address=addr, filed_on=D(2021, 9, 27),
                               decision_number="同市监简罚〔2021〕1号")
    sv.case_publish(actor=None, case=published, on=D(2021, 9, 28))
    sv.case_simple(actor=None, officers=team, penalty_kind="warning", organization=county.scj, title="未公示案由",
                   party_type="citizen", party_name="李四光", party_id_number=f.id_number(), filed_on=D(2021, 9, 27),
                   decision_number="同市监简罚〔2021〕2号")
    for name in ("enforcement_public:decisions", "enforcement_public:index"):
        html = client.get(reverse(name)).content.decode()
        assert "张某" in html and "同市监简罚〔2021〕1号" in html
        assert "张三丰" not in html and pid not in html and pid[:14] not in html and "东关村" not in html
        assert "李四" not in html and "未公示案由" not in html
    # Revoked and withdrawn: gone from the portal (处罚法 第四十八条).
    sv.case_revoke(actor=None, case=published, on=D(2021, 10, 8), reason="复议撤销")
    sv.case_withdraw(actor=None, case=published, on=D(2021, 10, 9))
    assert "同市监简罚〔2021〕1号" not in client.get(reverse("enforcement_public:decisions")).content.decode()
    # Officers are published with their certificate number but never their ID number.
    html = client.get(reverse("enforcement_public:officers")).content.decode()
    assert team[0].cert_no in html and team[0].id_number not in html


def test_api_create_and_step_structured_errors(county, team, login):
    c = login(county.liaison_scj)
    body = {"organization": str(county.scj.code), "title": "接口案件", "party_type": "organization",
            "party_name": "某公司", "party_credit_code": f.credit_code(), "filed_on": "2021-09-01",
            "violation_on": "2021-08-01", "officers": [team[0].cert_no]}
    r = c.post("/api/enforcement/cases", json.dumps(body), content_type="application/json")
    assert r.status_code in (400, 422) and "第四十二条" in r.content.decode()
    body["officers"] = [o.cert_no for o in team]
    r = c.post("/api/enforcement/cases", json.dumps(body), content_type="application/json")
    assert r.status_code == 201, r.content
    code = r.json()["code"]
    r = c.post(f"/api/enforcement/cases/{code}/step", json.dumps({"step": "decide", "on": "2021-09-03",
                                                                  "decision_number": "X", "penalty_kind": "warning"}),
               content_type="application/json")
    assert r.status_code in (400, 422) and "第五十四条" in r.content.decode()
    assert Case.objects.get(code=code).decided_on is None
    assert login(county.liaison_sfj).get(f"/api/enforcement/cases/{code}").status_code == 404


def _xlsx(headers, rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_officer_import_all_or_nothing(county):
    ledger = get_ledger("enforcement_officers")
    headers = ledger.headers()
    good = ["马某", f.id_number(), "64032499001", "市场监管", "一中队", "2021-03-01", "2021-03-01", "2026-02-28", "有效",
            40, "否", "否", county.scj.name]
    bad = list(good)
    bad[1], bad[2] = "640324198501010000", "64032499002"
    result = run_import(ledger, _xlsx(headers, [good, bad]), actor=county.liaison_scj)
    assert not result.ok
    assert any(e.row == 3 and e.column == "身份证号" for e in result.errors)
    assert not Officer.objects.exists()
    bad[1] = f.id_number()
    result = run_import(ledger, _xlsx(headers, [good, bad]), actor=county.liaison_scj)
    assert result.ok and Officer.objects.count() == 2


def test_case_import_and_credit_export_masks(county, team):
    ledger = get_ledger("enforcement_cases")
    headers = ledger.headers()
    row = dict.fromkeys(headers, None)
    row.update({"案号": "同市监罚〔2020〕9号", "执法类别": "行政处罚", "程序": "普通程序", "案由": "历史案件",
                "当事人类别": "公民", "当事人": "王大明", "身份证号": f.id_number(), "立案日期": "2020-05-01",
                "决定日期": "2020-06-01", "决定书文号": "同市监罚决〔2020〕9号", "处罚种类": "罚款", "罚款金额（元）": 800,
                "结案日期": "2020-07-01", "执法人员执法证号": f"{team[0].cert_no}、{team[1].cert_no}",
                "所属单位": county.scj.name})
    result = run_import(ledger, _xlsx(headers, [[row[h] for h in headers]]), actor=county.liaison_scj)
    assert result.ok, [str(e) for e in result.errors]
    case = Case.objects.get(imported=True)
    assert case.state == "closed" and case.officers.count() == 2
    buf = io.BytesIO()
    run_export(get_ledger("enforcement_credit_penalty"), buf, actor=county.liaison_scj)
    buf.seek(0)
    cells = [c for r in load_workbook(buf).active.iter_rows(values_only=True) for c in r if c]
    assert "王某" in cells and "王大明" not in cells and case.party_id_number not in cells


def test_random_draw_is_reproducible(county, team):
    for k in range(8):
        sv.target_save(actor=None, organization=county.scj, name=f"经营户{k}", credit_code=f.credit_code_n(k))
    draw = sv.draw_random(actor=None, organization=county.scj, title="抽查", drawn_on=D(2021, 6, 1), target_count=3,
                          seed="abc")
    again = sv.draw_result("abc", draw.target_pool, draw.officer_pool, 3, 2)
    assert again == draw.result and sv.draw_verify(draw)
    assert len({r["target"] for r in draw.result}) == 3 and all(len(r["officers"]) == 2 for r in draw.result)
    cases = sv.draw_open_inspections(actor=None, draw=draw, filed_on=D(2021, 6, 3))
    assert [c.kind for c in cases] == ["inspection"] * 3
    assert all({o.code for o in c.officers.all()} == {__import__("uuid").UUID(x) for x in r["officers"]}
               for c, r in zip(cases, draw.result))
    with pytest.raises(ValidationError):
        sv.draw_open_inspections(actor=None, draw=draw, filed_on=D(2021, 6, 3))  # only once
    draw.result[0]["target"] = "tampered"
    assert not sv.draw_verify(draw)
    with pytest.raises(ValidationError) as exc:
        sv.draw_random(actor=None, organization=county.scj, title="抽查", drawn_on=D(2021, 6, 1), target_count=3,
                       officers_per_target=1)
    assert "第四十二条" in " ".join(exc.value.messages)


def _rubric(org):
    return sv.rubric_create(actor=None, organization=org, year=2021, title="评查标准", items=[
        {"kind": "veto", "text": "执法人员少于两人"}, {"kind": "deduct", "text": "文书不规范", "points": 10},
        {"kind": "deduct", "text": "未按期公示", "points": 20}, {"kind": "deduct", "text": "送达不规范", "points": 25}])


def test_rubric_scoring_with_veto_and_bands(county):
    rubric = _rubric(county.sfj)
    assert sv.score_case(rubric, [1], {2: 5}) == (Decimal(0), "fail")
    assert sv.score_case(rubric, [], {2: Decimal(5)}) == (Decimal(95), "excellent")
    assert sv.score_case(rubric, [], {2: 10}) == (Decimal(90), "excellent")
    assert sv.score_case(rubric, [], {2: 10, 3: 1}) == (Decimal(89), "pass")
    assert sv.score_case(rubric, [], {2: 10, 3: 20, 4: 10.5}) == (Decimal("59.5"), "fail")
    with pytest.raises(ValidationError):
        sv.score_case(rubric, [], {2: 11})  # more than the item's points
    with pytest.raises(ValidationError):
        sv.score_case(rubric, [2], {})      # not a veto item
    # A second version of the year's rubric is separate data.
    v2 = sv.rubric_create(actor=None, organization=county.sfj, year=2021, title="评查标准（修订）",
                          items=[{"kind": "deduct", "text": "文书不规范", "points": 50}])
    assert v2.version == 2 and sv.score_case(v2, [], {1: 50}) == (Decimal(50), "fail")


def test_campaign_draws_per_org_and_reviewers_score_other_orgs_only(county, team):
    for k in range(3):
        case = sv.case_simple(actor=None, officers=team, penalty_kind="warning", organization=county.scj,
                              title=f"案{k}", party_type="citizen", party_name="马某", party_id_number=f.id_number(),
                              filed_on=D(2021, 5, 6 + k), decision_number=f"简{k}")
        sv.case_close(actor=None, case=case, on=D(2021, 5, 20), content="结案")
    camp = sv.campaign_start(actor=None, organization=county.fzb, rubric=_rubric(county.fzb), title="评查", year=2021,
                             per_org=2, started_on=D(2021, 12, 1), seed="s1")
    assert camp.reviews.count() == 2
    again = sv.campaign_start(actor=None, organization=county.fzb, rubric=camp.rubric, title="评查2", year=2021,
                              per_org=2, started_on=D(2021, 12, 1), seed="s1")
    assert set(again.reviews.values_list("case_id", flat=True)) == set(camp.reviews.values_list("case_id", flat=True))
    review = camp.reviews.first()
    with pytest.raises(ValidationError) as exc:
        sv.review_score(actor=county.admin, review=review, reviewer_org=county.scj, vetoes=[], deductions={},
                        on=D(2021, 12, 5))
    assert "本单位" in " ".join(exc.value.messages)
    sv.review_score(actor=county.admin, review=review, reviewer_org=county.sfj, vetoes=[1], deductions={},
                    on=D(2021, 12, 5))
    review = CaseReview.objects.get(pk=review.pk)
    assert review.score == 0 and review.grade == "fail"


def test_dossier_docx_lists_documents(county, team, login):
    from docx import Document
    case = f.file_case(county.scj, team)
    f.to_heard(case, team)
    r = login(county.liaison_scj).get(reverse("enforcement:case_dossier", args=[case.code]) + "?format=docx")
    assert r.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    table = "\n".join(c.text for t in Document(io.BytesIO(r.content)).tables for row in t.rows for c in row.cells)
    assert "卷内目录" in text and "立案审批表" in table and "行政处罚事先告知书" in table


@pytest.mark.skipif(not __import__("os").path.exists("/usr/bin/soffice"), reason="LibreOffice not installed")
def test_dossier_pdf(county, team, login):
    case = f.file_case(county.scj, team)
    r = login(county.liaison_scj).get(reverse("enforcement:case_dossier", args=[case.code]))
    assert r.status_code == 200 and r.content[:4] == b"%PDF"

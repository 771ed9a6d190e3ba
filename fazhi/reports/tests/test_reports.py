import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from docx import Document
from docx.shared import Length, Mm, Pt

from fazhi.core import indicators as core_ind
from fazhi.core.audit import verify_chain
from fazhi.core.deadlines import deadline_register
from fazhi.core.models import AuditEvent, Deadline
from fazhi.reports import outputs
from fazhi.reports import services as sv
from fazhi.reports.choices import Level, Part, ReportState, SuggestionStatus
from fazhi.reports.docx import docx_text, render_annual_report
from fazhi.reports.models import AnnualReport, ReportBlock
from fazhi.reports.render import Resolver, cn_number, format_value, join_titles, render_report

pytestmark = pytest.mark.django_db


def _overdue(org, actor, title, start=datetime.date(2021, 3, 1)):
    """A 行政处罚 decision deadline started in March 2021 and never met (overdue within 2021)."""
    return deadline_register(actor=actor, organization=org, rule_code="penalty.decision",
                             target=("core.organization", title), title=title, start_date=start)


# -- rendering --------------------------------------------------------------------------------------

def test_format_and_numbering():
    assert format_value(708) == "708"
    assert format_value(Decimal("100.0")) == "100"
    assert format_value(Decimal("4.970")) == "4.97"
    assert [cn_number(n) for n in (1, 7, 10, 11, 20)] == ["一", "七", "十", "十一", "二十"]
    assert join_titles(["习近平法治思想", "《民法典》", "《行政处罚法》"]) == "习近平法治思想、《民法典》《行政处罚法》"


def test_placeholders_resolve_from_records_and_missing_ones_are_marked(county, monkeypatch):
    _overdue(county.sfj, county.admin, "逾期一")
    _overdue(county.sfj, county.admin, "逾期二")
    monkeypatch.setitem(core_ind._REGISTRY, "test.rate", core_ind.Indicator(
        code="test.rate", name="测试比率", unit="%", section="一(一)", definition="",
        records=lambda orgs, s, e: Deadline.objects.filter(organization__in=orgs), value=lambda qs: Decimal("86.7")))
    text = ("全年{{reports.overdue_deadlines}}项逾期，超过{{test.rate|floor}}%，比率{{test.rate}}%，"
            "{{reports.overdue_deadlines|all=reports.overdue_deadlines}}办结，{{nobody.figure}}件")
    r = Resolver(county.gov, 2021, [text])
    out = "".join(s.text for s in r.segments(text))
    assert out == "全年2项逾期，超过86%，比率86.7%，全部办结，【缺少指标：nobody.figure】件"
    assert r.missing == ["nobody.figure"]
    # The department's report counts only its own scope.
    assert "".join(s.text for s in Resolver(county.scj, 2021, [text]).segments("{{reports.overdue_deadlines}}")) == "0"


# -- report, blocks, workflow, deadlines ------------------------------------------------------------

def test_create_workflow_and_deadline_board(county):
    report = sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    assert report.title == "同心县2021年法治政府建设工作报告"
    parts = set(report.blocks.values_list("part", flat=True))
    assert {Part.ACHIEVEMENTS, Part.SHORTCOMINGS, Part.PLANS, Part.DUTIES} <= parts
    dls = {d.rule.code: d for d in sv.report_deadlines(report)}
    assert dls["report.submit"].due_date == datetime.date(2022, 3, 1)
    assert dls["report.publish"].due_date == datetime.date(2022, 4, 1)
    with pytest.raises(ValidationError):
        sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    with pytest.raises(ValidationError, match="不能办理"):
        sv.report_submit(actor=county.admin, report=report, submitted_on=datetime.date(2022, 2, 20))
    sv.report_send_to_review(actor=county.admin, report=report)
    sv.report_return(actor=county.admin, report=report, reason="数字需核对")
    sv.report_send_to_review(actor=county.admin, report=report)
    with pytest.raises(ValidationError):
        sv.report_submit(actor=county.admin, report=report, submitted_on=datetime.date(2099, 1, 1))
    sv.report_submit(actor=county.admin, report=report, submitted_on=datetime.date(2022, 2, 20))
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.submitted_on == datetime.date(2022, 2, 20)
    block = report.blocks.first()
    with pytest.raises(ValidationError, match="已报送"):
        sv.block_update(actor=county.admin, block=block, heading=block.heading, body="改")
    with pytest.raises(ValidationError):
        sv.report_publish(actor=county.admin, report=report, published_on=datetime.date(2022, 2, 1))
    sv.report_publish(actor=county.admin, report=report, published_on=datetime.date(2022, 3, 25))
    assert all(d.done_at for d in sv.report_deadlines(report))
    actions = list(AuditEvent.objects.filter(target_id=str(report.code)).values_list("action", flat=True))
    assert {"reports.report.create", "reports.report.submit", "reports.report.publish"} <= set(actions)
    assert verify_chain().ok


def test_next_year_copies_blocks_and_missing_part_blocks_review(county):
    first = sv.report_create(actor=county.admin, organization=county.sfj, year=2021)
    duties = first.blocks.filter(part=Part.DUTIES)
    for b in duties:
        sv.block_remove(actor=county.admin, block=b)
    with pytest.raises(ValidationError, match="第一责任人"):
        sv.report_send_to_review(actor=county.admin, report=first)
    second = sv.report_create(actor=county.admin, organization=county.sfj, year=2022)
    assert [b.body for b in second.blocks.all()] == [b.body for b in first.blocks.all()]
    assert second.title == "同心县司法局2022年法治政府建设工作报告"


def test_block_edit_refuses_bad_placeholders_and_changes_nothing(county):
    report = sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    block = report.blocks.filter(level=Level.ITEM).first()
    before = block.body
    with pytest.raises(ValidationError, match="未知的指标代码"):
        sv.block_update(actor=county.admin, block=block, heading=block.heading, body="受理{{no.such_code}}件")
    with pytest.raises(ValidationError, match="占位符格式"):
        sv.block_update(actor=county.admin, block=block, heading=block.heading, body="受理{{ 708 }}件")
    with pytest.raises(PermissionDenied):
        sv.block_update(actor=county.liaison_scj, block=block, heading=block.heading, body="x")
    block.refresh_from_db()
    assert block.body == before
    sv.block_update(actor=county.admin, block=block, heading="新标题。", body="逾期{{reports.overdue_deadlines}}项")
    block.refresh_from_db()
    assert block.body == "逾期{{reports.overdue_deadlines}}项"


def test_suggestions_come_from_findings_and_accepting_binds_the_figure(county):
    _overdue(county.sfj, county.admin, "逾期事项甲")
    report = sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    suggestions = sv.suggestions_refresh(actor=county.admin, report=report)
    overdue = [s for s in suggestions if s.key == "reports.overdue_deadlines"]
    assert len(overdue) == 1 and "{{reports.overdue_deadlines}}" in overdue[0].text
    assert not re.search(r"\d", overdue[0].text)           # no typed figure
    assert len(sv.suggestions_refresh(actor=county.admin, report=report)) == len(suggestions)  # idempotent
    sv.suggestion_decide(actor=county.admin, suggestion=overdue[0], accept=True)
    block = report.blocks.filter(part=Part.SHORTCOMINGS).order_by("-seq").first()
    assert block.body == overdue[0].text
    # Placed in 二 (before 三), and the number is the records' count.
    parts = [b.part for b in report.blocks.all()]
    assert parts.index(Part.PLANS) > max(i for i, p in enumerate(parts) if p == Part.SHORTCOMINGS)
    text = render_report(report).plain_text()
    assert "全年有1项法定期限事项逾期" in text
    with pytest.raises(ValidationError):
        sv.suggestion_decide(actor=county.admin, suggestion=overdue[0], accept=False)


def test_no_findings_no_suggestions(county):
    report = sv.report_create(actor=county.admin, organization=county.scj, year=2021)
    assert sv.suggestions_refresh(actor=county.admin, report=report) == []


# -- DOCX per GB/T 9704 ----------------------------------------------------------------------------

def test_docx_layout_follows_gbt_9704(county):
    report = sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    data = render_annual_report(report)
    doc = Document(io.BytesIO(data))
    s = doc.sections[0]
    def mm(v):
        return round(Length(v).mm, 1)
    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)
    assert mm(s.top_margin) == 37 and mm(s.left_margin) == 28
    assert mm(s.page_width - s.left_margin - s.right_margin) == 156
    assert mm(s.page_height - s.top_margin - s.bottom_margin) == 225
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert abs(normal.paragraph_format.line_spacing.pt - Length(Mm(225)).pt / 22) < 0.05   # 225 mm / 22 lines
    xml = doc.element.xml
    # 28 characters: 16 pt − 0.25 pt spacing; 28 × 15.75 pt fits 156 mm, 29 do not.
    assert 'w:spacing w:val="-5"' in doc.styles.element.xml
    assert 28 * 15.75 <= Mm(156).pt < 29 * 15.75
    title = doc.paragraphs[0].runs[0]
    assert title.font.size == Pt(22) and 'w:eastAsia="方正小标宋简体"' in title._r.xml
    assert "黑体" in xml and "楷体_GB2312" in xml and "仿宋_GB2312" in xml
    heading = next(p for p in doc.paragraphs if p.text.startswith("一、"))
    assert 'w:eastAsia="黑体"' in heading.runs[0]._r.xml
    item = next(p for p in doc.paragraphs if p.text.startswith("（一）"))
    assert 'w:eastAsia="楷体_GB2312"' in item.runs[0]._r.xml
    # Page numbers: odd pages right, even pages left, "— PAGE —" in 4号宋体.
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0          # RIGHT, LEFT
    for p in (odd, even):
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert "PAGE" in p._p.xml and 'w:eastAsia="宋体"' in p._p.xml
        assert all(r.font.size == Pt(14) for r in p.runs)
    assert docx_text(data).splitlines()[0] == "同心县2021年法治政府建设工作报告"


def test_pdf_without_libreoffice_says_so_in_chinese(county, monkeypatch):
    monkeypatch.setattr(outputs.shutil, "which", lambda name: None)
    report = sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    with pytest.raises(outputs.PdfUnavailable, match="未安装 LibreOffice"):
        outputs.render_pdf(report)


# -- pages -----------------------------------------------------------------------------------------

def test_provenance_is_scoped_and_exports(county, login):
    _overdue(county.sfj, county.admin, "司法局逾期事项")
    _overdue(county.scj, county.admin, "市场监管局逾期事项")
    url = "/reports/indicators/reports.overdue_deadlines/"
    admin = login(county.admin)
    page = admin.get(url, {"year": 2021}).content.decode()
    assert "司法局逾期事项" in page and "市场监管局逾期事项" in page
    assert ">2</span>" in page
    c = login(county.liaison_scj)
    page = c.get(url, {"year": 2021}).content.decode()
    assert "市场监管局逾期事项" in page and "司法局逾期事项" not in page
    # Choosing the county does not widen a department's view.
    page = c.get(url, {"year": 2021, "org": str(county.gov.code)})
    assert page.status_code == 404
    xlsx = c.get(url, {"year": 2021, "format": "xlsx"})
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v]
    joined = "|".join(cells)
    assert "市场监管局逾期事项" in joined and "|司法局逾期事项" not in joined
    listing = c.get("/reports/indicators/", {"year": 2021}).content.decode()
    assert "逾期的法定期限事项" in listing and f"{url}?org={county.scj.code}" in listing
    assert c.get(url, {"year": "abc"}).status_code == 400
    assert c.get("/reports/indicators/no.such/").status_code == 404
    assert c.get(url, {"year": 2021, "month": 13}).status_code == 400


def test_dashboards_pass_data_by_json_script_only(county, login):
    _overdue(county.sfj, county.admin, "司法局逾期事项")
    c = login(county.admin)
    for path in ("/reports/dashboard/", "/reports/dashboard/reports/"):
        resp = c.get(path, {"year": 2021})
        html = resp.content.decode()
        assert resp.status_code == 200
        assert 'id="dash-data" type="application/json"' in html
        inline = [m for m in re.findall(r"<script([^>]*)>", html) if "src=" not in m and "application/json" not in m]
        assert inline == []
        assert "/reports/indicators/reports.overdue_deadlines/?org=" in html
    assert c.get("/reports/dashboard/nosuchmodule/").status_code == 404


def test_report_pages_workflow_and_scoping(county, login):
    c = login(county.admin)
    resp = c.post("/reports/", {"organization": str(county.gov.code), "year": 2021})
    assert resp.status_code == 302
    report = AnnualReport.objects.get()
    page = c.get(report.get_absolute_url()).content.decode()
    assert "（一）" in page and "届满日 <strong>2022-03-01" in page
    block = report.blocks.filter(level=Level.ITEM).first()
    resp = c.post(f"/reports/annual/{report.code}/blocks/{block.code}/", {"heading": block.heading, "body": "{{bad"})
    assert resp.status_code == 400 and "占位符格式" in resp.content.decode()
    assert c.post(f"/reports/annual/{report.code}/step/", {"action": "review"}).status_code == 302
    resp = c.post(f"/reports/annual/{report.code}/step/", {"action": "submit", "submitted_on": "x"})
    assert resp.status_code == 400
    report.refresh_from_db()
    assert report.state == ReportState.REVIEW
    docx = c.get(f"/reports/annual/{report.code}/download/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    html = c.get(f"/reports/annual/{report.code}/download/html/").content.decode()
    assert "同心县2021年法治政府建设工作报告" in html
    # Another department: 404; the read-only leader of 市场监管局 too (not its report).
    assert login(county.liaison_scj).get(report.get_absolute_url()).status_code == 404
    assert login(county.leader).post(f"/reports/annual/{report.code}/step/", {"action": "return"}).status_code == 404


def test_portal_shows_only_published_reports(county, client):
    report = sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    assert client.get(f"/portal/reports/{report.code}/").status_code == 404
    assert report.title not in client.get("/portal/reports/").content.decode()
    sv.report_send_to_review(actor=county.admin, report=report)
    sv.report_submit(actor=county.admin, report=report, submitted_on=datetime.date(2022, 2, 20))
    sv.report_publish(actor=county.admin, report=report, published_on=datetime.date(2022, 3, 20))
    page = client.get(f"/portal/reports/{report.code}/").content.decode()
    assert "一、" in page and "修改本段" not in page


def test_api_indicators_records_and_reports(county, login):
    _overdue(county.scj, county.admin, "市场监管局逾期事项")
    _overdue(county.sfj, county.admin, "司法局逾期事项")
    c = login(county.liaison_scj)
    rows = c.get("/api/reports/indicators", {"year": 2021}).json()
    row = next(r for r in rows if r["code"] == "reports.overdue_deadlines")
    assert row["value"] == 1
    data = c.get("/api/reports/indicators/reports.overdue_deadlines/records", {"year": 2021}).json()
    assert data["count"] == 1 and data["items"][0]["record"].startswith("市场监管局逾期事项")
    assert c.get("/api/reports/indicators/reports.overdue_deadlines/records", {"year": 99999}).status_code in (400, 422)
    assert c.get("/api/reports/indicators/nope/records").status_code == 404
    report = sv.report_create(actor=county.admin, organization=county.sfj, year=2021)
    assert c.get(f"/api/reports/annual/{report.code}").status_code == 404
    got = login(county.liaison_sfj).get(f"/api/reports/annual/{report.code}").json()
    assert got["paragraphs"][1]["number"] == "一、"


def test_cli_report_annual(county, tmp_path):
    sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    out = tmp_path / "r.docx"
    call_command("report", "annual", "--org", "同心县人民政府", "--year", "2021", "--format", "docx", "-o", str(out))
    assert docx_text(out.read_bytes()).startswith("同心县2021年法治政府建设工作报告")
    html = tmp_path / "r.html"
    call_command("report", "annual", "--org", "同心县司法局", "--year", "2021", "--format", "html", "-o", str(html))
    assert "同心县司法局2021年法治政府建设工作报告" in html.read_text(encoding="utf-8")
    assert not AnnualReport.objects.filter(organization=county.sfj).exists()   # nothing saved
    with pytest.raises(CommandError, match="未找到"):
        call_command("report", "annual", "--org", "不存在", "--year", "2021", "-o", str(out))


def test_indicator_registry_is_backwards_compatible_and_ordered():
    codes = [i.section for i in core_ind.all_indicators()]
    keys = [core_ind.section_key(s) for s in codes]
    assert keys == sorted(keys)
    assert core_ind.section_key("一(七)") > core_ind.section_key("一(三)")
    ind = core_ind.register_indicator(code="test.compat", name="兼容", unit="件", section="一(一)", definition="",
                                      records=lambda orgs, s, e: Deadline.objects.none())
    try:
        assert ind.is_count and ind.date_field == ""
    finally:
        core_ind._REGISTRY.pop("test.compat")


def test_add_paragraph_and_edit_report_info_pages(county, login):
    report = sv.report_create(actor=county.admin, organization=county.gov, year=2021)
    c = login(county.admin)
    n = report.blocks.count()
    bad = c.post(f"/reports/annual/{report.code}/blocks/add/", {"part": "plans", "body": "共{{x.y}}项"})
    assert bad.status_code == 400 and "未知的指标代码" in bad.content.decode()
    assert report.blocks.count() == n
    ok = c.post(f"/reports/annual/{report.code}/blocks/add/",
                {"part": "plans", "body": "继续压减逾期事项（{{reports.overdue_deadlines}}项）。"})
    assert ok.status_code == 302 and report.blocks.count() == n + 1
    added = report.blocks.get(body__startswith="继续压减")
    parts = [b.part for b in report.blocks.all()]
    assert added.part == Part.PLANS and parts.index(Part.DUTIES) > list(report.blocks.all()).index(added)
    resp = c.post(f"/reports/annual/{report.code}/edit/", {"title": "", "issuer": "x", "submitted_to": "县委"})
    assert resp.status_code == 400
    resp = c.post(f"/reports/annual/{report.code}/edit/", {"title": "新标题", "issuer": "同心县人民政府",
                                                          "signed_on": "2022-01-20", "submitted_to": "县委、县人大常委会"})
    report.refresh_from_db()
    assert resp.status_code == 302 and report.title == "新标题" and report.signed_on == datetime.date(2022, 1, 20)

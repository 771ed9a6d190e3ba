"""Pages of the calendar: board, holidays (+ CSV import), rules, calculator."""
from __future__ import annotations

import datetime
import io
from unittest import mock

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core import deadlines
from fazhi.core.models import AuditEvent, DeadlineRule, Holiday, HolidayYear

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db
TODAY = D("2026-03-10")


@pytest.fixture
def frozen_today():
    """Board pages use timezone.localdate(); pin it so the tests do not depend on the real date."""
    with mock.patch("fazhi.core.deadlines.timezone.localdate", return_value=TODAY):
        yield TODAY


def _dl(county, org, user, title, code="review.acceptance", start="2026-03-02"):
    return deadlines.deadline_register(actor=user, organization=org, rule_code=code, target=org, title=title,
                                       url="", start_date=D(start))


# -- anonymous ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["board", "board_export", "holidays", "rules", "compute", "holiday_import"])
def test_login_required(client, name):
    resp = client.get(reverse(f"calendar:{name}"))
    assert resp.status_code == 302 and "login" in resp["Location"]


# -- board ----------------------------------------------------------------------------------------

def test_board_shows_only_visible_orgs(county, login, frozen_today):
    _dl(county, county.sfj, county.liaison_sfj, "司法局的复议受理")
    _dl(county, county.scj, county.liaison_scj, "市场监管局的复议受理")
    resp = login(county.liaison_scj).get(reverse("calendar:board"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "市场监管局的复议受理" in html
    assert "司法局的复议受理" not in html
    assert "已逾期 1 天" in html


def test_board_org_filter_only_offers_visible_orgs(county, login, frozen_today):
    _dl(county, county.sfj, county.liaison_sfj, "司法局的复议受理")
    client = login(county.liaison_scj)
    resp = client.get(reverse("calendar:board"), {"org": str(county.sfj.code)})
    assert resp.status_code == 200
    assert "司法局的复议受理" not in resp.content.decode()
    assert "请选择可见范围内的单位" in resp.content.decode()
    admin = login(county.admin)
    resp = admin.get(reverse("calendar:board"), {"org": str(county.scj.code), "within": "5"})
    assert "司法局的复议受理" not in resp.content.decode()
    resp = admin.get(reverse("calendar:board"), {"org": str(county.sfj.code)})
    assert "司法局的复议受理" in resp.content.decode()


def test_board_bad_filter_is_not_an_error(county, login, frozen_today):
    resp = login(county.admin).get(reverse("calendar:board"), {"within": "abc"})
    assert resp.status_code == 200
    assert "请输入整数" in resp.content.decode()


def test_board_export_xlsx(county, login, frozen_today):
    _dl(county, county.scj, county.liaison_scj, "=HYPERLINK(\"x\")")
    _dl(county, county.scj, county.liaison_scj, "监管局黄灯事项", code="review.reply", start="2026-03-02")  # due 03-16
    resp = login(county.liaison_scj).get(reverse("calendar:board_export"), {"within": "5"})
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in rows] == ["红灯（已逾期）", "黄灯（即将届满）"]
    assert rows[0][1] == "'=HYPERLINK(\"x\")"      # formula injection neutralised
    assert rows[1][1] == "监管局黄灯事项"
    assert AuditEvent.objects.filter(action="core.export").exists()


def test_board_widget_renders(county, frozen_today):
    from django.template.loader import render_to_string

    _dl(county, county.sfj, county.liaison_sfj, "司法局的复议受理")
    html = render_to_string("core/calendar/_board_widget.html", deadlines.board_context(county.liaison_sfj))
    assert "司法局的复议受理" in html and "逾期1天" in html


# -- holidays -------------------------------------------------------------------------------------

def test_holidays_page_read_only_for_non_admin(county, login):
    Holiday.objects.create(date=D("2027-01-01"), kind="holiday", name="元旦")
    resp = login(county.liaison_sfj).get(reverse("calendar:holidays"), {"year": "2027"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "元旦" in html and "无数据" in html
    assert reverse("calendar:holiday_import") not in html and "/remove/" not in html
    assert reverse("calendar:holiday_set") not in html


@pytest.mark.parametrize("user", ["liaison_sfj", "reviewer", "leader", "outsider"])
def test_non_admin_cannot_change_holidays(county, login, user):
    client = login(getattr(county, user))
    resp = client.post(reverse("calendar:holiday_set"), {"date": "2026-03-04", "kind": "holiday", "name": "x"})
    assert resp.status_code == 403
    Holiday.objects.create(date=D("2026-03-05"), kind="holiday")
    resp = client.post(reverse("calendar:holiday_remove", kwargs={"day": "2026-03-05"}))
    assert resp.status_code == 403
    assert client.get(reverse("calendar:holiday_import")).status_code == 403
    csv = SimpleUploadedFile("h.csv", "2027-01-01,放假,元旦\n".encode())
    resp = client.post(reverse("calendar:holiday_import"), {"year": "2027", "notice": "x", "file": csv})
    assert resp.status_code == 403
    assert list(Holiday.objects.values_list("date", flat=True)) == [D("2026-03-05")]
    assert not HolidayYear.objects.exists()


def test_admin_sets_and_removes_a_day(county, login):
    client = login(county.admin)
    resp = client.post(reverse("calendar:holiday_set"), {"date": "2026-03-04", "kind": "holiday", "name": "地方休息日"})
    assert resp.status_code == 302
    assert Holiday.objects.get(date=D("2026-03-04")).name == "地方休息日"
    assert deadlines.compute_due("review.acceptance", D("2026-03-02")) == D("2026-03-10")
    resp = client.post(reverse("calendar:holiday_remove", kwargs={"day": "2026-03-04"}))
    assert resp.status_code == 302 and not Holiday.objects.exists()
    assert AuditEvent.objects.filter(action__in=["core.holiday.set", "core.holiday.remove"]).count() == 2
    assert client.post(reverse("calendar:holiday_remove", kwargs={"day": "2026-03-04"})).status_code == 404
    assert client.post(reverse("calendar:holiday_remove", kwargs={"day": "bad"})).status_code == 404


def test_admin_bad_day_form_rerenders(county, login):
    resp = login(county.admin).post(reverse("calendar:holiday_set"), {"date": "2026-02-30", "kind": "holiday"})
    assert resp.status_code == 400
    assert "日期格式不正确" in resp.content.decode()
    assert not Holiday.objects.exists()


def test_get_on_post_only_is_405(county, login):
    client = login(county.admin)
    assert client.get(reverse("calendar:holiday_set")).status_code == 405
    assert client.get(reverse("calendar:holiday_remove", kwargs={"day": "2026-03-04"})).status_code == 405


GOOD_CSV = "date,kind,name\n2027-01-01,放假,元旦\n2027-02-05,放假,春节\n2027-02-06,上班,春节\n"


def test_csv_import_preview_then_commit(county, login):
    client = login(county.admin)
    Holiday.objects.create(date=D("2027-03-03"), kind="holiday", name="旧记录")
    upload = SimpleUploadedFile("h.csv", GOOD_CSV.encode("gb18030"))   # Excel in China saves GBK
    resp = client.post(reverse("calendar:holiday_import"), {"year": "2027", "notice": "国办发明电〔2026〕9号", "file": upload})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "预览" in html and "确认导入" in html and "替换本表中 2027 年已有的 1 行" in html
    assert Holiday.objects.count() == 1 and not HolidayYear.objects.exists()    # nothing saved yet
    resp = client.post(reverse("calendar:holiday_import"), {
        "year": "2027", "notice": "国办发明电〔2026〕9号", "csv_text": resp.context["csv_text"], "action": "commit"})
    assert resp.status_code == 302
    assert HolidayYear.objects.get(year=2027).notice == "国办发明电〔2026〕9号"
    assert set(Holiday.objects.values_list("date", "kind")) == {
        (D("2027-01-01"), "holiday"), (D("2027-02-05"), "holiday"), (D("2027-02-06"), "workday")}
    ev = AuditEvent.objects.filter(action="core.holiday.import").get()
    assert ev.data["rows"] == 3 and ev.data["replaced"] == 1
    # The year now computes from the table.
    assert deadlines.compute_due("review.acceptance", D("2027-02-04")) == D("2027-02-11")


def test_csv_bad_rows_give_chinese_errors_by_row_and_save_nothing(county, login):
    client = login(county.admin)
    bad = ("date,kind,name\n"
           "2027-01-01,放假,元旦\n"
           "2027-02-30,放假,春节\n"          # line 3: no such date
           "2026-10-01,放假,国庆\n"          # line 4: other year
           "2027-05-01,休假日吧,劳动节\n"     # line 5: unknown kind
           "2027-01-01,放假,元旦\n")          # line 6: duplicate of line 2
    upload = SimpleUploadedFile("h.csv", bad.encode())
    resp = client.post(reverse("calendar:holiday_import"), {"year": "2027", "notice": "x", "file": upload})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "第 3 行：日期“2027-02-30”格式不正确" in html
    assert "第 4 行：日期 2026-10-01 不属于 2027 年" in html
    assert "第 5 行：类型“休假日吧”无法识别" in html
    assert "第 6 行：日期 2027-01-01 与第 2 行重复" in html
    assert "未保存任何数据" in html
    assert not Holiday.objects.exists() and not HolidayYear.objects.exists()
    # A forged commit with bad text is checked again and refused.
    resp = client.post(reverse("calendar:holiday_import"),
                       {"year": "2027", "notice": "x", "csv_text": bad, "action": "commit"})
    assert resp.status_code == 400
    assert not Holiday.objects.exists() and not HolidayYear.objects.exists()


def test_csv_import_requires_file_and_notice(county, login):
    resp = login(county.admin).post(reverse("calendar:holiday_import"), {"year": "2027"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "请选择要上传的 CSV 文件" in html and "请填写国务院办公厅通知的文号或来源" in html


# -- rules ----------------------------------------------------------------------------------------

def test_rules_page_flags_unverified(county, login):
    resp = login(county.liaison_sfj).get(reverse("calendar:rules"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "penalty.decision" in html and "《中华人民共和国行政处罚法》第六十条" in html
    assert "未核实，可配置" in html
    assert "修改期限" not in html


@pytest.mark.parametrize("user", ["liaison_sfj", "reviewer", "leader"])
def test_non_admin_cannot_change_rules(county, login, user):
    client = login(getattr(county, user))
    url = reverse("calendar:rule_edit", kwargs={"code": "normdoc.filing"})
    assert client.get(url).status_code == 403
    assert client.post(url, {"count": "15"}).status_code == 403
    assert DeadlineRule.objects.get(code="normdoc.filing").count == 30


def test_admin_changes_configurable_rule(county, login):
    client = login(county.admin)
    url = reverse("calendar:rule_edit", kwargs={"code": "normdoc.filing"})
    resp = client.get(url)
    assert resp.status_code == 200 and "全国默认" in resp.content.decode() and "30日" in resp.content.decode()
    resp = client.post(url, {"count": "0"})
    assert resp.status_code == 400 and "期限至少为 1" in resp.content.decode()
    resp = client.post(url, {"count": "15", "notes": "依本省规定"})
    assert resp.status_code == 302
    assert resp["Location"] == reverse("calendar:rules") + "#rule-normdoc.filing"  # back at the changed row
    rule = DeadlineRule.objects.get(code="normdoc.filing")
    assert (rule.count, rule.national_default) == (15, 30)
    assert AuditEvent.objects.filter(action="core.rule.update").exists()
    html = client.get(reverse("calendar:rules")).content.decode()
    assert "全国默认 30日" in html and 'id="rule-normdoc.filing"' in html
    assert f"已修改期限规则“{rule.name}”" in html


def test_statutory_rule_not_editable(county, login):
    client = login(county.admin)
    url = reverse("calendar:rule_edit", kwargs={"code": "penalty.decision"})
    assert client.post(url, {"count": "30"}).status_code == 403
    assert client.get(reverse("calendar:rule_edit", kwargs={"code": "no.such"})).status_code == 404
    assert DeadlineRule.objects.get(code="penalty.decision").count == 90


# -- calculator -----------------------------------------------------------------------------------

def test_compute_page(county, login):
    client = login(county.liaison_sfj)
    resp = client.get(reverse("calendar:compute"))
    assert resp.status_code == 200
    resp = client.get(reverse("calendar:compute"), {"rule": "review.decision", "start": "2026-02-10"})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "2026年4月13日" in html and "顺延" in html and "第六十二条" in html


def test_compute_page_with_pause(county, login):
    resp = login(county.liaison_sfj).get(reverse("calendar:compute"), {
        "rule": "penalty.payment", "start": "2026-03-02", "pause_from": "2026-03-05", "pause_to": "2026-03-14"})
    assert "2026年3月27日" in resp.content.decode()


def test_compute_page_missing_data(county, login):
    resp = login(county.liaison_sfj).get(reverse("calendar:compute"), {"rule": "review.acceptance", "start": "2027-01-04"})
    assert resp.status_code == 200
    assert "缺少2027年的节假日安排数据" in resp.content.decode()


def test_compute_page_bad_input(county, login):
    resp = login(county.liaison_sfj).get(reverse("calendar:compute"), {"rule": "nope", "start": "2026-13-01"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "未知的期限规则" in html and "日期格式不正确" in html

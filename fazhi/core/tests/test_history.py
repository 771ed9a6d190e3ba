"""Record history partial, the record_history helper and the audit log page (files:audit)."""
from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core import audit_guard
from fazhi.core.attachments import attachment_upload
from fazhi.core.history import record_history, resolve_record
from fazhi.core.models import AuditEvent
from fazhi.core.services import organization_update

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _hist_url(obj):
    return reverse("files:history", kwargs={"target_type": obj._meta.label_lower, "target_id": str(obj.code)})


def test_history_lists_changes_before_and_after(county, login):
    organization_update(actor=county.admin, org=county.scj, data={"short_name": "市监局"})
    attachment_upload(actor=county.liaison_scj, organization=county.scj, target=county.scj,
                      file=SimpleUploadedFile("证据.pdf", PDF))
    r = login(county.liaison_scj).get(_hist_url(county.scj), HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    html = r.content.decode()
    assert "<html" not in html  # the partial
    assert "修改单位" in html and "简称" in html and "市监局" in html and "法治办管理员" in html
    assert "新增单位" in html and "上传附件" in html and "证据.pdf" in html
    from fazhi.core.choices import OrgKind

    assert f"<td>{OrgKind.DEPARTMENT.label}</td>" in html  # choice values shown by their Chinese label
    full = login(county.liaison_scj).get(_hist_url(county.scj)).content.decode()
    assert "<html" in full and "修改记录" in full


def test_history_is_404_for_what_the_user_cannot_see(county, login):
    for user in (county.liaison_sfj, county.liaison_suo, county.outsider):
        assert login(user).get(_hist_url(county.scj)).status_code == 404
    for target_type, target_id in (("core.user", str(county.officer.pk)), ("core.nothing", "1"),
                                   ("core.organization", "not-a-uuid"), ("bogus", "x"),
                                   ("core.auditevent", "1")):
        url = reverse("files:history", kwargs={"target_type": target_type, "target_id": target_id})
        assert login(county.admin).get(url).status_code == 404
    with pytest.raises(Http404):
        record_history(county.scj, county.liaison_sfj)
    assert resolve_record(county.liaison_suo, "core.organization", str(county.suo.code)) == county.suo


def test_template_tags_render_history_and_attachments(county):
    request = RequestFactory().get("/")
    request.user = county.liaison_scj
    html = Template("{% load fazhi_files %}{% record_attachments obj %}{% record_history obj %}").render(
        Context({"request": request, "obj": county.scj}))
    assert "上传附件" in html and "修改记录" in html and "新增单位" in html


def test_audit_page_is_for_admins_only(county, login):
    assert login(county.admin).get(reverse("files:audit")).status_code == 200
    for user in (county.liaison_scj, county.leader, county.reviewer, county.outsider):
        assert login(user).get(reverse("files:audit")).status_code == 403
        assert login(user).get(reverse("files:audit_export")).status_code == 403
        assert login(user).post(reverse("files:audit_verify")).status_code == 403


def test_audit_page_filters(county, login):
    organization_update(actor=county.admin, org=county.sfj, data={"short_name": "司法"})
    client = login(county.admin)
    html = client.get(reverse("files:audit"), {"action": "core.org.update"}).content.decode()
    assert "共 1 条" in html and "司法" in html
    html = client.get(reverse("files:audit"), {"organization": str(county.scj.code)}).content.decode()
    assert "同心县市场监督管理局豫海市场监管所" in html and "同心县司法局" not in html.split("audit-list-title")[1]
    html = client.get(reverse("files:audit"), {"actor": "法治办管理员"}).content.decode()
    assert "共 1 条" in html
    r = client.get(reverse("files:audit"), {"date_from": "2026-12-31", "date_to": "2026-01-01"})
    assert r.status_code == 200 and "起始日期不能晚于截止日期" in r.content.decode()
    assert client.get(reverse("files:audit"), {"date_from": "不是日期"}).status_code == 200


def test_audit_export_is_xlsx_and_audited(county, login):
    client = login(county.admin)
    r = client.get(reverse("files:audit_export"), {"action": "core.org.create"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content), read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "时间", "操作人", "单位", "操作")
    assert len(rows) - 1 == 7 and all(row[4] == "新增单位" for row in rows[1:])
    ev = AuditEvent.objects.order_by("id").last()
    assert ev.action == "core.export" and ev.actor_id == county.admin.pk and ev.data["rows"] == 7


def test_verify_button(county, login):
    client = login(county.admin)
    r = client.post(reverse("files:audit_verify"), HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "审计链完整" in r.content.decode()
    from django.db import connection

    audit_guard.drop(connection)  # as an attacker with database access would
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = 3")
    html = client.post(reverse("files:audit_verify")).content.decode()
    assert "审计链已被破坏" in html and "第 3 条记录" in html
    assert client.get(reverse("files:audit_verify")).status_code == 405


@pytest.mark.django_db
def test_history_names_related_records_not_their_ids(county, login):
    from fazhi.core.audit import audit_log
    from fazhi.core.history import describe

    ev = audit_log(actor=county.admin, action="core.org.update", target=county.suo,
                   data={"changes": {"parent": {"before": county.gov.pk, "after": county.scj.pk}}})
    change = describe(ev).changes[0]
    assert (change.before, change.after) == (county.gov.name, county.scj.name)


def test_reads_county_change_is_labelled_in_chinese(county):
    from fazhi.core.history import describe
    from fazhi.core.models import Membership
    from fazhi.core.services import membership_set_reads_county

    m = Membership.objects.filter(user=county.reviewer).first()
    membership_set_reads_county(actor=county.admin, membership=m, reads_county=not m.reads_county)
    change = describe(AuditEvent.objects.filter(action="core.membership.reads_county").last()).changes[0]
    assert change.label == "全县查阅"  # not the field name reads_county (the event's target is the user)


def test_extra_data_keys_use_the_target_models_labels(county):
    from fazhi.core import deadlines
    from fazhi.core.history import describe
    from fazhi.core.models import DeadlineRule

    rule = DeadlineRule.objects.filter(province_configurable=True).first()
    deadlines.rule_update_count(actor=county.admin, rule=rule, count=rule.count + 1, notes="")
    entry = describe(AuditEvent.objects.filter(action="core.rule.update").last())
    assert ("全国默认期限", str(rule.national_default)) in entry.extra  # not "national_default"


def test_attachment_event_names_the_record_type_in_chinese(county):
    from fazhi.core.history import describe

    attachment_upload(actor=county.liaison_scj, organization=county.scj, target=county.scj,
                      file=SimpleUploadedFile("a.pdf", PDF))
    extra = dict(describe(AuditEvent.objects.filter(action="core.attachment.upload").last()).extra)
    assert extra["关联对象类型"] == "单位"  # not core.organization

"""Excel pages: list, template download, export (scoped, audited), import upload → dry run → commit."""
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import AuditEvent, Organization
from fazhi.core.tests.excel_helpers import read_back, workbook

GOV = "同心县人民政府"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(buf, name="单位.xlsx"):
    buf.seek(0)
    return SimpleUploadedFile(name, buf.read(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@pytest.mark.django_db
def test_index_lists_ledgers_with_links(county, login):
    client = login(county.admin)
    r = client.get(reverse("excel:index"))
    assert r.status_code == 200
    html = r.content.decode()
    for url in ("/excel/organizations/template.xlsx", "/excel/organizations/export.xlsx", "/excel/organizations/import/",
                "/excel/users/import/"):
        assert url in html
    leader_html = login(county.leader).get(reverse("excel:index")).content.decode()
    assert "/excel/organizations/export.xlsx" in leader_html and "/excel/organizations/import/" not in leader_html


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    r = client.get(reverse("excel:index"))
    assert r.status_code == 302 and "login" in r["Location"]


@pytest.mark.django_db
def test_template_download(county, login):
    r = login(county.liaison_scj).get(reverse("excel:template", args=["organizations"]))
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(r.streaming_content)))
    assert wb.worksheets[0].cell(row=2, column=1).value == "单位名称"


@pytest.mark.django_db
def test_unknown_ledger_is_404(county, login):
    assert login(county.admin).get("/excel/nope/template.xlsx").status_code == 404


@pytest.mark.django_db
def test_export_is_scoped_and_audited(county, login):
    r = login(county.liaison_scj).get(reverse("excel:export", args=["organizations"]))
    assert r.status_code == 200
    rows = read_back(io.BytesIO(b"".join(r.streaming_content)))
    assert rows[0] == ["单位名称", "简称", "类别", "上级单位", "所在区划代码", "统一社会信用代码", "排序"]
    assert [row[0] for row in rows[1:]] == [county.scj.name, county.suo.name]
    assert rows[2][3] == county.scj.name and rows[2][4] == "640324100"
    event = AuditEvent.objects.get(action="core.export")
    assert event.actor == county.liaison_scj and event.data == {"ledger": "organizations", "title": "单位", "rows": 2}


@pytest.mark.django_db
def test_leader_cannot_import_403(county, login, media):
    client = login(county.leader)
    assert client.get(reverse("excel:import", args=["organizations"])).status_code == 403
    r = client.post(reverse("excel:import", args=["organizations"]),
                    {"file": upload(workbook([["甲", "", "村", county.scj.name, "640324", "", ""]]))})
    assert r.status_code == 403
    assert client.post(reverse("excel:commit", args=["organizations"]), {"sha256": "0" * 64}).status_code == 403
    assert not Organization.objects.filter(name="甲").exists()


@pytest.mark.django_db
def test_upload_preview_then_commit(county, login, media):
    client = login(county.admin)
    url = reverse("excel:import", args=["organizations"])
    assert client.get(url).status_code == 200
    buf = workbook([["甲局", "", "政府部门/单位", GOV, "640324", "", 1], ["乙局", "", "政府部门/单位", GOV, "640324", "", 2]])
    r = client.post(url, {"file": upload(buf)})
    assert r.status_code == 200
    html = r.content.decode()
    assert "校验通过" in html and "确认导入 2 行" in html
    assert not Organization.objects.filter(name="甲局").exists()  # dry run only
    stored = list((media / "imports").glob("*.xlsx"))
    assert len(stored) == 1
    sha = stored[0].stem
    assert sha in html
    r = client.post(reverse("excel:commit", args=["organizations"]), {"sha256": sha})
    assert r.status_code == 302 and r["Location"] == reverse("excel:index")
    assert Organization.objects.filter(name__in=["甲局", "乙局"], parent=county.gov).count() == 2
    event = AuditEvent.objects.get(action="core.import.commit")
    assert event.data["file_sha256"] == sha and event.data["filename"] == "单位.xlsx"
    assert not list((media / "imports").glob("*.xlsx"))
    # The same hash cannot be committed twice.
    r = client.post(reverse("excel:commit", args=["organizations"]), {"sha256": sha})
    assert r.status_code == 302 and r["Location"] == reverse("excel:import", args=["organizations"])
    assert AuditEvent.objects.filter(action="core.import.commit").count() == 1


@pytest.mark.django_db
def test_upload_with_errors_shows_table_and_saves_nothing(county, login, media):
    client = login(county.admin)
    rows = [[f"单位{i}", "", "村", GOV, "640324", "", i] for i in range(10)]
    rows[3][5] = "91640324MA7600001A"
    r = client.post(reverse("excel:import", args=["organizations"]), {"file": upload(workbook(rows))})
    assert r.status_code == 400
    html = r.content.decode()
    assert "校验未通过" in html and "校验位错误" in html and "<td data-label=\"行号\" class=\"num\">5</td>" in html
    assert "确认导入" not in html
    assert not Organization.objects.filter(name__startswith="单位").exists()
    assert not list((media / "imports").glob("*.xlsx"))


@pytest.mark.django_db
def test_not_an_xlsx_upload_gets_a_chinese_error(county, login, media):
    client = login(county.admin)
    f = SimpleUploadedFile("单位.xls", "单位名称\t类别\n".encode("gbk"), content_type="application/vnd.ms-excel")
    r = client.post(reverse("excel:import", args=["organizations"]), {"file": f})
    assert r.status_code == 400
    assert "不是Excel工作簿（.xlsx）" in r.content.decode()


@pytest.mark.django_db
def test_commit_of_someone_elses_upload_is_refused(county, login, media):
    client = login(county.admin)
    buf = workbook([["甲局", "", "政府部门/单位", GOV, "640324", "", 1]])
    client.post(reverse("excel:import", args=["organizations"]), {"file": upload(buf)})
    sha = next((media / "imports").glob("*.xlsx")).stem
    other = login(county.liaison_scj)  # same client object, new session user
    other.cookies.clear()
    other.force_login(county.liaison_scj)
    r = other.post(reverse("excel:commit", args=["organizations"]), {"sha256": sha})
    assert r.status_code == 302
    assert not Organization.objects.filter(name="甲局").exists()


@pytest.mark.django_db
def test_commit_is_post_only(county, login):
    assert login(county.admin).get(reverse("excel:commit", args=["organizations"])).status_code == 405

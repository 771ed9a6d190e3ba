"""The import engine with the core ledgers: validation by row and column, all or nothing, dry run, audit."""
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.audit import verify_chain
from fazhi.core.ledgers import get_ledger, run_import, write_template
from fazhi.core.models import AuditEvent, Membership, Organization, User
from fazhi.core.tests.excel_helpers import USER_HEADERS, workbook
from fazhi.lib.xlsx import NOTES_SHEET

GOV = "同心县人民政府"
VALID_USCC = "91640324MA7600001M"
BAD_USCC = "91640324MA7600001A"


@pytest.fixture
def orgs():
    return get_ledger("organizations")


@pytest.fixture
def users():
    return get_ledger("users")


def org_rows(n, parent=GOV):
    return [[f"测试单位{i}", f"测{i}", "政府部门/单位", parent, "640324", "", i] for i in range(1, n + 1)]


def test_template_has_headers_dropdowns_example_and_notes(orgs):
    buf = io.BytesIO()
    write_template(orgs, buf)
    buf.seek(0)
    wb = openpyxl.load_workbook(buf)
    ws = wb.worksheets[0]
    assert [c.value for c in ws[2]] == ["单位名称", "简称", "类别", "上级单位", "所在区划代码", "统一社会信用代码", "排序"]
    assert [c.value for c in ws[3]][:3] == ["同心县示例局", "示例局", "政府部门/单位"]
    dv = ws.data_validations.dataValidation
    assert len(dv) == 1 and str(dv[0].sqref).startswith("C3")
    options = [wb["选项"].cell(row=r, column=3).value for r in range(1, 9)]
    assert "政府部门/单位" in options and "乡镇/管委会" in options
    notes = wb[NOTES_SHEET]
    assert notes.cell(row=2, column=1).value == "单位名称" and notes.cell(row=2, column=2).value == "必填"


@pytest.mark.django_db
def test_the_template_itself_imports_as_empty(county, orgs):
    buf = io.BytesIO()
    write_template(orgs, buf)
    result = run_import(orgs, buf, actor=county.admin, dry_run=True)
    assert result.skipped_rows == [3]
    assert [str(e) for e in result.errors] == ["文件：表格中没有数据行。"]


@pytest.mark.django_db
def test_admin_imports_with_title_row_fullwidth_digits_and_trailing_blanks(county, orgs):
    rows = [
        ["　测试局 ", "测试", "政府部门/单位", GOV, "６４０３２４", "９１６４０３２４ＭＡ７６０００01Ｍ", "１２"],
        ["测试所", "", "department", "测试局", "640324100", None, 3.0],
        ["测试村", "", "村", "测试所", 640324100201, "", None],
    ]
    buf = workbook(rows, title_rows=[["同心县单位名录（2021年）"], []], trailing_blank=5)
    result = run_import(orgs, buf, actor=county.admin, filename="单位.xlsx")
    assert result.ok, result.messages()
    assert result.rows == 3 and result.created == 3 and result.header_row == 3
    ju = Organization.objects.get(name="测试局")
    suo = Organization.objects.get(name="测试所")
    cun = Organization.objects.get(name="测试村")
    assert ju.credit_code == VALID_USCC and ju.sort_order == 12 and ju.parent == county.gov
    assert suo.parent == ju and cun.parent == suo and cun.region == county.village_region
    assert cun.path == f"{county.gov.path}{ju.pk}/{suo.pk}/{cun.pk}/"
    event = AuditEvent.objects.get(action="core.import.commit")
    assert event.actor == county.admin and event.target_id == "organizations"
    assert event.data["rows"] == 3 and event.data["created"] == 3 and len(event.data["file_sha256"]) == 64
    assert event.data["codes"] == [str(ju.code), str(suo.code), str(cun.code)]
    assert event.data["filename"] == "单位.xlsx"
    assert verify_chain().ok


@pytest.mark.django_db
def test_error_in_row_5_of_10_saves_nothing_and_names_row_and_column(county, orgs):
    rows = org_rows(10)
    rows[3][5] = BAD_USCC  # 4th data row = sheet row 5 (header in row 1)
    before = Organization.objects.count(), AuditEvent.objects.count()
    result = run_import(orgs, workbook(rows), actor=county.admin)
    assert not result.committed
    assert result.messages() == ["第5行 “统一社会信用代码”：校验位错误。"]
    assert (Organization.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_dry_run_saves_nothing(county, orgs):
    before = Organization.objects.count(), AuditEvent.objects.count()
    result = run_import(orgs, workbook(org_rows(4)), actor=county.admin, dry_run=True)
    assert result.ok and result.rows == 4 and not result.committed
    assert (Organization.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_many_problems_are_reported_by_row_and_column(county, orgs):
    rows = [
        ["", "", "政府部门/单位", GOV, "640324", "", ""],                     # row 2: name missing
        ["甲局", "", "不存在的类别", GOV, "640324", "", ""],                   # row 3: bad choice
        ["乙局", "", "村", "没有这个单位", "640324", "", "-1"],                # row 4: parent, sort order
        ["丙局", "", "村", GOV, "999999", "", ""],                             # row 5: region
        ["同心县司法局", "", "政府部门/单位", GOV, "640324", "", ""],          # row 6: exists under gov
        ["丁局", "", "村", GOV, "640324", VALID_USCC, ""],
        ["戊局", "", "村", GOV, "640324", VALID_USCC, ""],                     # row 8: dup credit code in file
        ["丁局", "", "村", GOV, "640324", "", ""],                             # row 9: dup name in file
        ["己局", "", "村", "", "640324", "", ""],                              # fine for admin (top level)
    ]
    result = run_import(orgs, workbook(rows), actor=county.admin)
    got = {(e.row, e.column) for e in result.errors}
    assert got == {(2, "单位名称"), (3, "类别"), (4, "上级单位"), (4, "排序"), (5, "所在区划代码"), (6, "单位名称"),
                   (8, "统一社会信用代码"), (9, "单位名称")}, result.messages()
    assert "不是可选值" in next(e.message for e in result.errors if e.row == 3)
    assert not Organization.objects.filter(name__in=["丁局", "己局"]).exists()


@pytest.mark.django_db
def test_credit_code_already_used_in_database(county, orgs):
    Organization.objects.filter(pk=county.sfj.pk).update(credit_code=VALID_USCC)
    rows = [["甲局", "", "村", GOV, "640324", VALID_USCC, ""]]
    result = run_import(orgs, workbook(rows), actor=county.admin)
    assert result.messages() == [f"第2行 “统一社会信用代码”：“{VALID_USCC}”已被单位“同心县司法局”使用。"]


@pytest.mark.django_db
def test_liaison_imports_only_under_writable_parents(county, orgs):
    scj, sfj = county.scj.name, county.sfj.name
    rows = [["新所", "", "政府部门/单位", scj, "640324", "", ""],
            ["新所2", "", "政府部门/单位", sfj, "640324", "", ""],
            ["顶级", "", "政府部门/单位", "", "640324", "", ""]]
    result = run_import(orgs, workbook(rows), actor=county.liaison_scj)
    assert [(e.row, e.column) for e in result.sorted_errors()] == [(3, "上级单位"), (4, "上级单位")]
    assert "不存在或您无权查看" in result.sorted_errors()[0].message  # sfj is not visible to scj's liaison
    assert "顶级单位" in result.sorted_errors()[1].message
    ok = run_import(orgs, workbook(rows[:1]), actor=county.liaison_scj)
    assert ok.committed and Organization.objects.get(name="新所").parent == county.scj


@pytest.mark.django_db
def test_leader_cannot_import(county, orgs):
    with pytest.raises(PermissionDenied):
        run_import(orgs, workbook(org_rows(1)), actor=county.leader)


@pytest.mark.django_db
def test_not_an_xlsx_and_missing_column(county, orgs):
    result = run_import(orgs, io.BytesIO("单位名称,类别\n甲,村\n".encode("gbk")), actor=county.admin)
    assert len(result.errors) == 1 and "不是Excel工作簿" in result.messages()[0]
    buf = workbook([["甲", "村"]], headers=["单位名称", "类别"])
    result = run_import(orgs, buf, actor=county.admin)
    assert result.messages() == ["文件：工作表“单位”缺少必填列：所在区划代码。请使用本台账的导入模板。"]


@pytest.mark.django_db
def test_row_limit_is_configurable(county, orgs, settings):
    settings.EXCEL_IMPORT_MAX_ROWS = 3
    result = run_import(orgs, workbook(org_rows(4)), actor=county.admin)
    assert "超过上限（3行）" in result.messages()[0]
    assert not Organization.objects.filter(name__startswith="测试单位").exists()


@pytest.mark.django_db
def test_users_import_through_the_service(county, users):
    rows = [["zhang", "张三", county.sfj.name, "联络员、执法人员", 13800000000, "zhang@example.cn"],
            ["ｌｉ ｓｉ", "李四", county.scj.name, "法制审核员,领导", "", ""]]
    result = run_import(users, workbook(rows, USER_HEADERS), actor=county.admin)
    assert result.ok, result.messages()
    zhang = User.objects.get(username="zhang")
    assert zhang.phone == "13800000000" and not zhang.has_usable_password()
    assert set(Membership.objects.filter(user=zhang).values_list("role", flat=True)) == {"liaison", "officer"}
    assert User.objects.filter(username="lisi").exists()
    assert AuditEvent.objects.filter(action="core.user.create", target_id__in=[str(zhang.pk)]).count() == 1
    assert AuditEvent.objects.get(action="core.import.commit").data["created"] == 2


@pytest.mark.django_db
def test_users_import_errors_and_duplicates_within_the_file(county, users):
    rows = [["wang", "王五", county.sfj.name, "联络员", "", ""],
            ["wang", "王五", county.sfj.name, "联络员", "", ""],
            ["admin", "重复", county.sfj.name, "联络员", "", ""],
            ["zhao", "赵六", "没有的单位", "联络员", "", ""],
            ["qian", "钱七", county.sfj.name, "厨师", "", ""],
            ["sun", "孙八", county.sfj.name, "联络员", "", "not-an-email"]]
    result = run_import(users, workbook(rows, USER_HEADERS), actor=county.admin)
    assert [(e.row, e.column) for e in result.sorted_errors()] == [
        (3, "用户名"), (4, "用户名"), (5, "所属单位"), (6, "角色"), (7, "邮箱")], result.messages()
    assert not User.objects.filter(username="wang").exists()


@pytest.mark.django_db
def test_liaison_cannot_import_users(county, users):
    rows = [["wang", "王五", county.scj.name, "联络员", "", ""]]
    result = run_import(users, workbook(rows, USER_HEADERS), actor=county.liaison_scj)
    assert [(e.row, e.column) for e in result.errors] == [(2, "所属单位")]
    assert "法治办管理员" in result.errors[0].message


@pytest.mark.django_db
@pytest.mark.parametrize("chunk", [2, 3, 1000])
def test_trees_within_and_across_chunks_get_correct_paths(county, orgs, monkeypatch, chunk):
    from fazhi.core import ledgers_core

    monkeypatch.setattr(ledgers_core, "CHUNK", chunk)
    rows = [["L1", "", "其他", GOV, "640324", "", 0], ["L2", "", "其他", "L1", "640324", "", 0],
            ["S1", "", "其他", GOV, "640324", "", 0], ["L3", "", "其他", "L2", "640324", "", 0],
            ["L2b", "", "其他", "L1", "640324", "", 0], ["L4", "", "其他", "L3", "640324", "", 0],
            ["S2", "", "其他", "S1", "640324", "", 0]]
    result = run_import(orgs, workbook(rows), actor=county.admin)
    assert result.committed, result.messages()
    by = {o.name: o for o in Organization.objects.filter(name__in=[r[0] for r in rows])}
    for name, _short, _kind, parent, *_ in rows:
        org = by[name]
        expected_parent = county.gov if parent == GOV else by[parent]
        assert org.parent_id == expected_parent.pk
        assert org.path == f"{expected_parent.path}{org.pk}/"
    assert result.created == 7


@pytest.mark.django_db
def test_child_of_a_bad_row_says_so(county, orgs):
    rows = [["甲局", "", "村", GOV, "640324", BAD_USCC, ""], ["甲局一所", "", "村", "甲局", "640324", "", ""]]
    result = run_import(orgs, workbook(rows), actor=county.admin)
    assert result.messages() == ["第2行 “统一社会信用代码”：校验位错误。", "第3行 “上级单位”：上级单位“甲局”（第2行）有错误。"]

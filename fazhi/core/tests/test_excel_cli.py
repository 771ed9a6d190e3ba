"""`fazhi ledgers / template / import / export`: output, scoping with --as, exit code 2 on invalid input."""
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.models import AuditEvent, Organization
from fazhi.core.tests.excel_helpers import read_back, workbook

GOV = "同心县人民政府"


def save(buf, path):
    path.write_bytes(buf.getvalue())
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_ledgers_lists_core_ledgers():
    out, _ = run("ledgers")
    assert "organizations\t单位\t单位名称*" in out and "users\t用户" in out


def test_template_writes_a_file(tmp_path):
    out, _ = run("template", "users", "-o", str(tmp_path / "u.xlsx"))
    assert "已生成" in out
    wb = openpyxl.load_workbook(tmp_path / "u.xlsx")
    assert [c.value for c in wb.worksheets[0][2]] == ["用户名", "姓名", "所属单位", "角色", "联系电话", "邮箱"]


def test_unknown_ledger_exits_2():
    with pytest.raises(CommandError) as exc:
        run("template", "nope")
    assert exc.value.returncode == 2 and "没有名为“nope”的台账" in str(exc.value)


@pytest.mark.django_db
def test_import_dry_run_then_commit_as_user(county, tmp_path):
    path = save(workbook([["甲局", "", "政府部门/单位", county.scj.name, "640324", "", 1]]), tmp_path / "a.xlsx")
    out, _ = run("import", "organizations", path, "--dry-run", "--as", "liaison_scj")
    assert "校验通过" in out and not Organization.objects.filter(name="甲局").exists()
    out, _ = run("import", "organizations", path, "--as", "liaison_scj")
    assert "导入成功" in out and Organization.objects.get(name="甲局").parent == county.scj
    assert AuditEvent.objects.get(action="core.import.commit").actor == county.liaison_scj


@pytest.mark.django_db
def test_import_with_errors_exits_2_and_prints_chinese_errors(county, tmp_path):
    rows = [[f"单位{i}", "", "村", GOV, "640324", "", i] for i in range(10)]
    rows[3][5] = "91640324MA7600001A"
    path = save(workbook(rows), tmp_path / "bad.xlsx")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import", "organizations", path, stdout=out, stderr=err)
    assert exc.value.returncode == 2
    assert "第5行 “统一社会信用代码”：校验位错误。" in err.getvalue()
    assert "未保存任何数据" in str(exc.value)
    assert not Organization.objects.filter(name__startswith="单位").exists()


@pytest.mark.django_db
def test_import_not_xlsx_missing_file_unknown_user_and_leader_exit_2(county, tmp_path):
    txt = tmp_path / "x.xlsx"
    txt.write_text("not a workbook")
    path = save(workbook([["甲局", "", "村", county.scj.name, "640324", "", 1]]), tmp_path / "a.xlsx")
    for args in (("import", "organizations", str(txt)),
                 ("import", "organizations", str(tmp_path / "missing.xlsx")),
                 ("import", "organizations", path, "--as", "nobody"),
                 ("import", "organizations", path, "--as", "leader")):
        with pytest.raises(CommandError) as exc:
            run(*args)
        assert exc.value.returncode == 2, args
    assert not Organization.objects.filter(name="甲局").exists()


@pytest.mark.django_db
def test_export_as_user_is_scoped(county, tmp_path):
    path = tmp_path / "e.xlsx"
    out, _ = run("export", "organizations", "-o", str(path), "--as", "liaison_scj")
    assert "导出“单位”2条" in out
    assert [r[0] for r in read_back(io.BytesIO(path.read_bytes()))[1:]] == [county.scj.name, county.suo.name]

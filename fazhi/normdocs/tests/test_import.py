"""Corpus import: from a folder (all-or-nothing, errors by file/line/column) and through the Excel ledger."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.ledgers import get_ledger, run_import
from fazhi.normdocs import services as sv
from fazhi.normdocs.models import CorpusDoc
from fazhi.lib import xlsx

pytestmark = pytest.mark.django_db


def _campaign(county):
    return sv.campaign_create(actor=None, organization=county.gov, year=2021, title="2021年清理")


def test_folder_import_all_or_nothing(county, tmp_path):
    _campaign(county)
    (tmp_path / "a.txt").write_text("标题：关于加强市场管理的通知\n制定机关：同心县工商局\n发文字号：同工商发〔2012〕3号\n"
                                    "印发日期：2012年3月5日\n\n正文第一段。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("标题：关于印发某办法的通知\n制定机关：同心县人民政府\n发文字号：同政发2015-1\n"
                                    "印发日期：2015-06-01\n\n正文。", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError) as exc:
        call_command("normdocs_import_folder", "2021年清理", str(tmp_path))
    msg = str(exc.value)
    assert "文件 c.pdf：只支持" in msg
    (tmp_path / "c.pdf").unlink()
    with pytest.raises(CommandError) as exc:
        call_command("normdocs_import_folder", "2021年清理", str(tmp_path))
    assert "文件 b.txt “发文字号”：发文字号格式" in str(exc.value)
    assert CorpusDoc.objects.count() == 0
    (tmp_path / "b.txt").write_text("标题：关于印发某办法的通知\n制定机关：同心县人民政府\n发文字号：同政发〔2015〕1号\n"
                                    "印发日期：2015-06-01\n\n正文。", encoding="utf-8")
    out = io.StringIO()
    call_command("normdocs_import_folder", "2021年清理", str(tmp_path), stdout=out)
    assert "已导入：2 件" in out.getvalue()
    d = CorpusDoc.objects.get(doc_number="同工商发〔2012〕3号")
    assert d.issued_on.isoformat() == "2012-03-05" and d.text == "正文第一段。" and d.fingerprint is not None


def test_excel_ledger_import_errors_by_row_and_column(county, tmp_path):
    _campaign(county)
    ledger = get_ledger("normdocs_corpus")
    path = tmp_path / "corpus.xlsx"
    rows = [["2021年清理", "关于A的通知", "同心县人民政府", "同政发〔2015〕1号", "2015-03-01", "", "是", "正文", "", "", ""],
            ["2021年清理", "关于B的通知", "同心县人民政府", "bad", "2015-03-01", "", "是", "正文", "", "", ""],
            ["不存在的清理", "关于C的通知", "同心县人民政府", "", "1970-01-01", "", "是", "正文", "", "", ""]]
    xlsx.write_rows(path, sheet_title=ledger.sheet_title, columns=[c.spec() for c in ledger.columns], rows=rows)
    result = run_import(ledger, path, actor=county.admin)
    msgs = "\n".join(result.messages())
    assert not result.committed and CorpusDoc.objects.count() == 0
    assert "发文字号" in msgs and "清理工作" in msgs
    rows = rows[:1]
    xlsx.write_rows(path, sheet_title=ledger.sheet_title, columns=[c.spec() for c in ledger.columns], rows=rows)
    result = run_import(ledger, path, actor=county.admin)
    assert result.committed and CorpusDoc.objects.count() == 1


def test_catalog_command_refuses_bad_file(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("foo\n1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="法律目录未更新"):
        call_command("normdocs_catalog", str(bad), "--out", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()

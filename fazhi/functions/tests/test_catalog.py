"""政务服务事项: the 四级四同 check finds every mismatch seeded in a test catalog; the upper catalog's
Excel import is all-or-nothing with row/column errors; the online-available rate."""
import io

import pytest
from openpyxl import Workbook

from fazhi.core.indicators import get_indicator, org_scope
from fazhi.core.ledgers import get_ledger, run_export, run_import
from fazhi.functions import selectors as sel
from fazhi.functions import services as sv
from fazhi.functions.models import ServiceItem, UpperServiceItem

pytestmark = pytest.mark.django_db

BASE = dict(name="食品经营许可", item_type="license", department="县级市场监督管理部门", agency="同心县市场监督管理局",
            basis="《食品安全法》第三十五条")


def _xlsx(header, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _catalog(county):
    """Ten items: four consistent, one mismatch per element (five), one code the upper level lacks;
    plus one retired item (never listed) and one upper item nobody claimed."""
    mismatches = {"name": "食品经营许可（新办）", "item_type": "confirmation", "department": "自治区市场监督管理厅",
                  "agency": "县级市场监管部门", "basis": "《食品经营许可管理办法》"}
    expected = {}
    for i in range(4):
        code = f"XK0000{i}000"
        sv.upper_item_create(actor=None, organization=county.scj, item_code=code, **BASE)
        sv.service_item_create(actor=None, organization=county.scj, item_code=code, online=i % 2 == 0,
                               depth="full" if i % 2 == 0 else "none", **BASE)
    for j, (field, upper_value) in enumerate(mismatches.items()):
        code = f"XK0010{j}000"
        sv.upper_item_create(actor=None, organization=county.scj, item_code=code, **{**BASE, field: upper_value})
        sv.service_item_create(actor=None, organization=county.scj, item_code=code, **BASE)
        expected[code] = {field}
    sv.service_item_create(actor=None, organization=county.scj, item_code="XK09999000", **BASE)
    expected["XK09999000"] = {"item_code"}
    sv.service_item_create(actor=None, organization=county.scj, item_code="XK08888000", in_force=False,
                           **{**BASE, "name": "已停用事项"})
    sv.upper_item_create(actor=None, organization=county.scj, item_code="GG00001000", **{**BASE, "name": "未认领"})
    return expected


def test_check_finds_every_seeded_mismatch(county):
    expected = _catalog(county)
    rows = sel.consistency_check(ServiceItem.objects.all())
    found = {r["item"].item_code: {d["field"] for d in r["diffs"]} for r in rows}
    assert found == expected
    # The differing values are both shown.
    by_code = {r["item"].item_code: r for r in rows}
    diff = by_code["XK00101000"]["diffs"][0]
    assert diff == {"field": "item_type", "label": "事项类型", "local": "行政许可", "upper": "行政确认"}
    assert by_code["XK09999000"]["upper"] is None
    # The figure counts only the consistent in-force items (4 of 10 in force).
    orgs = org_scope(county.gov)
    ind = get_indicator("functions.service_items_consistent")
    assert ind.compute(orgs, *_year()) == 4
    rate = get_indicator("functions.online_service_rate")
    assert float(rate.compute(orgs, *_year())) == 20.0          # 2 online of 10 in force


def _year():
    import datetime
    return datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)


def test_consistency_page_lists_the_differences(county, login):
    _catalog(county)
    page = login(county.liaison_scj).get("/functions/services/check/").content.decode()
    assert "XK00102000" in page and "自治区市场监督管理厅" in page and "上级目录无此编码" in page
    assert "XK00000000" not in page and "已停用事项" not in page
    # Another department sees none of them.
    assert "XK00102000" not in login(county.liaison_sfj).get("/functions/services/check/").content.decode()


def test_upper_catalog_import_all_or_nothing(county):
    ledger = get_ledger("functions_upper")
    header = [c.header for c in ledger.columns]
    good = ["XK00001000", "食品经营许可", "行政许可", "县级市场监督管理部门", "同心县市场监督管理局", "《食品安全法》", "主项",
            "2021版", "同心县市场监督管理局"]
    bad_type = ["XK00002000", "药品经营许可", "行政审批", "县级市场监督管理部门", "同心县市场监督管理局", "《药品管理法》",
                "主项", "2021版", "同心县市场监督管理局"]
    missing_basis = ["XK00003000", "特种设备使用登记", "其他行政权力", "县级市场监督管理部门", "同心县市场监督管理局", None,
                     "主项", "2021版", "同心县市场监督管理局"]
    result = run_import(ledger, _xlsx(header, [good, bad_type, missing_basis]), actor=county.liaison_scj)
    messages = result.messages()
    assert not result.committed
    assert any(m.startswith("第3行 “事项类型”") and "不是可选值" in m for m in messages), messages
    assert any(m.startswith("第4行 “设定和实施依据”") for m in messages), messages
    assert UpperServiceItem.objects.count() == 0
    # Duplicates within the file are caught too.
    result = run_import(ledger, _xlsx(header, [good, good]), actor=county.liaison_scj)
    assert not result.committed and any("第3行" in m and "XK00001000" in m for m in result.messages())
    assert UpperServiceItem.objects.count() == 0
    result = run_import(ledger, _xlsx(header, [good]), actor=county.liaison_scj)
    assert result.committed and UpperServiceItem.objects.count() == 1
    out = io.BytesIO()
    assert run_export(ledger, out, actor=county.liaison_scj) == 1


def test_local_catalog_import_with_hierarchy(county):
    ledger = get_ledger("functions_services")
    header = [c.header for c in ledger.columns]
    main = ["XK00001000", "食品经营许可", "行政许可", "县级市场监督管理部门", "同心县市场监督管理局", "《食品安全法》", "主项",
            None, "是", "四级：全程网办（零跑动）", "是", 10, "同心县市场监督管理局"]
    sub = ["XK00001001", "食品经营许可（新办）", "行政许可", "县级市场监督管理部门", "同心县市场监督管理局", "《食品安全法》",
           "子项", "XK00001000", "否", None, "是", 10, "同心县市场监督管理局"]
    orphan = [*sub[:7], None, *sub[8:]]
    orphan[0] = "XK00001002"
    result = run_import(ledger, _xlsx(header, [main, sub, orphan]), actor=county.liaison_scj)
    assert not result.committed and any("第4行" in m and "上级事项" in m for m in result.messages()), result.messages()
    assert ServiceItem.objects.count() == 0
    result = run_import(ledger, _xlsx(header, [main, sub]), actor=county.liaison_scj)
    assert result.committed, result.messages()
    assert ServiceItem.objects.get(item_code="XK00001001").parent.item_code == "XK00001000"

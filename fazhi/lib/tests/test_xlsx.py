"""fazhi.lib.xlsx: cell normalization, the streaming reader's tolerance and refusals, the writers."""
import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from fazhi.lib import xlsx
from fazhi.lib.xlsx import CellError, ColumnSpec, XlsxFileError, XlsxReader


def book(rows, *, title_rows=(), sheet="数据", extra_sheets=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in title_rows:
        ws.append(r)
    for r in rows:
        ws.append(r)
    for name, srows in extra_sheets:
        s = wb.create_sheet(name)
        for r in srows:
            s.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


@pytest.mark.parametrize("raw", [
    "2021/3/5", "2021-03-05", "2021年3月5日", "2021.3.5", "20210305", "２０２１年３月５日", " 2021 - 3 - 5 ",
    44260, 44260.0, "44260", datetime.date(2021, 3, 5), datetime.datetime(2021, 3, 5, 14, 30),
])
def test_parse_date_accepts_county_formats(raw):
    assert xlsx.parse_date(raw) == datetime.date(2021, 3, 5)


@pytest.mark.parametrize("raw", ["2021/2/30", "三月五日", "2021-13-01", "1800-01-01", True, -5])
def test_parse_date_rejects_with_chinese_message(raw):
    with pytest.raises(CellError) as exc:
        xlsx.parse_date(raw)
    assert "日期" in str(exc.value)


def test_parse_date_blank_is_none():
    assert xlsx.parse_date(None) is None
    assert xlsx.parse_date("  　") is None


def test_parse_int_and_decimal():
    assert xlsx.parse_int("１２") == 12
    assert xlsx.parse_int("1,234") == 1234
    assert xlsx.parse_int(12.0) == 12
    assert xlsx.parse_int("12.0") == 12
    assert xlsx.parse_int("") is None
    with pytest.raises(CellError, match="整数"):
        xlsx.parse_int("12.5")
    with pytest.raises(CellError, match="不能小于0"):
        xlsx.parse_int(-1, min_value=0)
    assert xlsx.parse_decimal("１，２３４.５０") == Decimal("1234.50")
    assert xlsx.parse_decimal(0.1) == Decimal("0.1")
    with pytest.raises(CellError, match="小数"):
        xlsx.parse_decimal("1.234", places=2)
    with pytest.raises(CellError, match="数字"):
        xlsx.parse_decimal("abc")


def test_clean_text_and_code():
    assert xlsx.clean_text("  同心县　司法局 \n") == "同心县 司法局"
    assert xlsx.clean_text(13800000000.0) == "13800000000"
    assert xlsx.clean_text(None) == ""
    assert xlsx.clean_code("９１６４ ０３２４") == "91640324"
    assert xlsx.clean_header(" 单位 名称* ") == "单位名称"
    assert xlsx.split_multi("联络员、执法人员，领导\n法律顾问") == ["联络员", "执法人员", "领导", "法律顾问"]


def test_reader_finds_header_below_title_and_skips_blank_rows():
    buf = book(
        [["  名 称 ", "日期", "备注"], ["甲", "2021/3/5", None], [None, None, None], ["乙", 44260, "x"], [None], [None, "  "]],
        title_rows=[["同心县2021年台账"], []],
    )
    with XlsxReader(buf, headers=["名称", "日期"], required=["名称"]) as reader:
        rows = list(reader.rows())
        assert reader.header_row == 3
        assert reader.ignored_headers == ["备注"]
    assert [(r.number, r.values["名称"]) for r in rows] == [(4, "甲"), (6, "乙")]
    assert rows[1].values["日期"] == 44260


def test_reader_picks_the_sheet_with_the_headers():
    buf = book([["说明文字"]], extra_sheets=[("台账", [["名称"], ["甲"]])])
    with XlsxReader(buf, headers=["名称"], required=["名称"]) as reader:
        assert reader.sheet_title == "台账"
        assert [r.values["名称"] for r in reader.rows()] == ["甲"]


def test_reader_missing_required_column_named_in_chinese():
    buf = book([["名称", "备注"], ["甲", "x"]])
    with pytest.raises(XlsxFileError, match="缺少必填列：日期"):
        XlsxReader(buf, headers=["名称", "日期"], required=["名称", "日期"])


def test_reader_no_header_at_all():
    buf = book([["a", "b"], [1, 2]])
    with pytest.raises(XlsxFileError, match="未找到表头"):
        XlsxReader(buf, headers=["名称"], required=["名称"])


def test_reader_duplicate_header():
    buf = book([["名称", "名称 "], ["甲", "乙"]])
    with pytest.raises(XlsxFileError, match="表头重复"):
        XlsxReader(buf, headers=["名称"], required=["名称"])


@pytest.mark.parametrize("content", [b"", b"name,date\n1,2\n", b"PK\x03\x04 broken", "单位名称".encode("gbk")])
def test_not_an_xlsx_is_refused_in_chinese(content):
    with pytest.raises(XlsxFileError) as exc:
        XlsxReader(io.BytesIO(content), headers=["名称"], required=["名称"])
    assert any(w in str(exc.value) for w in ("不是Excel", "为空", "损坏"))


def test_zip_that_is_not_a_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(XlsxFileError, match="没有工作表"):
        XlsxReader(buf, headers=["名称"], required=["名称"])


def test_size_and_row_limits():
    buf = book([["名称"]] + [[f"单位{i}"] for i in range(10)])
    with pytest.raises(XlsxFileError, match="文件过大"):
        XlsxReader(buf, headers=["名称"], required=["名称"], max_bytes=100)
    with XlsxReader(buf, headers=["名称"], required=["名称"], max_rows=5) as reader:
        with pytest.raises(XlsxFileError, match="超过上限（5行）"):
            list(reader.rows())


def _rewrite(buf: io.BytesIO, replace: dict[str, bytes]) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, data)
    out.seek(0)
    return out


def test_xml_bomb_is_refused():
    buf = book([["名称"], ["甲"]])
    with zipfile.ZipFile(buf) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    bomb = (b'<?xml version="1.0"?>\n<!-- padding -->\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n' + sheet.split(b"?>", 1)[-1])
    buf.seek(0)
    evil = _rewrite(buf, {"xl/worksheets/sheet1.xml": bomb})
    with pytest.raises(XlsxFileError, match="不安全的XML"):
        XlsxReader(evil, headers=["名称"], required=["名称"])


def test_formula_cells_read_cached_values_and_refuse_missing_ones():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["名称", "排序"])
    ws.append(["甲", "=1+1"])  # openpyxl writes a formula without a cached value
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    with XlsxReader(buf, headers=["名称", "排序"], required=["名称"]) as reader:
        rows = list(reader.rows())
    with pytest.raises(CellError, match="公式"):
        xlsx.parse_int(rows[0].values["排序"])
    # A formula with a cached value (as Excel saves it) reads as the value.
    buf.seek(0)
    with zipfile.ZipFile(buf) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    assert b"<f>1+1</f><v></v>" in sheet or b"<f>1+1</f><v/>" in sheet
    sheet = sheet.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>").replace(b"<f>1+1</f><v/>", b"<f>1+1</f><v>2</v>")
    buf.seek(0)
    cached = _rewrite(buf, {"xl/worksheets/sheet1.xml": sheet})
    with XlsxReader(cached, headers=["名称", "排序"], required=["名称"]) as reader:
        assert xlsx.parse_int(next(reader.rows()).values["排序"]) == 2


def test_template_has_headers_validation_example_and_notes():
    buf = io.BytesIO()
    cols = [ColumnSpec("名称", required=True, example="甲", help="全称"),
            ColumnSpec("类别", choices=["政府部门/单位", "村"], example="村"),
            ColumnSpec("日期", example=datetime.date(2021, 3, 5), number_format="yyyy-mm-dd")]
    xlsx.write_template(buf, title="测试模板", sheet_title="测试", columns=cols, notes=["说明一"])
    buf.seek(0)
    wb = openpyxl.load_workbook(buf)
    ws = wb["测试"]
    assert [c.value for c in ws[2]] == ["名称", "类别", "日期"]
    assert [c.value for c in ws[3]][:2] == ["甲", "村"]
    dvs = ws.data_validations.dataValidation
    assert len(dvs) == 1 and dvs[0].type == "list" and "选项" in dvs[0].formula1
    assert [wb["选项"].cell(row=r, column=2).value for r in (1, 2)] == ["政府部门/单位", "村"]
    assert wb["选项"].sheet_state == "hidden"
    notes = wb[xlsx.NOTES_SHEET]
    assert [c.value for c in notes[2]][:3] == ["名称", "必填", "全称"]
    assert wb.sheetnames[:2] == ["测试", xlsx.NOTES_SHEET]


def test_write_rows_streams_and_keeps_formula_like_text_as_text():
    buf = io.BytesIO()
    cols = [ColumnSpec("名称"), ColumnSpec("日期"), ColumnSpec("金额")]
    n = xlsx.write_rows(buf, sheet_title="导出", columns=cols,
                        rows=iter([["=HYPERLINK(\"http://x\")", datetime.date(2021, 3, 5), Decimal("1.50")]]))
    assert n == 1
    buf.seek(0)
    with XlsxReader(buf, headers=["名称", "日期", "金额"], required=["名称"]) as reader:
        row = next(reader.rows()).values
    assert row["名称"] == "=HYPERLINK(\"http://x\")"
    assert xlsx.parse_date(row["日期"]) == datetime.date(2021, 3, 5)
    assert xlsx.parse_decimal(row["金额"]) == Decimal("1.5")


def test_exported_ledger_prints_landscape_one_page_wide_with_repeated_header(tmp_path):
    import openpyxl

    from fazhi.lib.xlsx import ColumnSpec, write_rows

    path = tmp_path / "ledger.xlsx"
    cols = [ColumnSpec(header=f"列{i}", width=14) for i in range(12)]
    write_rows(path, sheet_title="台账", columns=cols, rows=[[str(i)] * 12 for i in range(300)])
    ws = openpyxl.load_workbook(path).active
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1"

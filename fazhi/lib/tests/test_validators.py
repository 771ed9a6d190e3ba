"""Valid and invalid values for each shared validator (issue: foundation §8)."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from fazhi.lib.validators import (
    validate_case_number,
    validate_credit_code,
    validate_doc_number,
    validate_id_number,
    validate_region_code,
)


@pytest.mark.parametrize("value, expected", [
    ("640324198503120016", "640324198503120016"),
    ("11010519491231002x", "11010519491231002X"),          # lower-case x
    ("６４０３２４１９８５０３１２００１６", "640324198503120016"),  # full-width, as typed in Excel
    (" 11010519491231002X ", "11010519491231002X"),
])
def test_id_number_valid(value, expected):
    assert validate_id_number(value) == expected


@pytest.mark.parametrize("value, code", [
    ("640324198503120017", "id_checksum"),     # wrong check digit
    ("6403241985031200", "id_length"),         # 16 digits
    ("640324198513320011", "id_component"),    # month 13 (check digit right)
    ("640324198502300015", "id_component"),    # 30 February (check digit right)
    ("ABCDEFGHIJKLMNOPQR", "id_format"),
])
def test_id_number_invalid(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_id_number(value)
    assert exc.value.code == code
    assert "身份证号" in exc.value.messages[0]


def test_id_number_future_birth_date_rejected():
    from stdnum.cn import ric

    future = datetime.date.today() + datetime.timedelta(days=400)
    base = "640324" + future.strftime("%Y%m%d") + "001"
    with pytest.raises(ValidationError) as exc:
        validate_id_number(base + ric.calc_check_digit(base + "0"))
    assert exc.value.code in ("id_future", "id_component")


@pytest.mark.parametrize("value", ["11640324MB00000015", "91640300MA76A1B2C4", "", "９１６４０３００ＭＡ７６Ａ１Ｂ２Ｃ４"])
def test_credit_code_valid(value):
    validate_credit_code(value)


@pytest.mark.parametrize("value, code", [
    ("11640324MB00000016", "uscc_checksum"),
    ("11640324MB0000001", "uscc_length"),
    ("11640324MB0000001I", "uscc_format"),   # I is not in the GB 32100 alphabet
])
def test_credit_code_invalid(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(value)
    assert exc.value.code == code
    assert "统一社会信用代码" in exc.value.messages[0]


@pytest.mark.parametrize("value, agency, year, seq", [
    ("同政办发〔2021〕12号", "同政办发", 2021, 12),
    ("同政发[2020]3号", "同政发", 2020, 3),
    ("同司发【2021】105号", "同司发", 2021, 105),
    ("宁政办规发（2021）１号", "宁政办规发", 2021, 1),
])
def test_doc_number_valid(value, agency, year, seq):
    parsed = validate_doc_number(value)
    assert (parsed["agency"], parsed["year"], parsed["seq"]) == (agency, year, seq)
    assert "〔" in parsed["value"] and parsed["value"].endswith("号")


@pytest.mark.parametrize("value", ["同政办发2021年12号", "〔2021〕12号", "同政办发〔21〕12号", "同政办发〔2021〕012号", "同政办发〔1900〕1号", ""])
def test_doc_number_invalid(value):
    with pytest.raises(ValidationError) as exc:
        validate_doc_number(value)
    assert "发文字号" in exc.value.messages[0]


@pytest.mark.parametrize("value, kind, court", [
    ("(2021)宁0324行初12号", "行初", "宁0324"),
    ("（2021）宁03行终5号", "行终", "宁03"),
    ("(2020)宁0324民初1035号", "民初", "宁0324"),
    ("(2021)宁0324执保3号", "执保", "宁0324"),
])
def test_case_number_valid(value, kind, court):
    parsed = validate_case_number(value)
    assert parsed["kind"] == kind and parsed["court"] == court
    assert parsed["value"].startswith("(")


@pytest.mark.parametrize("value", ["2021宁0324行初12号", "(2021)0324行初12号", "(2021)宁0324行初号", "(2021)宁0324行初12", "(1800)宁0324行初1号"])
def test_case_number_invalid(value):
    with pytest.raises(ValidationError) as exc:
        validate_case_number(value)
    assert "案号" in exc.value.messages[0]


@pytest.mark.parametrize("value", ["64", "6403", "640324", "640324100", "640324100201"])
def test_region_code_valid(value):
    assert validate_region_code(value) == value


@pytest.mark.parametrize("value", ["6", "64032", "6403241", "64032410020", "abc"])
def test_region_code_invalid(value):
    with pytest.raises(ValidationError):
        validate_region_code(value)

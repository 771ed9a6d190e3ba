import pytest

from fazhi.lib.masking import mask_address, mask_id_number, mask_name, mask_phone, mask_text


@pytest.mark.parametrize("name, masked", [("张三", "张某"), ("马文斌", "马某"), ("欧阳修文", "欧阳某"), ("", ""), (" 李 ", "李某")])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_mask_id_number_hides_birth_date_and_sequence():
    assert mask_id_number("640324198503120016") == "640324************"


def test_mask_phone():
    assert mask_phone("13995312345") == "139****2345"


@pytest.mark.parametrize("addr, masked", [
    ("宁夏同心县豫海镇东关村三组12号", "宁夏同心县豫海镇***"),
    ("同心县韦州镇", "同心县韦州镇***"),
    ("某地某处", "***"),
])
def test_mask_address(addr, masked):
    assert mask_address(addr) == masked


def test_mask_text_finds_ids_and_phones_in_prose():
    text = "当事人马某（身份证号640324198503120016，电话13995312345）"
    out = mask_text(text)
    assert "198503120016" not in out and "13995312345" not in out
    assert "640324************" in out and "139****2345" in out

"""Shared validators for Chinese identifiers. Each raises django ValidationError with a Chinese message.

- 身份证号 (GB 11643-1999): python-stdnum ``cn.ric`` (check digit + birth date) and the province prefix.
- 统一社会信用代码 (GB 32100-2015): python-stdnum ``cn.uscc``.
- 发文字号 (GB/T 9704-2012 §7.2.4): 机关代字〔年份〕序号号, e.g. 同政办发〔2021〕12号.
- 法院案号 (最高人民法院《关于人民法院案件案号的若干规定》): (2021)宁0324行初12号.
"""
from __future__ import annotations

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

def normalize_ascii(value: str) -> str:
    """Full-width digits, letters and spaces to ASCII (NFKC), all spaces removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


_PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)


def validate_id_number(value: str) -> str:
    """身份证号: 18 characters, GB 11643 check digit, a real birth date not in the future.

    The check digit and birth date come from python-stdnum (``cn.ric``). Its place-of-birth table
    does not know every current county code (it rejects 同心县 640324), so only the province
    prefix is checked here: residents registered under a newer county code must not be refused.
    """
    v = normalize_ascii(value).upper()
    if len(v) != 18:
        raise ValidationError("身份证号应为18位。", code="id_length")
    if not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        raise ValidationError("身份证号格式不正确：前17位应为数字，末位为数字或X。", code="id_format")
    if ric.calc_check_digit(v) != v[17]:
        raise ValidationError("身份证号校验码错误。", code="id_checksum")
    if v[:2] not in _PROVINCE_PREFIXES:
        raise ValidationError("身份证号中的地区码无效。", code="id_component")
    try:
        birth = ric.get_birth_date(v)
    except StdnumError as exc:
        raise ValidationError("身份证号中的出生日期无效。", code="id_component") from exc
    if birth > datetime.date.today():
        raise ValidationError("身份证号中的出生日期晚于今天。", code="id_future")
    return v


def validate_credit_code(value: str) -> str:
    """统一社会信用代码: 18 characters, GB 32100 check character."""
    v = normalize_ascii(value).upper()
    if not v:
        return v
    if len(v) != 18:
        raise ValidationError("统一社会信用代码应为18位。", code="uscc_length")
    try:
        uscc.validate(v)
    except StdnumError as exc:
        if type(exc).__name__ == "InvalidChecksum":
            raise ValidationError("统一社会信用代码校验位错误。", code="uscc_checksum") from exc
        raise ValidationError("统一社会信用代码含有无效字符。", code="uscc_format") from exc
    # GB 32100—2015 第4章: 1st character the registration authority (1–9, A, N, Y), characters 3–8 the
    # registering authority's region code (six digits, not 000000). stdnum checks only the check character,
    # so e.g. 000000000000000000 passed.
    if v[0] not in USCC_AUTHORITIES or not v[2:8].isdigit() or v[2:8] == "000000":
        raise ValidationError("统一社会信用代码的登记管理部门代码或行政区划码无效（GB 32100—2015）。", code="uscc_format")
    return v


USCC_AUTHORITIES = set("123456789ANY")


DOC_NUMBER_RE = re.compile(r"^(?P<agency>[\u4e00-\u9fff]{1,20})〔(?P<year>\d{4})〕(?P<seq>[1-9]\d{0,4})号$")


def validate_doc_number(value: str) -> dict:
    """发文字号 机关代字〔年份〕序号号. Accepts [ ] or 【】 or () typed for 〔〕 and normalizes them."""
    v = normalize_ascii(value)
    v = re.sub(r"^(.*?)[\[【(（]\s*(\d{4})\s*[\]】)）]", r"\1〔\2〕", v)
    m = DOC_NUMBER_RE.match(v)
    if not m:
        raise ValidationError("发文字号格式应为：机关代字〔年份〕序号号，如“同政办发〔2021〕12号”。", code="doc_number")
    year = int(m["year"])
    if not 1949 <= year <= datetime.date.today().year + 1:
        raise ValidationError("发文字号中的年份不合理。", code="doc_number_year")
    return {"value": v, "agency": m["agency"], "year": year, "seq": int(m["seq"])}


# 案件类型代字 (行初, 行终, 民初, 刑初, 执 …): Chinese characters after the court code.
CASE_NUMBER_RE = re.compile(
    r"^[（(](?P<year>\d{4})[）)](?P<court>[\u4e00-\u9fff])(?P<court_code>\d{2,6})(?P<kind>[\u4e00-\u9fff]{1,6})(?P<seq>[1-9]\d{0,5})号$"
)


def validate_case_number(value: str) -> dict:
    """法院案号, e.g. (2021)宁0324行初12号 — （收案年度）+法院代字+类型代字+案件编号+号."""
    v = normalize_ascii(value)
    m = CASE_NUMBER_RE.match(v)
    if not m:
        raise ValidationError("法院案号格式应为：(年度)法院代字+类型代字+序号号，如“(2021)宁0324行初12号”。", code="case_number")
    year = int(m["year"])
    if not 1949 <= year <= datetime.date.today().year + 1:
        raise ValidationError("法院案号中的年度不合理。", code="case_number_year")
    normalized = f"({year}){m['court']}{m['court_code']}{m['kind']}{m['seq']}号"
    return {"value": normalized, "year": year, "court": m["court"] + m["court_code"], "kind": m["kind"], "seq": int(m["seq"])}


REGION_CODE_RE = re.compile(r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$")


def validate_region_code(value: str) -> str:
    """GB/T 2260 code (2/4/6 digits) or 统计用区划代码 for townships (9) and villages (12)."""
    v = normalize_ascii(value)
    if not REGION_CODE_RE.match(v):
        raise ValidationError("区划代码应为2、4、6、9或12位数字。", code="region_code")
    return v

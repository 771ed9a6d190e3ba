"""Masking of personal information for public pages (portal, 公示, 双公示 exports).

Rules follow common practice of 行政处罚决定公开 (国办发〔2018〕118号 and the sector rules, e.g.
市场监督管理行政处罚信息公示规定 art. 7): a natural person's name keeps the surname (张某);
a 身份证号 keeps only its first 6 digits (the region) and masks birth date and sequence; phone
numbers keep the first 3 and last 4 digits; addresses keep the county/township part only.
"""
from __future__ import annotations

import re

# Common two-character surnames (复姓); others use the first character.
_COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐",
)


def mask_name(name: str) -> str:
    """张三 → 张某; 欧阳修文 → 欧阳某; empty stays empty. Organizations are not names: don't pass them."""
    name = (name or "").strip()
    if not name:
        return ""
    for s in _COMPOUND_SURNAMES:
        if name.startswith(s) and len(name) > len(s):
            return s + "某"
    return name[0] + "某"


def mask_id_number(value: str) -> str:
    v = re.sub(r"\s", "", value or "")
    if len(v) < 7:
        return "*" * len(v)
    return v[:6] + "*" * (len(v) - 6)


def mask_phone(value: str) -> str:
    v = re.sub(r"\D", "", value or "")
    if len(v) < 7:
        return "*" * len(v)
    return v[:3] + "*" * (len(v) - 7) + v[-4:]


_ADDRESS_CUT = re.compile(r"^(.*?(?:县|区|市))(.*?(?:镇|乡|街道|管委会))?")


def mask_address(value: str) -> str:
    """Keep the administrative part (县/镇/乡); drop village, street, house number."""
    v = (value or "").strip()
    if not v:
        return ""
    m = _ADDRESS_CUT.match(v)
    if not m:
        return "***"
    kept = (m.group(1) or "") + (m.group(2) or "")
    return kept + "***"


_ID_IN_TEXT = re.compile(r"(?<![0-9])([1-8]\d{5})(\d{8})(\d{3}[\dXx])(?![0-9])")
_PHONE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9]\d)(\d{4})(\d{4})(?![0-9])")


def mask_text(text: str) -> str:
    """Mask 身份证号 and mobile numbers that appear inside free text."""
    text = _ID_IN_TEXT.sub(lambda m: m.group(1) + "*" * 12, text or "")
    return _PHONE_IN_TEXT.sub(lambda m: m.group(1) + "****" + m.group(3), text)

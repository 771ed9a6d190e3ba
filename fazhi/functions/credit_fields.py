"""The standard field sets of 双公示 records (ANCHORS.md §3.3 行政许可, §3.4 行政处罚).

These are the column names of the upload template (信用中国 / “宁夏+公示报送系统”), in Chinese
exactly as written there; the export writes exactly these columns in this order, and the import
reads them. ``REQUIRED`` lists the fields that must be filled: §3.4 marks the 处罚 ones as 必填 (seen
in public code); for 许可 the source marks none, so the required set below mirrors the 处罚 set
(subject, document number, content, date, authority, data source) [inferred].
"""
from __future__ import annotations

SUBJECT_CODES = ["统一社会信用代码", "工商注册号", "组织机构代码", "税务登记号", "事业单位证书号", "社会组织登记证号"]
SUBJECT_PERSON = ["法定代表人", "证件类型", "证件号码"]

LICENSE_FIELDS = [
    "行政相对人名称", "行政相对人类别", *SUBJECT_CODES, *SUBJECT_PERSON,
    "行政许可决定文书名称", "行政许可决定文书号", "许可类别", "许可证书名称", "许可编号", "许可内容", "许可决定日期",
    "有效期自", "有效期至",
    "许可机关", "许可机关统一社会信用代码", "当前状态", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
]
LICENSE_REQUIRED = ["行政相对人名称", "行政相对人类别", "行政许可决定文书名称", "行政许可决定文书号", "许可类别",
                    "许可内容", "许可决定日期", "有效期自", "许可机关", "许可机关统一社会信用代码", "当前状态",
                    "数据来源单位", "数据来源单位统一社会信用代码"]

PENALTY_FIELDS = [
    "行政相对人名称", "行政相对人类别", *SUBJECT_CODES, *SUBJECT_PERSON,
    "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额(万元)",
    "没收违法所得、没收非法财物的金额(万元)", "暂扣或吊销证照名称及编号", "处罚决定日期", "处罚有效期", "公示截止期",
    "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
]
PENALTY_REQUIRED = ["行政相对人名称", "行政相对人类别", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据",
                    "处罚类别", "处罚内容", "处罚决定日期", "处罚有效期", "处罚机关", "处罚机关统一社会信用代码",
                    "数据来源单位", "数据来源单位统一社会信用代码"]

DATE_FIELDS = {"许可决定日期", "有效期自", "有效期至", "处罚决定日期", "处罚有效期", "公示截止期"}
AMOUNT_FIELDS = {"罚款金额(万元)", "没收违法所得、没收非法财物的金额(万元)"}

# Per kind: (all fields, required, document-number field, decision-date field, authority field).
SPEC = {
    "license": (LICENSE_FIELDS, LICENSE_REQUIRED, "行政许可决定文书号", "许可决定日期", "许可机关"),
    "penalty": (PENALTY_FIELDS, PENALTY_REQUIRED, "行政处罚决定书文号", "处罚决定日期", "处罚机关"),
}
SUBJECT_CATEGORIES = ["法人及非法人组织", "自然人", "个体工商户"]
WARNING = "警告"


def fields_of(kind: str) -> list[str]:
    return SPEC[kind][0]


def is_warning_only(categories: str) -> bool:
    """处罚类别 is 警告 and nothing else (e.g. "警告", not "警告;罚款")."""
    parts = [p.strip() for p in str(categories or "").replace("；", ";").replace("、", ";").replace(",", ";").split(";")]
    parts = [p for p in parts if p]
    return bool(parts) and all(p == WARNING for p in parts)

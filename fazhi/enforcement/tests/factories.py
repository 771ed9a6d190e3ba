"""Building blocks for the enforcement tests (through the services, like the views do)."""
from __future__ import annotations

import datetime
import itertools

from stdnum.cn import ric

from fazhi.enforcement import services as sv

D = datetime.date
_seq = itertools.count(1)


def id_number(birth: str = "19850101", seq: int | None = None) -> str:
    body = f"640324{birth}{(seq if seq is not None else next(_seq)) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


ORG_PARTY = "91640324MA76XXXX0"  # body; check digit added below


def credit_code() -> str:
    from stdnum.cn import uscc
    body = "91640324MA76T5R8X"[:17]
    return body + uscc.calc_check_digit(body)


def body(org, actor=None, name="", kind="organ"):
    return sv.body_save(actor=actor, organization=org, name=name or f"{org.name}", kind=kind,
                        legal_basis="《中华人民共和国行政处罚法》第十八条")


def officer(org, actor=None, *, name="", unit="执法一中队", issued=D(2020, 1, 1), expires=D(2025, 12, 31),
            reviewer=False, qualified=False, status="active", first=None):
    n = next(_seq)
    return sv.officer_save(actor=actor, organization=org, name=name or f"执法员{n}", id_number=id_number(seq=n),
                           cert_no=f"64032400{n:05d}", field="市场监管", unit=unit, first_certified_on=first or issued,
                           issued_on=issued, expires_on=expires, status=status, training_hours=60,
                           is_legal_reviewer=reviewer, has_legal_qualification=qualified)


def item(org, actor=None, *, major=False, category="penalty", name="对销售过期食品的处罚"):
    b = body(org, actor)
    return sv.item_save(actor=actor, organization=org, name=name, category=category,
                        legal_basis="《中华人民共和国食品安全法》第一百二十四条", body=b, power_code="330217001000",
                        major_review=major)


def file_case(org, officers, actor=None, *, filed_on=D(2021, 9, 1), **kw):
    data = dict(organization=org, kind="penalty", title="销售过期食品案", undertaking_unit="执法一中队",
                party_type="organization", party_name="同心县某某商贸有限公司", party_credit_code=credit_code(),
                party_address="同心县豫海镇某街1号", facts="销售超过保质期的食品", violation_on=D(2021, 8, 20),
                filed_on=filed_on)
    data.update(kw)
    return sv.case_file(actor=actor, officers=officers, **data)


def to_examined(case, officers, actor=None, on=D(2021, 9, 3)):
    sv.case_investigate(actor=actor, case=case, on=on, officers=officers, document_number="询问笔录1")
    sv.case_examine(actor=actor, case=case, on=on, content="调查终结报告")
    return case


def to_heard(case, officers, actor=None, notified=D(2021, 9, 6), heard=D(2021, 9, 14)):
    to_examined(case, officers, actor)
    sv.case_notify(actor=actor, case=case, on=notified, proposed_penalty="罚款5000元", hearing_right=True,
                   officers=officers, document_number="告知书1")
    sv.case_hear(actor=actor, case=case, on=heard, kind="statement", content="当事人陈述申辩")
    return case


def credit_code_n(n: int) -> str:
    from stdnum.cn import uscc
    body = f"91640324MA76T5R{n:02d}"
    return body + uscc.calc_check_digit(body)

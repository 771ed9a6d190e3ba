"""Helpers for the module's tests: valid records made through the services."""
from __future__ import annotations

import datetime

from stdnum.cn import ric

from fazhi.legalservice import services
from fazhi.legalservice.choices import AidCaseType, Eligibility, NotifyingAuthority


def id_number(birth="19800101", seq="123", region="640324") -> str:
    base = f"{region}{birth}{seq}"
    return base + ric.calc_check_digit(base + "0")


def lawyer(org, actor=None, **kw):
    data = {"name": "马律师", "firm": "宁夏同心律师事务所", "license_no": kw.pop("license_no", "16403201510000001"),
            "years_practice": 5}
    data.update(kw)
    return services.lawyer_create(actor=actor, organization=org, **data)


def application(org, actor=None, received_on=datetime.date(2021, 9, 28), **kw):
    data = {"case_type": AidCaseType.CIVIL, "applicant_name": "马某某", "applicant_id_number": id_number(),
            "matter": "追索劳动报酬", "eligibility": Eligibility.HARDSHIP, "hardship_note": "低保户，经信息共享核查属实",
            "received_on": received_on}
    data.update(kw)
    return services.aid_application_receive(actor=actor, organization=org, **data)


def notice(org, actor=None, received_on=datetime.date(2021, 9, 29), **kw):
    data = {"notifying_authority": NotifyingAuthority.COURT, "applicant_name": "李某",
            "matter": "涉嫌盗窃罪", "received_on": received_on, "notice_number": "（2021）宁0324刑初1号"}
    data.update(kw)
    return services.aid_notice_receive(actor=actor, organization=org, **data)

"""The 2021 records of 同心县 behind section 一(七) and the dispute figures of 一(六) of the seed report.

Figures reproduced (figures.md): 行政复议 5 / 3 / 3 / 1 / 2 / 1; 负责人出庭应诉 34 / 100%; 人民调解
3890 / 1327 / 5830万元; 诉前调解 767 / 970万元 / 4 个派出法庭; 婚姻家庭纠纷调解室 265 / 697 人次;
公共法律服务中心调解 50; 劳动仲裁 25. Where the seed says "余" the number is used as written.

Everything goes through this module's services with ``actor=None``. The thousands of mediation records
use the bulk service (same checks per row, one audit event per room). Names of parties are
placeholders ("马某与李某"); the seed gives no individual cases. The seed gives no court names, so the
four 派出法庭 are numbered; no 一升两降 counts are invented (the seed gives none).
"""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from fazhi.core.models import Organization
from fazhi.demo.data import tongxin as data

from . import services as svc
from .choices import DisputeType, MediationStatus, RoomKind
from .models import MediationRoom, ReviewCase

YEAR = 2021
D = datetime.date
GOV = "同心县人民政府"
SFJ = "同心县司法局"
SURNAMES = ["马", "李", "杨", "王", "丁", "田", "金", "张", "海", "苏", "周", "虎"]
TYPES = [t for t in DisputeType.values if t != DisputeType.MARRIAGE]


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def _parties(i: int) -> str:
    return f"{SURNAMES[i % 12]}某与{SURNAMES[(i * 5 + 3) % 12]}某"


def _split(total_yuan: int, n: int) -> list[Decimal]:
    """``total_yuan`` split over ``n`` cases with varied, deterministic amounts (to the cent, exact sum)."""
    weights = [1 + (i * 7) % 10 for i in range(n)]
    total = total_yuan * 100
    wsum = sum(weights)
    cents = [total * w // wsum for w in weights]
    cents[-1] += total - sum(cents)
    return [Decimal(c) / 100 for c in cents]


def _rows(n: int, *, amount: int, complex_n: int = 0, first: datetime.date, types=None, mediator: str) -> list[dict]:
    last = D(YEAR, 12, 31)
    span = (D(YEAR, 12, 20) - first).days
    amounts = _split(amount, n)
    rows = []
    for i in range(n):
        received = first + datetime.timedelta(days=(i * 13) % span)
        closed = min(received + datetime.timedelta(days=1 + i % 20), last)
        rows.append({
            "dispute_type": (types or TYPES)[i % len(types or TYPES)],
            "parties": _parties(i), "mediator": mediator,
            "complex_case": bool(complex_n) and (i * 7919) % n < complex_n,
            "received_on": received, "status": MediationStatus.SUCCESS, "closed_on": closed,
            "agreement_form": "written" if i % 4 else "oral", "amount": amounts[i], "performed": True,
        })
    return rows


def _per_room(total: int, rooms: int) -> list[int]:
    base, extra = divmod(total, rooms)
    return [base + (1 if k < extra else 0) for k in range(rooms)]


def _mediation(sfj: Organization) -> None:
    # 人民调解: the township 人民调解委员会 (3890 disputes, 1327 complex, 5830万元).
    towns = [_org(t["org"]) for t in data.TOWNSHIPS]
    counts, complexes, amounts = _per_room(3890, len(towns)), _per_room(1327, len(towns)), _per_room(58_300_000, len(towns))
    for town, spec, n, c, amount in zip(towns, data.TOWNSHIPS, counts, complexes, amounts):
        room = svc.room_create(actor=None, organization=town, name=f"{spec['name']}人民调解委员会", kind=RoomKind.PEOPLE)
        svc.mediation_bulk_create(actor=None, room=room, note="示范县2021年人民调解台账",
                                  rows=_rows(n, amount=amount, complex_n=c, first=D(YEAR, 1, 4),
                                             mediator=f"{spec['name']}人民调解员"))
    # 诉前调解: rooms at the 4 派出法庭 of the county court (767 disputes, 970万元).
    counts, amounts = _per_room(767, 4), _per_room(9_700_000, 4)
    for k, (n, amount) in enumerate(zip(counts, amounts), start=1):
        room = svc.room_create(actor=None, organization=sfj, name=f"诉前调解室（派出法庭{k}）", kind=RoomKind.PRESUIT,
                               court=f"同心县人民法院派出法庭{k}", members="司法所指派专职调解员")
        svc.mediation_bulk_create(actor=None, room=room, note="示范县2021年诉前调解台账",
                                  rows=_rows(n, amount=amount, first=D(YEAR, 1, 4), mediator="专职调解员"))
    # 婚姻家庭纠纷人民调解室, founded in April 2021 (265 disputes, 697 consultations).
    room = svc.room_create(actor=None, organization=sfj, name="同心县婚姻家庭纠纷人民调解室", kind=RoomKind.MARRIAGE,
                           established_on=D(YEAR, 4, 1))
    svc.mediation_bulk_create(actor=None, room=room, note="示范县2021年婚姻家庭纠纷调解台账",
                              rows=_rows(265, amount=0, first=D(YEAR, 4, 1), types=[DisputeType.MARRIAGE],
                                         mediator="婚姻家庭调解员"))
    for month, people in zip(range(4, 13), [77] * 8 + [81]):
        svc.consultation_create(actor=None, room=room, on=D(YEAR, month, 28), people=people,
                                topic=f"{month}月婚姻家庭法律咨询（汇总）", answered_by="婚姻家庭调解员")
    # 公共法律服务中心调解室 (50余件 → 50).
    room = svc.room_create(actor=None, organization=sfj, name="同心县公共法律服务中心调解室", kind=RoomKind.PLSC)
    svc.mediation_bulk_create(actor=None, room=room, note="示范县2021年公共法律服务中心调解台账",
                              rows=_rows(50, amount=0, first=D(YEAR, 1, 4), mediator="中心调解员"))


def _reviews(office: Organization) -> None:
    """5 applications: 2 not accepted, 3 accepted with 前置调解; 1 mediated, 2 decided (1 撤销).

    The county government is the 复议机关, but the 司法局 as its 行政复议机构 handles the cases
    (行政复议法第四条), so they are kept by the 司法局: its reviewer sees and works them, and the
    county's figures still count them (the 司法局 is below the government)."""
    dept = {k: _org(n) for k, n in [("zrj", "同心县自然资源局"), ("scj", "同心县市场监督管理局"),
                                     ("rsj", "同心县人力资源和社会保障局"), ("zjj", "同心县住房和城乡建设局"),
                                     ("gaj", "同心县公安局")]}

    def receive(n, respondent, act, known, received, **kw):
        return svc.review_receive(actor=None, organization=office, respondent=dept[respondent], number=f"同政复〔{YEAR}〕{n}号",
                                  applicant=f"{SURNAMES[n]}某", act=act, act_known_on=known, received_on=received, **kw)

    c = receive(1, "gaj", "治安管理处罚决定", D(YEAR, 2, 22), D(YEAR, 3, 8))
    svc.review_reject(actor=None, case=c, rejected_on=D(YEAR, 3, 10),
                      reason="不属于本机关受理范围（垂直管理/上级机关管辖），已告知申请人向有权机关提出。")
    c = receive(2, "zjj", "责令限期拆除决定", D(YEAR, 1, 4), D(YEAR, 5, 10))
    svc.review_reject(actor=None, case=c, rejected_on=D(YEAR, 5, 12), reason="超过法定申请期限且无正当理由。")

    c = receive(3, "zrj", "土地权属处理决定", D(YEAR, 3, 29), D(YEAR, 4, 12))
    c = svc.review_accept(actor=None, case=c, accepted_on=D(YEAR, 4, 14))
    c = svc.review_pre_mediation(actor=None, case=c, status="ongoing")
    c = svc.review_send_copy(actor=None, case=c, sent_on=D(YEAR, 4, 16))
    c = svc.review_record_reply(actor=None, case=c, received_on=D(YEAR, 4, 23))
    svc.review_mediate(actor=None, case=c, on=D(YEAR, 5, 20), summary="经前置调解，双方达成调解协议，制作行政复议调解书。")

    c = receive(4, "scj", "行政处罚决定（罚款）", D(YEAR, 5, 24), D(YEAR, 6, 7))
    c = svc.review_accept(actor=None, case=c, accepted_on=D(YEAR, 6, 9))
    c = svc.review_pre_mediation(actor=None, case=c, status="failed")
    c = svc.review_send_copy(actor=None, case=c, sent_on=D(YEAR, 6, 11))
    c = svc.review_record_reply(actor=None, case=c, received_on=D(YEAR, 6, 18))
    svc.review_decide(actor=None, case=c, decided_on=D(YEAR, 7, 26), decision_type="revoke",
                      summary="认定事实不清、证据不足，决定撤销，纠正部门违法行政行为。")

    c = receive(5, "rsj", "工伤认定决定", D(YEAR, 8, 2), D(YEAR, 8, 16))
    c = svc.review_accept(actor=None, case=c, accepted_on=D(YEAR, 8, 18))
    c = svc.review_pre_mediation(actor=None, case=c, status="failed")
    c = svc.review_send_copy(actor=None, case=c, sent_on=D(YEAR, 8, 20))
    c = svc.review_record_reply(actor=None, case=c, received_on=D(YEAR, 8, 27))
    svc.review_decide(actor=None, case=c, decided_on=D(YEAR, 10, 11), decision_type="uphold",
                      summary="认定事实清楚、证据确凿、程序合法，决定维持。")


def _litigation(gov: Organization) -> None:
    """34 suits heard in 2021, the agency head in court in every one."""
    defendants = [gov] + [_org(n) for n in ("同心县自然资源局", "同心县人力资源和社会保障局", "同心县住房和城乡建设局",
                                            "同心县市场监督管理局", "同心县公安局", "同心县农业农村局")]
    posts = [("principal", "局长"), ("deputy", "副局长"), ("in_charge", "分管副局长")]
    for i in range(34):
        org = defendants[i % len(defendants)]
        appearance, post = posts[i % 3]
        if org == gov:
            post = {"principal": "县长", "deputy": "副县长", "in_charge": "分管副县长"}[appearance]
        received = D(YEAR, 1, 11) + datetime.timedelta(days=i * 8)
        case = svc.litigation_create(actor=None, organization=org, case_number=f"({YEAR})宁0324行初{i + 1}号",
                                     court="同心县人民法院", plaintiff=_parties(i).split("与")[0],
                                     act=["行政处罚决定", "不动产登记", "工伤认定", "房屋征收补偿决定", "政府信息公开答复"][i % 5],
                                     complaint_received_on=received)
        svc.litigation_file_answer(actor=None, case=case, filed_on=received + datetime.timedelta(days=10))
        svc.litigation_add_hearing(actor=None, case=case, held_on=received + datetime.timedelta(days=40),
                                   appearance=appearance, head_name=f"{SURNAMES[(i + 4) % 12]}某某", head_post=post)


def _arbitration() -> None:
    rsj = _org("同心县人力资源和社会保障局")
    for i in range(25):
        received = D(YEAR, 1, 18) + datetime.timedelta(days=i * 12)
        svc.arbitration_create(actor=None, organization=rsj, data={
            "number": f"同劳人仲案字〔{YEAR}〕{i + 1}号", "applicant": f"{SURNAMES[i % 12]}某",
            "workers": 1 + i % 3, "migrant_workers": i % 2 == 0, "employer": "某建筑劳务公司" if i % 2 == 0 else "某商贸公司",
            "claim": "支付拖欠工资" if i % 2 == 0 else "解除劳动合同经济补偿", "received_on": received,
            "result": "mediated" if i % 3 else "award", "closed_on": received + datetime.timedelta(days=30)})


@transaction.atomic
def load() -> str:
    gov = _org(GOV)
    if ReviewCase.objects.filter(number__startswith=f"同政复〔{YEAR}〕").exists() or \
            MediationRoom.objects.filter(organization__name=SFJ).exists():
        return "矛盾纠纷化解2021年记录已存在"
    sfj = _org(SFJ)
    _reviews(sfj)
    _litigation(gov)
    _mediation(sfj)
    _arbitration()
    return "矛盾纠纷化解：行政复议5件、行政应诉34件、调解4972件、劳动仲裁25件已载入"

"""Bulk generation of plausible enforcement records (the demo's 547 cases and the scale hook's millions).

No procedure runs here: rows are written with ``bulk_create`` in a consistent final state (dates in
order, two certified officers, 法制审核 for 重大 cases, publicity dates and due dates from the working-day
calendar). Everything is deterministic for a given ``random.Random``.
"""
from __future__ import annotations

import datetime
import random
from decimal import Decimal

from stdnum.cn import ric, uscc

from fazhi.core.deadlines import get_calendar
from fazhi.core.scale import RowWriter
from fazhi.enforcement.choices import (
    CaseState,
    Category,
    PartyType,
    PenaltyKind,
    Procedure,
    ReviewConclusion,
)
from fazhi.enforcement.models import Case, CaseStep, Officer

D = datetime.date
SURNAMES = "马杨李王张丁金田海白周刘苏罗韩冯何吴"
GIVEN = ["建军", "晓燕", "文博", "海霞", "志刚", "明远", "国栋", "玉兰", "永福", "学军", "丽娟", "天明", "秀英"]
CASE_TITLES = {
    Category.PENALTY: ["销售过期食品案", "未取得许可从事经营活动案", "非法占用耕地案", "违规倾倒建筑垃圾案", "超限运输案",
                       "无证行医案", "违法排放污染物案", "未按规定公示信息案", "占道经营案", "违规使用农药案"],
    Category.LICENSE: ["食品经营许可", "建筑工程施工许可", "取水许可", "道路运输经营许可", "林木采伐许可"],
    Category.INSPECTION: ["食品安全监督检查", "安全生产执法检查", "生态环境执法检查", "特种设备安全检查"],
    Category.COERCION: ["查封涉案物品", "扣押非法运输车辆", "强制拆除违法建筑"],
    Category.LEVY: ["征收水资源税费", "征收城市基础设施配套费"],
}
COMPANY_WORDS = ["商贸", "建材", "餐饮", "运输", "农牧", "清真食品", "建筑工程", "养殖", "物流", "文化传媒"]


def id_number(rng: random.Random) -> str:
    birth = D(1960, 1, 1) + datetime.timedelta(days=rng.randrange(0, 16000))
    body = f"640324{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "92640324" + "".join(rng.choice(alphabet) for _ in range(9)) if rng.random() < 0.3 else \
        "91640324" + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def person_name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]


class _Calendar:
    """Working-day arithmetic memoized by date (the generator asks the same few hundred dates again and again)."""

    def __init__(self):
        self.cal = get_calendar()
        self.memo: dict = {}

    def add(self, start: D, n: int) -> D:
        key = (start, n)
        if key not in self.memo:
            self.memo[key] = self.cal.add_working_days(start, n)
        return self.memo[key]


def _pick_kind(rng: random.Random) -> tuple[str, str]:
    r = rng.random()
    if r < 0.38:
        return Category.PENALTY, Procedure.ORDINARY
    if r < 0.60:
        return Category.PENALTY, Procedure.SIMPLE
    if r < 0.72:
        return Category.LICENSE, Procedure.ORDINARY
    if r < 0.90:
        return Category.INSPECTION, Procedure.ORDINARY
    if r < 0.95:
        return Category.COERCION, Procedure.ORDINARY
    return Category.LEVY, Procedure.ORDINARY


def build_cases(*, officers_by_org: dict, count: int, year: int, rng: random.Random, number_prefix: str = "",
                last_day: D | None = None, batch: int = 5000) -> int:
    """Bulk-create ``count`` cases filed in ``year`` over the organizations of ``officers_by_org``
    ({Organization: [Officer, ...]} with at least two officers each). Returns the number created."""
    cal = _Calendar()
    orgs = [o for o, offs in officers_by_org.items() if len(offs) >= 2]
    if not orgs:
        raise ValueError("no organization with two officers")
    first, end = D(year, 1, 4), last_day or D(year, 12, 31)
    span = (D(year, 12, 28) - first).days
    created = 0
    seq_by_org: dict[int, int] = {}
    valid_memo: dict[tuple[int, D], list[Officer]] = {}
    pending: list[tuple[Case, list[Officer]]] = []

    # Raw INSERT / COPY with explicit keys: no key read-back, no ORM statement per batch.
    case_w, step_w = RowWriter(Case), RowWriter(CaseStep)
    case_officers, step_officers = RowWriter(Case.officers.through), RowWriter(CaseStep.officers.through)
    writers = (case_w, case_officers, step_w, step_officers)

    def flush():
        nonlocal pending
        for c, offs in pending:
            case_w.insert(c)
            for o in offs:
                case_officers.link(case_id=c.pk, officer_id=o.pk)
            step = CaseStep(organization_id=c.organization_id, case_id=c.pk, step="filed", on=c.filed_on,
                            document="立案审批表" if c.procedure == Procedure.ORDINARY else "当场行政处罚决定书",
                            document_number=c.number, content=c.title, seq=1)
            step_w.insert(step)
            for o in offs:
                step_officers.link(casestep_id=step.pk, officer_id=o.pk)
            if c.decided_on and c.procedure == Procedure.ORDINARY:
                step_w.insert(CaseStep(organization_id=c.organization_id, case_id=c.pk, step="decided",
                                       on=c.decided_on,
                                       document="行政处罚决定书" if c.kind == Category.PENALTY else "执法决定书",
                                       document_number=c.decision_number, content=c.decision_content, seq=2))
            if c.closed_on:
                step_w.insert(CaseStep(organization_id=c.organization_id, case_id=c.pk, step="closed", on=c.closed_on,
                                       document="结案审批表", content="结案", seq=3))
        for w in writers:  # parents before children
            w.flush()
        pending = []

    for i in range(count):
        org = orgs[rng.randrange(len(orgs))]
        kind, procedure = _pick_kind(rng)
        filed = first + datetime.timedelta(days=rng.randrange(span))
        pool = officers_by_org[org]
        valid = valid_memo.get((org.pk, filed))
        if valid is None:  # the same few hundred days again and again: the list is built once per day and unit
            valid = valid_memo[org.pk, filed] = [o for o in pool if o.issued_on <= filed <= o.expires_on]
        if len(valid) < 2:  # only officers certified later: the case is filed once two of them hold certificates
            valid = sorted(pool, key=lambda o: o.issued_on)[:2]
            filed = max(filed, valid[1].issued_on)
        offs = rng.sample(valid, 2)
        citizen = rng.random() < 0.4
        n = seq_by_org[org.pk] = seq_by_org.get(org.pk, 0) + 1
        word = {"penalty": "罚", "license": "许", "inspection": "检", "coercion": "强", "levy": "征"}[kind]
        short = org.short_name or org.name[:6]
        c = Case(organization=org, kind=kind, procedure=procedure, title=rng.choice(CASE_TITLES[kind]),
                 number=f"{number_prefix}{short}{word}〔{year}〕{n}号", undertaking_unit="执法中队",
                 party_type=PartyType.CITIZEN if citizen else PartyType.ORGANIZATION,
                 party_name=person_name(rng.randrange(1000)) if citizen else
                 f"同心县{rng.choice(COMPANY_WORDS)}{['有限公司', '经营部', '合作社'][rng.randrange(3)]}",
                 party_id_number=id_number(rng) if citizen else "", party_credit_code="" if citizen else credit_code(rng),
                 party_address="同心县豫海镇" if citizen else "", filed_on=filed, imported=False)
        if kind == Category.PENALTY and procedure == Procedure.SIMPLE:
            c.penalty_kind = PenaltyKind.WARNING if rng.random() < 0.3 else PenaltyKind.FINE
            if c.penalty_kind == PenaltyKind.FINE:
                c.fine_amount = Decimal(rng.choice([50, 100, 150, 200] if citizen else [500, 1000, 2000, 3000]))
            c.decided_on = c.served_on = filed
            c.decision_number = c.number
            c.decision_content = f"{c.get_penalty_kind_display()}{f'{c.fine_amount}元' if c.fine_amount else ''}"
        else:
            if kind == Category.PENALTY:
                c.violation_on = filed - datetime.timedelta(days=rng.randrange(1, 60))
                c.decision_due = filed + datetime.timedelta(days=90)
                c.is_major = rng.random() < 0.12
                notified = filed + datetime.timedelta(days=rng.randrange(10, 25))
                c.penalty_kind = PenaltyKind.FINE
                c.fine_amount = Decimal(rng.randrange(5, 500) * 100)
                c.proposed_penalty = f"罚款{c.fine_amount}元"
                if notified <= end:
                    c.notified_on = notified
                    c.hearing_request_due = cal.add(c.notified_on, 5)
                    heard = c.hearing_request_due + datetime.timedelta(days=1)
                    if heard <= end:
                        c.heard_on, c.statement_kind = heard, "waived"
                        if c.is_major and heard + datetime.timedelta(days=2) <= end:
                            c.reviewed_on = heard + datetime.timedelta(days=2)
                            c.review_conclusion = ReviewConclusion.AGREE
                            c.review_opinion = "主体合法，事实清楚，证据确凿，程序合法，适用依据正确，同意。"
                # About one case in a hundred is decided after the 90-day period (shown as 超期).
                late = rng.random() < 0.01
                decided = filed + datetime.timedelta(days=rng.randrange(92, 110)) if late else \
                    notified + datetime.timedelta(days=rng.randrange(10, 45))
                if c.is_major and not c.reviewed_on:
                    decided = end + datetime.timedelta(days=1)  # not decided before its review
            elif kind == Category.INSPECTION:
                decided = filed + datetime.timedelta(days=rng.randrange(0, 5))
            else:
                decided = filed + datetime.timedelta(days=rng.randrange(1, 20))
            if decided <= end:
                c.decided_on = decided
                c.decision_number = c.number.replace("〔", "决〔")
                c.decision_content = {"penalty": f"罚款{c.fine_amount}元", "license": "准予行政许可",
                                      "inspection": "检查未发现问题", "coercion": "依法采取行政强制措施",
                                      "levy": "依法征收"}[kind]
                if kind == Category.PENALTY:
                    c.service_due = cal.add(decided, 7)
                    c.served_on = decided + datetime.timedelta(days=rng.randrange(0, 3))
        if c.decided_on:
            c.publicity_due = cal.add(c.decided_on, 7 if kind in (Category.PENALTY, Category.LICENSE) else 20)
            late = rng.random() < 0.03
            pub = c.decided_on + datetime.timedelta(days=rng.randrange(1, 5))
            c.published_on = c.publicity_due + datetime.timedelta(days=3) if late else min(pub, c.publicity_due)
            if c.published_on > end:
                c.published_on = None
            if c.fine_amount:
                c.payment_due = (c.served_on or c.decided_on) + datetime.timedelta(days=15)
                c.paid_on = (c.served_on or c.decided_on) + datetime.timedelta(days=rng.randrange(1, 15))
                c.paid_amount = c.fine_amount
                if c.paid_on > end:
                    c.paid_on = c.paid_amount = None
            closed = (c.paid_on or c.decided_on) + datetime.timedelta(days=rng.randrange(1, 20))
            if closed <= end and (c.paid_on or not c.fine_amount):
                c.closed_on = closed
                c.executed_on = c.paid_on
                c.state = CaseState.CLOSED
            else:
                c.state = CaseState.SERVED if c.served_on else CaseState.DECIDED
        else:
            c.state = (CaseState.REVIEWED if c.reviewed_on else CaseState.HEARD if c.heard_on else
                       CaseState.NOTIFIED if c.notified_on else CaseState.INVESTIGATING)
        pending.append((c, offs))
        created += 1
        if len(pending) >= batch:
            flush()
    flush()
    for w in writers:
        w.finish()
    return created


def build_officers(*, orgs: list, count: int, year: int, first_in_year: int, rng: random.Random,
                   cert_prefix: str = "", certs: list[tuple[str, str]] | None = None, batch: int = 5000) -> list[Officer]:
    """Bulk-create ``count`` officers spread over ``orgs``; ``first_in_year`` of them were first certified in
    ``year`` (the rest earlier, their certificates renewed that year). ``certs``: (name, 执法证号) to use."""
    rows = []
    for i in range(count):
        org = orgs[i % len(orgs)]
        first = D(year, 1, 1) + datetime.timedelta(days=rng.randrange(8, 240)) if i < first_in_year else \
            D(rng.randrange(2012, year), rng.randrange(1, 13), rng.randrange(1, 28))
        issued = first if i < first_in_year else max(first, D(year - 2, rng.randrange(1, 13), rng.randrange(1, 28)))
        name, cert = certs[i] if certs and i < len(certs) else (person_name(i), f"{cert_prefix}{year}{i:06d}")
        rows.append(Officer(organization=org, name=name, id_number=id_number(rng), cert_no=cert,
                            field="综合行政执法" if "综合执法" in org.name else (org.short_name or "行政执法"),
                            unit="执法中队" if i % 9 else "法制科", first_certified_on=first, issued_on=issued,
                            expires_on=issued.replace(year=issued.year + 5) - datetime.timedelta(days=1),
                            training_hours=rng.randrange(40, 90), is_legal_reviewer=i % 9 == 0,
                            has_legal_qualification=i % 18 == 0))
    return Officer.objects.bulk_create(rows, batch_size=batch)

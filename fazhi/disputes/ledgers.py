"""Excel ledgers (台账) of 矛盾纠纷化解: 调解案件 and 劳动仲裁案件 (template / import / export on /excel/).

Rows go through the same services as the forms (``mediation_create``, ``arbitration_create``)."""
from __future__ import annotations

from typing import Any

from fazhi.core.ledgers import Column, ServiceLedger, lookup_by_name, register_ledger, resolve_org
from fazhi.core.scoping import scope
from fazhi.lib import xlsx

from . import services
from .choices import AgreementForm, ArbitrationResult, DisputeType, MediationStatus
from .models import ArbitrationCase, MediationCase, MediationRoom

YES_NO = [("yes", "是"), ("no", "否")]
DATE_HELP = "可写作 2021-03-05、2021/3/5 或 2021年3月5日"


def _money(v):
    return xlsx.parse_decimal(v, places=2)


def _date_col(header, field, required=False):
    return Column(header, field, required=required, parser=xlsx.parse_date, example="2021-03-05",
                  number_format="yyyy-mm-dd", help=DATE_HELP)


class MediationLedger(ServiceLedger):
    name = "mediation_cases"
    title = "调解案件台账"
    model_label = "disputes.mediationcase"
    permission_column = "调解组织"
    columns = [
        Column("调解组织", "room", required=True, example="豫海镇人民调解委员会", width=26,
               help="已在平台登记的调解组织名称（人民调解委员会、诉前调解室、婚姻家庭纠纷调解室、公共法律服务中心调解室）"),
        Column("纠纷类型", "dispute_type", required=True, choices=DisputeType.choices),
        Column("当事人", "parties", required=True, example="马某与李某"),
        Column("调解员", "mediator", required=True, example="张某"),
        Column("疑难复杂", "complex_case", choices=YES_NO),
        _date_col("受理日期", "received_on", required=True),
        Column("调解结果", "status", required=True, choices=MediationStatus.choices),
        _date_col("调结日期", "closed_on"),
        Column("协议形式", "agreement_form", choices=[c for c in AgreementForm.choices if c[0]]),
        Column("涉及金额（元）", "amount", parser=_money),
        Column("协议已履行", "performed", choices=YES_NO),
        Column("纠纷简要情况", "summary", width=30),
    ]

    def resolve(self, actor, data: dict[str, Any], cache: dict) -> dict[str, Any]:
        room = lookup_by_name(
            cache, "rooms",
            lambda: (MediationRoom.objects.all() if actor is None else scope(MediationRoom.objects.all(), actor))
            .select_related("organization", "organization__region"),
            data["room"], column="调解组织", noun="调解组织", hint="请先在平台登记。")
        return {**data, "room": room, "complex_case": data.get("complex_case") == "yes",
                "performed": data.get("performed") == "yes", "agreement_form": data.get("agreement_form") or ""}

    def create(self, actor, data: dict[str, Any], *, request_id: str = ""):
        data = dict(data)
        room = data.pop("room")
        return services.mediation_create(actor=actor, room=room, data=data, request_id=request_id)

    def export_queryset(self, actor):
        qs = MediationCase.objects.select_related("room")
        return (qs if actor is None else scope(qs, actor)).order_by("received_on", "id")

    def export_values(self, c: MediationCase) -> list[Any]:
        col = self.columns
        return [c.room.name, col[1].label_of(c.dispute_type), c.parties, c.mediator, "是" if c.complex_case else "否",
                c.received_on, col[6].label_of(c.status), c.closed_on, col[8].label_of(c.agreement_form) if c.agreement_form else "",
                c.amount, "是" if c.performed else "否", c.summary]


class ArbitrationLedger(ServiceLedger):
    name = "labour_arbitration"
    title = "劳动仲裁案件台账"
    model_label = "disputes.arbitrationcase"
    permission_column = "办理单位"
    columns = [
        Column("办理单位", "organization", required=True, example="同心县人力资源和社会保障局", width=26),
        Column("案号", "number", required=True, example="同劳人仲案字〔2021〕1号"),
        Column("申请人（劳动者）", "applicant", required=True, example="马某"),
        Column("涉及劳动者人数", "workers", parser=lambda v: xlsx.parse_int(v, min_value=1), example=1),
        Column("农民工案件", "migrant_workers", choices=YES_NO),
        Column("被申请人（用人单位）", "employer", required=True, example="某建筑劳务公司"),
        Column("仲裁请求", "claim", required=True, example="支付拖欠工资"),
        _date_col("受理日期", "received_on", required=True),
        Column("结案方式", "result", choices=[c for c in ArbitrationResult.choices if c[0]]),
        _date_col("结案日期", "closed_on"),
        Column("为劳动者挽回金额（元）", "amount_recovered", parser=_money),
        Column("为农民工代写法律文书（份）", "documents_written", parser=lambda v: xlsx.parse_int(v, min_value=0)),
    ]

    def resolve(self, actor, data: dict[str, Any], cache: dict) -> dict[str, Any]:
        return {**data, "organization": resolve_org(actor, data["organization"], cache, "办理单位"), "migrant_workers": data.get("migrant_workers") == "yes",
                "workers": data.get("workers") or 1, "documents_written": data.get("documents_written") or 0,
                "result": data.get("result") or ""}

    def create(self, actor, data: dict[str, Any], *, request_id: str = ""):
        data = dict(data)
        org = data.pop("organization")
        return services.arbitration_create(actor=actor, organization=org, data=data, request_id=request_id)

    def export_queryset(self, actor):
        qs = ArbitrationCase.objects.select_related("organization")
        return (qs if actor is None else scope(qs, actor)).order_by("received_on", "id")

    def export_values(self, c: ArbitrationCase) -> list[Any]:
        return [c.organization.name, c.number, c.applicant, c.workers, "是" if c.migrant_workers else "否", c.employer,
                c.claim, c.received_on, self.columns[8].label_of(c.result) if c.result else "", c.closed_on,
                c.amount_recovered, c.documents_written]


register_ledger(MediationLedger())
register_ledger(ArbitrationLedger())

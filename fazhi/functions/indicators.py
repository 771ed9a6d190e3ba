"""The figures of section 一(二) that 政府职能 records produce (codes fixed by domain.md)."""
from __future__ import annotations

from django.db import connection
from django.db.models import Count, F, Q

from fazhi.core.choices import OrgKind
from fazhi.core.indicators import count_where, pct, rate_where, register_indicator
from fazhi.core.models import Organization
from fazhi.functions import selectors as sel
from fazhi.functions.choices import AdjustmentKind, CreditActivityKind
from fazhi.functions.models import (
    CreditActivity,
    CreditRecord,
    Disclosure,
    InfoRequest,
    NewMediaAccount,
    PowerAdjustment,
    PowerItem,
    ServiceItem,
)

S2 = "一(二)"


def _power_items(orgs, start, end):
    return sel.in_force_on(PowerItem.objects.filter(organization__in=orgs), end)


def _adjustments(kind=None):
    def records(orgs, start, end):
        qs = PowerAdjustment.objects.filter(organization__in=orgs, adjusted_on__range=(start, end))
        return qs.filter(kind=kind) if kind else qs
    return records


def _adjustments_tally(kind=None):
    def tally(start, end):
        q = Q(adjusted_on__range=(start, end))
        return Count("pk", filter=q & Q(kind=kind) if kind else q)
    return tally


def _published(start, end):
    return Q(published_on__range=(start, end))


def _reported(start, end):
    return Q(reported_on__range=(start, end))


def _replied(start, end):
    return Q(state="replied", replied_on__range=(start, end))


def _in_force(start, end):
    return Q(in_force=True)


def _consistent() -> Q:
    """四级四同 as a tally condition. PostgreSQL runs a correlated EXISTS inside an aggregate's FILTER once per
    row (100×: 1.5 s), but hashes an uncorrelated IN over the matching items (0.6 s); SQLite probes the
    upper catalog's index once per row either way and is faster without building the IN set."""
    if connection.vendor == "postgresql":
        return Q(pk__in=ServiceItem.objects.filter(sel.upper_match(), in_force=True).values("pk"))
    return Q(sel.upper_match())


def _service_items(orgs, start, end):
    return ServiceItem.objects.filter(organization__in=orgs, in_force=True)


def _network(kind):
    return {"records": lambda orgs, start, end: Organization.objects.filter(pk__in=orgs, kind=kind, is_active=True),
            "tally": count_where(lambda start, end: Q(kind=kind, is_active=True))}


def _activities(kind):
    return lambda orgs, start, end: CreditActivity.objects.filter(organization__in=orgs, kind=kind,
                                                                  held_on__range=(start, end))


def _activities_tally(kind):
    return count_where(lambda start, end: Q(kind=kind, held_on__range=(start, end)))


register_indicator(
    code="functions.power_list_agencies", name="调整完善权责清单的政府机构", unit="个", section=S2,
    definition="年末有现行有效权责事项的单位数（按权责清单所属单位去重）。",
    records=_power_items, value=lambda qs: qs.values("organization").distinct().count(),
    tally=lambda s, e: Count("organization", distinct=True, filter=sel.in_force_q(e)))
register_indicator(
    code="functions.power_items", name="动态管理权责事项", unit="项", section=S2,
    definition="年末（12月31日）现行有效的权责事项数（按调整记录形成的版本计算）。", records=_power_items,
    tally=count_where(lambda s, e: sel.in_force_q(e)))
register_indicator(
    code="functions.township_empowered", name="向乡镇赋权职权", unit="项", section=S2,
    definition="年度内调整类型为“赋权乡镇”的权责清单调整记录数。", records=_adjustments(AdjustmentKind.EMPOWER),
    tally=_adjustments_tally(AdjustmentKind.EMPOWER))
register_indicator(
    code="functions.enforcement_delegated", name="下放执法事项", unit="项", section=S2,
    definition="年度内调整类型为“下放执法事项”的权责清单调整记录数。", records=_adjustments(AdjustmentKind.DELEGATE),
    tally=_adjustments_tally(AdjustmentKind.DELEGATE))
register_indicator(
    code="functions.power_adjustments", name="动态调整权责事项", unit="项", section=S2,
    definition="年度内的全部权责清单调整记录（新增、变更、取消、赋权乡镇、下放执法事项）。", records=_adjustments(),
    tally=_adjustments_tally())
register_indicator(
    code="functions.service_items_consistent", name="梳理“四级四同”政务服务事项", unit="项", section=S2,
    definition="在用的政务服务事项中，事项名称、事项编码、事项类型、主管部门、实施机关、设定和实施依据与上级目录完全一致的事项数。",
    records=lambda orgs, start, end: sel.consistent_items(_service_items(orgs, start, end)),
    tally=count_where(lambda s, e: Q(in_force=True) & _consistent()))
register_indicator(
    code="functions.online_service_rate", name="政务服务事项网上可办率", unit="%", section=S2,
    definition="在用政务服务事项中标为网上可办的比例（网上可办事项数 ÷ 在用事项数）。",
    records=_service_items, value=lambda qs: pct(qs.filter(online=True).count(), qs.count()),
    **rate_where(Q(online=True), _in_force))
register_indicator(
    code="functions.network_departments", name="政务服务“一张网”覆盖部门（单位）", unit="个", section=S2,
    definition="县内类别为政府部门/单位的在用单位数。", **_network(OrgKind.DEPARTMENT))
register_indicator(
    code="functions.network_townships", name="政务服务“一张网”覆盖乡镇", unit="个", section=S2,
    definition="县内类别为乡镇/管委会的在用单位数。", **_network(OrgKind.TOWNSHIP))
register_indicator(
    code="functions.network_villages", name="政务服务“一张网”覆盖行政村", unit="个", section=S2,
    definition="县内类别为村的在用单位数。", **_network(OrgKind.VILLAGE))
register_indicator(
    code="functions.network_communities", name="政务服务“一张网”覆盖社区", unit="个", section=S2,
    definition="县内类别为社区的在用单位数。", **_network(OrgKind.COMMUNITY))
register_indicator(
    code="functions.disclosures", name="主动公开政府信息", unit="条", section=S2,
    definition="公开日期在年度内的主动公开政府信息。",
    records=lambda orgs, start, end: Disclosure.objects.filter(organization__in=orgs, published_on__range=(start, end)),
    tally=count_where(_published))
register_indicator(
    code="functions.disclosure_timely_rate", name="主动公开及时率", unit="%", section=S2,
    definition="年度内公开的信息中，自形成之日起20个工作日内公开的比例（政府信息公开条例第二十六条）。",
    records=lambda orgs, start, end: Disclosure.objects.filter(organization__in=orgs, published_on__range=(start, end)),
    value=lambda qs: pct(qs.filter(published_on__lte=F("due_on")).count(), qs.count()),
    **rate_where(Q(published_on__lte=F("due_on")), _published))
register_indicator(
    code="functions.new_media_accounts", name="政务新媒体", unit="个", section=S2,
    definition="年末（12月31日）在运行的政务新媒体账号数。",
    records=lambda orgs, start, end: sel.active_media(NewMediaAccount.objects.filter(organization__in=orgs), end),
    tally=count_where(lambda s, e: sel.active_media_q(e)))
register_indicator(
    code="functions.credit_entrepreneurs", name="在媒体发布宣传诚信企业家", unit="家", section=S2,
    definition="年度内类别为“诚信企业家宣传”的诚信建设活动记录。", records=_activities(CreditActivityKind.ENTREPRENEUR),
    tally=_activities_tally(CreditActivityKind.ENTREPRENEUR))
register_indicator(
    code="functions.credit_model_units", name="培育诚信经营示范单位", unit="家", section=S2,
    definition="年度内类别为“诚信经营示范单位”的诚信建设活动记录。", records=_activities(CreditActivityKind.MODEL_UNIT),
    tally=_activities_tally(CreditActivityKind.MODEL_UNIT))
register_indicator(
    code="functions.dual_publicity_records", name="报送行政许可和行政处罚信息（双公示）", unit="条", section=S2,
    definition="报送日期在年度内的双公示信息（含其后撤下的）。",
    records=lambda orgs, start, end: CreditRecord.objects.filter(organization__in=orgs, reported_on__range=(start, end)),
    tally=count_where(_reported))
register_indicator(
    code="functions.dual_publicity_timely_rate", name="双公示及时率", unit="%", section=S2,
    definition="年度内报送的双公示信息中，自决定作出之日起7个工作日内报送的比例（国办发〔2018〕118号（六））。",
    records=lambda orgs, start, end: CreditRecord.objects.filter(organization__in=orgs, reported_on__range=(start, end)),
    value=lambda qs: pct(qs.filter(reported_on__lte=F("due_on")).count(), qs.count()),
    **rate_where(Q(reported_on__lte=F("due_on")), _reported))
register_indicator(
    code="functions.request_timely_rate", name="依申请公开按期答复率", unit="%", section=S2,
    definition="年度内答复的政府信息公开申请中，在答复期限（含依法延长、扣除征求意见时间）内答复的比例。",
    records=lambda orgs, start, end: InfoRequest.objects.filter(organization__in=orgs, state="replied", replied_on__range=(start, end)),
    value=lambda qs: pct(qs.filter(replied_on__lte=F("reply_due")).count(), qs.count()),
    **rate_where(Q(replied_on__lte=F("reply_due")), _replied))


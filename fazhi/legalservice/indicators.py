"""The figures of section 一(六) (and the 义警 row of 一(七)) that 公共法律服务 records produce."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from fazhi.core.indicators import (
    count_where,
    pct,
    rate_where,
    register_indicator,
    sum_where,
    total,
)
from fazhi.legalservice.choices import AidCaseType, AidSource, ConsultChannel
from fazhi.legalservice.models import Activity, AidCase, Consultation, Notarization

S6 = "一(六)"
S7 = "一(七)"


def _criminal_notices(orgs, start, end):
    return AidCase.objects.filter(organization__in=orgs, source=AidSource.NOTICE, case_type=AidCaseType.CRIMINAL,
                                  received_on__range=(start, end))


def _criminal_notices_q(start, end):
    return Q(source=AidSource.NOTICE, case_type=AidCaseType.CRIMINAL, received_on__range=(start, end))


def _activities(key):
    return lambda orgs, start, end: Activity.objects.filter(organization__in=orgs, kind__key=key,
                                                            held_on__range=(start, end))


def _in_units(amount, unit: int):
    """``amount`` in units of ``unit`` (万, 亿) to 0.01, an int when whole, as the report writes it."""
    v = (Decimal(amount or 0) / Decimal(unit)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(v) if v == v.to_integral_value() else v


def _sum(field):
    return lambda qs: total(qs, field)


register_indicator(
    code="legalservice.aid_accepted", name="受理法律援助案件", unit="件", section=S6,
    definition="受理日期在年度内的法律援助案件（申请：决定给予援助之日；通知辩护：收到通知之日）。",
    records=lambda orgs, start, end: AidCase.objects.filter(organization__in=orgs, accepted_on__range=(start, end)),
    tally=count_where(lambda s, e: Q(accepted_on__range=(s, e))))
register_indicator(
    code="legalservice.aid_closed", name="办结法律援助案件", unit="件", section=S6,
    definition="结案日期在年度内的法律援助案件。",
    records=lambda orgs, start, end: AidCase.objects.filter(organization__in=orgs, closed_on__range=(start, end)),
    tally=count_where(lambda s, e: Q(closed_on__range=(s, e))))
register_indicator(
    code="legalservice.criminal_assigned", name="为刑事案件指派律师", unit="件", section=S6,
    definition="年度内收到通知辩护（法律援助法第三十六条）的刑事案件中已指派律师的件数。",
    records=lambda orgs, start, end: _criminal_notices(orgs, start, end).filter(assigned_on__isnull=False),
    tally=count_where(lambda s, e: _criminal_notices_q(s, e) & Q(assigned_on__isnull=False)))
register_indicator(
    code="legalservice.criminal_defense_rate", name="刑事案件指派律师辩护率", unit="%", section=S6,
    definition="已指派律师的通知辩护刑事案件 ÷ 年度内收到通知辩护的刑事案件。",
    records=_criminal_notices,
    value=lambda qs: pct(qs.filter(assigned_on__isnull=False).count(), qs.count()),
    **rate_where(Q(assigned_on__isnull=False), _criminal_notices_q))
register_indicator(
    code="legalservice.notarizations", name="办理公证", unit="件", section=S6,
    definition="出证日期在年度内的公证事项。",
    records=lambda orgs, start, end: Notarization.objects.filter(organization__in=orgs, issued_on__range=(start, end)),
    tally=count_where(lambda s, e: Q(issued_on__range=(s, e))))

def _consultations(channel: str) -> dict:
    """records and tally (persons summed) of the consultations of one channel."""
    return {"records": lambda orgs, start, end: Consultation.objects.filter(
                organization__in=orgs, channel=channel, consulted_on__range=(start, end)),
            "tally": sum_where("persons", lambda s, e: Q(channel=channel, consulted_on__range=(s, e)))}


for _channel, _name in [(ConsultChannel.HOTLINE, "解答群众电话咨询"), (ConsultChannel.ONSITE, "现场解答咨询"),
                        (ConsultChannel.TERMINAL, "智能终端机访问量"), (ConsultChannel.VIDEO, "可视电话（视频咨询）")]:
    register_indicator(
        code=f"legalservice.consult_{_channel.value}", name=_name, unit="人次", section=S6,
        definition=f"年度内渠道为“{_channel.label}”的法律咨询人次之和。",
        value=_sum("persons"), **_consultations(_channel.value))

_ACTIVITY_INDICATORS = [
    # code, kind key, name, unit, section, the field added up, its unit (1, 万 or 亿)
    ("publicity_events", "civil_code_publicity", "开展《民法典》等法律法规宣传", "场次", S6, "count", 1),
    ("enterprise_checkups", "enterprise_checkup", "为规模以上企业开展法治体检", "家", S6, "count", 1),
    ("micro_videos", "micro_video", "制作发布普法宣传微视频", "个", S6, "count", 1),
    ("micro_video_views", "micro_video", "普法微视频网络点击量", "万人次", S6, "reach", 10000),
    ("people_served", "platform_reception", "三级实体平台接待服务群众", "人次", S6, "count", 1),
    ("migrant_documents", "migrant_worker_aid", "为农民工代写法律文书", "份", S6, "count", 1),
    ("migrant_wages", "migrant_worker_aid", "为农民工挽回工资", "万元", S6, "amount", 10000),
    ("patrol_members", "patrol_members", "“同心义警”志愿服务队队员", "名", S7, "count", 1),
    ("patrol_vehicles", "patrol_vehicles", "义警巡逻电动车", "台", S7, "count", 1),
    ("night_patrols", "night_patrol", "夜间沿街巡逻", "次", S7, "count", 1),
    ("school_traffic", "school_traffic", "中小学门口交通疏导", "次", S7, "count", 1),
    ("law_to_school", "law_to_school", "送法进校园普法宣传", "场次", S7, "count", 1),
    ("law_to_community", "law_to_community", "送法进社区普法宣传", "场次", S7, "count", 1),
    ("labour_group_trainings", "labour_group_training", "跨省联合工作组为施工方开展集中法律培训", "场次", S7, "count", 1),
    ("labour_group_returns", "labour_group_return", "跨省联合工作组劝返群体性上访", "次", S7, "count", 1),
    ("labour_group_contractors", "labour_group_recovery", "跨省联合工作组为施工方挽回工程款（施工方）", "个", S7,
     "count", 1),
    ("labour_group_amount", "labour_group_recovery", "跨省联合工作组为施工方挽回工程款", "亿元", S7, "amount", 100_000_000),
]


def _activity_figure(key: str, field: str, unit: int) -> dict:
    """records/value/tally/finish of an activity figure: the sum of ``field`` in ``unit``."""
    if unit == 1:
        return {"records": _activities(key), "value": _sum(field),
                "tally": sum_where(field, lambda s, e: Q(kind__key=key, held_on__range=(s, e)))}
    return {"records": _activities(key), "value": lambda qs: _in_units(total(qs, field), unit),
            "tally": sum_where(field, lambda s, e: Q(kind__key=key, held_on__range=(s, e))),
            "finish": lambda r: _in_units(r["v"], unit)}


for _code, _key, _name, _unit, _section, _field, _per in _ACTIVITY_INDICATORS:
    register_indicator(code=f"legalservice.{_code}", name=_name, unit=_unit, section=_section,
                       definition=f"活动台账中类别标识为“{_key}”、日期在年度内的记录之和。",
                       **_activity_figure(_key, _field, _per))

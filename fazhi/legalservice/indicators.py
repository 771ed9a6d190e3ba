"""The figures of section 一(六) (and the 义警 row of 一(七)) that 公共法律服务 records produce."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from fazhi.core.indicators import pct, register_indicator, total
from fazhi.legalservice.choices import AidCaseType, AidSource, ConsultChannel
from fazhi.legalservice.models import Activity, AidCase, Consultation, Notarization

S6 = "一(六)"
S7 = "一(七)"


def _criminal_notices(orgs, start, end):
    return AidCase.objects.filter(organization__in=orgs, source=AidSource.NOTICE, case_type=AidCaseType.CRIMINAL,
                                  received_on__range=(start, end))


def _activities(key):
    return lambda orgs, start, end: Activity.objects.filter(organization__in=orgs, kind__key=key,
                                                            held_on__range=(start, end))


def _wan(field):
    """A sum in units of 10,000 (万), as the report writes it."""
    def value(qs):
        v = (Decimal(total(qs, field)) / Decimal(10000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return int(v) if v == v.to_integral_value() else v
    return value


def _yi(field):
    """A sum in units of 100,000,000 (亿), as the report writes it ("4.97亿元")."""
    def value(qs):
        v = (Decimal(total(qs, field)) / Decimal(100_000_000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return int(v) if v == v.to_integral_value() else v
    return value


def _sum(field):
    return lambda qs: total(qs, field)


register_indicator(
    code="legalservice.aid_accepted", name="受理法律援助案件", unit="件", section=S6,
    definition="受理日期在年度内的法律援助案件（申请：决定给予援助之日；通知辩护：收到通知之日）。",
    records=lambda orgs, start, end: AidCase.objects.filter(organization__in=orgs, accepted_on__range=(start, end)))
register_indicator(
    code="legalservice.aid_closed", name="办结法律援助案件", unit="件", section=S6,
    definition="结案日期在年度内的法律援助案件。",
    records=lambda orgs, start, end: AidCase.objects.filter(organization__in=orgs, closed_on__range=(start, end)))
register_indicator(
    code="legalservice.criminal_assigned", name="为刑事案件指派律师", unit="件", section=S6,
    definition="年度内收到通知辩护（法律援助法第三十六条）的刑事案件中已指派律师的件数。",
    records=lambda orgs, start, end: _criminal_notices(orgs, start, end).filter(assigned_on__isnull=False))
register_indicator(
    code="legalservice.criminal_defense_rate", name="刑事案件指派律师辩护率", unit="%", section=S6,
    definition="已指派律师的通知辩护刑事案件 ÷ 年度内收到通知辩护的刑事案件。",
    records=_criminal_notices,
    value=lambda qs: pct(qs.filter(assigned_on__isnull=False).count(), qs.count()))
register_indicator(
    code="legalservice.notarizations", name="办理公证", unit="件", section=S6,
    definition="出证日期在年度内的公证事项。",
    records=lambda orgs, start, end: Notarization.objects.filter(organization__in=orgs, issued_on__range=(start, end)))

for _channel, _name in [(ConsultChannel.HOTLINE, "解答群众电话咨询"), (ConsultChannel.ONSITE, "现场解答咨询"),
                        (ConsultChannel.TERMINAL, "智能终端机访问量"), (ConsultChannel.VIDEO, "可视电话（视频咨询）")]:
    register_indicator(
        code=f"legalservice.consult_{_channel.value}", name=_name, unit="人次", section=S6,
        definition=f"年度内渠道为“{_channel.label}”的法律咨询人次之和。",
        records=(lambda ch: lambda orgs, start, end: Consultation.objects.filter(
            organization__in=orgs, channel=ch, consulted_on__range=(start, end)))(_channel.value),
        value=_sum("persons"))

_ACTIVITY_INDICATORS = [
    # code, kind key, name, unit, section, value
    ("publicity_events", "civil_code_publicity", "开展《民法典》等法律法规宣传", "场次", S6, _sum("count")),
    ("enterprise_checkups", "enterprise_checkup", "为规模以上企业开展法治体检", "家", S6, _sum("count")),
    ("micro_videos", "micro_video", "制作发布普法宣传微视频", "个", S6, _sum("count")),
    ("micro_video_views", "micro_video", "普法微视频网络点击量", "万人次", S6, _wan("reach")),
    ("people_served", "platform_reception", "三级实体平台接待服务群众", "人次", S6, _sum("count")),
    ("migrant_documents", "migrant_worker_aid", "为农民工代写法律文书", "份", S6, _sum("count")),
    ("migrant_wages", "migrant_worker_aid", "为农民工挽回工资", "万元", S6, _wan("amount")),
    ("patrol_members", "patrol_members", "“同心义警”志愿服务队队员", "名", S7, _sum("count")),
    ("patrol_vehicles", "patrol_vehicles", "义警巡逻电动车", "台", S7, _sum("count")),
    ("night_patrols", "night_patrol", "夜间沿街巡逻", "次", S7, _sum("count")),
    ("school_traffic", "school_traffic", "中小学门口交通疏导", "次", S7, _sum("count")),
    ("law_to_school", "law_to_school", "送法进校园普法宣传", "场次", S7, _sum("count")),
    ("law_to_community", "law_to_community", "送法进社区普法宣传", "场次", S7, _sum("count")),
    ("labour_group_trainings", "labour_group_training", "跨省联合工作组为施工方开展集中法律培训", "场次", S7, _sum("count")),
    ("labour_group_returns", "labour_group_return", "跨省联合工作组劝返群体性上访", "次", S7, _sum("count")),
    ("labour_group_contractors", "labour_group_recovery", "跨省联合工作组为施工方挽回工程款（施工方）", "个", S7,
     _sum("count")),
    ("labour_group_amount", "labour_group_recovery", "跨省联合工作组为施工方挽回工程款", "亿元", S7, _yi("amount")),
]

for _code, _key, _name, _unit, _section, _value in _ACTIVITY_INDICATORS:
    register_indicator(code=f"legalservice.{_code}", name=_name, unit=_unit, section=_section,
                       definition=f"活动台账中类别标识为“{_key}”、日期在年度内的记录之和。",
                       records=_activities(_key), value=_value)

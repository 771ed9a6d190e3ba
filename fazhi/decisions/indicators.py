"""The figures of section 一(三) that 重大行政决策 records produce."""
from __future__ import annotations

from django.db.models import Q

from fazhi.core.indicators import count_where, register_indicator
from fazhi.decisions.models import AdviserWork, CatalogItem

S3 = "一(三)"


def _items(orgs, start, end):
    return CatalogItem.objects.filter(organization__in=orgs, catalog__year__gte=start.year, catalog__year__lte=end.year,
                                      catalog__status="published", removed=False)


def _items_q(start, end):
    return Q(catalog__year__gte=start.year, catalog__year__lte=end.year, catalog__status="published", removed=False)


def _work(kind):
    return {"records": lambda orgs, start, end: AdviserWork.objects.filter(organization__in=orgs, kind=kind,
                                                                           on__range=(start, end)),
            "tally": count_where(lambda start, end: Q(kind=kind, on__range=(start, end)))}


register_indicator(
    code="decisions.catalog_items", name="列入年度目录的重大决策事项", unit="项", section=S3,
    definition="年度内已公布的重大行政决策事项目录中的事项（不含调出目录的事项）。", records=_items,
    tally=count_where(_items_q))
register_indicator(
    code="decisions.adviser_meetings", name="法律顾问参加政府常务会议及专题会议", unit="次", section=S3,
    definition="法律顾问工作台账中类型为“列席会议”、日期在年度内的记录。", **_work("meeting"))
register_indicator(
    code="decisions.adviser_suits", name="法律顾问代理行政诉讼案件", unit="件", section=S3,
    definition="法律顾问工作台账中类型为“代理诉讼”、日期在年度内的记录。", **_work("suit"))
register_indicator(
    code="decisions.adviser_opinions", name="法律顾问提供合法性审核意见", unit="件", section=S3,
    definition="法律顾问工作台账中类型为“合法性审核意见”（重大行政决策、涉法事务、合同协议、重大信访事项等）、"
               "日期在年度内的记录；决策的合法性审查意见由审查程序自动登记。",
    **_work("opinion"))

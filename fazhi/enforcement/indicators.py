"""The figures of section 一(四) that 行政执法 records produce, and the 三项制度 rates."""
from __future__ import annotations

import datetime

from django.db.models import Avg, Count, F, FloatField, Func, Q

from fazhi.core.indicators import count_where, pct, rate_where, register_indicator
from fazhi.enforcement.choices import BodyKind
from fazhi.enforcement.models import (
    Case,
    EnforcementBody,
    EnforcementList,
    Officer,
    WorkPlan,
)
from fazhi.enforcement.selectors import MAJOR, major_cases, overdue_cases, overdue_q

S4 = "一(四)"


def _cases(orgs, start, end):
    return Case.objects.filter(organization__in=orgs, filed_on__range=(start, end))


def _offices_q(start, end):
    return Q(kind=BodyKind.TOWNSHIP_OFFICE) & (Q(established_on__isnull=True) | Q(established_on__lte=end))


def _offices(orgs, start, end):
    return EnforcementBody.objects.filter(_offices_q(start, end), organization__in=orgs)


def _filed(start, end):
    return Q(filed_on__range=(start, end))


def _two_officers() -> Q:
    """Cases with two or more officers on record (one grouped subquery, not one count per case)."""
    through = Case.officers.through
    return Q(pk__in=through.objects.values("case_id").annotate(k=Count("officer_id")).filter(k__gte=2)
             .values("case_id"))


register_indicator(
    code="enforcement.township_work_plans", name="乡镇制定综合行政执法工作方案", unit="个", section=S4,
    definition="年度内印发的乡镇综合行政执法工作方案（按乡镇登记）。",
    records=lambda orgs, s, e: WorkPlan.objects.filter(organization__in=orgs, organization__kind="township",
                                                       issued_on__range=(s, e)), date_field="issued_on",
    tally=count_where(lambda s, e: Q(organization__kind="township", issued_on__range=(s, e))))
register_indicator(
    code="enforcement.township_offices", name="设立综合执法办公室的乡镇", unit="个", section=S4,
    definition="登记为“乡镇综合执法办公室”的执法主体（年末前设立）所属的乡镇数（去重）。", records=_offices,
    value=lambda qs: qs.aggregate(n=Count("organization__parent", distinct=True))["n"],
    tally=lambda s, e: Count("organization__parent", distinct=True, filter=_offices_q(s, e)))
register_indicator(
    code="enforcement.lists_published", name="公布执法清单", unit="个", section=S4,
    definition="年度内公布的执法主体、人员、事项、随机抽查事项等执法清单。",
    records=lambda orgs, s, e: EnforcementList.objects.filter(organization__in=orgs, published_on__range=(s, e)),
    date_field="published_on", tally=count_where(lambda s, e: Q(published_on__range=(s, e))))
register_indicator(
    code="enforcement.cases_filed", name="录入行政执法监督平台的案件", unit="件", section=S4,
    definition="立案（受理）日期在年度内的行政执法案件（各执法类别）。", records=_cases, date_field="filed_on",
    tally=count_where(_filed))
register_indicator(
    code="enforcement.officers_qualified", name="通过行政执法资格考试的执法人员", unit="人", section=S4,
    definition="首次取得行政执法资格（发证）日期在年度内的执法人员。",
    records=lambda orgs, s, e: Officer.objects.filter(organization__in=orgs, first_certified_on__range=(s, e)),
    date_field="first_certified_on", tally=count_where(lambda s, e: Q(first_certified_on__range=(s, e))))

# -- rates --------------------------------------------------------------------------------------------
register_indicator(
    code="enforcement.legality_review_rate", name="重大执法决定法制审核率", unit="%", section=S4,
    definition="年度内作出决定的重大执法案件（标记重大或事项列入重大执法决定法制审核目录）中经法制审核的比例（《行政处罚法》第五十八条）。",
    records=lambda orgs, s, e: major_cases(Case.objects.filter(organization__in=orgs, decided_on__range=(s, e))),
    value=lambda qs: pct(qs.filter(reviewed_on__isnull=False).count(), qs.count()), date_field="decided_on",
    **rate_where(Q(reviewed_on__isnull=False), lambda s, e: Q(decided_on__range=(s, e)) & MAJOR))
register_indicator(
    code="enforcement.publicity_timely_rate", name="行政执法决定公示及时率", unit="%", section=S4,
    definition="年度内作出的执法决定中，在期限内（许可、处罚7个工作日，其他20个工作日，118号（六））公示的比例。",
    records=lambda orgs, s, e: Case.objects.filter(organization__in=orgs, decided_on__range=(s, e),
                                                   publicity_due__isnull=False),
    value=lambda qs: pct(qs.filter(published_on__isnull=False, published_on__lte=F("publicity_due")).count(), qs.count()),
    date_field="decided_on",
    **rate_where(Q(published_on__isnull=False, published_on__lte=F("publicity_due")),
                 lambda s, e: Q(decided_on__range=(s, e), publicity_due__isnull=False)))
register_indicator(
    code="enforcement.two_officer_rate", name="两人执法合规率", unit="%", section=S4,
    definition="年度内立案的案件中，登记了两名以上持证执法人员的比例（《行政处罚法》第四十二条）。", records=_cases,
    value=lambda qs: pct(qs.annotate(k=Count("officers")).filter(k__gte=2).count(), qs.count()), date_field="filed_on",
    **rate_where(_two_officers(), _filed))


class DaysBetween(Func):
    """Whole days from ``start`` to ``end`` (two date columns), computed in SQL on both databases (the ORM's
    date subtraction calls a Python function per row on SQLite)."""

    output_field = FloatField()
    template = "(%(expressions)s)"  # PostgreSQL: date - date is a number of days
    arg_joiner = " - "

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s))",
                           arg_joiner=") - julianday(", **extra)


_DAYS = DaysBetween("closed_on", "filed_on")


def _in_days(avg):
    return round(float(avg), 1) if avg else 0


def _avg_days(qs):
    return _in_days(qs.aggregate(a=Avg(_DAYS))["a"])


register_indicator(
    code="enforcement.avg_handling_days", name="平均办案天数", unit="日", section=S4,
    definition="年度内结案的案件自立案至结案的平均自然日数。",
    records=lambda orgs, s, e: Case.objects.filter(organization__in=orgs, closed_on__range=(s, e)), value=_avg_days,
    date_field="closed_on", tally=lambda s, e: Avg(_DAYS, filter=Q(closed_on__range=(s, e))),
    finish=lambda r: _in_days(r["v"]))
register_indicator(
    code="enforcement.overdue_cases", name="超期案件", unit="件", section=S4,
    definition="年度内立案的行政处罚普通程序案件中，超过九十日（经批准延长的，延长后的）决定期限仍未作出决定，"
               "或者超期作出决定的案件（《行政处罚法》第六十条）；以年度末（或今天，取较早者）为准。",
    records=lambda orgs, s, e: overdue_cases(_cases(orgs, s, e), min(datetime.date.today(), e)),
    date_field="filed_on", tally=count_where(lambda s, e: _filed(s, e) & overdue_q(min(datetime.date.today(), e))))

"""The figures of section 一(五) that 行政规范性文件 records produce (codes fixed by the domain contract)."""
from __future__ import annotations

import datetime

from django.db.models import F, Q

from fazhi.core.indicators import count_where, pct, rate_where, register_indicator
from fazhi.normdocs.models import Campaign, CorpusDoc, Criterion, NormDoc

S5 = "一(五)"
SINCE = datetime.date(2020, 1, 1)  # the seed: "2020年以来" (issued 2020-01-01 .. end of the reported year)


def _campaign_docs(orgs, start, end):
    return CorpusDoc.objects.filter(organization__in=orgs, campaign__year__gte=start.year, campaign__year__lte=end.year)


def _in_campaigns(start, end) -> Q:
    """Rows of the campaigns of the period (the campaign ids in one subquery, not a join per row)."""
    return Q(campaign__in=Campaign.objects.filter(year__gte=start.year, year__lte=end.year).values("pk"))


def _reviewed(doc_class):
    return lambda orgs, start, end: _campaign_docs(orgs, start, end).filter(doc_class=doc_class).exclude(outcome="")


def _reviewed_q(doc_class):
    return count_where(lambda s, e: _in_campaigns(s, e) & Q(doc_class=doc_class) & ~Q(outcome=""))


def _outcome(outcome):
    return lambda orgs, start, end: _campaign_docs(orgs, start, end).filter(outcome=outcome)


def _outcome_q(outcome):
    return count_where(lambda s, e: _in_campaigns(s, e) & Q(outcome=outcome))


def _issued(orgs, start, end):
    return NormDoc.objects.filter(organization__in=orgs, reg_number__gt="", published_on__range=(SINCE, end))


def _filing_q(start, end):
    return Q(published_on__range=(start, end), filing_due_on__isnull=False)


def _filing(orgs, start, end):
    """Documents published in the period whose filing deadline has been set."""
    return NormDoc.objects.filter(_filing_q(start, end), organization__in=orgs)


# Filed with both the government above and the county people's congress standing committee by the due date.
TIMELY = Q(filed_gov_on__lte=F("filing_due_on"), filed_npc_on__lte=F("filing_due_on"))


def _timely_rate(qs):
    return pct(qs.filter(TIMELY).count(), qs.count())


register_indicator(code="normdocs.cleanup_criteria", name="规范性文件清理标准", unit="条", section=S5,
                   definition="年度清理工作确定的清理标准条数。",
                   records=lambda orgs, s, e: Criterion.objects.filter(organization__in=orgs, campaign__year__gte=s.year,
                                                                      campaign__year__lte=e.year),
                   tally=count_where(_in_campaigns))
register_indicator(code="normdocs.cleanup_screened", name="清理筛查的文件", unit="件", section=S5,
                   definition="年度清理工作文件库中的全部文件（1983年以来印发）。", records=_campaign_docs,
                   tally=count_where(_in_campaigns))
register_indicator(code="normdocs.cleanup_reviewed_policy", name="审查的政策性文件", unit="件", section=S5,
                   definition="清理中确定为政策性文件并作出清理结果的文件。", records=_reviewed("policy"),
                   tally=_reviewed_q("policy"))
register_indicator(code="normdocs.cleanup_reviewed_normative", name="审查的规范性文件", unit="件", section=S5,
                   definition="清理中确定为规范性文件并作出清理结果的文件。", records=_reviewed("normative"),
                   tally=_reviewed_q("normative"))
register_indicator(code="normdocs.cleanup_repealed", name="清理废止的文件", unit="件", section=S5,
                   definition="清理结果为“废止”的文件。", records=_outcome("repeal"), tally=_outcome_q("repeal"))
register_indicator(code="normdocs.cleanup_expired", name="清理宣布失效的文件", unit="件", section=S5,
                   definition="清理结果为“宣布失效”的文件。", records=_outcome("expire"), tally=_outcome_q("expire"))
register_indicator(code="normdocs.cleanup_amended", name="清理修改的文件", unit="件", section=S5,
                   definition="清理结果为“修改”的文件。", records=_outcome("amend"), tally=_outcome_q("amend"))
register_indicator(code="normdocs.cleanup_kept", name="清理保留的文件", unit="件", section=S5,
                   definition="清理结果为“保留”的文件。", records=_outcome("keep"), tally=_outcome_q("keep"))
register_indicator(code="normdocs.issued_since_2020", name="2020年以来制发的规范性文件", unit="件", section=S5,
                   definition="经统一登记编号、2020年1月1日至统计期末公布的行政规范性文件。", records=_issued,
                   tally=count_where(lambda s, e: Q(reg_number__gt="", published_on__range=(SINCE, e))))
register_indicator(code="normdocs.filing_timely_rate", name="规范性文件备案及时率", unit="%", section=S5,
                   definition="统计期内公布的规范性文件中，在备案期限（期限规则 normdoc.filing）内同时报上级政府和"
                              "县人大常委会备案的比例。", records=_filing, value=_timely_rate,
                   **rate_where(TIMELY, _filing_q))

"""Figures the report module derives from the deadline board (used by the suggestions for 二、存在的不足)."""
from __future__ import annotations

import datetime

from django.db.models import F, Q
from django.utils import timezone

from fazhi.core.indicators import count_where, register_indicator
from fazhi.core.models import Deadline


def _overdue_q(start, end) -> Q:
    """Deadlines falling due in the year that were (or still are) not met in time."""
    today = timezone.localdate()
    late_done = Q(done_at__isnull=False, done_at__date__gt=F("due_date"))
    still_open = Q(done_at__isnull=True, due_date__lt=min(today, end + datetime.timedelta(days=1)))
    return (late_done | still_open) & Q(due_date__range=(start, end))


def _overdue(orgs, start, end):
    return Deadline.objects.filter(_overdue_q(start, end), organization__in=orgs)


register_indicator(
    code="reports.overdue_deadlines", name="逾期的法定期限事项", unit="项", section="二",
    definition="届满日在年度内、未在届满日前办结（或至今未办结且已届满）的期限事项（期限看板）。",
    records=_overdue, date_field="due_date", tally=count_where(_overdue_q))

"""Public portal: yearly aggregate figures and the public list of mediation bodies. No personal data."""
from __future__ import annotations

from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.core.indicators import year_bounds
from fazhi.core.workyear import reported_year

from .choices import CORRECTIVE_DECISIONS, HEAD_APPEARANCES, MediationKind, MediationStatus, ReviewState
from .models import LitigationCase, MediationCase, MediationRoom, ReviewCase


def public_figures(year: int) -> dict:
    start, end = year_bounds(year)
    reviews = ReviewCase.objects.all()
    decided = reviews.filter(state=ReviewState.DECIDED, decided_on__range=(start, end))
    heard = LitigationCase.objects.filter(hearings__held_on__range=(start, end)).distinct()
    head = LitigationCase.objects.filter(hearings__held_on__range=(start, end),
                                         hearings__appearance__in=HEAD_APPEARANCES).distinct()
    med = MediationCase.objects.filter(status=MediationStatus.SUCCESS, closed_on__range=(start, end))
    by_kind = dict(med.values_list("kind").annotate(n=Count("id")))
    n_heard, n_head = heard.count(), head.count()
    return {
        "year": year,
        "review_applied": reviews.filter(received_on__range=(start, end)).count(),
        "review_accepted": reviews.filter(accepted_on__range=(start, end)).count(),
        "review_decided": decided.count(),
        "review_corrected": decided.filter(decision_type__in=CORRECTIVE_DECISIONS).count(),
        "suits_heard": n_heard, "head_appeared": n_head,
        "mediation": [(label, by_kind.get(k, 0)) for k, label in MediationKind.choices],
    }


@require_safe
def index(request):
    try:
        year = int(request.GET.get("year", ""))
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        year = reported_year()
    rooms = MediationRoom.objects.filter(is_public=True).select_related("organization").order_by("kind", "name")
    return render(request, "disputes/portal_index.html", {"f": public_figures(year), "rooms": rooms})

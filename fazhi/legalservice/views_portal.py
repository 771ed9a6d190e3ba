"""Public portal pages: the 三大平台 (service points) and the year's aggregate figures.

Only public data: points marked 在门户公开, and counts. No names of applicants or consultants
are shown; activity titles are shown with ``mask_text`` applied (names, ID numbers, phones)."""
from __future__ import annotations


from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.legalservice import selectors as sel
from fazhi.legalservice.choices import PHYSICAL_LEVELS, ConsultChannel, PointLevel
from fazhi.legalservice.forms import YearForm, year_of
from fazhi.legalservice.models import Activity, AidCase, Consultation, Notarization
from fazhi.lib.masking import mask_text
from fazhi.core.workyear import reported_year


@require_safe
def points(request):
    rows = list(sel.public_points())
    groups = []
    for value, label in PointLevel.choices:
        items = [p for p in rows if p.level == value]
        if items:
            groups.append({"label": label, "physical": value in PHYSICAL_LEVELS, "items": items})
    yform = YearForm(request.GET or None)
    year = year_of(yform, reported_year())
    start, end = sel.year_range(year)
    consult = sel.consultation_counts(Consultation.objects.all(), year)
    recent = [{"title": mask_text(a.title), "kind": a.kind.name, "held_on": a.held_on, "count": a.count,
               "unit": a.kind.count_unit}
              for a in Activity.objects.filter(held_on__range=(start, end), kind__category__in=["publicity", "media",
                                                                                            "checkup"])
              .select_related("kind").order_by("-held_on", "-id")[:10]]
    return render(request, "legalservice/portal.html", {
        "groups": groups, "year": year,
        "aid": sel.aid_figures(AidCase.objects.all(), year),
        "notarizations": Notarization.objects.filter(issued_on__range=(start, end)).count(),
        "consult": [(label, consult.get(v, 0)) for v, label in ConsultChannel.choices],
        "recent": recent,
    })

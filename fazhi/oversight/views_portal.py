"""Public page: meetings, inspections (counts and titles) and final assessment rankings. No personal data."""
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .choices import AssessmentStatus
from .models import AdoptedDocument, Assessment, Inspection, Meeting
from .scoring import ranking


@require_safe
def index(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    meetings = Meeting.objects.filter(kind__in=["committee", "promotion"]).order_by("-held_on")
    inspections = Inspection.objects.order_by("-started_on")
    if year:
        meetings, inspections = meetings.filter(held_on__year=year), inspections.filter(started_on__year=year)
    final = Assessment.objects.filter(status=AssessmentStatus.FINAL).select_related("scheme").order_by("-year").first()
    results = ranking(final) if final else []
    return render(request, "oversight/portal_index.html", {
        "meetings": meetings[:50], "inspections": inspections[:50], "assessment": final,
        "results": [(r.rank, r.target.organization.name, r.score) for r in results],
        "documents": AdoptedDocument.objects.filter(meeting__in=meetings[:50]).select_related("meeting")})

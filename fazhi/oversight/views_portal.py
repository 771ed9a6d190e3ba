"""Public page: the county-level meetings and inspections (held by the 县委, 依法治县办, 县政府 or 县人大常委会,
the bodies whose 法治 work the annual report publishes) and final assessment rankings. No personal data;
departments' own records are never shown here."""
from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.core.choices import OrgKind

from .choices import AssessmentStatus
from .models import AdoptedDocument, Assessment, Inspection, Meeting
from .scoring import ranking

PUBLIC_KINDS = (OrgKind.PARTY, OrgKind.GOVERNMENT, OrgKind.OTHER)
# The final ranking recomputes every target's automatic indicators (hundreds of queries, ~1.8 s on the demo
# county): on the public page it is kept for a few minutes, so a stream of anonymous readers costs one
# computation per process per period instead of one each (make soak: it was the portal's p99).
PORTAL_RANKING_SECONDS = 300


def _public_ranking(final: Assessment) -> list[tuple]:
    def compute():
        return [(r.rank, r.target.organization.name, r.score) for r in ranking(final)]

    return cache.get_or_set(f"oversight:portal-ranking:{final.code}", compute, PORTAL_RANKING_SECONDS)


@require_safe
def index(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    meetings = Meeting.objects.filter(kind__in=["committee", "promotion"],
                                      organization__kind__in=PUBLIC_KINDS).order_by("-held_on")
    inspections = Inspection.objects.filter(organization__kind__in=PUBLIC_KINDS).order_by("-started_on")
    if year:
        meetings, inspections = meetings.filter(held_on__year=year), inspections.filter(started_on__year=year)
    final = (Assessment.objects.filter(status=AssessmentStatus.FINAL, organization__kind__in=PUBLIC_KINDS)
             .select_related("scheme").order_by("-year").first())
    return render(request, "oversight/portal_index.html", {
        "meetings": meetings[:50], "inspections": inspections[:50], "assessment": final,
        "results": _public_ranking(final) if final else [],
        "documents": AdoptedDocument.objects.filter(meeting__in=meetings[:50]).select_related("meeting")})

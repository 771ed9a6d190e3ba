"""Public portal of 行政执法 (118号（四）事前公开、（六）事后公开). Published material only; a citizen party's
name is masked (张某), no 身份证号 and no address appear; organizations appear with their name."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.lib.masking import mask_name, mask_text

from . import selectors as S
from .choices import PartyType


def _page(request, qs, per=50):
    return Paginator(qs, per).get_page(request.GET.get("page"))


def public_decision(c) -> dict:
    """The publishable fields of one decision (the only place that turns a case into public data)."""
    citizen = c.party_type == PartyType.CITIZEN
    return {
        "organization": c.organization.name, "number": c.decision_number, "kind": c.get_kind_display(),
        "party": mask_name(c.party_name) if citizen else c.party_name,
        "party_code": "" if citizen else c.party_credit_code,
        "title": mask_text(c.title), "item": c.item.name if c.item_id else "",
        "penalty": c.get_penalty_kind_display() if c.penalty_kind else "",
        "fine": c.fine_amount, "content": mask_text(c.decision_content), "decided_on": c.decided_on,
        "published_on": c.published_on,
    }


@require_safe
def index(request):
    return render(request, "enforcement/portal_index.html", {
        "bodies": S.public_bodies().order_by("organization__sort_order", "name"),
        "lists": S.public_lists().order_by("-published_on"),
        "decisions": [public_decision(c) for c in S.public_decisions()[:10]],
    })


@require_safe
def officers(request):
    q = (request.GET.get("q") or "").replace("\x00", "").strip()[:50]
    qs = S.public_officers().order_by("organization__sort_order", "name", "id")
    if q:
        qs = qs.filter(name__contains=q) | qs.filter(cert_no__contains=q.upper())
    return render(request, "enforcement/portal_officers.html", {"page": _page(request, qs), "q": q})


@require_safe
def items(request):
    qs = S.public_items().order_by("organization__sort_order", "category", "name")
    return render(request, "enforcement/portal_items.html", {"page": _page(request, qs)})


@require_safe
def decisions(request):
    page = _page(request, S.public_decisions())
    return render(request, "enforcement/portal_decisions.html",
                  {"page": page, "rows": [public_decision(c) for c in page]})


@require_safe
def draws(request):
    return render(request, "enforcement/portal_draws.html", {"page": _page(request, S.public_draws())})

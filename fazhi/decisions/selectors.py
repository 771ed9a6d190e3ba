"""Reads of 重大行政决策: always through ``fazhi.core.scoping``."""
from __future__ import annotations

from django.db.models import Count, Q

from fazhi.core.scoping import access, scope
from fazhi.decisions.choices import CatalogStatus, CommentStatus, DecisionState, WorkKind
from fazhi.decisions.models import Adviser, AdviserWork, Catalog, CatalogItem, Comment, Decision


def catalogs(user):
    return scope(Catalog.objects.select_related("organization"), user).annotate(
        n_items=Count("items", filter=Q(items__removed=False))).order_by("-year", "-id")


def catalog(user, code, *, write=False) -> Catalog:
    return access(Catalog.objects.select_related("organization"), user, write=write, code=code)


def catalog_item(user, code, *, write=False) -> CatalogItem:
    return access(CatalogItem.objects.select_related("organization", "catalog"), user, write=write, code=code)


def decisions(user):
    return scope(Decision.objects.select_related("organization", "catalog_item"), user)


def decision(user, code, *, write=False) -> Decision:
    return access(Decision.objects.select_related("organization", "catalog_item", "legality_adviser"), user,
                  write=write, code=code)


def comments(user):
    return scope(Comment.objects.select_related("decision", "organization"), user)


def comment(user, code, *, write=False) -> Comment:
    return access(Comment.objects.select_related("decision", "organization"), user, write=write, code=code)


def advisers(user):
    return scope(Adviser.objects.select_related("organization"), user)


def adviser(user, code, *, write=False) -> Adviser:
    return access(Adviser.objects.select_related("organization"), user, write=write, code=code)


def advisers_with_workload(user, year: int | None = None):
    """The roster with each adviser's meetings, suits and opinions (in ``year`` if given)."""
    flt = Q(work__on__year=year) if year else Q()
    return advisers(user).annotate(
        meetings=Count("work", filter=flt & Q(work__kind=WorkKind.MEETING)),
        suits=Count("work", filter=flt & Q(work__kind=WorkKind.SUIT)),
        opinions=Count("work", filter=flt & Q(work__kind=WorkKind.OPINION)),
    ).order_by("kind", "name", "id")


def work(user):
    return scope(AdviserWork.objects.select_related("organization", "adviser", "decision"), user)


def work_entry(user, code, *, write=False) -> AdviserWork:
    return access(AdviserWork.objects.select_related("organization", "adviser", "decision"), user, write=write,
                  code=code)


# -- public (portal) reads: only published material ---------------------------------------------------

def public_catalogs():
    return Catalog.objects.filter(status=CatalogStatus.PUBLISHED).select_related("organization")


def public_decisions():
    """Decisions the public may see: put out for comment, or published."""
    return Decision.objects.filter(comment_opens_on__isnull=False).exclude(state=DecisionState.STARTED) | \
        Decision.objects.filter(published_on__isnull=False)


def public_comments(decision):
    return decision.comments.filter(status=CommentStatus.PUBLISHED).order_by("submitted_at", "id")

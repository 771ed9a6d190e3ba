"""Helpers shared by the routers: pagination, resolving references in request bodies."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from fazhi.core.models import Organization, Region
from fazhi.core.scoping import access


def paginate(qs: QuerySet, page) -> dict[str, Any]:
    return {"count": qs.count(), "limit": page.limit, "offset": page.offset,
            "items": list(qs[page.offset: page.offset + page.limit])}


def actor_of(request):
    return request.auth


def request_id(request) -> str:
    return getattr(request, "request_id", "")


def region_ref(code: str, field: str = "region") -> Region:
    """Regions are shared reference data (not organization-owned)."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError({field: "未找到该区划代码。"})
    return region


def org_ref(actor, code: UUID, field: str) -> Organization:
    """An organization named in a request body: must be visible to the caller (else a field error
    that does not reveal whether it exists)."""
    try:
        return access(Organization.objects.all(), actor, field="", code=code)
    except Http404:
        raise ValidationError({field: "未找到该单位，或您无权访问。"}) from None

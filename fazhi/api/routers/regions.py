"""/api/regions — the administrative divisions (GB/T 2260), read-only reference data."""
from __future__ import annotations

from ninja import Query, Router

from fazhi.api.routers.common import paginate
from fazhi.api.schemas import ErrorOut, PageParams, RegionFilters, RegionPage
from fazhi.core.models import Region

router = Router(tags=["行政区划"])


@router.get("/regions", response={200: RegionPage, 401: ErrorOut, 422: ErrorOut}, url_name="region_list",
            summary="行政区划列表")
def region_list(request, filters: Query[RegionFilters], page: Query[PageParams]):
    qs = Region.objects.select_related("parent")
    if filters.parent:
        qs = qs.filter(parent__code=filters.parent)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.q:
        qs = qs.filter(name__icontains=filters.q)
    return paginate(qs.order_by("code"), page)

"""/api/organizations — list (scoped, filtered, paginated), get, create, patch."""
from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Query, Router, Status

from fazhi.api.routers.common import actor_of, org_ref, paginate, region_ref, request_id
from fazhi.api.schemas import (ErrorOut, OrganizationFilters, OrganizationIn, OrganizationOut, OrganizationPage,
                               OrganizationPatch, PageParams)
from fazhi.core.models import Organization
from fazhi.core.scoping import access, visible_orgs
from fazhi.core.services import organization_create, organization_update

router = Router(tags=["单位"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
NOT_NULL = ("name", "kind", "region", "short_name", "credit_code", "is_active", "sort_order")


def _base():
    return Organization.objects.select_related("parent", "region")


@router.get("/organizations", response={200: OrganizationPage, **ERRORS}, url_name="organization_list",
            summary="单位列表")
def organization_list(request, filters: Query[OrganizationFilters], page: Query[PageParams]):
    qs = visible_orgs(actor_of(request)).select_related("parent", "region")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent:
        qs = qs.filter(parent__code=filters.parent)
    if filters.is_active is not None:
        qs = qs.filter(is_active=filters.is_active)
    if filters.q:
        qs = qs.filter(name__icontains=filters.q)
    return paginate(qs.order_by("sort_order", "id"), page)


@router.get("/organizations/{uuid:code}", response={200: OrganizationOut, **ERRORS}, url_name="organization_get",
            summary="单位详情")
def organization_get(request, code: UUID):
    return access(_base(), actor_of(request), field="", code=code)


@router.post("/organizations", response={201: OrganizationOut, **ERRORS}, url_name="organization_create",
             summary="新增单位")
def organization_create_view(request, payload: OrganizationIn):
    actor = actor_of(request)
    region = region_ref(payload.region)
    parent = org_ref(actor, payload.parent, "parent") if payload.parent else None
    org = organization_create(actor=actor, name=payload.name, kind=payload.kind, region=region, parent=parent,
                              short_name=payload.short_name, credit_code=payload.credit_code,
                              sort_order=payload.sort_order, request_id=request_id(request))
    return Status(201, _base().get(pk=org.pk))


@router.patch("/organizations/{uuid:code}", response={200: OrganizationOut, **ERRORS},
              url_name="organization_update", summary="修改单位")
def organization_update_view(request, code: UUID, payload: OrganizationPatch):
    actor = actor_of(request)
    org = access(_base(), actor, write=True, field="", code=code)
    data = payload.model_dump(exclude_unset=True)
    nulls = {k: ["不能为空。"] for k in NOT_NULL if k in data and data[k] is None}
    if nulls:
        raise ValidationError(nulls)
    if "region" in data:
        data["region"] = region_ref(data["region"])
    if "parent" in data:
        data["parent"] = org_ref(actor, data["parent"], "parent") if data["parent"] else None
    if "credit_code" in data:
        data["credit_code"] = data["credit_code"].strip().upper()
    organization_update(actor=actor, org=org, data=data, request_id=request_id(request))
    return _base().get(pk=org.pk)

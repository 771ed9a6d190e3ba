"""/api/users — users holding a role in an organization the caller can see.

A user's memberships are shown only for organizations visible to the caller (a user who also
works for another department does not reveal that department).
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from ninja import Query, Router, Status

from fazhi.api.routers.common import actor_of, org_ref, paginate, request_id
from fazhi.api.schemas import ErrorOut, PageParams, UserFilters, UserIn, UserOut, UserPage, UserPatch
from fazhi.core.models import Membership, User
from fazhi.core.scoping import access, visible_orgs
from fazhi.core.services import user_create, user_update

router = Router(tags=["用户"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
USER_LOOKUP = "memberships__organization"


def _with_memberships(qs, actor):
    visible = Membership.objects.filter(organization__in=visible_orgs(actor)).select_related("organization")
    return qs.prefetch_related(Prefetch("memberships", queryset=visible.order_by("id"), to_attr="visible_memberships"))


def _out(user: User) -> dict:
    return {
        "username": user.username, "name": user.name, "phone": user.phone, "email": user.email,
        "is_active": user.is_active,
        "memberships": [
            {"organization": {"code": m.organization.code, "name": m.organization.name},
             "role": m.role, "role_label": m.get_role_display()}
            for m in getattr(user, "visible_memberships", [])
        ],
    }


def _get(actor, username: str) -> User:
    user = access(User.objects.all(), actor, field=USER_LOOKUP, username=username)
    return _with_memberships(User.objects.filter(pk=user.pk), actor).get()


@router.get("/users", response={200: UserPage, **ERRORS}, url_name="user_list", summary="用户列表")
def user_list(request, filters: Query[UserFilters], page: Query[PageParams]):
    actor = actor_of(request)
    memberships = Membership.objects.filter(organization__in=visible_orgs(actor))
    if filters.organization:
        memberships = memberships.filter(organization__code=filters.organization)
    if filters.role:
        memberships = memberships.filter(role=filters.role)
    qs = User.objects.filter(pk__in=memberships.values("user_id"))
    if filters.q:
        qs = qs.filter(Q(username__icontains=filters.q) | Q(name__icontains=filters.q))
    result = paginate(_with_memberships(qs.order_by("username"), actor), page)
    result["items"] = [_out(u) for u in result["items"]]
    return result


@router.get("/users/{str:username}", response={200: UserOut, **ERRORS}, url_name="user_get", summary="用户详情")
def user_get(request, username: str):
    return _out(_get(actor_of(request), username))


@router.post("/users", response={201: UserOut, **ERRORS}, url_name="user_create", summary="新增用户（法治办管理员）")
def user_create_view(request, payload: UserIn):
    actor = actor_of(request)
    organization = org_ref(actor, payload.organization, "organization")
    user = user_create(actor=actor, username=payload.username, name=payload.name, organization=organization,
                       roles=[str(r) for r in payload.roles], password=payload.password, phone=payload.phone,
                       email=payload.email, request_id=request_id(request))
    return Status(201, _out(_get(actor, user.username)))


@router.patch("/users/{str:username}", response={200: UserOut, **ERRORS}, url_name="user_update",
              summary="修改用户（法治办管理员）")
def user_update_view(request, username: str, payload: UserPatch):
    actor = actor_of(request)
    user = access(User.objects.all(), actor, field=USER_LOOKUP, username=username)
    data = payload.model_dump(exclude_unset=True)
    nulls = {k: ["不能为空。"] for k, v in data.items() if v is None}
    if nulls:
        raise ValidationError(nulls)
    user_update(actor=actor, user=user, data=data, request_id=request_id(request))
    return _out(_get(actor, username))

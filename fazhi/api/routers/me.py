"""/api/me — who is calling: roles and organizations."""
from __future__ import annotations

from ninja import Router

from fazhi.api.routers.common import actor_of
from fazhi.api.schemas import ErrorOut, MeOut
from fazhi.core.scoping import user_roles, visible_orgs

router = Router(tags=["当前用户"])


@router.get("/me", response={200: MeOut, 401: ErrorOut}, url_name="me", summary="当前用户")
def me(request):
    user = actor_of(request)
    roles = user_roles(user)
    orgs: dict = {}
    for r in roles:
        orgs.setdefault(r["organization"].pk, r["organization"])
    return {
        "username": user.username, "name": user.name, "is_superuser": user.is_superuser,
        "auth": "token" if getattr(request, "api_token_auth", False) else "session",
        "roles": [{"organization": {"code": r["organization"].code, "name": r["organization"].name},
                   "role": r["role"], "role_label": str(r["role_label"])} for r in roles],
        "organizations": [{"code": o.code, "name": o.name} for o in orgs.values()],
        "visible_organization_count": visible_orgs(user).count(),
    }

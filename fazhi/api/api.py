"""The REST API at /api/ (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

The docs page is rendered from ninja's own template with swagger-ui from ninja's static files
(served by WhiteNoise through the finders): no CDN, works on an intranet without internet.
"""
from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from fazhi.api import errors
from fazhi.api.auth import session_auth, token_auth
from fazhi.api.routers import me, organizations, regions, users


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese as characters, not \\u escapes (readable in logs and curl)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="法治 Fazhi API",
    version="1",
    description=(
        "法治政府建设平台接口。认证：请求头 `Authorization: Bearer <接口令牌>`（令牌由管理员用 "
        "`fazhi token create 用户名 用途` 创建），或已登录的网页会话（修改类请求须带 X-CSRFToken）。"
        "其他单位的记录一律返回 404。"
    ),
    urls_namespace="api",
    auth=[token_auth, session_auth],
    renderer=ChineseJSONRenderer(),
    docs=Swagger(settings={"persistAuthorization": False}),
)
errors.install(api)

api.add_router("", me.router)
api.add_router("", organizations.router)
api.add_router("", users.router)
api.add_router("", regions.router)

# Domain modules: each app's ``api.py`` has a ``router``.
from fazhi.legalservice.api import router as legalservice_router  # noqa: E402
from fazhi.disputes.api import router as disputes_router  # noqa: E402
from fazhi.oversight.api import router as oversight_router  # noqa: E402
from fazhi.decisions.api import router as decisions_router  # noqa: E402
from fazhi.enforcement.api import router as enforcement_router  # noqa: E402
from fazhi.normdocs.api import router as normdocs_router  # noqa: E402
from fazhi.functions.api import router as functions_router  # noqa: E402
from fazhi.reports.api import router as reports_router  # noqa: E402

api.add_router("/legalservice", legalservice_router)
api.add_router("/disputes", disputes_router)
api.add_router("/oversight", oversight_router)
api.add_router("/decisions", decisions_router)
api.add_router("/enforcement", enforcement_router)
api.add_router("/normdocs", normdocs_router)
api.add_router("/functions", functions_router)
api.add_router("/reports", reports_router)

"""One error shape for the whole API, with Chinese messages:

    {"error": {"code": "validation_error", "message": "...", "fields": {"name": ["..."]}}}

Mapping: schema (pydantic) errors → 422; Django ``ValidationError`` (raised by services and
``full_clean``) → 400; malformed JSON → 400; ``Http404`` (missing *or* another organization's
record: same answer) → 404; ``PermissionDenied`` → 403; no or bad credentials → 401.
Database outage (``OperationalError``, ``InterfaceError``) → 503 with ``Retry-After``.
Unexpected exceptions are logged and answered with a JSON 500 (no traceback leaks).
"""
from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger("fazhi.api")

MSG_VALIDATION = "提交的数据有误，请检查后重试。"
MSG_NOT_FOUND = "未找到该记录。"
MSG_FORBIDDEN = "您没有执行该操作的权限。"
MSG_UNAUTHORIZED = "未登录或接口令牌无效。请登录，或在请求头中提供 Authorization: Bearer <令牌>。"
MSG_MALFORMED_JSON = "请求体不是有效的 JSON。"
MSG_CSRF = "CSRF 校验失败：请刷新页面后重试（网页调用须携带 X-CSRFToken 请求头）。"
MSG_SERVER = "服务器内部错误，请稍后重试或联系管理员。"

# Chinese messages for pydantic error types. {placeholders} come from the error's ``ctx``.
PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": "该字段为必填项。",
    "string_type": "应为文本。",
    "string_too_short": "至少需要 {min_length} 个字符。",
    "string_too_long": "不能超过 {max_length} 个字符。",
    "string_pattern_mismatch": "格式不正确。",
    "int_type": "应为整数。",
    "int_parsing": "应为整数。",
    "int_from_float": "应为整数。",
    "float_type": "应为数字。",
    "float_parsing": "应为数字。",
    "decimal_type": "应为数字。",
    "decimal_parsing": "应为数字。",
    "bool_type": "应为 true 或 false。",
    "bool_parsing": "应为 true 或 false。",
    "uuid_type": "应为有效的编码（UUID）。",
    "uuid_parsing": "应为有效的编码（UUID）。",
    "enum": "取值无效，可选值：{expected}。",
    "literal_error": "取值无效，可选值：{expected}。",
    "list_type": "应为列表。",
    "dict_type": "应为 JSON 对象。",
    "model_type": "应为 JSON 对象。",
    "model_attributes_type": "应为 JSON 对象。",
    "too_short": "至少需要 {min_length} 项。",
    "too_long": "最多 {max_length} 项。",
    "greater_than": "应大于 {gt}。",
    "greater_than_equal": "不能小于 {ge}。",
    "less_than": "应小于 {lt}。",
    "less_than_equal": "不能大于 {le}。",
    "extra_forbidden": "不允许的字段。",
    "date_type": "应为日期（YYYY-MM-DD）。",
    "date_parsing": "应为日期（YYYY-MM-DD）。",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）。",
    "datetime_type": "应为日期时间（ISO 8601）。",
    "datetime_parsing": "应为日期时间（ISO 8601）。",
    "datetime_from_date_parsing": "应为日期时间（ISO 8601）。",
    "json_invalid": MSG_MALFORMED_JSON,
    "json_type": MSG_MALFORMED_JSON,
}
DEFAULT_FIELD_MESSAGE = "取值无效。"
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


class CsrfFailed(HttpError):
    def __init__(self) -> None:
        super().__init__(403, MSG_CSRF)


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message}
    if fields:
        err["fields"] = fields
    return {"error": err}


def _pydantic_message(err: dict[str, Any]) -> str:
    etype = err.get("type", "")
    ctx = dict(err.get("ctx") or {})
    if etype in ("value_error", "assertion_error"):
        # Our own validators raise ValueError with a Chinese message; pydantic prefixes it.
        msg = str(ctx.get("error") or err.get("msg") or "")
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        return msg or DEFAULT_FIELD_MESSAGE
    template = PYDANTIC_MESSAGES.get(etype)
    if template is None:
        return DEFAULT_FIELD_MESSAGE
    if "expected" in ctx:
        ctx["expected"] = str(ctx["expected"]).replace(" or ", "、").replace(", ", "、").replace("'", "")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template.split("{")[0].rstrip("：，") + "。" if "{" in template else template


def _field_name(loc: tuple | list, param_names: set[str]) -> str:
    parts = list(loc)
    if parts and parts[0] in SOURCES:
        parts = parts[1:]
    # ninja puts the view's parameter name (e.g. "payload", "filters") after the source.
    if parts and isinstance(parts[0], str) and parts[0] in param_names and len(parts) > 1:
        parts = parts[1:]
    elif parts and isinstance(parts[0], str) and parts[0] in param_names:
        return NON_FIELD_ERRORS
    return ".".join(str(p) for p in parts) or NON_FIELD_ERRORS


def pydantic_fields(errors: list[dict[str, Any]], param_names: set[str] | None = None) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for err in errors:
        name = _field_name(err.get("loc") or (), param_names or {"payload", "filters", "page", "body"})
        if err.get("type") == "missing" and name == NON_FIELD_ERRORS:
            msg = "请求体不能为空。"
        else:
            msg = _pydantic_message(err)
        bucket = fields.setdefault(name, [])
        if msg not in bucket:
            bucket.append(msg)
    return fields


def django_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
    return {NON_FIELD_ERRORS: [str(m) for m in exc.messages]}


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api`` (replacing ninja's English defaults)."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    def on_ninja_validation(request, exc: NinjaValidationError):
        return respond(request, 422, error_body("validation_error", MSG_VALIDATION, pydantic_fields(exc.errors)))

    def on_django_validation(request, exc: DjangoValidationError):
        return respond(request, 400, error_body("validation_error", MSG_VALIDATION, django_fields(exc)))

    def on_404(request, exc):
        return respond(request, 404, error_body("not_found", MSG_NOT_FOUND))

    def on_permission_denied(request, exc: PermissionDenied):
        message = str(exc) if str(exc) else MSG_FORBIDDEN
        return respond(request, 403, error_body("forbidden", message))

    def on_auth(request, exc):
        response = respond(request, 401, error_body("unauthorized", MSG_UNAUTHORIZED))
        response["WWW-Authenticate"] = 'Bearer realm="fazhi"'
        return response

    def on_http_error(request, exc: HttpError):
        if isinstance(exc, CsrfFailed):
            return respond(request, 403, error_body("csrf_failed", MSG_CSRF))
        if isinstance(exc, Throttled):
            return respond(request, 429, error_body("throttled", "请求过于频繁，请稍后再试。"))
        if isinstance(exc.__cause__, RequestDataTooBig):
            return respond(request, 413, error_body("too_large", "请求体过大。"))
        if exc.status_code == 400 and exc.__cause__ is not None:
            # ninja wraps the body parser's exception: the request body is not JSON.
            return respond(request, 400, error_body("malformed_json", MSG_MALFORMED_JSON))
        codes = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 409: "conflict", 413: "too_large"}
        messages = {400: "请求有误。", 401: MSG_UNAUTHORIZED, 403: MSG_FORBIDDEN, 404: MSG_NOT_FOUND,
                    405: "不支持该请求方法。", 409: "数据冲突，请刷新后重试。", 413: "请求体过大。"}
        status = exc.status_code
        return respond(request, status, error_body(codes.get(status, "error"), messages.get(status, str(exc.message))))

    def on_too_big(request, exc):
        return respond(request, 413, error_body("too_large", "请求体过大。"))

    def on_db_unavailable(request, exc: Exception):
        # PostgreSQL restarting or unreachable: nothing was saved, try again shortly (fazhi.core.unavailable).
        from fazhi.core.unavailable import unavailable_response

        logger.error("API %s %s: database unavailable: %s", request.method, request.path, exc)
        return unavailable_response(request)

    def on_unexpected(request, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, error_body("server_error", MSG_SERVER))

    api.add_exception_handler(Exception, on_unexpected)
    api.add_exception_handler(OperationalError, on_db_unavailable)
    api.add_exception_handler(InterfaceError, on_db_unavailable)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_auth)
    api.add_exception_handler(NinjaValidationError, on_ninja_validation)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(RequestDataTooBig, on_too_big)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """Django's ``handler404``: a path under /api/ that matches no route (``/api/organizations/abc``,
    a misspelt endpoint) answers the API's JSON 404, not the HTML error page; other paths the usual page."""
    if request.path.startswith("/api/"):
        return json_response(404, error_body("not_found", MSG_NOT_FOUND))
    from django.views.defaults import page_not_found as html_page_not_found

    return html_page_not_found(request, exception)


def json_response(status: int, body: dict[str, Any]) -> HttpResponse:
    import json

    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                        content_type="application/json; charset=utf-8")


class MethodNotAllowedMiddleware:
    """A method a route does not take (``DELETE /api/organizations``) answers the API's JSON error
    with the methods it does take; ninja itself answers a bare ``HttpResponseNotAllowed``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.status_code == 405 and request.path.startswith("/api/")
                and not response.get("Content-Type", "").startswith("application/json")):
            allowed = response.get("Allow", "")
            message = f"该接口不支持 {request.method} 请求方法" + (f"，可用的方法：{allowed}。" if allowed else "。")
            new = json_response(405, error_body("method_not_allowed", message))
            if allowed:
                new["Allow"] = allowed
            return new
        return response

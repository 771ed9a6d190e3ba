"""Database unavailable → 503 (Chinese page, or the API's JSON error), never a 500 traceback.

While PostgreSQL restarts (or is unreachable) every query raises ``OperationalError`` or
``InterfaceError``. Nothing about the request is wrong, and nothing was saved (the service's
transaction rolled back), so the answer is "try again shortly": HTTP 503 with ``Retry-After``.

- Pages: ``handler500`` (fazhi/urls.py) is :func:`server_error`; it looks at the exception being
  handled (Django calls the handler inside its ``except`` block) and answers ``503.html`` for a
  database outage, Django's standalone ``500.html`` otherwise. It covers exceptions raised in
  views, in template rendering and in middleware (the session load in the auth middleware, the
  session save on the way out).
- API: ``fazhi.api.errors.install`` maps the same exceptions to ``{"error": {"code":
  "service_unavailable", ...}}`` with status 503.

Django still logs the exception (``django.request``, level ERROR) — an outage must be visible
in the logs. The connection that failed is discarded at the end of the request
(``close_old_connections``) and the next request reconnects (``CONN_HEALTH_CHECKS``).
"""
from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

DB_UNAVAILABLE = (OperationalError, InterfaceError)
MESSAGE = "数据库暂时无法连接，请稍后重试。"
RETRY_AFTER_SECONDS = 10


def is_db_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, DB_UNAVAILABLE)


def unavailable_response(request: HttpRequest | None) -> HttpResponse:
    """The 503 answer: JSON under /api/, the standalone Chinese page elsewhere (no database needed)."""
    if request is not None and request.path.startswith("/api/"):
        from fazhi.api.errors import error_body, json_response

        response = json_response(503, error_body("service_unavailable", MESSAGE))
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 when the exception being handled is a database outage, else Django's 500."""
    if is_db_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    return django_server_error(request)

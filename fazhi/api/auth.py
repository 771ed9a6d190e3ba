"""Two ways in: an API token (integrations) or the logged-in session (the web UI's own calls).

- ``Authorization: Bearer <key>``: the key is looked up by its SHA-256 (the key itself is never
  stored); revoked tokens and inactive users are refused; ``last_used_at`` is refreshed (at most
  once a minute, to keep reads from writing on every call). No CSRF check: a browser never adds
  this header on its own.
- The Django session cookie: the same user as the web pages, and for unsafe methods the same
  CSRF check as a form post (``X-CSRFToken`` header).
"""
from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from fazhi.api.errors import CsrfFailed
from fazhi.core.models import ApiToken

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
LAST_USED_RESOLUTION = datetime.timedelta(seconds=60)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def token_user(key: str):
    """The active user owning the unrevoked token ``key``, or None."""
    key = (key or "").strip()
    if not key or len(key) > 200:
        return None
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=hash_key(key), revoked_at__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # Bookkeeping only (not a change of the record's content): no audit event.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = token_user(token)
        if user is not None:
            request.user = user
            request.api_token_auth = True
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in session; CSRF enforced for unsafe methods (only once we know who is calling)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and not getattr(request, "_ninja_csrf_exempt", False):
            if check_csrf(request) is not None:
                raise CsrfFailed()
        return user

    def authenticate(self, request: HttpRequest, key: str | None):  # pragma: no cover - __call__ overrides
        return None


token_auth = TokenAuth()
session_auth = SessionAuth()

"""Login throttling and the audit trail of logins (等保: 登录失败处理、会话超时、审计).

Throttling uses Django's cache (no extra package): each failed attempt appends a timestamp to
two sliding windows, one per username and one per client IP. When a window holds
``settings.LOGIN_MAX_FAILURES`` failures (per IP: ``settings.LOGIN_MAX_FAILURES_PER_IP``, default
four times as many, because a whole county office often shares one NAT address) younger than
``settings.LOGIN_LOCKOUT_SECONDS``, further attempts are refused *before* the password is checked,
so even the right password does not get in until the window has passed. A successful login clears
the username's window.

With the default local-memory cache the counters are per process; production deployments with
several app processes should set ``DATABASE_CACHE=True`` (or another shared cache) so they agree.
"""
from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from fazhi.core.audit import audit_log

_PREFIX = "fazhi:login-failures:"


def _now() -> float:
    return time.time()


def _window() -> int:
    return int(getattr(settings, "LOGIN_LOCKOUT_SECONDS", 900))


def _limits() -> tuple[int, int]:
    per_user = int(getattr(settings, "LOGIN_MAX_FAILURES", 5))
    per_ip = int(getattr(settings, "LOGIN_MAX_FAILURES_PER_IP", per_user * 4))
    return per_user, per_ip


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"{_PREFIX}{kind}:{digest}"


def _recent(key: str) -> list[float]:
    cutoff = _now() - _window()
    return [t for t in (cache.get(key) or []) if t > cutoff]


def client_ip(request) -> str:
    """REMOTE_ADDR only: X-Forwarded-For is set by the client and cannot be trusted here."""
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def lockout_remaining(username: str, ip: str) -> int:
    """Seconds until another attempt is allowed; 0 when not locked."""
    per_user, per_ip = _limits()
    remaining = 0
    for key, limit in ((_key("user", username or ""), per_user), (_key("ip", ip), per_ip)):
        stamps = _recent(key)
        if len(stamps) >= limit:
            # Locked until enough of the window's failures have aged out.
            unlock_at = sorted(stamps)[len(stamps) - limit] + _window()
            remaining = max(remaining, int(math.ceil(unlock_at - _now())))
    return max(remaining, 0)


def lockout_message(seconds: int) -> str:
    minutes = max(1, int(math.ceil(seconds / 60)))
    return f"登录失败次数过多，请{minutes}分钟后再试。"


def failures_left(username: str) -> int:
    """Failed attempts the username may still make before it is locked out (per-username window)."""
    per_user, _ = _limits()
    return max(per_user - len(_recent(_key("user", username or ""))), 0)


def failure_message(base: str, username: str, ip: str) -> str:
    """The wrong-password message, telling the user when they are close to, or now in, a lockout."""
    locked = lockout_remaining(username, ip)
    if locked:
        return f"{base}失败次数已达上限，账号已暂时锁定，请{max(1, int(math.ceil(locked / 60)))}分钟后再试。"
    left = failures_left(username)
    if left <= 2:
        return f"{base}再输错{left}次，账号将锁定{max(1, int(math.ceil(_window() / 60)))}分钟。"
    return base


def record_failure(username: str, ip: str) -> None:
    now = _now()
    for key in (_key("user", username or ""), _key("ip", ip)):
        stamps = _recent(key)
        stamps.append(now)
        cache.set(key, stamps[-100:], timeout=_window())


def reset(username: str) -> None:
    cache.delete(_key("user", username or ""))


def _first_org(user):
    membership = user.memberships.select_related("organization").order_by("id").first() if user else None
    return membership.organization if membership else None


def log_login(request, user) -> None:
    audit_log(actor=user, action="core.auth.login", target=user, organization=_first_org(user),
              data={"ip": client_ip(request)}, request_id=getattr(request, "request_id", ""))


def log_login_failed(request, username: str, reason: str) -> None:
    """``reason``: "credentials" (wrong username/password or inactive) or "locked" (throttled)."""
    from fazhi.core.models import User

    user = User.objects.filter(username=username).first() if username else None
    kwargs: dict = {"target": user} if user else {"target_type": "core.user", "target_repr": (username or "")[:150]}
    audit_log(actor=None, action="core.auth.login_failed", organization=_first_org(user),
              data={"username": (username or "")[:150], "ip": client_ip(request), "reason": reason},
              request_id=getattr(request, "request_id", ""), **kwargs)


def log_logout(request, user) -> None:
    audit_log(actor=user, action="core.auth.logout", target=user, organization=_first_org(user),
              data={"ip": client_ip(request)}, request_id=getattr(request, "request_id", ""))

"""API token writes: create (returns the plaintext key once) and revoke. Audited.

Only the SHA-256 of a key is stored; ``prefix`` (its first 8 characters) identifies a token in
lists and on the command line. Who may manage a user's tokens: the system (``actor=None``, the
``fazhi token`` command), a superuser, the user themself, or a 法治办管理员 covering one of the
user's organizations.
"""
from __future__ import annotations

import secrets
import string

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.api.auth import hash_key
from fazhi.core.audit import audit_log
from fazhi.core.choices import Role
from fazhi.core.models import ApiToken, User
from fazhi.core.scoping import can_write, has_role

KEY_ALPHABET = string.ascii_letters + string.digits
KEY_LENGTH = 40  # ~238 bits


def _user_orgs(user: User):
    return [m.organization for m in user.memberships.select_related("organization", "organization__region")]


def _require_token_manager(actor, user: User) -> None:
    if actor is None or getattr(actor, "is_superuser", False) or actor.pk == user.pk:
        return
    if has_role(actor, Role.ADMIN) and any(can_write(actor, org) for org in _user_orgs(user)):
        return
    raise PermissionDenied("您没有管理该用户接口令牌的权限。")


def _new_key() -> str:
    while True:
        key = "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))
        if not ApiToken.objects.filter(prefix=key[:8]).exists():
            return key


@transaction.atomic
def api_token_create(*, actor, user: User, name: str, request_id: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``. Returns (token, plaintext key); the key is not kept anywhere."""
    _require_token_manager(actor, user)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写令牌用途。"})
    if not user.is_active:
        raise ValidationError({"user": "该用户已停用，不能创建接口令牌。"})
    key = _new_key()
    token = ApiToken(user=user, name=name, prefix=key[:8], key_hash=hash_key(key))
    token.full_clean()
    token.save()
    orgs = _user_orgs(user)
    audit_log(actor=actor, action="core.token.create", target=token, organization=orgs[0] if orgs else None,
              data={"user": user.username, "name": name, "prefix": token.prefix}, request_id=request_id)
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken, request_id: str = "") -> ApiToken:
    _require_token_manager(actor, token.user)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError("该接口令牌已撤销。")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    orgs = _user_orgs(token.user)
    audit_log(actor=actor, action="core.token.revoke", target=token, organization=orgs[0] if orgs else None,
              data={"user": token.user.username, "name": token.name, "prefix": token.prefix}, request_id=request_id)
    return token

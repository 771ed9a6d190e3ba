"""Writes of the core app: organizations, users, memberships. One code path for UI, API, CLI, import.

Each service: keyword-only, ``@transaction.atomic``, checks the actor's right, ``full_clean()``,
saves, appends an audit event. ``actor=None`` is the system itself (data loading, management
commands run by the server's operator); it passes the permission checks and is logged as 系统.
"""
from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.choices import Role
from fazhi.core.models import Membership, Organization, Region, User
from fazhi.core.scoping import _county_region_path, can_write, has_role
from fazhi.lib.validators import normalize_ascii


def _set_org_path(org: Organization) -> None:
    parent_path = org.parent.path if org.parent_id else "/"
    new_path = f"{parent_path}{org.pk}/"
    if org.path != new_path:
        old = org.path
        org.path = new_path
        org.save(update_fields=["path"])
        if old:
            for child in Organization.objects.filter(path__startswith=old).exclude(pk=org.pk):
                child.path = new_path + child.path[len(old):]
                child.save(update_fields=["path"])


def region_create(*, code: str, name: str, level: str, parent: Region | None = None) -> Region:
    region = Region(code=code, name=name, level=level, parent=parent)
    region.path = (parent.path if parent else "/") + f"{code}/"
    region.full_clean()
    region.save()
    return region


ORG_FIELDS = ["name", "short_name", "kind", "parent", "region", "credit_code", "is_active", "sort_order"]


@transaction.atomic
def organization_create(*, actor, name: str, kind: str, region: Region, parent: Organization | None = None,
                        short_name: str = "", credit_code: str = "", sort_order: int = 0, request_id: str = "") -> Organization:
    """New organization. Under a parent: the actor must be able to write the parent; at the top: admin only."""
    if parent is not None:
        if actor is not None and not can_write(actor, parent):
            raise PermissionDenied("您没有在该上级单位下新增单位的权限。")
    elif not (actor is None or getattr(actor, "is_superuser", False) or has_role(actor, Role.ADMIN)):
        raise PermissionDenied("只有法治办管理员可以新增顶级单位。")
    org = Organization(name=name, kind=kind, region=region, parent=parent, short_name=short_name,
                       credit_code=normalize_ascii(credit_code or "").upper(), sort_order=sort_order)
    org.full_clean()
    org.save()
    _set_org_path(org)
    audit_log(actor=actor, action="core.org.create", target=org, data={"after": snapshot(org, ORG_FIELDS)}, request_id=request_id)
    return org


@transaction.atomic
def organization_update(*, actor, org: Organization, data: dict[str, Any], request_id: str = "") -> Organization:
    if actor is not None and not can_write(actor, org):
        raise PermissionDenied("您没有修改该单位的权限。")
    before = snapshot(org, ORG_FIELDS)
    unknown = [f for f in data if f not in ORG_FIELDS]
    if unknown:
        raise ValidationError({f: "该字段不可修改。" for f in unknown})
    if "credit_code" in data:
        data = {**data, "credit_code": normalize_ascii(data["credit_code"] or "").upper()}
    # Permission checks come before the instance is touched, so a refusal leaves it as it was.
    is_admin = actor is None or getattr(actor, "is_superuser", False) or has_role(actor, Role.ADMIN)
    if "parent" in data and data["parent"] is None and org.parent_id is not None and not is_admin:
        raise PermissionDenied("只有法治办管理员可以把单位设为顶级单位。")
    new_region = data.get("region", org.region)
    if new_region.pk != org.region_id and not is_admin:
        # A unit may move between townships of its county, never out of it.
        if not new_region.path.startswith(_county_region_path(org)):
            raise PermissionDenied("不能把单位的所在区划改到本县以外。")
    for field, value in data.items():
        setattr(org, field, value)
    if org.parent_id:
        if org.parent_id == org.pk or org.parent.path.startswith(org.path or "\0"):
            raise ValidationError({"parent": "上级单位不能是本单位或其下级单位。"})
        if actor is not None and not can_write(actor, org.parent):
            raise PermissionDenied("您没有将单位移到该上级单位下的权限。")
    org.full_clean()
    org.save()
    _set_org_path(org)
    after = snapshot(org, ORG_FIELDS)
    changes = diff(before, after)
    if changes:
        audit_log(actor=actor, action="core.org.update", target=org, data={"changes": changes}, request_id=request_id)
    return org


USER_FIELDS = ["username", "name", "phone", "email", "is_active"]


def _require_user_admin(actor, organization: Organization) -> None:
    if actor is None or getattr(actor, "is_superuser", False):
        return
    if not (has_role(actor, Role.ADMIN) and can_write(actor, organization)):
        raise PermissionDenied("只有法治办管理员可以管理该单位的用户。")


@transaction.atomic
def user_create(*, actor, username: str, name: str, organization: Organization, roles: list[str],
                password: str | None = None, phone: str = "", email: str = "", request_id: str = "") -> User:
    _require_user_admin(actor, organization)
    if not roles:
        raise ValidationError({"roles": "至少需要一个角色。"})
    bad = [r for r in roles if r not in Role.values]
    if bad:
        raise ValidationError({"roles": f"未知角色：{'、'.join(bad)}"})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": "该用户名已被使用。"})
    user = User(username=username, name=name, phone=phone, email=email)
    if password:
        from django.contrib.auth.password_validation import validate_password

        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    for role in roles:
        Membership.objects.create(user=user, organization=organization, role=role)
    audit_log(actor=actor, action="core.user.create", target=user, organization=organization,
              data={"after": snapshot(user, USER_FIELDS), "roles": roles}, request_id=request_id)
    return user


@transaction.atomic
def user_update(*, actor, user: User, data: dict[str, Any], request_id: str = "") -> User:
    orgs = [m.organization for m in user.memberships.select_related("organization")]
    for org in orgs:
        _require_user_admin(actor, org)
    before = snapshot(user, USER_FIELDS)
    for field, value in data.items():
        if field not in USER_FIELDS:
            raise ValidationError({field: "该字段不可修改。"})
        setattr(user, field, value)
    user.full_clean(exclude=["password"])
    user.save()
    changes = diff(before, snapshot(user, USER_FIELDS))
    if changes:
        audit_log(actor=actor, action="core.user.update", target=user, organization=orgs[0] if orgs else None,
                  data={"changes": changes}, request_id=request_id)
    return user


@transaction.atomic
def user_set_password(*, actor, user: User, password: str, request_id: str = "") -> User:
    from django.contrib.auth.password_validation import validate_password

    if actor != user:
        for m in user.memberships.select_related("organization"):
            _require_user_admin(actor, m.organization)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_log(actor=actor, action="core.user.set_password", target=user, request_id=request_id)
    return user


@transaction.atomic
def membership_add(*, actor, user: User, organization: Organization, role: str, request_id: str = "") -> Membership:
    _require_user_admin(actor, organization)
    if role not in Role.values:
        raise ValidationError({"role": "未知角色。"})
    m, created = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    if created:
        audit_log(actor=actor, action="core.membership.add", target=user, organization=organization,
                  data={"organization": organization.name, "role": role})
    return m


@transaction.atomic
def membership_set_reads_county(*, actor, membership: Membership, reads_county: bool, request_id: str = "") -> Membership:
    """Grant or withdraw county-wide read access (全县查阅) of one membership. Admins only."""
    if not (actor is None or getattr(actor, "is_superuser", False) or has_role(actor, Role.ADMIN)):
        raise PermissionDenied("只有法治办管理员可以设置全县查阅范围。")
    if membership.reads_county != reads_county:
        membership.reads_county = reads_county
        membership.save(update_fields=["reads_county"])
        audit_log(actor=actor, action="core.membership.reads_county", target=membership.user,
                  organization=membership.organization,
                  data={"changes": {"reads_county": {"before": not reads_county, "after": reads_county}},
                        "role": membership.role}, request_id=request_id)
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership, request_id: str = "") -> None:
    _require_user_admin(actor, membership.organization)
    user, org, role = membership.user, membership.organization, membership.role
    membership.delete()
    audit_log(actor=actor, action="core.membership.remove", target=user, organization=org,
              data={"organization": org.name, "role": role}, request_id=request_id)

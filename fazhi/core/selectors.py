"""Reads of the staff shell, always through ``fazhi.core.scoping``."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from fazhi.core.actions import action_label
from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import AuditEvent, Membership, Organization, User
from fazhi.core.scoping import access, has_role, scope, visible_org_filter, visible_orgs


# ----------------------------------------------------------------------------- audit events

def audit_events_visible(user) -> QuerySet[AuditEvent]:
    """Events of the organizations ``user`` sees; events without an organization only for admins."""
    if not getattr(user, "is_authenticated", False):
        return AuditEvent.objects.none()
    if user.is_superuser:
        return AuditEvent.objects.all()
    q = visible_org_filter(user, field="organization")
    if q is None:
        return AuditEvent.objects.all()
    if has_role(user, Role.ADMIN):
        q = q | Q(organization__isnull=True)
    return AuditEvent.objects.filter(q)


def _field_label(target_type: str, field: str) -> str:
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(target_type)
        return str(model._meta.get_field(field).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return field


def _fmt(value) -> str:
    if value is True:
        return "是"
    if value is False:
        return "否"
    if value is None or value == "":
        return "（空）"
    return str(value)


def _labelled(events) -> list[AuditEvent]:
    """Attach ``action_label`` and ``changes`` (Chinese field label, before, after) to each event."""
    out = []
    for ev in events:
        try:
            ev.action_label = action_label(ev.action)
        except KeyError:
            ev.action_label = ev.action
        changes = (ev.data or {}).get("changes") if isinstance(ev.data, dict) else None
        ev.changes = [
            {"label": _field_label(ev.target_type, k), "before": _fmt(v.get("before")), "after": _fmt(v.get("after"))}
            for k, v in (changes or {}).items() if isinstance(v, dict)
        ]
        ev.summary = _summary(ev.data if isinstance(ev.data, dict) else {})
        out.append(ev)
    return out


def _role_label(code) -> str:
    try:
        return str(Role(code).label)
    except ValueError:
        return str(code)


def _summary(data: dict) -> str:
    """A one-line Chinese description of an event's data where there is no field diff."""
    if data.get("roles"):
        return "角色：" + "、".join(_role_label(r) for r in data["roles"])
    if data.get("role"):
        return f"{data.get('organization', '')} · {_role_label(data['role'])}".strip(" ·")
    return ""


def recent_activity(user, limit: int = 10) -> list[AuditEvent]:
    """The newest work events ``user`` may see (logins are left to the audit log page)."""
    qs = (audit_events_visible(user).exclude(action__startswith="core.auth.")
          .select_related("organization").order_by("-id")[:limit])
    return _labelled(qs)


def record_history(user, target_type: str, target_id: str, limit: int = 50) -> list[AuditEvent]:
    qs = (audit_events_visible(user).filter(target_type=target_type, target_id=str(target_id))
          .order_by("-id")[:limit])
    return _labelled(qs)


# ----------------------------------------------------------------------------- organizations

@dataclass
class OrgRow:
    org: Organization
    depth: int


def org_tree(user, *, q: str = "", kind: str = "") -> list[OrgRow]:
    """Visible organizations in tree order (siblings by sort order), with their depth for indentation.

    With a search or kind filter, the matching rows keep their tree order and depth.
    """
    orgs = list(visible_orgs(user).select_related("region", "parent"))
    visible_ids = {o.pk for o in orgs}
    children: dict[int | None, list[Organization]] = {}
    for o in orgs:
        key = o.parent_id if o.parent_id in visible_ids else None
        children.setdefault(key, []).append(o)
    for items in children.values():
        items.sort(key=lambda o: (o.sort_order, o.pk))
    rows: list[OrgRow] = []

    def walk(parent_id, depth):
        for o in children.get(parent_id, []):
            rows.append(OrgRow(o, depth))
            walk(o.pk, depth + 1)

    walk(None, 0)
    q = (q or "").strip()
    if q:
        rows = [r for r in rows if q in r.org.name or q in r.org.short_name]
    if kind:
        rows = [r for r in rows if r.org.kind == kind]
    return rows


def can_write_somewhere(user) -> bool:
    """Does ``user`` hold a writing role anywhere (so may add sub-units under their own organization)?"""
    from fazhi.core.choices import READ_ONLY_ROLES
    from fazhi.core.scoping import user_roles

    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(r["role"] not in READ_ONLY_ROLES for r in user_roles(user))


def org_get(user, code, *, write: bool = False) -> Organization:
    return access(Organization.objects.select_related("region", "parent"), user, write=write, field="", code=code)


def org_children(user, org: Organization) -> QuerySet[Organization]:
    return visible_orgs(user).filter(parent=org).order_by("sort_order", "id")


def org_members(user, org: Organization) -> QuerySet[Membership]:
    return (scope(Membership.objects.filter(organization=org), user)
            .select_related("user").order_by("user__name", "user__username", "role"))


def county_counts(user) -> list[dict]:
    """Organizations by kind (部门 / 乡镇 / 村 / 社区) among those ``user`` sees."""
    counts = dict(visible_orgs(user).filter(is_active=True).values_list("kind").annotate(n=Count("id")))
    return [
        {"label": "部门单位", "kind": OrgKind.DEPARTMENT, "count": counts.get(OrgKind.DEPARTMENT, 0)},
        {"label": "乡镇", "kind": OrgKind.TOWNSHIP, "count": counts.get(OrgKind.TOWNSHIP, 0)},
        {"label": "村", "kind": OrgKind.VILLAGE, "count": counts.get(OrgKind.VILLAGE, 0)},
        {"label": "社区", "kind": OrgKind.COMMUNITY, "count": counts.get(OrgKind.COMMUNITY, 0)},
    ]


# ----------------------------------------------------------------------------- users

def _users_scoped(user) -> QuerySet[User]:
    return scope(User.objects.all(), user, field="memberships__organization").distinct()


def user_list(user, *, q: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    qs = _users_scoped(user)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(username__icontains=q))
    if role:
        qs = qs.filter(pk__in=scope(Membership.objects.filter(role=role), user).values("user_id"))
    if active in ("0", "1"):
        qs = qs.filter(is_active=active == "1")
    memberships = scope(Membership.objects.select_related("organization"), user).order_by("organization__path", "role")
    return qs.prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="visible_memberships")).order_by(
        "-is_active", "name", "username")


def user_get(actor, pk: int) -> User:
    """A user the actor may see (a member of a visible organization): 404 otherwise."""
    from django.http import Http404

    target = _users_scoped(actor).filter(pk=pk).first()
    if target is None:
        raise Http404("未找到该用户。")
    return target


def user_memberships(actor, target: User) -> QuerySet[Membership]:
    return scope(Membership.objects.filter(user=target), actor).select_related("organization").order_by(
        "organization__path", "role")

"""Audit trail services: append an event in the caller's transaction; verify the chain.

Hash of a row = SHA-256 over a canonical JSON of (id, at, actor_id, actor_name, organization_id,
action, target_type, target_id, target_repr, data, request_id, prev_hash). The first row's
``prev_hash`` is 64 zeros. ``AuditChainHead`` (one row, locked with SELECT … FOR UPDATE) serializes
appends and remembers the last id/hash, so removing the newest rows is caught too.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from fazhi.core.actions import action_label
from fazhi.core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _canonical_number(value: int | float) -> str:
    """One spelling per numeric value, whatever the database did to it.

    PostgreSQL ``jsonb`` keeps numbers as ``numeric`` and prints them back in its own way: ``1e20``
    comes back as ``100000000000000000000`` (an int for Python), ``-0.0`` as ``0.0``. Integral
    values are therefore spelled as plain integers and other floats by ``repr`` (shortest
    round-trip form, which jsonb preserves digit for digit).
    """
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


def canonical_json(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text, normalized numbers.

    Equal for the value written and the value read back from SQLite (text) or PostgreSQL
    (``jsonb``, which reorders keys and reformats numbers). Strings and ints are spelled exactly
    as ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` spells them, so chains
    written before numbers were normalized still verify when they hold no floats.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return _canonical_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        items = sorted(((str(k), v) for k, v in value.items()), key=lambda kv: kv[0])
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical_json(v) for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    raise TypeError(f"not JSON data: {type(value).__name__}")


def _clean_text(s: str) -> str:
    # PostgreSQL text and jsonb cannot hold NUL; lone surrogates cannot be encoded as UTF-8.
    if "\x00" in s:
        s = s.replace("\x00", "\ufffd")
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = s.encode("utf-8", "replace").decode("utf-8")
    return s


def json_safe(value: Any) -> Any:
    """Turn ``data`` into plain JSON values that survive a round trip through either database.

    Dates, Decimals, UUIDs… become strings (``DjangoJSONEncoder``); NaN/±Infinity (not JSON, and
    refused by PostgreSQL) become the strings "NaN"/"Infinity"/"-Infinity"; NUL characters are
    replaced (PostgreSQL cannot store them).
    """

    def pre(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: pre(x) for k, x in v.items()}
        if isinstance(v, (list, tuple, set, frozenset)):
            return [pre(x) for x in v]
        if isinstance(v, float) and not math.isfinite(v):
            return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
        return v

    def clean(v: Any) -> Any:
        if isinstance(v, dict):
            return {_clean_text(k): clean(x) for k, x in v.items()}
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, str):
            return _clean_text(v)
        return v

    return clean(json.loads(json.dumps(pre(value), cls=DjangoJSONEncoder, ensure_ascii=False)))


def _canonical(event: AuditEvent) -> bytes:
    payload = {
        "id": event.id,
        "at": event.at.astimezone(datetime.timezone.utc).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "org": event.organization_id,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_repr": event.target_repr,
        "data": event.data,
        "request_id": event.request_id,
        "prev": event.prev_hash,
    }
    return canonical_json(payload).encode("utf-8")


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of a model's concrete fields (for before/after)."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        if f.name in ("password",):
            continue
        value = getattr(obj, f.attname)
        out[f.name] = json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    keys = set(before) | set(after)
    return {k: {"before": before.get(k), "after": after.get(k)} for k in sorted(keys) if before.get(k) != after.get(k)}


def audit_log(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    organization=None,
    data: dict[str, Any] | None = None,
    request_id: str = "",
    target_type: str = "",
    target_id: str = "",
    target_repr: str = "",
) -> AuditEvent:
    """Append one event. Must run inside the service's transaction (it opens one if not)."""
    action_label(action)  # unknown action codes are a programming error
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        if target is not None:
            target_type = target_type or target._meta.label_lower
            target_id = target_id or str(getattr(target, "code", None) or target.pk)
            target_repr = target_repr or str(target)[:255]
            if organization is None:
                organization = _org_of(target)
        user = actor if getattr(actor, "is_authenticated", False) else None
        event = AuditEvent(
            id=head.last_id + 1,
            at=timezone.now(),
            actor=user,
            actor_name=_clean_text(getattr(user, "display_name", "") or getattr(user, "username", "") or "系统")[:150],
            organization=organization,
            action=action,
            target_type=target_type,
            target_id=_clean_text(str(target_id))[:64],
            target_repr=_clean_text(target_repr)[:255],
            data=json_safe(data or {}),
            request_id=_clean_text(request_id or "")[:36],
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
        head.last_id = event.id
        head.last_hash = event.hash
        head.count += 1
        head.save(update_fields=["last_id", "last_hash", "count"])
    return event


def _org_of(obj: models.Model):
    from fazhi.core.models import Organization

    if isinstance(obj, Organization):
        return obj
    return getattr(obj, "organization", None)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    last_hash: str = ""  # hash of the newest verified row: write it down to anchor the chain

    @property
    def message(self) -> str:
        if self.ok:
            return f"审计链完整：共 {self.checked} 条记录"
        where = f"第 {self.broken_id} 条记录" if self.broken_id else "链头"
        return f"审计链已被破坏：{where}——{self.reason}（此前 {self.checked} 条记录校验通过）"


def verify_chain(batch: int = 2000) -> VerifyResult:
    """Walk the chain in id order (``batch`` rows per query); report the first row that does not hold.

    Checks, per row: ids are contiguous from 1 (a gap = a deleted row), ``prev_hash`` equals the
    previous row's hash, and the recomputed hash equals the stored one (content changed). At the end
    the chain head must point at the last row (rows deleted from the tail, or rows inserted around
    ``audit_log``). Rows appended while verifying are picked up, not reported.
    """
    prev = GENESIS
    expected = 1
    checked = 0
    while True:
        rows = list(AuditEvent.objects.order_by("id").filter(id__gte=expected)[:batch])
        for ev in rows:
            if ev.id != expected:
                return VerifyResult(False, checked, expected, f"记录缺失（编号 {expected}"
                                    + (f"–{ev.id - 1}" if ev.id - 1 > expected else "") + " 被删除）", prev)
            if ev.prev_hash != prev:
                return VerifyResult(False, checked, ev.id, "前序哈希与上一条记录的哈希不符（链被改接）", prev)
            if compute_hash(ev) != ev.hash:
                return VerifyResult(False, checked, ev.id, "内容被篡改（重新计算的哈希与存储的哈希不符）", prev)
            prev = ev.hash
            expected += 1
            checked += 1
        if len(rows) == batch:
            continue
        head = AuditChainHead.objects.filter(id=1).first()
        if head is None:
            if checked:
                return VerifyResult(False, checked, None, "链头记录缺失（core_auditchainhead 被删除）", prev)
            return VerifyResult(True, 0, last_hash=prev)
        if head.last_id > checked:
            if AuditEvent.objects.filter(id__gte=expected).exists():
                continue  # appended while we were reading
            return VerifyResult(False, checked, expected,
                                f"记录缺失：链头记录共 {head.last_id} 条，实际只有 {checked} 条（末尾记录被删除）", prev)
        if head.last_id < checked:
            return VerifyResult(False, checked, head.last_id + 1, "链头之后出现多余记录（未经审计服务写入）", prev)
        if head.last_hash != prev or head.count != checked:
            return VerifyResult(False, checked, checked or None, "链头记录的哈希或计数与最后一条记录不符", prev)
        return VerifyResult(True, checked, last_hash=prev)


# ---------------------------------------------------------------- the audit log page (files:audit)

def audit_event_list(*, actor, action: str = "", organization=None, date_from=None, date_to=None, actor_text: str = ""):
    """Audit events for the 法治办管理员's log page: events of the organizations they see, plus
    events without an organization (logins, system jobs). Superusers see everything. Newest first."""
    from django.db.models import Q

    from fazhi.core.choices import Role
    from fazhi.core.scoping import has_role, visible_orgs

    qs = AuditEvent.objects.select_related("organization").order_by("-id")
    if not has_role(actor, Role.ADMIN):
        return qs.none()
    if not actor.is_superuser:
        qs = qs.filter(Q(organization__in=visible_orgs(actor)) | Q(organization__isnull=True))
    if action:
        qs = qs.filter(action=action)
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(at__gte=datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(at__lt=datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz))
    if actor_text:
        qs = qs.filter(Q(actor_name__icontains=actor_text) | Q(actor__username__iexact=actor_text))
    return qs


EXPORT_MAX_ROWS = 100_000


@transaction.atomic
def audit_export_xlsx(*, actor, filters: dict[str, Any], request_id: str = "") -> tuple[bytes, int]:
    """The filtered audit log as .xlsx (at most EXPORT_MAX_ROWS rows); the export is itself audited."""
    import io

    from django.core.exceptions import PermissionDenied
    from openpyxl import Workbook

    from fazhi.core.actions import all_actions
    from fazhi.core.choices import Role
    from fazhi.core.scoping import has_role

    if not has_role(actor, Role.ADMIN):
        raise PermissionDenied("只有法治办管理员可以导出审计日志。")
    qs = audit_event_list(actor=actor, **filters)
    labels = all_actions()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")
    ws.append(["序号", "时间", "操作人", "单位", "操作", "操作代码", "对象类型", "对象编码", "对象", "内容", "请求编号", "哈希"])
    count = 0
    for ev in qs.iterator(chunk_size=2000):
        if count >= EXPORT_MAX_ROWS:
            break
        ws.append([
            ev.id, timezone.localtime(ev.at).strftime("%Y-%m-%d %H:%M:%S"), ev.actor_name or "系统",
            ev.organization.name if ev.organization_id else "", labels.get(ev.action, ev.action), ev.action,
            ev.target_type, ev.target_id, ev.target_repr,
            json.dumps(ev.data, ensure_ascii=False, sort_keys=True) if ev.data else "", ev.request_id, ev.hash,
        ])
        count += 1
    buf = io.BytesIO()
    wb.save(buf)
    described = {k: (str(v) if v not in (None, "") else "") for k, v in filters.items()}
    if filters.get("organization") is not None:
        described["organization"] = filters["organization"].name
    audit_log(actor=actor, action="core.export", request_id=request_id,
              data={"what": "审计日志", "filters": described, "rows": count})
    return buf.getvalue(), count

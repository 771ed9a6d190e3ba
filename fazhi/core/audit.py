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
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from fazhi.core.actions import action_label
from fazhi.core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


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
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


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
            actor_name=(getattr(user, "display_name", "") or getattr(user, "username", "") or "系统")[:150],
            organization=organization,
            action=action,
            target_type=target_type,
            target_id=target_id,
            target_repr=target_repr[:255],
            data=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, ensure_ascii=False)),
            request_id=request_id,
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


def verify_chain(batch: int = 5000) -> VerifyResult:
    """Walk the chain in id order; report the first row whose hash or link does not hold."""
    head = AuditChainHead.objects.filter(id=1).first()
    prev = GENESIS
    expected_id = 1
    checked = 0
    last_id = 0
    qs = AuditEvent.objects.order_by("id")
    while True:
        rows = list(qs.filter(id__gt=last_id)[:batch])
        if not rows:
            break
        for ev in rows:
            if ev.id != expected_id:
                return VerifyResult(False, checked, expected_id, f"第 {expected_id} 条记录缺失（被删除）")
            if ev.prev_hash != prev:
                return VerifyResult(False, checked, ev.id, f"第 {ev.id} 条记录的前序哈希与上一条不符")
            if compute_hash(ev) != ev.hash:
                return VerifyResult(False, checked, ev.id, f"第 {ev.id} 条记录内容被篡改（哈希不符）")
            prev = ev.hash
            expected_id += 1
            last_id = ev.id
            checked += 1
    if head is None:
        if checked:
            return VerifyResult(False, checked, None, "链头记录缺失")
        return VerifyResult(True, 0)
    if head.last_id != last_id or head.last_hash != prev or head.count != checked:
        return VerifyResult(False, checked, last_id + 1, f"链尾不符：链头记录第 {head.last_id} 条，实际只有 {checked} 条（末尾记录被删除）")
    return VerifyResult(True, checked)

"""A record's history (修改记录) read from the audit trail, for any module's detail page.

    from fazhi.core.history import record_history
    context["history"] = record_history(obj, request.user)
    {% include "core/files/_history.html" %}

or, in a template, ``{% load fazhi_files %}{% record_history obj %}`` (and ``{% record_attachments obj %}``).

Events shown: those whose target is the record, and those of the record's attachments (upload,
download, withdraw). Changes stored as ``{"changes": {field: {"before", "after"}}}`` (see
``audit.diff``) or ``{"after": {...}}`` (creation snapshot) are laid out as field / before / after
rows with the model's Chinese field names; any other keys are listed as they are.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404

from fazhi.core.actions import all_actions
from fazhi.core.models import Attachment, AuditEvent, BaseModel, Organization
from fazhi.core.scoping import access

# Keys inside ``data`` that have a readable Chinese name.
DATA_LABELS = {
    "filename": "文件名", "sha256": "SHA-256", "size": "大小（字节）", "mime": "文件类型", "reason": "原因",
    "description": "说明", "record_type": "关联对象类型", "record_id": "关联对象编码", "roles": "角色",
    "organization": "单位", "role": "角色", "what": "内容", "rows": "行数", "filters": "筛选条件",
    "ip": "IP 地址", "username": "用户名", "reads_county": "全县查阅",
}


@dataclass
class Change:
    label: str
    before: str
    after: str
    snapshot: bool = False  # a value recorded at creation/removal, not a before→after change


@dataclass
class HistoryEntry:
    event: AuditEvent
    action_label: str
    changes: list[Change] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)


# Records that are never addressed this way (the trail itself, credentials).
EXCLUDED = {"core.auditevent", "core.auditchainhead", "core.apitoken", "core.blob"}


def _scope_field(model: type[models.Model]) -> str | None:
    if model._meta.label_lower in EXCLUDED or not issubclass(model, BaseModel):
        return None
    if issubclass(model, Organization):
        return ""
    try:
        f = model._meta.get_field("organization")
    except FieldDoesNotExist:
        return None
    if isinstance(f, models.ForeignKey) and f.related_model is Organization:
        return "organization"
    return None


def resolve_record(user, target_type: str, target_id: str, *, write: bool = False) -> models.Model:
    """Fetch a record named by its audit spelling (``"core.organization"``, code) through the scope.

    Addressable: models with a public ``code`` (``BaseModel``) that are an ``Organization`` or
    have an ``organization`` foreign key — i.e. every organization-owned record of every module.

    404 for an unknown type, a model that is not organization-owned, a malformed id, a missing
    record or one the user may not see — one answer for all, so nothing is revealed.
    """
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        raise Http404("未找到该记录。") from None
    scope_field = _scope_field(model)
    if scope_field is None:
        raise Http404("未找到该记录。")
    try:
        code = uuid.UUID(str(target_id))
    except ValueError:
        raise Http404("未找到该记录。") from None
    return access(model._default_manager.all(), user, write=write, field=scope_field, code=code)


def _field(model: type[models.Model] | None, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model: type[models.Model] | None, name: str) -> str:
    f = _field(model, name)
    if f is not None and hasattr(f, "verbose_name"):
        return str(f.verbose_name)
    return DATA_LABELS.get(name, name)


def _related_name(f, value: Any) -> str | None:
    """A foreign key stored as its id ("所属单位 3") is shown by the related record's name."""
    if f is None or not getattr(f, "many_to_one", False) or isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    try:
        obj = f.related_model._default_manager.filter(pk=value).first()
    except (ValueError, TypeError, ValidationError):
        return None
    return str(obj) if obj is not None else None


def _model_name(label: str) -> str:
    """A model's Chinese name from its audit spelling ("core.organization" → 单位); the label if unknown."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def _text(value: Any, f=None) -> str:
    name = _related_name(f, value)
    if name is not None:
        return name
    if f is not None and getattr(f, "choices", None) and isinstance(value, (str, int)):
        value = dict(f.flatchoices).get(value, value)
    if value is None or value == "":
        return "—"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def describe(event: AuditEvent, labels: dict[str, str] | None = None) -> HistoryEntry:
    """Lay out one event's data for people: field / before / after rows, then other keys."""
    labels = labels or all_actions()
    try:
        model = apps.get_model(event.target_type) if event.target_type else None
    except (LookupError, ValueError):
        model = None
    entry = HistoryEntry(event=event, action_label=labels.get(event.action, event.action))
    data = event.data if isinstance(event.data, dict) else {"内容": event.data}
    for key, value in data.items():
        if key == "changes" and isinstance(value, dict):
            for name, change in value.items():
                if isinstance(change, dict) and ("before" in change or "after" in change):
                    f = _field(model, name)
                    entry.changes.append(Change(_label(model, name), _text(change.get("before"), f),
                                                _text(change.get("after"), f)))
                else:
                    entry.extra.append((_label(model, name), _text(change)))
        elif key in ("after", "before") and isinstance(value, dict):
            for name, v in value.items():
                shown = _text(v, _field(model, name))
                before, after = ("—", shown) if key == "after" else (shown, "—")
                entry.changes.append(Change(_label(model, name), before, after, snapshot=True))
        elif key == "record_type" and isinstance(value, str) and value:
            entry.extra.append((_label(model, key), _model_name(value)))  # 单位, not core.organization
        else:
            entry.extra.append((_label(model, key), _text(value)))  # e.g. a rule's national_default
    return entry


def history_events(obj: models.Model, limit: int = 200):
    """Audit events of a record and of its attachments, newest first."""
    target_type, target_id = obj._meta.label_lower, str(getattr(obj, "code", None) or obj.pk)
    q = Q(target_type=target_type, target_id=target_id)
    attachment_codes = [str(c) for c in Attachment.objects.filter(target_type=target_type, target_id=target_id)
                        .values_list("code", flat=True)]
    if attachment_codes:
        q |= Q(target_type=Attachment._meta.label_lower, target_id__in=attachment_codes)
    return AuditEvent.objects.filter(q).order_by("-id")[:limit]


def record_history(obj: models.Model, user, limit: int = 200) -> dict[str, Any]:
    """Template context for ``core/files/_history.html``. Raises Http404 if ``user`` may not see ``obj``."""
    target_type, target_id = obj._meta.label_lower, str(getattr(obj, "code", None) or obj.pk)
    resolve_record(user, target_type, target_id)  # the caller's object must be visible to this user
    labels = all_actions()
    entries = [describe(ev, labels) for ev in history_events(obj, limit)]
    return {"history": entries, "history_target_type": target_type, "history_target_id": target_id,
            "history_object": obj}

"""The audit trail: append-only, hash-chained events (全过程记录)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    """One write. ``hash`` covers this row's content and ``prev_hash`` (the previous row's hash)."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    organization = models.ForeignKey(
        "core.Organization", verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("操作", max_length=64, db_index=True)
    target_type = models.CharField("对象类型", max_length=64, blank=True)
    target_id = models.CharField("对象编码", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=255, blank=True)
    data = models.JSONField("内容", default=dict, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = verbose_name
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="core_audit_target")]

    def __str__(self) -> str:
        return f"#{self.id} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能删除。")


class AuditChainHead(models.Model):
    """A single row that serializes appends and remembers the last hash (catches truncation)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "审计链头"

    def __str__(self) -> str:
        return f"审计链头（共 {self.count} 条）"

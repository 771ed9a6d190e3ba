"""Attachments: content-addressed blobs (SHA-256), never overwritten or hard-deleted."""
from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models.base import OrgOwnedModel


class Blob(models.Model):
    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    mime = models.CharField(max_length=127)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "文件内容"

    def __str__(self) -> str:
        return f"{self.sha256[:12]}…（{self.size} 字节）"


class Attachment(OrgOwnedModel):
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="attachments")
    filename = models.CharField("文件名", max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+")
    target_type = models.CharField("对象类型", max_length=64, blank=True)
    target_id = models.CharField("对象编码", max_length=64, blank=True)
    description = models.CharField("说明", max_length=255, blank=True)
    withdrawn = models.BooleanField("已撤回", default=False)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="core_attach_target")]

    def __str__(self) -> str:
        return self.filename

import uuid

from django.db import models
from django.utils import timezone


class BaseModel(models.Model):
    """Every record: a public UUID ``code`` for URLs and the API, and timestamps."""

    code = models.UUIDField("编码", default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class OrgOwnedModel(BaseModel):
    """A record owned by one organization. Scoping is always one filter on ``organization``."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

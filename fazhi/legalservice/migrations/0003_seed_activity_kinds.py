"""Seed the standard activity kinds (data; the indicators refer to them by key)."""
import uuid

from django.db import migrations


def seed(apps, schema_editor):
    from fazhi.legalservice.kinds import STANDARD_KINDS

    ActivityKind = apps.get_model("legalservice", "ActivityKind")
    for i, spec in enumerate(STANDARD_KINDS):
        defaults = {k: v for k, v in spec.items() if k != "key"}
        defaults.update(sort_order=(i + 1) * 10, code=uuid.uuid4())
        ActivityKind.objects.get_or_create(key=spec["key"], defaults=defaults)


def unseed(apps, schema_editor):
    from fazhi.legalservice.kinds import STANDARD_KINDS

    ActivityKind = apps.get_model("legalservice", "ActivityKind")
    ActivityKind.objects.filter(key__in=[k["key"] for k in STANDARD_KINDS], activities__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("legalservice", "0002_archive_deadline_rule")]

    operations = [migrations.RunPython(seed, unseed)]

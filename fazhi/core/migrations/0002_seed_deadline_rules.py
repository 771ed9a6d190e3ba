"""Seed the national deadline rules from fazhi/core/deadline_rules.py (rules are data)."""
from django.db import migrations


def seed(apps, schema_editor):
    from fazhi.core.deadline_rules import RULES

    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for rule in RULES:
        defaults = dict(rule)
        code = defaults.pop("code")
        defaults["national_default"] = defaults["count"]
        DeadlineRule.objects.get_or_create(code=code, defaults=defaults)


def unseed(apps, schema_editor):
    from fazhi.core.deadline_rules import RULES

    DeadlineRule = apps.get_model("core", "DeadlineRule")
    Deadline = apps.get_model("core", "Deadline")
    codes = [r["code"] for r in RULES]
    used = set(Deadline.objects.filter(rule__code__in=codes).values_list("rule__code", flat=True))
    DeadlineRule.objects.filter(code__in=codes).exclude(code__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

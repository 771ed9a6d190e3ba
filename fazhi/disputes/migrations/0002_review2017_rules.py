"""Seed the 2017 行政复议法 deadline rules (fazhi/disputes/deadline_rules.py)."""
from django.db import migrations


def seed(apps, schema_editor):
    from fazhi.disputes.deadline_rules import RULES

    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for rule in RULES:
        defaults = dict(rule)
        code = defaults.pop("code")
        defaults["national_default"] = defaults["count"]
        DeadlineRule.objects.get_or_create(code=code, defaults=defaults)


def unseed(apps, schema_editor):
    from fazhi.disputes.deadline_rules import RULES

    DeadlineRule = apps.get_model("core", "DeadlineRule")
    Deadline = apps.get_model("core", "Deadline")
    codes = [r["code"] for r in RULES]
    used = set(Deadline.objects.filter(rule__code__in=codes).values_list("rule__code", flat=True))
    DeadlineRule.objects.filter(code__in=codes).exclude(code__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("disputes", "0001_initial"), ("core", "0002_seed_deadline_rules")]

    operations = [migrations.RunPython(seed, unseed)]

"""Deadline rule for archiving a closed legal-aid case (not in core's national list)."""
from django.db import migrations

RULE = {
    "code": "legalaid.archive",
    "name": "法律援助案件结案归档期限",
    "legal_basis": "《办理法律援助案件程序规定》（司法部令第148号）",
    "count": 30,
    "national_default": 30,
    "unit": "calendar_days",
    "start_event": "法律援助案件结案之日",
    "roll_forward": False,
    "verification": "U",
    "province_configurable": True,
    "warn_working_days": 5,
    "notes": "2012年程序规定（司法部令第124号）：法律援助人员自结案之日起30日内提交立卷材料；"
             "2023年修订文本的条文序号与期限未核实（U），可由省级配置。逾期归档的案件质量等级评为不合格。",
}


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    defaults = dict(RULE)
    code = defaults.pop("code")
    DeadlineRule.objects.get_or_create(code=code, defaults=defaults)


def unseed(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    Deadline = apps.get_model("core", "Deadline")
    if not Deadline.objects.filter(rule__code=RULE["code"]).exists():
        DeadlineRule.objects.filter(code=RULE["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("legalservice", "0001_initial"), ("core", "0002_seed_deadline_rules")]

    operations = [migrations.RunPython(seed, unseed)]

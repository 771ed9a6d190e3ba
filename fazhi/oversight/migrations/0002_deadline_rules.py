from django.db import migrations

KPBF = "《同心县法治政府建设考评办法》"
DCGD = "《法治政府建设与责任落实督察工作规定》"

RULES = [
    {"code": "oversight.task_due", "name": "依法治县工作要点任务完成时限",
     "legal_basis": "《同心县2021年依法治县工作要点》（完成时限由工作要点逐项确定）", "count": 0, "unit": "calendar_days",
     "start_event": "工作要点确定的完成时限", "roll_forward": False, "verification": "U",
     "province_configurable": False, "warn_working_days": 10,
     "notes": "时限由工作要点确定：起算日即届满日（0日）。"},
    {"code": "oversight.rectification_due", "name": "督察发现问题整改时限",
     "legal_basis": f"{DCGD}（督察整改；条款号未核实）", "count": 0, "unit": "calendar_days",
     "start_event": "督察确定的整改时限", "roll_forward": False, "verification": "U",
     "province_configurable": False, "warn_working_days": 5,
     "notes": "整改时限由督察机关逐项确定：起算日即届满日（0日）。"},
    {"code": "oversight.assessment_appeal", "name": "考评结果申诉期",
     "legal_basis": f"{KPBF}（县级考评办法设定）", "count": 5, "unit": "working_days",
     "start_event": "考评结果公示之日", "roll_forward": True, "verification": "U",
     "province_configurable": True, "warn_working_days": 2,
     "notes": "申诉期由县级考评办法设定，默认公示之日起5个工作日，可配置。"},
]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for r in RULES:
        defaults = dict(r)
        code = defaults.pop("code")
        defaults["national_default"] = defaults["count"]
        DeadlineRule.objects.get_or_create(code=code, defaults=defaults)


def unseed(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(code__in=[r["code"] for r in RULES],
                                                          deadlines__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial"), ("core", "0002_seed_deadline_rules")]
    operations = [migrations.RunPython(seed, unseed)]

from django.db import migrations

RULES = [
    {"code": "penalty.decision_extension", "name": "行政处罚决定期限（经批准延长）",
     "legal_basis": "《中华人民共和国行政处罚法》第六十条（“法律、法规、规章另有规定的，从其规定”）；"
                    "延长期限依行业程序规定，如《市场监督管理行政处罚程序规定》",
     "count": 30, "unit": "calendar_days", "start_event": "原九十日决定期限届满之日",
     "roll_forward": False, "verification": "U", "province_configurable": True, "warn_working_days": 5,
     "notes": "延长天数由行业程序规定设定（期限依据待核实），默认30日，可配置；须经行政机关负责人批准并记录。"},
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
    dependencies = [("enforcement", "0001_initial"), ("core", "0002_seed_deadline_rules")]
    operations = [migrations.RunPython(seed, unseed)]

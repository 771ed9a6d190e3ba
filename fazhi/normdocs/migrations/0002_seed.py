"""Seed the 机构改革 mapping (2018–2019 党和国家机构改革 at county level; 2021 乡村振兴) and the deadline rule
normdoc.evaluation; create the generic search tables (fazhi.core.search, idempotent)."""
import datetime

from django.db import migrations

D = datetime.date
REFORM = "《深化党和国家机构改革方案》及自治区、县机构改革方案"

REFORMS = [
    ("工商行政管理局", "市场监督管理局", D(2019, 1, 1)),
    ("工商局", "市场监督管理局", D(2019, 1, 1)),
    ("质量技术监督局", "市场监督管理局", D(2019, 1, 1)),
    ("质监局", "市场监督管理局", D(2019, 1, 1)),
    ("食品药品监督管理局", "市场监督管理局", D(2019, 1, 1)),
    ("食药监局", "市场监督管理局", D(2019, 1, 1)),
    ("国土资源局", "自然资源局", D(2019, 1, 1)),
    ("环境保护局", "生态环境局", D(2019, 1, 1)),
    ("环保局", "生态环境局", D(2019, 1, 1)),
    ("卫生和计划生育局", "卫生健康局", D(2019, 1, 1)),
    ("卫计局", "卫生健康局", D(2019, 1, 1)),
    ("安全生产监督管理局", "应急管理局", D(2019, 1, 1)),
    ("安监局", "应急管理局", D(2019, 1, 1)),
    ("文化广电新闻出版局", "文化旅游广电局", D(2019, 1, 1)),
    ("农牧局", "农业农村局", D(2019, 1, 1)),
    ("物价局", "发展和改革局", D(2019, 1, 1)),
    ("粮食局", "发展和改革局", D(2019, 1, 1)),
    ("扶贫开发办公室", "乡村振兴局", D(2021, 5, 1)),
    ("扶贫办", "乡村振兴局", D(2021, 5, 1)),
]


def seed(apps, schema_editor):
    AgencyReform = apps.get_model("normdocs", "AgencyReform")
    for old, new, on in REFORMS:
        AgencyReform.objects.get_or_create(old_name=old, defaults={"new_name": new, "reform_on": on, "basis": REFORM})
    from fazhi.core import search
    search.ensure_schema(schema_editor.connection if schema_editor is not None else None)


class Migration(migrations.Migration):
    dependencies = [("normdocs", "0001_initial"), ("core", "0002_seed_deadline_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

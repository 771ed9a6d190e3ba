"""Merge of the two parallel branches: 0002 (deadline rules seed) and 0003 (audit append-only guard)."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_seed_deadline_rules"),
        ("core", "0003_audit_append_only"),
    ]

    operations = []

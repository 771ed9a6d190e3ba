"""Refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit events at the database level."""
from django.db import migrations


def forwards(apps, schema_editor):
    from fazhi.core import audit_guard

    audit_guard.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from fazhi.core import audit_guard

    audit_guard.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

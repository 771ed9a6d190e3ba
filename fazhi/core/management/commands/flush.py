"""``flush`` that lifts the audit table's append-only guard for the wipe, then restores it.

Django's ``flush`` (also run by the teardown of transactional tests) empties every table with
DELETE (SQLite) or TRUNCATE (PostgreSQL); the triggers of ``core.audit_guard`` would refuse that.
Erasing the whole database is a deliberate operator action, so the guard is dropped for the
duration of the command and re-created afterwards, whatever happens.
"""
from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

from fazhi.core import audit_guard


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        had_guard = audit_guard.supported(connection) and audit_guard.installed(connection)
        if had_guard:
            audit_guard.drop(connection)
        try:
            return super().handle(**options)
        finally:
            if had_guard:
                audit_guard.install(connection)

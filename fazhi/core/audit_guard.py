"""Database-level append-only guard for ``core_auditevent`` (defence in depth).

The model already refuses ``save()`` on an existing row and ``delete()``; these triggers also refuse
``QuerySet.update()``/``.delete()``, raw SQL and (PostgreSQL) ``TRUNCATE`` issued through the
application's own connection. Someone with owner rights on the database can still drop the triggers —
that is what the hash chain (``fazhi audit verify``) is for: it detects any change made that way.

``core_auditchainhead`` is deliberately left updatable (every append moves the head).

Used by migration ``core.0003_audit_append_only`` and by the ``flush`` override (which lifts the guard
for the duration of a deliberate whole-database wipe, e.g. the teardown of transactional tests).
This module imports no models so that the migration stays stable.
"""
from __future__ import annotations

TABLE = "core_auditevent"

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS core_auditevent_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only: UPDATE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only: DELETE refused'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
]

POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'core_auditevent is append-only: % refused', TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END
       $$""",
    f"DROP TRIGGER IF EXISTS core_auditevent_no_update_delete ON {TABLE}",
    f"""CREATE TRIGGER core_auditevent_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()""",
    f"DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON {TABLE}",
    f"""CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS core_auditevent_no_update_delete ON {TABLE}",
    f"DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only()",
]

_SQL = {
    "sqlite": (SQLITE_INSTALL, SQLITE_DROP),
    "postgresql": (POSTGRES_INSTALL, POSTGRES_DROP),
}


def _run(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def supported(connection) -> bool:
    return connection.vendor in _SQL


def install(connection) -> None:
    """Create the triggers (idempotent). Other database vendors: no-op."""
    if supported(connection):
        _run(connection, _SQL[connection.vendor][0])


def drop(connection) -> None:
    if supported(connection):
        _run(connection, _SQL[connection.vendor][1])


def installed(connection) -> bool:
    """Are the guard triggers present on this database?"""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
                "AND name IN ('core_auditevent_no_update', 'core_auditevent_no_delete')", [TABLE])
            return cursor.fetchone()[0] == 2
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal "
                "AND tgname IN ('core_auditevent_no_update_delete', 'core_auditevent_no_truncate')", [TABLE])
            return cursor.fetchone()[0] == 2
    return False

"""The audit trail: hash chain, tamper detection, append-only guard, ``fazhi audit`` CLI.

Tamper tests play an attacker with direct database access: such a person can drop the append-only
triggers first (``audit_guard.drop``), then UPDATE/DELETE rows with raw SQL. The hash chain must
still name the first row that no longer holds. Everything happens inside the test's transaction,
so the dropped triggers come back on rollback.
"""
from __future__ import annotations

import datetime
import decimal
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from fazhi.core import audit_guard
from fazhi.core.audit import GENESIS, audit_log, canonical_json, compute_hash, verify_chain
from fazhi.core.management.commands.audit import Command as AuditCommand
from fazhi.core.models import AppendOnlyError, AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db


def _append(n: int, start: int = 0) -> list[AuditEvent]:
    return [audit_log(actor=None, action="core.org.update", target_type="core.organization", target_id=f"org-{start + i}",
                      target_repr=f"测试单位{start + i}", data={"changes": {"name": {"before": f"旧{i}", "after": f"新{i}"}}})
            for i in range(n)]


def _raw(sql: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def _as_attacker() -> None:
    """Drop the append-only triggers, as someone with owner rights on the database could."""
    audit_guard.drop(connection)
    assert not audit_guard.installed(connection)


def test_it_appends_a_linked_chain():
    events = _append(4)
    rows = list(AuditEvent.objects.order_by("id"))
    assert [r.id for r in rows] == [1, 2, 3, 4]
    assert rows[0].prev_hash == GENESIS
    for prev, row in zip(rows, rows[1:]):
        assert row.prev_hash == prev.hash
    for row, written in zip(rows, events):
        assert row.hash == written.hash == compute_hash(row)
    head = AuditChainHead.objects.get(id=1)
    assert (head.last_id, head.last_hash, head.count) == (4, rows[-1].hash, 4)
    result = verify_chain()
    assert result.ok and result.checked == 4
    assert result.message == "审计链完整：共 4 条记录"
    assert result.last_hash == rows[-1].hash


def test_it_hashes_the_same_after_a_database_round_trip():
    """jsonb reorders keys and reprints numbers: the hash of what we wrote equals the hash of what we read."""
    data = {
        "说明": "变更执法主体资格，含“引号”与\\反斜杠",
        "z": 1, "a": [1, 2.5, -0.0, 1.0, 1e20, 1.5e-10, 3.141592653589793, 2 ** 70, 0.1 + 0.2],
        "嵌套": {"金额": decimal.Decimal("1234.50"), "日期": datetime.date(2026, 11, 29),
                 "时间": datetime.datetime(2026, 11, 29, 8, 30, 15, 123456, tzinfo=datetime.timezone.utc),
                 "列表": [{"乙": None, "甲": True}, {"丙": False}], "空": {}},
        "nan": float("nan"), "inf": float("-inf"), "nul": "a\x00b",
        7: "integer key",
    }
    event = audit_log(actor=None, action="core.org.update", target_type="core.organization", target_id="x", data=data)
    fresh = AuditEvent.objects.get(id=event.id)
    assert compute_hash(fresh) == fresh.hash == event.hash
    assert fresh.data["嵌套"]["金额"] == "1234.50"
    assert fresh.data["nan"] == "NaN" and fresh.data["inf"] == "-Infinity"
    assert fresh.data["nul"] == "a\ufffdb"
    assert fresh.data["7"] == "integer key"
    assert verify_chain().ok


def test_canonical_json_normalizes_numbers_and_key_order():
    assert canonical_json({"b": 1.0, "a": [1e20, -0.0, 0.5]}) == '{"a":[100000000000000000000,0,0.5],"b":1}'
    assert canonical_json({"a": 100000000000000000000}) == canonical_json({"a": 1e20})
    assert canonical_json({"中": "文"}) == '{"中":"文"}'


def test_it_names_an_altered_row():
    _append(5)
    _as_attacker()
    _raw("UPDATE core_auditevent SET target_repr = %s WHERE id = 3", ["伪造的单位"])
    result = verify_chain()
    assert not result.ok
    assert result.broken_id == 3
    assert result.checked == 2
    assert "篡改" in result.reason


def test_it_names_an_altered_row_in_the_json_data():
    _append(5)
    _as_attacker()
    row = AuditEvent.objects.get(id=2)
    tampered = dict(row.data, changes={"name": {"before": "旧", "after": "篡改后"}})
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET data = %s WHERE id = 2",
                       [AuditEvent._meta.get_field("data").get_db_prep_value(tampered, connection)])
    result = verify_chain()
    assert (result.ok, result.broken_id) == (False, 2)


def test_it_names_a_row_whose_hash_was_recomputed():
    """Rewriting a row and its hash breaks the link of the next row."""
    _append(5)
    _as_attacker()
    row = AuditEvent.objects.get(id=3)
    row.target_repr = "伪造"
    _raw("UPDATE core_auditevent SET target_repr = %s, hash = %s WHERE id = 3", ["伪造", compute_hash(row)])
    result = verify_chain()
    assert (result.ok, result.broken_id) == (False, 4)
    assert "前序哈希" in result.reason


def test_it_names_a_deleted_middle_row():
    _append(6)
    _as_attacker()
    _raw("DELETE FROM core_auditevent WHERE id = 4")
    result = verify_chain()
    assert (result.ok, result.broken_id) == (False, 4)
    assert "缺失" in result.reason and result.checked == 3


def test_it_catches_a_deleted_last_row():
    _append(5)
    _as_attacker()
    _raw("DELETE FROM core_auditevent WHERE id = 5")
    result = verify_chain()
    assert (result.ok, result.broken_id) == (False, 5)
    assert "末尾" in result.reason


def test_it_catches_a_deleted_chain_head():
    _append(2)
    _raw("DELETE FROM core_auditchainhead")
    result = verify_chain()
    assert not result.ok and "链头" in result.reason


def test_it_verifies_in_batches():
    _append(7)
    assert verify_chain(batch=2).checked == 7
    _as_attacker()
    _raw("DELETE FROM core_auditevent WHERE id = 6")
    assert verify_chain(batch=2).broken_id == 6


def test_model_refuses_save_and_delete():
    event = _append(1)[0]
    event.target_repr = "改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(id=event.id).target_repr == "测试单位0"


def test_database_refuses_update_and_delete():
    _append(3)
    assert audit_guard.installed(connection)
    for attempt in (
        lambda: AuditEvent.objects.filter(id=2).update(target_repr="改"),
        lambda: AuditEvent.objects.filter(id=2).delete(),
        lambda: _raw("UPDATE core_auditevent SET action = 'x' WHERE id = 1"),
        lambda: _raw("DELETE FROM core_auditevent"),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            _raw("TRUNCATE core_auditevent")
    assert AuditEvent.objects.count() == 3
    # The chain head stays updatable: appending still works and the chain holds.
    _append(1, start=3)
    assert verify_chain().checked == 4


def test_rolled_back_appends_leave_no_gap():
    _append(2)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            _append(2, start=2)
            raise RuntimeError("service failed after auditing")
    for i in range(3):
        with transaction.atomic():
            _append(1, start=10 + i)
    assert list(AuditEvent.objects.values_list("id", flat=True)) == [1, 2, 3, 4, 5]
    assert verify_chain().ok


def test_cli_verify_exit_codes():
    _append(3)
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "审计链完整：共 3 条记录" in out.getvalue()
    _as_attacker()
    _raw("DELETE FROM core_auditevent WHERE id = 2")
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify", stdout=io.StringIO())
    assert exc.value.returncode == 1 and "第 2 条记录" in str(exc.value)
    cmd = AuditCommand(stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(SystemExit) as exit_info:
        cmd.run_from_argv(["manage.py", "audit", "verify"])
    assert exit_info.value.code == 1


def test_cli_show(county):
    out = io.StringIO()
    call_command("audit", "show", "--target-type", "core.organization", "--target-id", str(county.scj.code), stdout=out)
    text = out.getvalue()
    assert "新增单位" in text and "同心县市场监督管理局" in text
    assert "司法局" not in text
    out = io.StringIO()
    call_command("audit", "show", "--last", "1", stdout=out)
    assert out.getvalue().count("\n#") == 0 and out.getvalue().startswith("#")


@pytest.mark.django_db(transaction=True)
def test_flush_lifts_and_restores_the_guard():
    _append(2)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    if audit_guard.supported(connection):
        assert audit_guard.installed(connection)


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_from_several_connections_keep_the_chain():
    """Appends from parallel threads (own connections) are serialized by the locked chain head.

    PostgreSQL only: SQLite's shared in-memory test database cannot wait for locks across threads.
    """
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrent transactions")
    import threading

    from django.db import connections

    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(5):
                with transaction.atomic():
                    _append(1, start=n * 100 + i)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert list(AuditEvent.objects.values_list("id", flat=True)) == list(range(1, 21))
    assert verify_chain().ok

"""fazhi backup / fazhi restore round trip: identical row counts and audit chain (hash for hash).

Runs on whichever database the suite runs on (SQLite in ``make test``, PostgreSQL in
``make test-pg``); the restore lifts the audit table's append-only guard for the wipe and puts it back.
"""
from __future__ import annotations

import datetime
import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from fazhi.core import audit_guard
from fazhi.core.audit import verify_chain
from fazhi.core.backup import audit_state, table_counts
from fazhi.core.models import AuditEvent, Organization
from fazhi.core.testing import make_county
from fazhi.legalservice.models import AidCase
from fazhi.legalservice.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    c = make_county()
    factories.application(c.sfj, actor=c.liaison_sfj, applicant_name="马某某")
    factories.notice(c.sfj, actor=c.liaison_sfj)
    (tmp_path / "media" / "ab").mkdir(parents=True)
    (tmp_path / "media" / "ab" / "abcdef.bin").write_bytes(b"attachment bytes")
    return c


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_round_trip_restores_counts_rows_and_audit_hashes(county, tmp_path, settings):
    counts, audit = table_counts(), audit_state()
    hashes = list(AuditEvent.objects.order_by("id").values_list("hash", flat=True))
    case = AidCase.objects.get(applicant_name="马某某")
    out = _run("backup", str(tmp_path / "b.tar"))
    assert f"链尾哈希 {audit['last_hash']}" in out

    # Life goes on after the backup: a new record, a changed one, a lost attachment file.
    factories.application(county.sfj, actor=county.liaison_sfj, applicant_name="杨某某",
                          applicant_id_number=factories.id_number(seq="456"))
    AidCase.objects.filter(pk=case.pk).update(matter="已被改动")
    (settings.MEDIA_ROOT / "ab" / "abcdef.bin").unlink()
    assert table_counts() != counts

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "b.tar"))
    out = _run("restore", str(tmp_path / "b.tar"), "--yes")
    assert "已校验" in out
    assert table_counts() == counts
    assert audit_state() == audit
    assert list(AuditEvent.objects.order_by("id").values_list("hash", flat=True)) == hashes
    assert verify_chain().ok
    restored = AidCase.objects.get(pk=case.pk)
    assert (restored.matter, restored.code, restored.received_on, restored.created_at) == \
        (case.matter, case.code, case.received_on, case.created_at)
    assert not AidCase.objects.filter(applicant_name="杨某某").exists()
    assert (settings.MEDIA_ROOT / "ab" / "abcdef.bin").read_bytes() == b"attachment bytes"
    # The append-only guard is back, and new writes get fresh keys after the restored ones.
    if audit_guard.supported(connection):
        assert audit_guard.installed(connection)
    new = factories.application(county.sfj, actor=county.liaison_sfj, applicant_name="李某某",
                                applicant_id_number=factories.id_number(seq="789"))
    assert new.pk > max(AidCase.objects.exclude(pk=new.pk).values_list("pk", flat=True))
    assert verify_chain().ok


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(county, tmp_path):
    counts = table_counts()
    bad = tmp_path / "bad.tar"
    with tarfile.open(bad, "w") as tar:
        data = json.dumps({"format": "something-else"}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="恢复失败，数据库未改变：不支持的备份格式"):
        call_command("restore", str(bad), "--yes")
    (tmp_path / "junk.tar").write_bytes(b"not a tar at all")
    with pytest.raises(CommandError, match="恢复失败"):
        call_command("restore", str(tmp_path / "junk.tar"), "--yes")
    assert table_counts() == counts


def test_restore_refuses_a_backup_of_other_migrations(county, tmp_path):
    _run("backup", str(tmp_path / "b.tar"))
    # Rewrite the manifest as if the backup came from a database with one more migration.
    src, dst = tmp_path / "b.tar", tmp_path / "other.tar"
    with tarfile.open(src) as tin, tarfile.open(dst, "w") as tout:
        for member in tin.getmembers():
            data = tin.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append(["core", "9999_future"])
                data = json.dumps(manifest).encode()
                member.size = len(data)
            tout.addfile(member, io.BytesIO(data))
    Organization.objects.filter(pk=county.village.pk).update(name="改名村民委员会")
    with pytest.raises(CommandError, match="迁移不一致"):
        call_command("restore", str(dst), "--yes")
    assert Organization.objects.get(pk=county.village.pk).name == "改名村民委员会"


def test_backup_dates_survive_as_written(county, tmp_path):
    """Dates, datetimes with microseconds, JSON and UUIDs come back equal (the audit hashes depend on it)."""
    ev = AuditEvent.objects.order_by("-id").first()
    _run("backup", str(tmp_path / "b.tar"))
    _run("restore", str(tmp_path / "b.tar"), "--yes")
    again = AuditEvent.objects.get(id=ev.id)
    assert (again.at, again.data, again.hash) == (ev.at, ev.data, ev.hash)
    assert isinstance(AidCase.objects.first().received_on, datetime.date)

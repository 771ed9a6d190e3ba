"""``fazhi backup`` / ``fazhi restore``: the whole database and the attachment store in one file.

The archive is a tar file::

    manifest.json              format, version, database vendor, applied migrations,
                               row count per table, audit chain (count, last id, last hash)
    data/<table>.jsonl.gz      one JSON array per row, columns as listed in the manifest
    media/<path>               the attachment store (content-addressed files under MEDIA_ROOT)

Values are written as JSON (dates and datetimes in ISO 8601 with their offset and microseconds,
decimals and UUIDs as strings, binary as base64) and read back through each field's
``to_python``, so a backup of SQLite restores on PostgreSQL and back. Rows are read in one
transaction (PostgreSQL: REPEATABLE READ, one consistent snapshot).

Restore replaces the whole content of the database, in one transaction: the target must be
migrated to the same migrations as the backup (checked), the audit table's append-only guard
(``core.audit_guard``, migration core 0003) is lifted for the wipe and re-installed before the
commit, rows are inserted with their primary keys as they were (raw INSERTs: no ``auto_now``, no
signals), PostgreSQL sequences are moved past the restored keys, and before the commit the row
counts and the audit chain are checked against the manifest: if anything differs the transaction
is rolled back and the database is left as it was. The restored audit chain is the backed-up one,
hash for hash (nothing is appended to it: a restore is an operator action outside the application).
"""
from __future__ import annotations

import base64
import datetime
import decimal
import gzip
import io
import json
import os
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from fazhi.core import audit_guard

FORMAT = "fazhi-backup"
VERSION = 1


class BackupError(Exception):
    """A backup cannot be restored here (wrong file, other migrations, counts differ…)."""


def backup_models() -> list[type[models.Model]]:
    """Every concrete table the application owns (auto-created M2M tables included), in a stable order."""
    out = []
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed or opts.swapped:
            continue
        out.append(model)
    return sorted(out, key=lambda m: m._meta.db_table)


def _columns(model) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _encode(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime.timedelta):
        return {"$td": value.total_seconds()}
    return value  # JSONField values: dict / list, already JSON


def _decode(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(value, dict) and "$b64" in value:
        return base64.b64decode(value["$b64"])
    if isinstance(value, dict) and "$td" in value:
        return datetime.timedelta(seconds=value["$td"])
    if isinstance(field, models.ForeignKey):
        return field.target_field.to_python(value)
    return field.to_python(value)


def applied_migrations() -> list[list[str]]:
    return sorted([a, n] for a, n in MigrationRecorder(connection).applied_migrations())


def audit_state() -> dict:
    from fazhi.core.models import AuditChainHead, AuditEvent

    head = AuditChainHead.objects.filter(id=1).first()
    return {"count": AuditEvent.objects.count(), "last_id": head.last_id if head else 0,
            "last_hash": head.last_hash if head else ""}


def table_counts() -> dict[str, int]:
    return {m._meta.db_table: m._default_manager.using(connection.alias).count() for m in backup_models()}


@dataclass
class BackupResult:
    path: Path
    rows: int
    tables: int
    files: int
    audit: dict


def pending_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _backwards in plan]


def create_backup(path: Path) -> BackupResult:
    path = Path(path)
    pending = pending_migrations()
    if pending:
        raise BackupError(f"数据库还有未执行的迁移（{'、'.join(pending[:5])}）：请先运行 migrate 再备份。")
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="fazhi-backup-") as tmp:
        tmpdir = Path(tmp)
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:  # one snapshot for every table
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            manifest = {"format": FORMAT, "version": VERSION, "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                        "vendor": connection.vendor, "migrations": applied_migrations(), "tables": {}, "columns": {}}
            for model in backup_models():
                cols = _columns(model)
                table = model._meta.db_table
                n = 0
                with gzip.open(tmpdir / f"{table}.jsonl.gz", "wt", encoding="utf-8", compresslevel=5) as fh:
                    qs = model._default_manager.order_by("pk").values_list(*[f.attname for f in cols])
                    for row in qs.iterator(chunk_size=2000):
                        fh.write(json.dumps([_encode(v) for v in row], ensure_ascii=False, separators=(",", ":")))
                        fh.write("\n")
                        n += 1
                manifest["tables"][table] = n
                manifest["columns"][table] = [f.column for f in cols]
            manifest["audit"] = audit_state()
        files = [p for p in media.rglob("*") if p.is_file()] if media.is_dir() else []
        manifest["media_files"] = len(files)
        tmp_out = path.with_name(path.name + ".part")
        with tarfile.open(tmp_out, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for model in backup_models():
                table = model._meta.db_table
                tar.add(tmpdir / f"{table}.jsonl.gz", arcname=f"data/{table}.jsonl.gz")
            for p in files:
                tar.add(p, arcname=f"media/{p.relative_to(media).as_posix()}")
        os.replace(tmp_out, path)  # a crash mid-write leaves no half archive under the final name
    return BackupResult(path, sum(manifest["tables"].values()), len(manifest["tables"]), len(files), manifest["audit"])


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except (KeyError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError("不是Fazhi备份文件：缺少或无法读取 manifest.json。") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(f"不支持的备份格式：{manifest.get('format')} 版本 {manifest.get('version')}。")
    return manifest


def has_data() -> bool:
    """Does the database hold anything beyond what ``migrate`` creates (organizations, users, audit…)?"""
    from fazhi.core.models import AuditEvent, Organization, User

    return AuditEvent.objects.exists() or Organization.objects.exists() or User.objects.exists()


@dataclass
class RestoreResult:
    rows: int
    tables: int
    files: int
    audit: dict


def restore_backup(path: Path) -> RestoreResult:
    path = Path(path)
    try:
        tar = tarfile.open(path, "r")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"无法打开备份文件 {path}：{exc}") from exc
    with tar:
        manifest = read_manifest(tar)
        missing = {tuple(m) for m in manifest["migrations"]} ^ {tuple(m) for m in applied_migrations()}
        if missing:
            sample = "、".join(f"{a}.{n}" for a, n in sorted(missing)[:5])
            raise BackupError(f"备份与当前数据库的迁移不一致（如 {sample}）：请先把数据库迁移到与备份相同的版本。")
        by_table = {m._meta.db_table: m for m in backup_models()}
        unknown = set(manifest["tables"]) - set(by_table)
        if unknown:
            raise BackupError(f"备份中有当前程序没有的表：{'、'.join(sorted(unknown))}。")
        with transaction.atomic():
            guarded = audit_guard.supported(connection) and audit_guard.installed(connection)
            if guarded:
                audit_guard.drop(connection)
            qn = connection.ops.quote_name
            with connection.cursor() as cursor:
                for table in reversed(list(by_table)):
                    cursor.execute(f"DELETE FROM {qn(table)}")
                for table, model in by_table.items():
                    if table not in manifest["tables"]:
                        continue
                    fields = {f.column: f for f in _columns(model)}
                    cols = manifest["columns"][table]
                    if set(cols) != set(fields):
                        raise BackupError(f"表 {table} 的字段与备份不一致。")
                    sql = (f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in cols)}) "
                           f"VALUES ({', '.join(['%s'] * len(cols))})")
                    member = tar.extractfile(f"data/{table}.jsonl.gz")
                    batch = []
                    with gzip.open(member, "rt", encoding="utf-8") as fh:
                        for line in fh:
                            values = json.loads(line)
                            batch.append([fields[c].get_db_prep_save(_decode(fields[c], v), connection)
                                          for c, v in zip(cols, values, strict=True)])
                            if len(batch) >= 1000:
                                cursor.executemany(sql, batch)
                                batch = []
                    if batch:
                        cursor.executemany(sql, batch)
                for sql in connection.ops.sequence_reset_sql(no_style(), list(by_table.values())):
                    cursor.execute(sql)
            if guarded:
                audit_guard.install(connection)
            counts = table_counts()
            wrong = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
            if wrong:
                raise BackupError(f"恢复后行数与备份不一致：{wrong}，已回滚。")
            audit = audit_state()
            if audit != manifest["audit"]:
                raise BackupError(f"恢复后审计链与备份不一致：{audit} ≠ {manifest['audit']}，已回滚。")
            from fazhi.core.audit import verify_chain

            result = verify_chain()
            if not result.ok:
                raise BackupError(f"恢复后审计链校验未通过：{result.message}，已回滚。")
        files = _restore_media(tar)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return RestoreResult(sum(manifest["tables"].values()), len(manifest["tables"]), files, manifest["audit"])


def _restore_media(tar: tarfile.TarFile) -> int:
    """Put the attachment files back (content-addressed: an existing file of that name is the same file)."""
    media = Path(settings.MEDIA_ROOT).resolve()
    n = 0
    for member in tar.getmembers():
        if not member.isfile() or not member.name.startswith("media/"):
            continue
        rel = Path(member.name[len("media/"):])
        target = (media / rel).resolve()
        if media not in target.parents:  # no path traversal out of MEDIA_ROOT
            raise BackupError(f"备份中的文件路径不安全：{member.name}")
        if target.exists() and target.stat().st_size == member.size:
            n += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with tar.extractfile(member) as src, open(target.with_name(target.name + ".part"), "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        os.replace(target.with_name(target.name + ".part"), target)
        n += 1
    return n

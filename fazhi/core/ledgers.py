"""The ledger registry and the Excel import/export engine shared by every module.

A *ledger* (台账) is one kind of record that county staff keep in Excel: its columns (Chinese
header, model field, required, choices, parser, help), how a parsed row is validated and saved
(through the module's services, so that rules and audit are the same as on the form), and which
rows an actor may export (through ``fazhi.core.scoping``).

Modules register their ledgers at import time of a module named ``ledgers`` in their app
(``fazhi/<app>/ledgers.py``), which ``autodiscover()`` imports::

    from fazhi.core.ledgers import Column, ServiceLedger, register_ledger

    class CaseLedger(ServiceLedger):
        name = "cases"; title = "行政执法案件"; model_label = "enforcement.case"
        columns = [Column("案件名称", "name", required=True), ...]
        def create(self, actor, data, *, request_id=""): return case_create(actor=actor, **data, ...)
        def export_queryset(self, actor): return scope(Case.objects.all(), actor)
        def export_values(self, obj): return [obj.name, ...]

    register_ledger(CaseLedger())

See ``fazhi/core/README-excel.md``.
"""
from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction

from fazhi.core.audit import audit_log
from fazhi.core.choices import READ_ONLY_ROLES
from fazhi.lib import xlsx
from fazhi.lib.xlsx import CellError, ColumnSpec, SheetRow, XlsxFileError

MAX_REPORTED_ERRORS = 1000
# Audit events list the created records' codes when there are at most this many.
AUDIT_MAX_CODES = 1000


def import_max_rows() -> int:
    return int(getattr(settings, "EXCEL_IMPORT_MAX_ROWS", xlsx.DEFAULT_MAX_ROWS))


def import_max_bytes() -> int:
    return int(getattr(settings, "EXCEL_IMPORT_MAX_BYTES", xlsx.DEFAULT_MAX_BYTES))


# ---------------------------------------------------------------------------------------------
# Columns, errors, results
# ---------------------------------------------------------------------------------------------


def _key(text: str) -> str:
    """Choices compare without width, case or spaces: "政府部门／单位" matches "政府部门/单位"."""
    return xlsx.normalize_nfkc(text).replace(" ", "").casefold()


_AUTO = object()


def _is_blank_cell(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not xlsx.clean_code(raw))


@dataclass
class Column:
    """One column of a ledger.

    ``choices`` are (value, label) pairs: the template offers the labels in a drop-down list, the
    import accepts the label or the value, the export writes the label. ``multiple`` allows several
    choices separated by 、 or , in one cell (parsed into a list). ``parser`` turns a raw cell into
    the field value and raises ``CellError`` (default: ``clean_text``).
    """

    header: str
    field: str
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()
    multiple: bool = False
    parser: Callable[[Any], Any] | None = None
    help: str = ""
    example: Any = None
    width: int = 18
    number_format: str = ""
    blank: Any = _AUTO

    def parse(self, raw: Any) -> Any:
        if self.choices:
            value: Any = self._parse_choices(raw)
        elif _is_blank_cell(raw):
            value = self.blank_value()
        else:
            value = (self.parser or xlsx.clean_text)(raw)
        if self.required and (value is None or value == "" or value == []):
            raise CellError("必填，不能为空。")
        return value

    def blank_value(self) -> Any:
        """What a blank cell gives (parsers never see blanks): "" for text columns, else None."""
        if self.blank is not _AUTO:
            return self.blank
        return "" if self.parser in (None, xlsx.clean_text, xlsx.clean_code) else None

    def _lookup(self) -> dict[str, str]:
        table = self.__dict__.get("_lookup_table")
        if table is None:
            table = {}
            for value, label in self.choices:
                table.setdefault(_key(str(value)), value)
                table[_key(str(label))] = value
            self.__dict__["_lookup_table"] = table
        return table

    def _parse_choices(self, raw: Any) -> Any:
        items = xlsx.split_multi(raw) if self.multiple else ([xlsx.clean_text(raw)] if xlsx.clean_text(raw) else [])
        out = []
        table = self._lookup()
        for item in items:
            value = table.get(_key(item))
            if value is None:
                labels = "、".join(str(label) for _, label in self.choices)
                raise CellError(f"“{item}”不是可选值，可选：{labels}。")
            out.append(value)
        if self.multiple:
            return list(dict.fromkeys(out))
        return out[0] if out else ""

    def label_of(self, value: Any) -> Any:
        """The export form of a field value (labels for choices)."""
        if not self.choices:
            return value
        labels = {v: str(label) for v, label in self.choices}
        if self.multiple:
            return "、".join(labels.get(v, v) for v in value or [])
        return labels.get(value, value)

    def spec(self) -> ColumnSpec:
        return ColumnSpec(header=self.header, required=self.required, choices=[str(lbl) for _, lbl in self.choices],
                          multiple=self.multiple, help=self.help, example=self.example, width=self.width,
                          number_format=self.number_format)


@dataclass(frozen=True)
class RowError:
    """A problem in one row (``row`` is the Excel row number) and column (its header), or in the file."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "文件"
        if self.column:
            return f"{where} “{self.column}”：{self.message}"
        return f"{where}：{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


class ImportRejected(Exception):
    """Raised inside the commit transaction to roll everything back."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class ParsedRow:
    number: int
    data: dict[str, Any]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class CommitSummary:
    """What a commit created: model label, count, the codes (if few), the id range, a digest of codes."""

    model: str
    count: int = 0
    codes: list[str] = field(default_factory=list)
    first_id: int | None = None
    last_id: int | None = None
    created_at: str = ""
    _digest: Any = field(default_factory=hashlib.sha256, repr=False)

    def add(self, pk: int, code: Any) -> None:
        self.count += 1
        code = str(code)
        self._digest.update(code.encode() + b"\n")
        if len(self.codes) <= AUDIT_MAX_CODES:
            self.codes.append(code)
        self.first_id = pk if self.first_id is None else min(self.first_id, pk)
        self.last_id = pk if self.last_id is None else max(self.last_id, pk)

    def audit_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"model": self.model, "created": self.count, "first_id": self.first_id,
                                "last_id": self.last_id, "codes_sha256": self._digest.hexdigest()}
        if self.created_at:
            data["created_at"] = self.created_at
        if self.count <= AUDIT_MAX_CODES:
            data["codes"] = self.codes[: self.count]
        return data


@dataclass
class ImportResult:
    ledger: str
    title: str
    sha256: str
    filename: str
    dry_run: bool
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    committed: bool = False
    created: int = 0
    skipped_rows: list[int] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    sheet: str = ""
    header_row: int = 0
    audit_event_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.error_count

    def add_errors(self, errors: Iterable[RowError]) -> None:
        for e in errors:
            self.error_count += 1
            if len(self.errors) < MAX_REPORTED_ERRORS:
                self.errors.append(e)

    @property
    def omitted_errors(self) -> int:
        return self.error_count - len(self.errors)

    def sorted_errors(self) -> list[RowError]:
        return sorted(self.errors, key=lambda e: (e.row or 0))

    def messages(self) -> list[str]:
        out = [str(e) for e in self.sorted_errors()]
        if self.error_count > len(self.errors):
            out.append(f"……另有{self.error_count - len(self.errors)}处错误未列出。")
        return out


# ---------------------------------------------------------------------------------------------
# Ledgers
# ---------------------------------------------------------------------------------------------


def may_import(actor) -> bool:
    """The system, a superuser, or a user with at least one role that is not read-only."""
    if actor is None:
        return True
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_superuser:
        return True
    return actor.memberships.exclude(role__in=list(READ_ONLY_ROLES)).exists()


class Ledger:
    """Base class: columns and the parse step; subclasses say how rows are validated and saved."""

    name: str = ""
    title: str = ""
    model_label: str = ""
    columns: Sequence[Column] = ()
    notes: Sequence[str] = ()

    @property
    def sheet_title(self) -> str:
        return self.title

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def required_headers(self) -> list[str]:
        return [c.header for c in self.columns if c.required]

    def column_for_field(self, name: str) -> str | None:
        for c in self.columns:
            if c.field == name:
                return c.header
        return None

    # -- import ----------------------------------------------------------------------------

    def can_import(self, actor) -> bool:
        return may_import(actor)

    def is_example_row(self, values: dict[str, Any]) -> bool:
        """The template's example row (imported by mistake) is skipped."""
        for c in self.columns:
            if c.example is None and values.get(c.header) in (None, ""):
                continue
            try:
                if xlsx.clean_text(values.get(c.header)) != xlsx.clean_text(c.example):
                    return False
            except CellError:
                return False
        return True

    def row_to_data(self, row: SheetRow) -> ParsedRow:
        """Parse every cell; cell problems become RowErrors naming the row and column."""
        data: dict[str, Any] = {}
        errors: list[RowError] = []
        for c in self.columns:
            try:
                data[c.field] = c.parse(row.values.get(c.header))
            except CellError as exc:
                errors.append(RowError(row.number, c.header, str(exc)))
                data[c.field] = None
            except ValidationError as exc:  # a parser may reuse fazhi.lib.validators
                errors.extend(RowError(row.number, c.header, _strip_label(m, c.header)) for m in exc.messages)
                data[c.field] = None
        return ParsedRow(row.number, data, errors)

    def errors_from(self, number: int, exc: Exception, default_column: str | None = None) -> list[RowError]:
        """ValidationError / PermissionDenied → RowErrors, model fields mapped to column headers."""
        if isinstance(exc, ValidationError):
            out = []
            if hasattr(exc, "error_dict"):
                for fname, errs in exc.message_dict.items():
                    column = self.column_for_field(fname) if fname != "__all__" else None
                    for msg in errs:
                        out.append(RowError(number, column or default_column, _strip_label(msg, column)))
            else:
                out = [RowError(number, default_column, _strip_label(m, default_column)) for m in exc.messages]
            return out
        if isinstance(exc, PermissionDenied):
            return [RowError(number, default_column, str(exc) or "没有权限。")]
        if isinstance(exc, CellError):
            return [RowError(number, default_column, str(exc))]
        raise exc

    def validate_rows(self, actor, rows: Iterable[ParsedRow], *, request_id: str = "") -> Iterator[RowError]:
        raise NotImplementedError

    def commit(self, actor, rows: Iterable[ParsedRow], *, request_id: str = "") -> CommitSummary:
        """Save every row (the caller holds the transaction); raise ImportRejected on any problem."""
        raise NotImplementedError

    # -- export ----------------------------------------------------------------------------

    def export_rows(self, actor) -> Iterator[list[Any]]:
        raise NotImplementedError


def _strip_label(message: str, column: str | None) -> str:
    """"统一社会信用代码校验位错误。" in column 统一社会信用代码 → "校验位错误。"."""
    message = str(message)
    if column and message.startswith(column) and len(message) > len(column) + 1:
        rest = message[len(column):].lstrip("：: ")
        return rest
    return message


class ServiceLedger(Ledger):
    """A ledger whose rows are saved one by one through the module's create service.

    Validation runs the very same service for every row inside a transaction that is rolled back
    (each row in its own savepoint), so the dry run reports exactly what the commit would do —
    including duplicates within the file. Suited to ledgers of up to some tens of thousands of rows;
    larger ones override ``validate_rows``/``commit`` with a bulk path (see OrganizationLedger).
    """

    # The column named in errors from a PermissionDenied raised by the service.
    permission_column: str | None = None

    def resolve(self, actor, data: dict[str, Any], cache: dict) -> dict[str, Any]:
        """Turn names in ``data`` into objects (raise ``RowProblem``); default: unchanged."""
        return data

    def create(self, actor, data: dict[str, Any], *, request_id: str = "") -> models.Model:
        raise NotImplementedError

    def _run(self, actor, rows: Iterable[ParsedRow], request_id: str, summary: CommitSummary | None) -> Iterator[RowError]:
        cache: dict = {}
        for row in rows:
            if row.errors:
                yield from row.errors
                continue
            try:
                data = self.resolve(actor, row.data, cache)
                with transaction.atomic():
                    obj = self.create(actor, data, request_id=request_id)
            except RowProblem as exc:
                yield RowError(row.number, exc.column, exc.message)
                continue
            except (ValidationError, PermissionDenied) as exc:
                yield from self.errors_from(row.number, exc, self.permission_column)
                continue
            except IntegrityError:
                yield RowError(row.number, None, "与已有记录冲突（数据库唯一性约束），请检查是否重复。")
                continue
            if summary is not None:
                summary.add(obj.pk, getattr(obj, "code", None) or obj.pk)

    def validate_rows(self, actor, rows: Iterable[ParsedRow], *, request_id: str = "") -> Iterator[RowError]:
        errors: list[RowError] = []
        try:
            with transaction.atomic():
                for err in self._run(actor, rows, request_id, None):
                    errors.append(err)
                raise _Rollback
        except _Rollback:
            pass
        yield from errors

    def commit(self, actor, rows: Iterable[ParsedRow], *, request_id: str = "") -> CommitSummary:
        summary = CommitSummary(model=self.model_label)
        errors = list(self._run(actor, rows, request_id, summary))
        if errors:
            raise ImportRejected(errors)
        return summary

    def export_queryset(self, actor) -> models.QuerySet:
        raise NotImplementedError

    def export_values(self, obj) -> list[Any]:
        raise NotImplementedError

    def export_rows(self, actor) -> Iterator[list[Any]]:
        for obj in self.export_queryset(actor).iterator(chunk_size=2000):
            yield self.export_values(obj)


class RowProblem(Exception):
    """Raised by ``resolve``/``create`` helpers: a problem with one column of the current row."""

    def __init__(self, column: str | None, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


class _Rollback(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------

_LEDGERS: dict[str, Ledger] = {}
_discovered = False


def register_ledger(ledger: Ledger) -> Ledger:
    if not ledger.name or not ledger.title or not ledger.columns:
        raise ValueError("a ledger needs a name, a Chinese title and columns")
    existing = _LEDGERS.get(ledger.name)
    if existing is not None and type(existing).__qualname__ != type(ledger).__qualname__:
        raise ValueError(f"ledger {ledger.name!r} registered twice")
    _LEDGERS[ledger.name] = ledger
    return ledger


def autodiscover() -> None:
    """Import ``fazhi.core.ledgers_core`` and every installed app's ``ledgers`` module once."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    import fazhi.core.ledgers_core  # noqa: F401
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("ledgers")


def lookup_by_name(cache: dict, key: str, queryset: Callable[[], Any], name: str, *, column: str,
                   noun: str, hint: str = "") -> Any:
    """Find the one object called ``name`` among ``queryset()`` (built once per import, kept in
    ``cache[key]``); raise ``RowProblem(column, ...)`` when there is none or more than one.

    ``noun`` names the kind of object in the message (单位, 调解组织, …); ``hint`` is appended to the
    not-found message (e.g. "请先在平台登记。").
    """
    index = cache.get(key)
    if index is None:
        index = {}
        for obj in queryset():
            index.setdefault(str(obj.name), []).append(obj)
        cache[key] = index
    found = index.get(name, [])
    if not found:
        raise RowProblem(column, f"{noun}“{name}”不存在或您无权查看。{hint}")
    if len(found) > 1:
        raise RowProblem(column, f"名称为“{name}”的{noun}不止一个，无法确定。")
    return found[0]


def resolve_org(actor, name: str, cache: dict, column: str = "所属单位"):
    """The organization called ``name`` that ``actor`` may see (all of them for a system import)."""
    from fazhi.core.models import Organization
    from fazhi.core.scoping import visible_orgs

    def orgs():
        qs = Organization.objects.all() if actor is None else visible_orgs(actor)
        return qs.select_related("region")

    return lookup_by_name(cache, "orgs", orgs, name, column=column, noun="单位")


class OrgLedger(ServiceLedger):
    """A ServiceLedger whose ``organization`` column names a unit: resolved to the Organization."""

    permission_column = "所属单位"
    org_field = "organization"

    def resolve(self, actor, data: dict[str, Any], cache: dict) -> dict[str, Any]:
        return {**data, self.org_field: resolve_org(actor, data[self.org_field], cache, self.permission_column)}


class LedgerNotFound(KeyError):
    pass


def get_ledger(name: str) -> Ledger:
    autodiscover()
    try:
        return _LEDGERS[name]
    except KeyError:
        raise LedgerNotFound(name) from None


def all_ledgers() -> list[Ledger]:
    autodiscover()
    return list(_LEDGERS.values())


# ---------------------------------------------------------------------------------------------
# The engine: template, import (dry run / commit), export
# ---------------------------------------------------------------------------------------------


def write_template(ledger: Ledger, target: str | Path | IO[bytes]) -> None:
    xlsx.write_template(target, title=f"{ledger.title}导入模板", sheet_title=ledger.sheet_title,
                        columns=[c.spec() for c in ledger.columns], notes=ledger.notes)


def _parsed_rows(ledger: Ledger, reader: xlsx.XlsxReader) -> Iterator[ParsedRow]:
    for row in reader.rows():
        yield ledger.row_to_data(row)


def _open(ledger: Ledger, source, max_rows: int | None, max_bytes: int | None) -> xlsx.XlsxReader:
    if not isinstance(source, str | Path):
        source.seek(0)
    return xlsx.XlsxReader(source, headers=ledger.headers(), required=ledger.required_headers(),
                           max_rows=max_rows or import_max_rows(), max_bytes=max_bytes or import_max_bytes(),
                           skip_rows=ledger.is_example_row)


def run_import(ledger: Ledger, source: str | Path | IO[bytes], *, actor, dry_run: bool = False, filename: str = "",
               request_id: str = "", max_rows: int | None = None, max_bytes: int | None = None) -> ImportResult:
    """Validate every row (first pass, streaming); unless ``dry_run`` or any error, save them all in one
    transaction (second pass, streaming) and append one ``core.import.commit`` audit event.

    A read-only actor raises PermissionDenied. File-level problems come back as one error with row None.
    """
    if not ledger.can_import(actor):
        raise PermissionDenied("您没有导入数据的权限（只读角色不能导入）。")
    if not filename:
        filename = Path(source).name if isinstance(source, str | Path) else getattr(source, "name", "") or ""
    result = ImportResult(ledger=ledger.name, title=ledger.title, sha256="", filename=str(filename)[:255], dry_run=dry_run)
    try:
        result.sha256 = xlsx.sha256_of(source)
        # A dry run reads only (a ServiceLedger rolls its own trial writes back): no long transaction, so
        # SQLite's write lock is not held while a large file is checked. A commit validates inside its
        # own transaction, so nothing changes between the two passes.
        with transaction.atomic() if not dry_run else contextlib.nullcontext():
            # Pass 1: validate.
            with _open(ledger, source, max_rows, max_bytes) as reader:
                result.sheet, result.header_row = reader.sheet_title, reader.header_row
                result.ignored_headers = reader.ignored_headers
                counted = _count(_parsed_rows(ledger, reader), result)
                result.add_errors(ledger.validate_rows(actor, counted, request_id=request_id))
                result.skipped_rows = list(reader.skipped)
            if result.rows == 0 and not result.error_count:
                result.add_errors([RowError(None, None, "表格中没有数据行。")])
            if dry_run or result.error_count:
                return result
            # Pass 2: re-read and save; any error rolls the whole import back.
            with _open(ledger, source, max_rows, max_bytes) as reader:
                summary = ledger.commit(actor, _parsed_rows(ledger, reader), request_id=request_id)
            event = audit_log(
                actor=actor, action="core.import.commit", target_type="ledger", target_id=ledger.name,
                target_repr=ledger.title, organization=_actor_org(actor), request_id=request_id,
                data={"ledger": ledger.name, "title": ledger.title, "file_sha256": result.sha256,
                      "filename": result.filename, "sheet": result.sheet, "rows": result.rows,
                      "skipped_rows": result.skipped_rows, **summary.audit_data()},
            )
            result.committed = True
            result.created = summary.count
            result.audit_event_id = event.id
    except XlsxFileError as exc:
        result.add_errors([RowError(None, None, str(exc))])
    except ImportRejected as exc:
        result.add_errors(exc.errors)
    except IntegrityError:
        result.add_errors([RowError(None, None, "保存时与已有记录冲突（数据库唯一性约束），全部数据未保存，请检查后重试。")])
    return result


def _count(rows: Iterator[ParsedRow], result: ImportResult) -> Iterator[ParsedRow]:
    for row in rows:
        result.rows += 1
        yield row


def _actor_org(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    m = actor.memberships.select_related("organization").order_by("id").first()
    return m.organization if m else None


def run_export(ledger: Ledger, target: str | Path | IO[bytes], *, actor, request_id: str = "") -> int:
    """Write the rows ``actor`` may see (same columns as the template) and audit ``core.export``."""
    columns = [c.spec() for c in ledger.columns]
    count = xlsx.write_rows(target, sheet_title=ledger.sheet_title, columns=columns, rows=_local(ledger.export_rows(actor)))
    audit_log(actor=actor, action="core.export", target_type="ledger", target_id=ledger.name,
              target_repr=ledger.title, organization=_actor_org(actor), request_id=request_id,
              data={"ledger": ledger.name, "title": ledger.title, "rows": count})
    return count


def _local(rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """Aware datetimes → local (Asia/Shanghai) wall time: Excel cells have no time zone."""
    from django.utils import timezone

    for values in rows:
        if any(isinstance(v, datetime.datetime) and v.tzinfo is not None for v in values):
            values = [timezone.localtime(v).replace(tzinfo=None)
                      if isinstance(v, datetime.datetime) and v.tzinfo is not None else v for v in values]
        yield values


def result_json(result: ImportResult) -> str:
    return json.dumps({"ledger": result.ledger, "rows": result.rows, "errors": [e.as_dict() for e in result.sorted_errors()],
                       "committed": result.committed, "created": result.created, "sha256": result.sha256},
                      ensure_ascii=False, default=str)


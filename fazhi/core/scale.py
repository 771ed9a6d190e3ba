"""Scale data for benches and load tests: ``fazhi generate --scale N [--counties K]``.

Each app that has records provides ``fazhi/<app>/scale.py``::

    def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
        '''bulk-create ``factor`` × the demo volumes of this app's records in ``county``.'''

``county`` is a county's 人民政府 (the demo's 同心县人民政府, or one built by :func:`build_county`).
The command calls each hook in its own transaction and adds up the returned counts (by model label).

Most hooks need nothing more than :func:`clone_records`: the demo county's own records are the
templates (realistic field values, valid states), and every copy

- gets its primary date re-drawn by **seasonality** (:data:`SEASON`: few records around the
  Spring Festival in February and the National Day week, a year-end rush in November–December),
  mostly on working days; the record's other dates move by the same number of days, so their
  order (received → accepted → closed) and the gaps between them stay as the template had them;
- is owned by the matching organization of the target county (:class:`OrgMap`), and selected
  organization fields (e.g. a 复议 respondent) are redistributed by **organization size** (a
  Zipf-like weight per organization: a few large departments carry most records);
- may be changed by the hook's ``mutate`` (e.g. a **tail of overdue cases**: a few percent left
  open past their due date, with their deadline on the board still open);
- gets a new public ``code`` drawn from the seeded generator, so a run is **deterministic by seed**
  (same database + same seed = same records, apart from ``updated_at``);
- carries its registered :class:`~fazhi.core.models.Deadline` rows along (moved by the same days).

Rows are written by :class:`RowWriter`, one copy at a time (memory stays flat): each template's row
is prepared for the database once, a copy changes only the cells that differ (dates, organization,
parent keys, unique fields, ``code``, ``created_at``), primary keys are allocated from ``MAX(id) + 1``
(no read-back), and batches of :data:`BATCH` rows go in with one ``executemany`` (SQLite) or
``COPY … FROM STDIN`` (PostgreSQL, psycopg 3). ``fazhi generate --scale 100`` writes about four
million rows this way in minutes (figures: ``bench-results.md``). Generated records bypass the
services (that is the point); each hook run appends one audit event ``core.scale.generate`` with its
counts, so the audit trail says what happened. The generator must be the only writer of those tables
while it runs (it is a command for benches and load tests, not for a live county).
"""
from __future__ import annotations

import bisect
import contextlib
import datetime
import importlib
import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models import Q
from django.utils import timezone
from stdnum.cn import uscc

from fazhi.core.actions import register_actions
from fazhi.core.choices import OrgKind
from fazhi.core.models import Deadline, Organization, Region

register_actions({"core.scale.generate": "生成规模测试数据"})

# Relative volume by month (1..12): Spring Festival (Feb), National Day week (Oct), year-end rush.
SEASON = (0.85, 0.55, 1.0, 1.0, 0.95, 1.05, 0.9, 0.85, 1.0, 0.75, 1.15, 1.4)
_SEASON_CUM = list(accumulate(SEASON))
BATCH = 5000


class ScaleError(Exception):
    """Scale data cannot be generated (e.g. the demo county is not loaded)."""


def new_code(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def seasonal_day(rng: random.Random, year: int) -> datetime.date:
    """A day of ``year`` drawn by :data:`SEASON`; 90 % of the draws land on Monday–Friday."""
    month = bisect.bisect_right(_SEASON_CUM, rng.random() * _SEASON_CUM[-1]) + 1
    month = min(month, 12)
    first = datetime.date(year, month, 1)
    days = ((first.replace(month=month + 1) if month < 12 else datetime.date(year + 1, 1, 1)) - first).days
    day = first + datetime.timedelta(days=rng.randrange(days))
    if day.weekday() >= 5 and rng.random() < 0.9:  # to the Friday before, or the Monday after, in the month
        friday, monday = day - datetime.timedelta(days=day.weekday() - 4), day + datetime.timedelta(days=7 - day.weekday())
        day = friday if friday.month == month else monday
    return day


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (rank ** s) for rank in range(1, n + 1)]


# -------------------------------------------------------------------------------------- counties

def demo_county() -> Organization | None:
    """The demo county's 人民政府 (同心县), the templates' owner; None when the demo is not loaded."""
    from fazhi.demo.data import tongxin as data
    from fazhi.demo.loader import GOV_NAME

    return (Organization.objects.select_related("region")
            .filter(kind=OrgKind.GOVERNMENT, credit_code=data.credit_code(GOV_NAME)).first())


def county_orgs(county: Organization):
    """Every organization of the county (its region subtree), the scope of a county's figures."""
    return Organization.objects.filter(region__path__startswith=county.region.path)


class OrgMap:
    """Maps an organization of the template county to the same organization of ``target``.

    Same county: identity. A county built by :func:`build_county`: by kind and name (the template's
    name with the county's name replaced). ``spread(kind)`` draws an organization of that kind of the
    target county by size (Zipf weights over a seeded shuffle of the organizations)."""

    def __init__(self, source: Organization, target: Organization, rng: random.Random):
        self.source, self.target, self.rng = source, target, rng
        self.same = source.pk == target.pk
        self._by_id: dict[int, int] = {}
        self._pools: dict[str, tuple[list[int], list[float]]] = {}
        targets = list(county_orgs(target).values_list("id", "kind", "name"))
        self._kinds = {}
        for oid, kind, _name in targets:
            self._kinds.setdefault(kind, []).append(oid)
        if not self.same:
            src_name, dst_name = source.region.name, target.region.name
            by_name = {(kind, name): oid for oid, kind, name in targets}
            for oid, kind, name in county_orgs(source).values_list("id", "kind", "name"):
                self._by_id[oid] = by_name.get((kind, name.replace(src_name, dst_name)), target.pk)

    def __call__(self, org_id: int | None) -> int | None:
        if org_id is None or self.same:
            return org_id
        return self._by_id.get(org_id, org_id)

    def spread(self, kind: str) -> int | None:
        if kind not in self._pools:
            ids = sorted(self._kinds.get(kind, []))
            random.Random(f"{self.target.pk}:{kind}").shuffle(ids)  # which units are the big ones: per county
            self._pools[kind] = (ids, list(accumulate(zipf_weights(len(ids)))))
        ids, cum = self._pools[kind]
        if not ids:
            return None
        return ids[min(bisect.bisect_right(cum, self.rng.random() * cum[-1]), len(ids) - 1)]


def _credit_code(old: str, county_code: str, name: str) -> str:
    if not old:
        return ""
    from fazhi.demo.data.tongxin import _org_code_body

    body = f"{old[:2]}{county_code}{_org_code_body(name)}"
    return body + uscc.calc_check_digit(body)


@transaction.atomic
def build_county(index: int) -> Organization:
    """A synthetic county ``规模测试县NN`` beside the demo county: the demo's region tree and its
    organizations (same kinds, sizes and hierarchy, names with the county's name replaced).
    Returns its 人民政府. Idempotent by region code."""
    source = demo_county()
    if source is None:
        raise ScaleError("尚未载入示范县（同心县），请先运行 load_demo。")
    src_region = source.region
    code = f"{src_region.code[:4]}{50 + index:02d}"  # 6403NN: synthetic codes beside the real ones
    name = f"规模测试县{index:02d}"
    existing = Organization.objects.filter(kind=OrgKind.GOVERNMENT, region__code=code).first()
    if existing is not None:
        return existing
    city = src_region.parent
    # Regions: the county and its subtree, codes with the county prefix replaced.
    src_regions = list(Region.objects.filter(path__startswith=src_region.path).order_by("path"))
    new_by_code: dict[str, Region] = {}
    for depth in sorted({r.path.count("/") for r in src_regions}):
        level = [r for r in src_regions if r.path.count("/") == depth]
        objs = []
        for r in level:
            new_code_ = code + r.code[len(src_region.code):]
            parent = city if r.pk == src_region.pk else new_by_code[code + r.parent.code[len(src_region.code):]]
            objs.append(Region(code=new_code_, name=name if r.pk == src_region.pk else r.name,
                               level=r.level, parent=parent, path=f"{parent.path}{new_code_}/"))
        for obj in Region.objects.bulk_create(objs):
            new_by_code[obj.code] = obj
    # Organizations level by level (the materialized path needs the parent's id).
    src_orgs = list(county_orgs(source).select_related("region").order_by("path"))
    src_name = src_region.name
    old_to_new: dict[int, Organization] = {}
    for depth in sorted({o.path.count("/") for o in src_orgs}):
        level = [o for o in src_orgs if o.path.count("/") == depth]
        objs = []
        for o in level:
            parent = old_to_new.get(o.parent_id) if o.parent_id else None
            if o.parent_id and parent is None:
                parent = Organization.objects.get(pk=o.parent_id)  # a body above the county (none in the demo)
            new_name = o.name.replace(src_name, name)
            objs.append(Organization(
                name=new_name, short_name=o.short_name.replace(src_name, name)[:32], kind=o.kind, parent=parent,
                region=new_by_code[code + o.region.code[len(src_region.code):]],
                credit_code=_credit_code(o.credit_code, code, new_name), sort_order=o.sort_order,
                code=uuid.uuid5(uuid.NAMESPACE_URL, f"fazhi-scale:{code}:{o.pk}")))
        created = Organization.objects.bulk_create(objs)
        for o, new in zip(level, created, strict=True):
            new.path = f"{new.parent.path if new.parent else '/'}{new.pk}/"
            old_to_new[o.pk] = new
        Organization.objects.bulk_update(created, ["path"])
    return old_to_new[source.pk]


# -------------------------------------------------------------------------------------- cloning

@dataclass
class Spec:
    """How to copy one model's demo records.

    ``date_field``: the record's primary date (re-drawn by season; the others follow).
    ``unique``: field → ``fn(value, copy_no)`` for fields that must stay unique.
    ``per_year``: one record per organization and year (a catalog): only copied into another county.
    ``spread``: organization FK fields redistributed by organization size among units of that kind.
    ``mutate(obj, rng)``: last word on each copy (e.g. leave a few overdue); set ``obj._scale_open =
    True`` to keep its deadlines open on the board.
    """

    model: type[models.Model]
    date_field: str | None = None
    unique: dict[str, Callable[[str, int], str]] = field(default_factory=dict)
    per_year: bool = False
    where: Q | None = None
    spread: dict[str, str] = field(default_factory=dict)
    mutate: Callable[[models.Model, random.Random], None] | None = None


def suffix(value: str, k: int, max_length: int | None = None) -> str:
    """``value`` made unique for copy ``k``: ``法援〔2021〕12号`` → ``法援〔2021〕12号-S3``."""
    tail = f"-S{k}"
    if max_length and len(value) + len(tail) > max_length:
        value = value[: max_length - len(tail)]
    return value + tail


def _date_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields
            if isinstance(f, (models.DateField,)) and f.name not in ("created_at", "updated_at")]


def _shift(value, delta: datetime.timedelta):
    if value is None:
        return None
    try:
        return value + delta
    except OverflowError:
        return value


class RowWriter:
    """Raw INSERT of prepared rows with explicit primary keys, for the big tables.

    ``bulk_create`` spends most of its time per row in the ORM (model instances, ``pre_save``, SQL
    compiled per batch); here a template's row is prepared once (``get_db_prep_save``) and each copy
    changes only the cells that differ. Primary keys are allocated from ``MAX(id) + 1`` (the generator is
    the only writer while it runs, inside its transaction), so children can point at their copied parents
    without reading keys back. SQLite: one ``executemany`` per batch; PostgreSQL: ``COPY … FROM STDIN``
    (psycopg 3), then the table's sequence is moved past the new keys (:meth:`finish`)."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        self.pk_index = self.index[model._meta.pk.attname]
        self.next_id = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        self.rows: list[list] = []
        self.written = 0
        self.conn = connections[DEFAULT_DB_ALIAS]  # the object itself: the ``connection`` proxy costs µs per use
        self._preps = {f.attname: self._prep_fn(f) for f in self.fields}

    def _prep_fn(self, f: models.Field) -> Callable:
        """How a copy's new value of ``f`` is made ready for the database: the field's own
        ``get_db_prep_save``, short-cut for the types a copy changes on every row (what that method
        ends up doing for them, without its checks and conversions)."""
        ops, conn = self.conn.ops, self.conn
        if isinstance(f, models.ForeignKey) and isinstance(f.target_field, models.AutoField):
            return lambda v: v  # an integer key
        if type(f) is models.DateField:
            memo: dict = {}

            def date(v):
                try:
                    return memo[v]
                except KeyError:
                    memo[v] = out = f.get_db_prep_save(v, conn)
                    return out
            return date
        if isinstance(f, models.DateTimeField):
            return lambda v: ops.adapt_datetimefield_value(v) if getattr(v, "tzinfo", None) else f.get_db_prep_save(v, conn)
        if isinstance(f, models.UUIDField):
            return (lambda v: v) if conn.features.has_native_uuid_field else (lambda v: v.hex if v is not None else v)
        if type(f) is models.CharField:
            return lambda v: v
        return lambda v: f.get_db_prep_save(v, conn)

    def prep(self, name: str, value):
        return self._preps[name](value)

    def template(self, obj: models.Model) -> list:
        """``obj``'s row, prepared for the database (primary key left to :meth:`add`)."""
        return [f.get_db_prep_save(getattr(obj, f.attname), self.conn) for f in self.fields]

    def insert(self, obj: models.Model) -> int:
        """Write a new, unsaved instance (fields' ``pre_save`` as in a save: ``auto_now``, defaults);
        sets and returns its primary key."""
        pk = self.add([f.get_db_prep_save(f.pre_save(obj, True), self.conn) for f in self.fields])
        obj.pk = pk
        obj._state.adding = False
        return pk

    def link(self, **values) -> int:
        """Write a row given by column values (e.g. a many-to-many through row: ``case_id=…, officer_id=…``)."""
        row = [None] * len(self.fields)
        for name, v in values.items():
            row[self.index[name]] = v
        return self.add(row)

    def add(self, row: list) -> int:
        pk = self.next_id
        self.next_id += 1
        row[self.pk_index] = pk
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        qn = connection.ops.quote_name
        table, cols = qn(self.model._meta.db_table), ", ".join(qn(f.column) for f in self.fields)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                _defer_checks(cur)
                with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                cur.executemany(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(self.fields))})",
                                self.rows)
        self.written += len(self.rows)
        self.rows = []

    def finish(self) -> None:
        self.flush()
        if connection.vendor == "postgresql" and self.written:
            from django.core.management.color import no_style

            with connection.cursor() as cur:
                for sql in connection.ops.sequence_reset_sql(no_style(), [self.model]):
                    cur.execute(sql)


def _defer_checks(cur) -> None:
    """PostgreSQL: skip the per-row foreign-key triggers for the rest of this transaction, as a restore
    does (``pg_restore --disable-triggers``): every key written here points at a row that exists (parents
    are written first, keys are allocated, not guessed), and checking millions of deferred trigger events
    at commit took most of the generation time. Needs a superuser (``session_replication_role``); as
    another role the checks simply stay on."""
    cur.execute("SELECT current_setting('is_superuser') = 'on' AND current_setting('session_replication_role') "
                "<> 'replica'")
    if cur.fetchone()[0]:
        cur.execute("SET LOCAL session_replication_role = replica")


@contextlib.contextmanager
def deferred_indexes(tables: Iterable[type[models.Model]]):
    """PostgreSQL: drop the plain secondary indexes of these models' tables for the duration and build
    them again at the end, in the caller's transaction (one sort per index instead of millions of
    B-tree insertions; the primary key and unique indexes, which back constraints, stay). SQLite: nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    names = sorted({m._meta.db_table for m in tables})

    def fire_pending(cur):  # an index cannot change under pending deferred foreign-key checks: run them now
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute("SET CONSTRAINTS ALL DEFERRED")

    with connection.cursor() as cur:
        fire_pending(cur)
        cur.execute("""SELECT i.indexname, i.indexdef FROM pg_indexes i
                       WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
                         AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                         WHERE c.conindid = (quote_ident(i.schemaname) || '.' ||
                                                             quote_ident(i.indexname))::regclass)
                       ORDER BY i.indexname""", [names])
        defs = cur.fetchall()
        for name, _sql in defs:
            cur.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cur:
        fire_pending(cur)
        for _name, sql in defs:
            cur.execute(sql)


class _Ns:
    """The copy handed to ``Spec.mutate``: its field values as attributes (no model instance per row)."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


def clone_records(county: Organization, factor: int, rng: random.Random, specs: Iterable[Spec]) -> dict[str, int]:
    """Copy the demo county's records of ``specs`` ``factor`` times into ``county`` (see the module doc)."""
    specs = list(specs)
    source = demo_county()
    if source is None:
        raise ScaleError("尚未载入示范县（同心县），无法以其记录为模板生成规模数据。")
    orgmap = OrgMap(source, county, rng)
    src_orgs = county_orgs(source).values("id")
    templates: dict[str, list] = {}
    deadlines: dict[str, dict[str, list[Deadline]]] = {}
    for spec in specs:
        label = spec.model._meta.label
        qs = spec.model.objects.filter(organization__in=src_orgs)
        if spec.where is not None:
            qs = qs.filter(spec.where)
        templates[label] = list(qs.order_by("pk"))
        by_target: dict[str, list[Deadline]] = {}
        for dl in Deadline.objects.filter(target_type=spec.model._meta.label_lower,
                                          target_id__in=[str(t.code) for t in templates[label]]).order_by("pk"):
            by_target.setdefault(dl.target_id, []).append(dl)
        deadlines[label] = by_target
    counts: dict[str, int] = {}
    tz = timezone.get_current_timezone()
    now = timezone.now()
    writers = {s.model._meta.label: RowWriter(s.model) for s in specs}
    # Per model: each template's prepared row and raw values, and which cells a copy changes.
    plans = {}
    for spec in specs:
        model, label = spec.model, spec.model._meta.label
        w = writers[label]
        date_fields = _date_fields(model)
        fks = [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
        auto_now = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        rows = []
        for t in templates[label]:
            row = w.template(t)
            for name in auto_now:
                row[w.index[name]] = w.prep(name, now)
            rows.append((t, row, {f.attname: getattr(t, f.attname) for f in model._meta.concrete_fields}))
        plans[label] = (date_fields, fks, rows)
    with deferred_indexes(s.model for s in specs):
        _clone(specs, factor, rng, orgmap, writers, plans, deadlines, counts, tz)
    return counts


def _clone(specs, factor, rng, orgmap, writers, plans, deadlines, counts, tz) -> None:
    cloned_labels = {s.model._meta.label for s in specs}
    for k in range(1, factor + 1):
        pkmap: dict[str, dict[int, int]] = {}
        for spec in specs:
            label = spec.model._meta.label
            if spec.per_year and orgmap.same:
                continue
            if spec.per_year and k > 1:
                continue
            w = writers[label]
            date_fields, fks, rows = plans[label]
            has_code, has_created = "code" in w.index, "created_at" in w.index
            pairs = []
            newpk: dict[int, int] = {}
            for t, base, values in rows:
                row = base.copy()
                changed: dict = {}
                primary = values[spec.date_field] if spec.date_field else None
                delta = (seasonal_day(rng, primary.year) - primary) if primary else datetime.timedelta(0)
                if delta:
                    for name in date_fields:
                        if values[name] is not None:
                            changed[name] = _shift(values[name], delta)
                for f in fks:
                    old = values[f.attname]
                    if old is None:
                        continue
                    rel = f.related_model
                    if rel is Organization:
                        if f.name in spec.spread:
                            new = orgmap.spread(spec.spread[f.name]) or orgmap(old)
                        else:
                            new = orgmap(old)
                    elif rel._meta.label in cloned_labels:
                        new = pkmap.get(rel._meta.label, {}).get(old)
                        if new is None and not f.null:
                            new = old  # parent not copied (filtered out): keep the link
                    else:
                        continue
                    if new != old:
                        changed[f.attname] = new
                for name, fn in spec.unique.items():
                    changed[name] = fn(values[name], k + (0 if orgmap.same else 1000 * orgmap.target.pk))
                code = new_code(rng) if has_code else None
                if has_code:
                    changed["code"] = code
                if has_created:
                    day = primary + delta if primary else datetime.date(2021, 1, 4)
                    changed["created_at"] = datetime.datetime.combine(
                        day, datetime.time(8 + rng.randrange(10), rng.randrange(60)), tzinfo=tz)
                is_open = False
                if spec.mutate:
                    obj = _Ns({**values, **changed})
                    spec.mutate(obj, rng)
                    is_open = getattr(obj, "_scale_open", False)
                    for name, v in obj.__dict__.items():
                        if name in w.index and v != values[name]:
                            changed[name] = v
                for name, v in changed.items():
                    row[w.index[name]] = w.prep(name, v)
                pk = w.add(row)
                newpk[t.pk] = pk
                pairs.append((t, pk, code, delta, is_open))
            pkmap[label] = newpk
            counts[label] = counts.get(label, 0) + len(pairs)
            # Their deadlines, moved by the same days.
            dls = []
            for t, pk, code, delta, is_open in pairs:
                for dl in deadlines[label].get(str(t.code), []):
                    pauses = []
                    for p in dl.pauses or []:
                        pauses.append({key: (str(_shift(datetime.date.fromisoformat(v), delta))
                                             if isinstance(v, str) and len(v) == 10 and v[4] == "-" else v)
                                       for key, v in p.items()} if isinstance(p, dict) else p)
                    dls.append(Deadline(
                        code=new_code(rng), organization_id=orgmap(dl.organization_id), rule_id=dl.rule_id,
                        module=dl.module, target_type=dl.target_type, target_id=str(code), title=dl.title,
                        url=dl.url.replace(str(t.code), str(code)).replace(f"/{t.pk}/", f"/{pk}/"),
                        start_date=dl.start_date + delta, due_date=dl.due_date + delta, pauses=pauses,
                        done_at=None if is_open else (dl.done_at + delta if dl.done_at else None)))
            for start in range(0, len(dls), BATCH):
                Deadline.objects.bulk_create(dls[start:start + BATCH])
            if dls:
                counts["core.Deadline"] = counts.get("core.Deadline", 0) + len(dls)
            w.flush()  # the next model's rows may point at these (foreign keys are checked at once on SQLite)
    for w in writers.values():
        w.finish()


# -------------------------------------------------------------------------------------- hooks

def hooks() -> list[tuple[str, Callable]]:
    """(app label, generate) for every installed ``fazhi.<app>`` with a ``scale`` module."""
    out = []
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi.") or config.name == "fazhi.core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.scale")
        except ModuleNotFoundError as exc:
            if exc.name == f"{config.name}.scale":
                continue
            raise
        if hasattr(module, "generate"):
            out.append((config.label, module.generate))
    return out


def run_hook(app: str, fn: Callable, county: Organization, factor: int, seed: int) -> dict[str, int]:
    """One app's hook for one county, in one transaction, with its audit event."""
    from fazhi.core.audit import audit_log

    rng = random.Random(f"{seed}:{app}:{county.region.code}")
    with transaction.atomic():
        counts = fn(county, factor, rng) or {}
        audit_log(actor=None, action="core.scale.generate", target=county, organization=county,
                  data={"app": app, "factor": factor, "seed": seed, "counts": counts})
    return counts


def generate(scale: int, counties: int = 1, seed: int = 2021, only: list[str] | None = None,
             log: Callable[[str], None] = lambda s: None) -> dict[str, int]:
    """The demo county at ``scale``× (its demo records + scale−1 copies), plus ``counties − 1``
    synthetic counties at ``scale``× each. Returns the counts of created rows by model label."""
    import time

    source = demo_county()
    if source is None:
        raise ScaleError("尚未载入示范县（同心县），请先运行 load_demo。")
    # The synthetic counties first: their templates are the demo county's own records, not its copies.
    targets = []
    for i in range(1, counties):
        start = time.perf_counter()
        targets.append((build_county(i), scale))
        log(f"  建立{targets[-1][0].region.name}（单位{county_orgs(targets[-1][0]).count()}个）"
            f"：{time.perf_counter() - start:.1f}秒")
    targets.append((source, scale - 1))
    total: dict[str, int] = {}
    for county, factor in targets:
        if factor <= 0:
            continue
        for app, fn in hooks():
            if only and app not in only:
                continue
            start = time.perf_counter()
            counts = run_hook(app, fn, county, factor, seed)
            n = sum(counts.values())
            log(f"  {county.region.name} {app}：{n:,}条，{time.perf_counter() - start:.1f}秒")
            for key, v in counts.items():
                total[key] = total.get(key, 0) + v
    start = time.perf_counter()
    analyze()
    log(f"  更新查询统计信息（ANALYZE）：{time.perf_counter() - start:.1f}秒")
    return total


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as ``pg_restore`` advises: without them
    PostgreSQL (whose autovacuum may be off or not yet run) plans the indicators over millions of fresh
    rows as if the tables were empty (measured at 100×: 48 s instead of 4 s). SQLite gets its
    ``sqlite_stat1`` the same way."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")



def unique_suffix(model: type[models.Model], *names: str) -> dict[str, Callable[[str, int], str]]:
    """``Spec.unique`` for fields made unique by :func:`suffix` (within their ``max_length``)."""
    out = {}
    for name in names:
        max_length = model._meta.get_field(name).max_length
        out[model._meta.get_field(name).attname] = lambda v, k, m=max_length: suffix(v, k, m)
    return out

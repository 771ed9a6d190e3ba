"""The core app's ledgers: organizations (单位) and users (用户).

- ``organizations`` uses a bulk path so that 100,000 rows import in reasonable time: every row gets the
  checks of ``services.organization_create`` — the same permission rule (``can_write`` on the parent,
  admin only for a top-level unit), ``full_clean()`` (field validators: choices, lengths, the
  统一社会信用代码 check character) and the two unique constraints (name under a parent, credit code),
  checked in batches against the database and within the file — then ``bulk_create`` in chunks of
  1,000 inside the import's single transaction, fixing up the materialized ``path`` with one UPDATE
  per parent and chunk. Instead of one ``core.org.create`` event per row, the import's one
  ``core.import.commit`` event records the count, the id range, a shared ``created_at`` and the
  codes (all of them up to 1,000, and a SHA-256 over the codes in creation order in any case).
  The database constraints stay the last word: a conflict raises IntegrityError and rolls back all.
- ``users`` goes row by row through ``services.user_create`` (its own audit event per user, plus the
  import event). Imported users get no usable password: an admin sets one.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from fazhi.core.choices import OrgKind, Role
from fazhi.core.ledgers import (
    Column, CommitSummary, ImportRejected, Ledger, ParsedRow, RowError, ServiceLedger, register_ledger,
    resolve_org,
)
from fazhi.core.models import Membership, Organization, Region
from fazhi.core.scoping import can_write, has_role, scope, visible_orgs
from fazhi.core.services import user_create
from fazhi.lib import xlsx

CHUNK = 1000
CHECK_CHUNK = 500


def _credit_code(value: Any) -> str:
    return xlsx.clean_code(value).upper()


def _sort_order(value: Any) -> int:
    return xlsx.parse_int(value, min_value=0, max_value=2147483647) or 0


class _RegionCache:
    def __init__(self):
        self.by_code: dict[str, Region | None] = {}
        self.by_id: dict[int, Region] = {}

    def code(self, code: str) -> Region | None:
        if code not in self.by_code:
            region = Region.objects.filter(code=code).first()
            self.by_code[code] = region
            if region is not None:
                self.by_id[region.pk] = region
        return self.by_code[code]

    def id(self, pk: int) -> Region:
        if pk not in self.by_id:
            region = Region.objects.get(pk=pk)
            self.by_id[pk] = region
            self.by_code[region.code] = region
        return self.by_id[pk]


def _fix_paths(with_parent: list[int], top_level: list[int]) -> None:
    """path = parent's path + own id + "/" — one UPDATE with a correlated subquery per call."""
    own = Cast("id", output_field=CharField())
    if with_parent:
        parent_path = Subquery(Organization.objects.filter(pk=OuterRef("parent_id")).values("path")[:1])
        Organization.objects.filter(pk__in=with_parent).update(
            path=Concat(parent_path, own, Value("/"), output_field=CharField()))
    if top_level:
        Organization.objects.filter(pk__in=top_level).update(path=Concat(Value("/"), own, Value("/"), output_field=CharField()))


class OrganizationLedger(Ledger):
    name = "organizations"
    title = "单位"
    model_label = "core.organization"
    columns = [
        Column("单位名称", "name", required=True, width=36, example="同心县示例局",
               help="单位全称，同一上级单位下不能重名。"),
        Column("简称", "short_name", example="示例局", help="可不填，最多32字。"),
        Column("类别", "kind", required=True, choices=OrgKind.choices, example=str(OrgKind.DEPARTMENT.label),
               help="从下拉列表中选择。"),
        Column("上级单位", "parent", width=30, example="同心县人民政府",
               help="上级单位的全称：须为已有单位，或在本表中写在本行之前的单位。不填表示顶级单位（仅法治办管理员可新增）。"),
        Column("所在区划代码", "region", required=True, parser=xlsx.clean_code, example="640324",
               help="GB/T 2260 区划代码（县6位、乡镇9位、村12位），如同心县为640324。"),
        Column("统一社会信用代码", "credit_code", parser=_credit_code, width=24, example="91640324MA7600001M",
               help="18位，按GB 32100校验；可不填。全角字符、空格会自动转换。"),
        Column("排序", "sort_order", parser=_sort_order, width=8, example=10, help="非负整数，数字小的排在前面；可不填。"),
    ]
    notes = [
        "本表可从第1行或标题行之后开始填写表头；空行会被忽略。",
        "导入为“全部成功或全部不导入”：任何一行有错误，所有行都不会保存。",
        "上级单位须有写入权限：联络员只能在本单位及下级单位下新增单位。",
    ]

    # -- shared lookups --------------------------------------------------------------------

    def _name_index(self, actor) -> dict[str, list[tuple[int, str, int]]]:
        qs = Organization.objects.all() if actor is None else visible_orgs(actor)
        index: dict[str, list[tuple[int, str, int]]] = defaultdict(list)
        for pk, name, path, region_id in qs.values_list("pk", "name", "path", "region_id").iterator(chunk_size=5000):
            index[name].append((pk, path, region_id))
        return index

    # -- validation (pass 1) ---------------------------------------------------------------

    def validate_rows(self, actor, rows: Iterable[ParsedRow], *, request_id: str = "") -> Iterator[RowError]:
        db_names = self._name_index(actor)
        regions = _RegionCache()
        may_top = actor is None or getattr(actor, "is_superuser", False) or has_role(actor, Role.ADMIN)
        # name → [(row, stand-in path, region id, row ok)] of the file's earlier rows (tuples: 100k rows)
        file_orgs: dict[str, list[tuple[int, str, int | None, bool]]] = defaultdict(list)
        seen_keys: dict[tuple, int] = {}
        seen_credit: dict[str, int] = {}
        pending_names: list[tuple[int, int, str]] = []
        pending_credit: list[tuple[int, str]] = []
        h = {c.field: c.header for c in self.columns}

        def flush() -> Iterator[RowError]:
            if pending_names:
                pids = {p for _, p, _ in pending_names}
                names = {n for _, _, n in pending_names}
                taken = set(Organization.objects.filter(parent_id__in=pids, name__in=names).values_list("parent_id", "name"))
                for number, pid, name in pending_names:
                    if (pid, name) in taken:
                        yield RowError(number, h["name"], f"上级单位下已有同名单位“{name}”。")
                pending_names.clear()
            if pending_credit:
                used = dict(Organization.objects.filter(credit_code__in=[c for _, c in pending_credit])
                            .values_list("credit_code", "name"))
                for number, code in pending_credit:
                    if code in used:
                        yield RowError(number, h["credit_code"], f"“{code}”已被单位“{used[code]}”使用。")
                pending_credit.clear()

        for row in rows:
            errors = list(row.errors)
            bad = {e.column for e in errors}
            d = row.data
            region = None
            if d.get("region"):
                region = regions.code(d["region"])
                if region is None:
                    errors.append(RowError(row.number, h["region"], f"区划代码“{d['region']}”不存在，请先维护行政区划。"))
            parent_key = None
            parent_path = "/"
            parent_db_pk = None
            pname = d.get("parent")
            if pname:
                candidates = [("db", *c) for c in db_names.get(pname, [])] + [("row", *c) for c in (
                    e[:3] for e in file_orgs.get(pname, []))]
                if not candidates:
                    errors.append(RowError(row.number, h["parent"],
                                           f"上级单位“{pname}”不存在或您无权查看（如在本表中新增，须写在本行之前）。"))
                elif len(candidates) > 1:
                    errors.append(RowError(row.number, h["parent"], f"名称为“{pname}”的单位不止一个，无法确定上级单位。"))
                else:
                    kind, ref, path, region_id = candidates[0]
                    parent_key, parent_path = (kind, ref), path
                    if kind == "row":
                        if not file_orgs[pname][0][3]:
                            errors.append(RowError(row.number, h["parent"], f"上级单位“{pname}”（第{ref}行）有错误。"))
                    else:
                        parent_db_pk = ref
                    if actor is not None and region_id is not None:
                        stand_in = Organization(path=path, region=regions.id(region_id))
                        if not can_write(actor, stand_in):
                            errors.append(RowError(row.number, h["parent"], "您没有在该上级单位下新增单位的权限。"))
            elif not may_top and "上级单位" not in bad:
                errors.append(RowError(row.number, h["parent"], "只有法治办管理员可以新增顶级单位；请填写上级单位。"))

            org = Organization(name=d.get("name") or "", short_name=d.get("short_name") or "", kind=d.get("kind") or "",
                               credit_code=d.get("credit_code") or "", sort_order=d.get("sort_order") or 0)
            try:
                org.full_clean(exclude=["parent", "region", "path", "code"], validate_unique=False,
                               validate_constraints=False)
            except ValidationError as exc:
                errors.extend(e for e in self.errors_from(row.number, exc) if e.column not in bad)

            name = d.get("name")
            if name and parent_key is not None:
                key = (parent_key, name)
                if key in seen_keys:
                    errors.append(RowError(row.number, h["name"], f"与本表第{seen_keys[key]}行重复：同一上级单位下的同名单位。"))
                else:
                    seen_keys[key] = row.number
                    if parent_db_pk is not None:
                        pending_names.append((row.number, parent_db_pk, name))
            code = d.get("credit_code")
            if code and h["credit_code"] not in {e.column for e in errors}:
                if code in seen_credit:
                    errors.append(RowError(row.number, h["credit_code"], f"与本表第{seen_credit[code]}行的统一社会信用代码重复。"))
                else:
                    seen_credit[code] = row.number
                    pending_credit.append((row.number, code))
            if name:
                file_orgs[name].append((row.number, f"{parent_path}~{row.number}/", region.pk if region else None,
                                        not errors))
            yield from errors
            if len(pending_names) >= CHECK_CHUNK or len(pending_credit) >= CHECK_CHUNK:
                yield from flush()
        yield from flush()

    # -- commit (pass 2) -------------------------------------------------------------------

    def commit(self, actor, rows: Iterable[ParsedRow], *, request_id: str = "") -> CommitSummary:
        """Create the rows in file order, in chunks. A row whose parent is a row of the same chunk waits
        one level down (rows are created level by level: a parent always gets its id first)."""
        now = timezone.now()
        summary = CommitSummary(model=self.model_label, created_at=now.isoformat())
        db_names = self._name_index(actor)
        regions = _RegionCache()
        name_row: dict[str, int] = {}              # name → the (earlier) file row of that name
        done: dict[int, tuple[int, str]] = {}      # file row → (pk, path) once created
        levels: list[list[list]] = []              # level → [org, parent row or None, parent path, row]
        level_of: dict[int, int] = {}              # pending file row → its level
        pending = 0

        def flush() -> None:
            nonlocal pending
            for items in levels:
                for item in items:
                    org, prow = item[0], item[1]
                    if prow is not None:
                        org.parent_id, item[2] = done[prow]
                Organization.objects.bulk_create([item[0] for item in items], batch_size=CHUNK)
                for org, _, ppath, number in items:
                    if org.pk is None:  # pragma: no cover - every supported backend returns ids
                        raise RuntimeError("bulk_create did not return primary keys")
                    org.path = f"{ppath}{org.pk}/"
                    done[number] = (org.pk, org.path)
                    summary.add(org.pk, org.code)
                _fix_paths([i[0].pk for i in items if i[0].parent_id], [i[0].pk for i in items if not i[0].parent_id])
            levels.clear()
            level_of.clear()
            pending = 0

        for row in rows:
            if row.errors:  # validated in pass 1; a change in between is caught here
                raise ImportRejected(row.errors)
            d = row.data
            region = regions.code(d["region"])
            if region is None:
                raise ImportRejected([RowError(row.number, "所在区划代码", "区划代码不存在。")])
            parent_row, parent_pk, ppath = None, None, "/"
            pname = d.get("parent")
            if pname:
                parent_row = name_row.get(pname)
                if parent_row is None:
                    match = db_names.get(pname) or []
                    if len(match) != 1:
                        raise ImportRejected([RowError(row.number, "上级单位", f"上级单位“{pname}”不存在或不唯一。")])
                    parent_pk, ppath = match[0][0], match[0][1]
                elif parent_row in done:
                    parent_pk, ppath = done[parent_row]
                    parent_row = None
            level = level_of[parent_row] + 1 if parent_row is not None else 0
            org = Organization(name=d["name"], short_name=d.get("short_name") or "", kind=d["kind"], region=region,
                               parent_id=parent_pk, credit_code=d.get("credit_code") or "",
                               sort_order=d.get("sort_order") or 0, created_at=now)
            while len(levels) <= level:
                levels.append([])
            levels[level].append([org, parent_row, ppath, row.number])
            level_of[row.number] = level
            name_row[d["name"]] = row.number
            pending += 1
            if pending >= CHUNK:
                flush()
        flush()
        return summary

    # -- export ----------------------------------------------------------------------------

    def export_rows(self, actor) -> Iterator[list[Any]]:
        qs = Organization.objects.all() if actor is None else visible_orgs(actor)
        qs = qs.select_related("parent", "region").order_by("path")
        kind = self.columns[2]
        for org in qs.iterator(chunk_size=2000):
            yield [org.name, org.short_name, kind.label_of(org.kind), org.parent.name if org.parent_id else "",
                   org.region.code, org.credit_code, org.sort_order]


class UserLedger(ServiceLedger):
    name = "users"
    title = "用户"
    model_label = "core.user"
    permission_column = "所属单位"
    columns = [
        Column("用户名", "username", required=True, parser=xlsx.clean_code, example="zhangsan",
               help="登录名：字母、数字和 @ . + - _，不能与已有用户重复。"),
        Column("姓名", "name", required=True, example="张三", help="中文姓名。"),
        Column("所属单位", "organization", required=True, width=36, example="同心县司法局",
               help="单位全称，须为已有单位且您有管理权限。"),
        Column("角色", "roles", required=True, choices=Role.choices, multiple=True, width=24,
               example=str(Role.LIAISON.label), help="一个或多个角色，多个用顿号“、”或逗号分隔。"),
        Column("联系电话", "phone", parser=xlsx.clean_code, example="0953-8888888", help="可不填。"),
        Column("邮箱", "email", parser=xlsx.clean_code, width=24, example="", help="可不填。"),
    ]
    notes = [
        "只有法治办管理员可以导入用户。导入的用户没有密码，须由管理员在用户管理中设置初始密码后方可登录。",
        "导入为“全部成功或全部不导入”：任何一行有错误，所有行都不会保存。",
    ]

    def resolve(self, actor, data: dict[str, Any], cache: dict) -> dict[str, Any]:
        return {**data, "organization": resolve_org(actor, data["organization"], cache)}

    def create(self, actor, data: dict[str, Any], *, request_id: str = ""):
        return user_create(actor=actor, username=data["username"], name=data["name"], organization=data["organization"],
                           roles=data["roles"], phone=data.get("phone") or "", email=data.get("email") or "",
                           request_id=request_id)

    def export_rows(self, actor) -> Iterator[list[Any]]:
        qs = Membership.objects.all() if actor is None else scope(Membership.objects.all(), actor)
        qs = qs.select_related("user", "organization").order_by("user__username", "organization__path", "id")
        roles_col = self.columns[3]
        current: tuple | None = None
        roles: list[str] = []
        for m in qs.iterator(chunk_size=2000):
            key = (m.user_id, m.organization_id)
            if current is not None and key != current[0]:
                yield self._row(current[1], roles_col, roles)
                roles = []
            current = (key, m)
            roles.append(m.role)
        if current is not None:
            yield self._row(current[1], roles_col, roles)

    @staticmethod
    def _row(m: Membership, roles_col: Column, roles: list[str]) -> list[Any]:
        u = m.user
        return [u.username, u.name, m.organization.name, roles_col.label_of(roles), u.phone, u.email]


register_ledger(OrganizationLedger())
register_ledger(UserLedger())

"""What the cross-organization access matrix (``tests/test_access_matrix.py``) needs to know.

The matrix walks every URL pattern of the project (web pages and API routes alike). For every
pattern that takes a parameter it demands an entry here — a new module's routes are not
"covered automatically" by being skipped: the test fails and names them until they are
registered. Then it proves, for each registered route, that a user of another organization
(and a user of a sub-unit, and a user without organization) gets 404 — or 405 — for GET, POST,
PUT, PATCH and DELETE, that nothing changes (the row and the audit chain), that the owner's
user gets the page, and that a read-only 领导 cannot write (403).

How a module registers (in ``<app>/access.py``, imported by :func:`autodiscover`; core's and the
API's own routes are registered at the bottom of this file)::

    from fazhi.core.access_registry import register_factory, register_list_route, register_object_route

    # How to make a record owned by ``org`` (through the module's services).
    register_factory(Case, lambda org, actor: case_register(actor=None, organization=org, ...))
    # Every URL that addresses one record: its url name ("namespace:name") and the model.
    register_object_route("cases:detail", Case)                       # <uuid:code> → case.code
    register_object_route("cases:doc", CaseDocument,
                          kwargs=lambda d: {"code": d.case.code, "doc": d.code})
    # List pages / endpoints: another organization's record must not appear.
    register_list_route("cases:list", Case)

Conventions the test relies on:

- ``make(org, actor)`` (or ``make(org)``) returns a saved instance owned by ``org``; ``actor`` is
  a user with a writing role in ``org``. Names should be unique (use :func:`marker`) so the list
  check can look for them.
- URL kwargs default to ``{param: getattr(instance, param)}`` for each parameter of the pattern
  (``code`` → ``instance.code``, ``pk`` → ``instance.pk``); give ``kwargs=`` otherwise.
- ``reader`` names who must be able to open the record: ``"liaison"`` (the owning organization's
  联络员, default) or ``"admin"`` (法治办管理员; for admin-only pages such as user management).
- A key may carry a variant after ``#`` to test one URL with several models:
- ``body`` is sent with write requests (JSON for API routes, form data for pages); default empty.
- Routes with parameters that do not address an organization's record (reference data such as a
  holiday year) are declared with :func:`register_unscoped_route` and a reason; public routes
  (login, portal, API docs) with :func:`register_public_route`.
"""
from __future__ import annotations

import importlib
import inspect
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Model


@dataclass
class ObjectRoute:
    url_name: str
    model: type[Model]
    make: Callable[..., Model] | None = None
    kwargs: Callable[[Model], dict[str, Any]] | None = None
    reader: str = "liaison"
    body: dict[str, Any] = field(default_factory=dict)


@dataclass
class ListRoute:
    url_name: str
    model: type[Model]
    make: Callable[..., Model] | None = None
    markers: Callable[[Model], list[str]] | None = None
    query: dict[str, Any] = field(default_factory=dict)
    reader: str = "liaison"
    owner_sees: bool = True
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass
class CreateRoute:
    url_name: str
    model: type[Model]
    body: Callable[[Any], dict[str, Any]]
    reader: str = "liaison"


@dataclass
class PortalRoute:
    url_name: str
    model: type[Model]
    publish: Callable[[Model, Any], Any]
    make: Callable[..., Model] | None = None
    kwargs: Callable[[Model], dict[str, Any]] | None = None


@dataclass
class UnscopedRoute:
    url_name: str
    reason: str
    kwargs: dict[str, Any] = field(default_factory=dict)


_OBJECT_ROUTES: dict[str, ObjectRoute] = {}
_LIST_ROUTES: dict[str, ListRoute] = {}
_FACTORIES: dict[type[Model], Callable[..., Model]] = {}
_NOT_SWEPT: dict[type[Model], str] = {}
_CREATE_ROUTES: dict[str, CreateRoute] = {}
_PUBLIC: dict[str, str] = {}
_PUBLIC_SHOWS: dict[str, tuple[type[Model], ...]] = {}
_UNSCOPED: dict[str, UnscopedRoute] = {}
_PORTAL_ROUTES: dict[str, PortalRoute] = {}
READERS = ("liaison", "admin")


def _check_reader(reader: str) -> None:
    if reader not in READERS:
        raise ValueError(f"reader must be one of {READERS}, got {reader!r}")


def register_factory(model: type[Model], make: Callable[..., Model], *, sweep: bool = True,
                     reason: str = "") -> None:
    """``make(org, actor)`` (or ``make(org)``) -> a saved ``model`` instance owned by ``org``.

    ``sweep=False`` (with a ``reason``) leaves the model out of the page sweep — for records whose
    existence is public (organization names), which other pages may legitimately offer for choice.
    """
    _FACTORIES[model] = make
    if not sweep:
        if not reason:
            raise ValueError("sweep=False needs a reason")
        _NOT_SWEPT[model] = reason
    else:
        _NOT_SWEPT.pop(model, None)


def register_object_route(url_name: str, model: type[Model], *, make: Callable[..., Model] | None = None,
                          kwargs: Callable[[Model], dict[str, Any]] | None = None, reader: str = "liaison",
                          body: dict[str, Any] | None = None) -> None:
    _check_reader(reader)
    _OBJECT_ROUTES[url_name] = ObjectRoute(url_name, model, make, kwargs, reader, dict(body or {}))


def register_list_route(url_name: str, model: type[Model], *, make: Callable[..., Model] | None = None,
                        markers: Callable[[Model], list[str]] | None = None, query: dict[str, Any] | None = None,
                        reader: str = "liaison", owner_sees: bool = True,
                        kwargs: dict[str, Any] | None = None) -> None:
    """A page/endpoint listing ``model`` rows: another organization's row must not appear.

    ``markers(instance)`` are strings that would appear if the row were listed (default: its
    ``code`` and ``str(instance)``). With ``owner_sees`` the test also checks that the owner's
    user does see them (so the absence check is not vacuous). ``kwargs`` are the URL kwargs (an
    export of one ledger: ``{"ledger": "organizations"}``). Excel answers are read cell by cell.
    """
    _check_reader(reader)
    _LIST_ROUTES[url_name] = ListRoute(url_name, model, make, markers, dict(query or {}), reader, owner_sees,
                                       dict(kwargs or {}))


def register_create_route(url_name: str, model: type[Model], *, body: Callable[[Any], dict[str, Any]],
                          reader: str = "liaison") -> None:
    """A POST that creates a ``model`` row in the organization named in its body.

    ``body(org)`` is a valid body creating a record in ``org`` (fresh for each request; files as
    ``SimpleUploadedFile``). The matrix posts ``body(scj)`` as other organizations' users and as the
    read-only 领导 — nothing may be created — and as ``reader`` — a record must be created, which
    proves the body is valid and the refusals are refusals.
    """
    _check_reader(reader)
    _CREATE_ROUTES[url_name] = CreateRoute(url_name, model, body, reader)


def create_routes() -> dict[str, CreateRoute]:
    return dict(_CREATE_ROUTES)


def register_public_route(url_name: str, reason: str, *, shows: tuple[type[Model], ...] = ()) -> None:
    """A route anonymous users may open. ``"namespace:*"`` covers a whole namespace (the portal).

    ``shows``: models whose records this public page publishes *by design* (every record, with no
    publication step). The page sweep does not look for those models' records on it; any other
    organization's record that appears there is reported as a leak.
    """
    _PUBLIC[url_name] = reason
    _PUBLIC_SHOWS[url_name] = tuple(shows)


def public_shows(url_name: str) -> tuple[type[Model], ...]:
    key = _public_key(url_name)
    return _PUBLIC_SHOWS.get(key, ()) if key else ()


def register_portal_route(url_name: str, model: type[Model], *, publish: Callable[[Model, Any], Any],
                          make: Callable[..., Model] | None = None,
                          kwargs: Callable[[Model], dict[str, Any]] | None = None) -> None:
    """A public (portal) URL that addresses one record: it must answer 404 until the record is published.

    The matrix makes the record with the model's factory (a draft: unpublished), proves that nobody —
    anonymous, another organization, the owner, the 法治办管理员 — gets it from this URL by GET or POST
    and that nothing changes; then calls ``publish(instance, actor)`` (through the module's services;
    ``actor`` is the owner's 联络员) and proves that an anonymous visitor now reaches it.
    """
    _PORTAL_ROUTES[url_name] = PortalRoute(url_name, model, publish, make, kwargs)


def portal_routes() -> dict[str, PortalRoute]:
    return dict(_PORTAL_ROUTES)


def register_unscoped_route(url_name: str, reason: str, kwargs: dict[str, Any] | None = None) -> None:
    """A route with parameters that address no organization's record (reference data).

    ``kwargs`` are sample URL kwargs: the matrix still checks that anonymous users are refused.
    """
    _UNSCOPED[url_name] = UnscopedRoute(url_name, reason, dict(kwargs or {}))


def url_name_of(key: str) -> str:
    """Registry keys may carry a variant after ``#`` (the same URL tested with another model)."""
    return key.split("#", 1)[0]


def object_routes() -> dict[str, ObjectRoute]:
    return dict(_OBJECT_ROUTES)


def factories() -> dict[type[Model], Callable[..., Model]]:
    return dict(_FACTORIES)


def swept_models() -> list[type[Model]]:
    """Models whose records the page sweep plants and looks for."""
    return [m for m in _FACTORIES if m not in _NOT_SWEPT]


def list_routes() -> dict[str, ListRoute]:
    return dict(_LIST_ROUTES)


def unscoped_routes() -> dict[str, UnscopedRoute]:
    return dict(_UNSCOPED)


def _public_key(url_name: str) -> str | None:
    if url_name in _PUBLIC:
        return url_name
    namespace = url_name.rsplit(":", 1)[0] if ":" in url_name else ""
    while namespace:
        if f"{namespace}:*" in _PUBLIC:
            return f"{namespace}:*"
        namespace = namespace.rsplit(":", 1)[0] if ":" in namespace else ""
    return None


def public_reason(url_name: str) -> str | None:
    key = _public_key(url_name)
    return _PUBLIC[key] if key else None


def marker(prefix: str = "矩阵") -> str:
    """A unique, searchable name fragment for records made by factories."""
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def make_instance(model: type[Model], org, actor, make: Callable[..., Model] | None = None) -> Model:
    make = make or _FACTORIES.get(model)
    if make is None:
        raise LookupError(f"no factory registered for {model._meta.label}: call register_factory({model.__name__}, ...)")
    params = [p for p in inspect.signature(make).parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return make(org, actor) if len(params) >= 2 else make(org)


def url_kwargs(route: ObjectRoute, instance: Model, params: list[str]) -> dict[str, Any]:
    if route.kwargs is not None:
        return route.kwargs(instance)
    missing = [p for p in params if not hasattr(instance, p)]
    if missing:
        raise LookupError(f"{route.url_name}: {instance._meta.label} has no attribute {missing}; "
                          f"pass kwargs=lambda obj: {{...}} to register_object_route")
    return {p: getattr(instance, p) for p in params}


def default_markers(instance: Model) -> list[str]:
    out = [str(instance)]
    code = getattr(instance, "code", None)
    if code:
        out.append(str(code))
    return out


_discovered = False


def autodiscover() -> None:
    """Import ``<app>.access`` for every installed app (where modules register their routes)."""
    global _discovered
    if _discovered:
        return
    for config in apps.get_app_configs():
        name = f"{config.name}.access"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    _discovered = True


# ------------------------------------------------------------------------------------------
# Core's own records and routes (the shell's pages and the API).

def _make_org(org, actor):
    from fazhi.core.choices import OrgKind
    from fazhi.core.services import organization_create

    return organization_create(actor=None, name=marker("测试单位"), kind=OrgKind.DEPARTMENT,
                               region=org.region, parent=org)


def _make_user(org, actor):
    from fazhi.core.choices import Role
    from fazhi.core.services import user_create

    m = marker("matrix")
    return user_create(actor=None, username=m, name=f"测试用户{m[-6:]}", organization=org, roles=[Role.OFFICER])


def _make_membership(org, actor):
    return _make_user(org, actor).memberships.get()


def _make_attachment(org, actor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.attachments import attachment_upload

    m = marker("附件")
    pdf = b"%PDF-1.4\n%" + m.encode() + b"\n%%EOF\n"
    return attachment_upload(actor=actor, organization=org, file=SimpleUploadedFile(f"{m}.pdf", pdf),
                             description=f"{m}说明")


def _make_deadline(org, actor):
    import datetime

    from fazhi.core.deadlines import deadline_register

    # A 2024 start lies inside the bundled holiday data; the deadline is long overdue (红灯), so the
    # board lists it to its owner.
    return deadline_register(actor=actor, organization=org, rule_code="penalty.decision",
                             target=("core.organization", str(uuid.uuid4())), title=marker("期限事项"),
                             start_date=datetime.date(2024, 3, 1))


def _pdf(m: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(f"{m}.pdf", b"%PDF-1.4\n%" + m.encode() + b"\n%%EOF\n")


STRONG_PASSWORD = "Tongxin-Matrix-2021!"


def _org_body(org) -> dict[str, Any]:
    return {"name": marker("新设单位"), "kind": "department", "region": org.region.code, "parent": str(org.code),
            "sort_order": 0, "is_active": "on"}


def _user_body(org) -> dict[str, Any]:
    return {"username": marker("newuser"), "name": "新用户", "organization": str(org.code), "roles": ["officer"],
            "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD}


def _record_kwargs(obj) -> dict[str, str]:
    """URL kwargs of the record pages (files:record / files:history): the audit trail's spelling."""
    return {"target_type": obj._meta.label_lower, "target_id": str(getattr(obj, "code", None) or obj.pk)}


def _register_core() -> None:
    from fazhi.core.models import Attachment, Deadline, Membership, Organization, User

    register_factory(Organization, _make_org, sweep=False,
                     reason="单位名称是公开信息（门户公开各部门）；其他模块可让用户从全县单位中选择"
                            "（如行政复议的被申请人）。单位的可见范围由单位列表/详情的登记检查。")
    register_factory(User, _make_user)
    register_factory(Membership, _make_membership)
    register_factory(Attachment, _make_attachment)
    register_factory(Deadline, _make_deadline)

    register_public_route("core:login", "登录页")
    register_public_route("portal:*", "公众门户：只读、只含已公开内容（门户有自己的选择器）")
    register_public_route("api:openapi-json", "接口说明（OpenAPI），不含数据")
    register_public_route("api:openapi-view", "接口文档页（Swagger UI），不含数据")
    register_public_route("api:api-root", "ninja 的根路径：总是 404")

    # Web pages (namespace core).
    register_object_route("core:org_detail", Organization)
    register_object_route("core:org_edit", Organization)
    for name in ("core:user_edit", "core:user_set_active", "core:user_password", "core:membership_add"):
        register_object_route(name, User, reader="admin")
    for name in ("core:membership_remove", "core:membership_reads_county"):
        register_object_route(name, Membership, reader="admin",
                              kwargs=lambda m: {"pk": m.user_id, "membership_id": m.pk})
    register_create_route("core:org_create", Organization, body=_org_body)
    register_create_route("core:user_create", User, body=_user_body, reader="admin")
    register_list_route("core:org_list", Organization)
    register_list_route("core:user_list", User, markers=lambda u: [u.username, u.name])

    # Attachments and record history (namespace files).
    register_object_route("files:download", Attachment)
    register_object_route("files:withdraw", Attachment, body={"reason": "访问矩阵测试撤回"})
    register_object_route("files:record", Organization, kwargs=_record_kwargs)
    register_object_route("files:history", Organization, kwargs=_record_kwargs)
    register_create_route("files:upload", Attachment,
                          body=lambda org: {"file": _pdf(marker("上传")), "organization": str(org.code)})
    register_list_route("files:index", Attachment, markers=lambda a: [a.filename, str(a.code)])

    # Calendar (namespace calendar): holidays and deadline rules are county-wide reference data,
    # changed by the 法治办管理员 only.
    register_list_route("calendar:board", Deadline, markers=lambda d: [d.title])
    register_list_route("calendar:board_export", Deadline, markers=lambda d: [d.title])
    register_unscoped_route("calendar:holiday_remove", "节假日是全国/全省共用的参考数据，仅管理员可改",
                            kwargs={"day": "2030-01-01"})
    register_unscoped_route("calendar:rule_edit", "期限规则是共用的参考数据，仅管理员可改",
                            kwargs={"code": "penalty.decision"})

    # Excel (namespace excel): the parameter is a ledger's name, not a record. Exports are lists.
    for name in ("excel:template", "excel:import", "excel:commit", "excel:export"):
        register_unscoped_route(name, "参数是台账名称，不是某单位的记录", kwargs={"ledger": "organizations"})
    register_list_route("excel:export", Organization, kwargs={"ledger": "organizations"},
                        markers=lambda o: [o.name])
    register_list_route("excel:export#users", User, kwargs={"ledger": "users"},
                        markers=lambda u: [u.username])

    # API (namespace api).
    register_object_route("api:organization_get", Organization)
    register_object_route("api:organization_update", Organization)
    register_object_route("api:user_get", User, kwargs=lambda u: {"username": u.username})
    register_object_route("api:user_update", User, kwargs=lambda u: {"username": u.username})
    register_create_route("api:organization_create", Organization,
                          body=lambda org: {k: v for k, v in _org_body(org).items() if k != "is_active"})
    register_create_route("api:user_create", User, reader="admin", body=lambda org: {
        "username": marker("apiuser"), "name": "接口新用户", "organization": str(org.code), "roles": ["officer"],
        "password": STRONG_PASSWORD})
    register_list_route("api:organization_list", Organization)
    register_list_route("api:user_list", User, markers=lambda u: [u.username, u.name])


_register_core()

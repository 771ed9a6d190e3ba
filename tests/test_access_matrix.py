"""The cross-organization access matrix.

Enumerates every URL pattern of the project (web pages and the ninja API alike, by walking
``get_resolver()``) and proves that no user can read or change another organization's records:

1. every pattern with a parameter has an entry in ``fazhi.core.access_registry`` (a new module's
   routes make this test fail, naming them, until the module registers them);
2. for each registered object route, with a record owned by 市场监管局 (scj):
   - users of another organization (司法局, 豫海镇), of scj's own sub-unit (监管所: a sub-unit does
     not see its parent) and a user without organization get 404 — or 405 where the method is not
     allowed — for GET, POST, PUT, PATCH and DELETE; the 404 does not echo the record; the record's
     row and the audit chain are unchanged;
   - scj's read-only 领导 gets 403 (or 405) on every write, and nothing changes;
   - the owner's user (scj's 联络员, or the 法治办管理员 for admin pages) opens it (200, or 405 for
     write-only routes);
3. anonymous users are sent to the login page (pages) or get 401 (API) on every route except an
   explicit allow-list of public routes (login, portal, API docs);
4. registered create routes (a POST naming the organization in its body): other organizations'
   users and the read-only 领导 create nothing in scj; scj's own user does (positive control);
5. registered list pages/endpoints do not show another organization's record (and do show it to
   its owner, so the absence is not vacuous);
6. a sweep over every parameterless page and endpoint (registered or not — new modules are swept
   automatically): with one record of every registered factory owned by scj, no page shown to
   another organization's user, a sub-unit's user, a user without organization or an anonymous
   visitor contains any of those records (public pages may show the models they declare with
   ``register_public_route(..., shows=(Model,))``: records published by design).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.core import access_registry as registry
from fazhi.core.models import AuditEvent
from fazhi.core.testing import make_county

registry.autodiscover()

METHODS = ("get", "post", "put", "patch", "delete")
WRITE_METHODS = ("post", "put", "patch", "delete")
API_PREFIX = "/api/"


@dataclass
class Route:
    route: str                      # "orgs/<uuid:code>/edit/"
    names: list[str] = field(default_factory=list)  # "core:org_edit" (ninja: one per HTTP method)
    params: list[str] = field(default_factory=list)
    positional: bool = False        # unnamed regex groups

    @property
    def name(self) -> str | None:
        return self.names[0] if self.names else None

    @property
    def is_api(self) -> bool:
        return ("/" + self.route).startswith(API_PREFIX) or any(n.startswith("api:") for n in self.names)


def _params(pattern) -> tuple[list[str], bool]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return list(converters), False
    regex = pattern.regex
    return list(regex.groupindex), regex.groups > len(regex.groupindex)


def walk(resolver: URLResolver | None = None, prefix: str = "", namespaces: tuple = (), params: tuple = (),
         positional: bool = False):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        own, pos = _params(entry.pattern)
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            ns = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from walk(entry, route, ns, params + tuple(own), positional or pos)
        elif isinstance(entry, URLPattern):
            name = ":".join(namespaces + (entry.name,)) if entry.name else None
            yield route, name, list(params) + own, positional or pos


def all_routes() -> list[Route]:
    """URL patterns grouped by route (ninja adds one pattern per method on the same path)."""
    routes: dict[str, Route] = {}
    for route, name, params, positional in walk():
        r = routes.setdefault(route, Route(route, [], params, positional))
        if name and name not in r.names:
            r.names.append(name)
    return list(routes.values())


ROUTES = all_routes()
BY_NAME = {n: r for r in ROUTES for n in r.names}
OBJECT_ROUTES = sorted(registry.object_routes())
CREATE_ROUTES = sorted(registry.create_routes())
LIST_ROUTES = sorted(registry.list_routes())
PORTAL_ROUTES = sorted(registry.portal_routes())


def _covered(route: Route) -> bool:
    known = {registry.url_name_of(k) for k in (*registry.object_routes(), *registry.unscoped_routes())}
    return any(n in known or registry.public_reason(n) for n in route.names)


# ------------------------------------------------------------------------------------------ helpers

@pytest.fixture
def county(db, settings, tmp_path):
    """The test county of fazhi/core/testing.py (the fazhi/ conftest is not visible from tests/).

    Attachments made by factories go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_county()


def _client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _call(client: Client, method: str, url: str, api: bool, body: dict) -> HttpResponse:
    if method == "get":
        return client.get(url)
    if api:
        return getattr(client, method)(url, json.dumps(body), content_type="application/json")
    if method == "post":
        return client.post(url, body)
    from urllib.parse import urlencode

    return getattr(client, method)(url, urlencode(body), content_type="application/x-www-form-urlencoded")


def _text(resp: HttpResponse) -> str:
    if "spreadsheetml" in resp.get("Content-Type", ""):
        import io

        from openpyxl import load_workbook

        data = b"".join(resp.streaming_content) if getattr(resp, "streaming", False) else resp.content
        wb = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
                         if v is not None)
    if getattr(resp, "streaming", False):
        return b"".join(resp.streaming_content).decode("utf-8", "replace")
    content = resp.content.decode("utf-8", "replace")
    if "json" in resp.get("Content-Type", ""):
        try:
            return json.dumps(json.loads(content), ensure_ascii=False)
        except ValueError:
            pass
    return content


def _state(obj: Model):
    """The record's row and the audit chain length: any write through a service changes one of them."""
    model = type(obj)
    return model.objects.filter(pk=obj.pk).values().first(), model.objects.count(), AuditEvent.objects.count()


def _is_login_redirect(resp: HttpResponse) -> bool:
    return resp.status_code == 302 and resp["Location"].split("?")[0] == resolve_url(settings.LOGIN_URL)


def _reader(county, who: str):
    return county.admin if who == "admin" else county.liaison_scj


def _intruders(county):
    return {
        "其他单位（司法局）": county.liaison_sfj,
        "其他单位（豫海镇）": county.liaison_town,
        "下级单位（监管所）看上级": county.liaison_suo,
        "无单位用户": county.outsider,
    }


# ------------------------------------------------------------------------------------------ checks
# Plain functions raising AssertionError, so the self-test below can prove they catch a leak.

def check_object_route(key: str, route: Route, entry: registry.ObjectRoute, county) -> None:
    url_name = registry.url_name_of(key)
    obj = registry.make_instance(entry.model, county.scj, county.liaison_scj, entry.make)
    url = reverse(url_name, kwargs=registry.url_kwargs(entry, obj, route.params))
    # What the 404 must not reveal (the code in the URL is known to the requester anyway).
    markers = [m for m in registry.default_markers(obj) if m and m not in url]
    intruders = {label: _client(u) for label, u in _intruders(county).items()}
    leader = _client(county.leader)
    reader = _client(_reader(county, entry.reader))
    before = _state(obj)

    for label, client in intruders.items():
        for method in METHODS:
            resp = _call(client, method, url, route.is_api, entry.body)
            where = f"{label} {method.upper()} {url} ({url_name})"
            assert resp.status_code in (404, 405), f"{where}: 应为 404/405，实际 {resp.status_code}"
            if resp.status_code == 404:
                text = _text(resp)
                leaked = [m for m in markers if m in text]
                assert not leaked, f"{where}: 404 页面泄露了记录内容 {leaked}"
                if route.is_api:
                    assert resp.json()["error"]["code"] == "not_found", f"{where}: {text[:200]}"
        assert _state(obj) == before, f"{label} 对 {url} ({url_name}) 的请求改变了数据或审计链"

    for method in WRITE_METHODS:
        resp = _call(leader, method, url, route.is_api, entry.body)
        assert resp.status_code in (403, 405), (
            f"只读的领导 {method.upper()} {url} ({url_name}): 应为 403/405，实际 {resp.status_code}"
            "（只读页面请用 @require_safe / @require_GET 声明允许的方法）")
    assert _state(obj) == before, f"只读的领导对 {url} ({url_name}) 的请求改变了数据或审计链"

    resp = reader.get(url)
    assert resp.status_code in (200, 405), (
        f"本单位用户（{entry.reader}）GET {url} ({url_name}): 应为 200，实际 {resp.status_code}")


def check_list_route(key: str, entry: registry.ListRoute, county) -> None:
    url_name = registry.url_name_of(key)
    obj = registry.make_instance(entry.model, county.scj, county.liaison_scj, entry.make)
    markers = [m for m in (entry.markers(obj) if entry.markers else registry.default_markers(obj)) if m]
    url = reverse(url_name, kwargs=entry.kwargs or None)
    for label, user in _intruders(county).items():
        resp = _client(user).get(url, entry.query)
        assert resp.status_code in (200, 403, 404), f"{label} GET {url}: {resp.status_code}"
        text = _text(resp)  # once: a streamed export can be read only once
        leaked = [m for m in markers if m in text]
        assert not leaked, f"{label} 在 {url} ({url_name}) 看到了市场监管局的记录 {leaked}"
    if entry.owner_sees:
        resp = _client(_reader(county, entry.reader)).get(url, entry.query)
        assert resp.status_code == 200, f"本单位用户 GET {url}: {resp.status_code}"
        text = _text(resp)
        assert any(m in text for m in markers), (
            f"本单位用户在 {url} ({url_name}) 看不到自己的记录 {markers}：无法证明列表检查有效"
            "（如列表不直接显示该记录，请在注册时设 owner_sees=False 或给出 markers/query）")


def check_create_route(key: str, route: Route, entry: registry.CreateRoute, county) -> None:
    url = reverse(registry.url_name_of(key))
    model = entry.model

    def state():
        return model.objects.count(), AuditEvent.objects.count()

    posters = {label: _client(u) for label, u in _intruders(county).items()}
    posters["只读的领导"] = _client(county.leader)
    owner = _client(_reader(county, entry.reader))
    for label, client in posters.items():
        before = state()
        resp = _call(client, "post", url, route.is_api, entry.body(county.scj))
        assert resp.status_code < 500
        assert state() == before, f"{label} POST {url} ({key}) 在市场监管局新增了记录（{resp.status_code}）"
        if route.is_api:
            assert resp.status_code in (400, 403, 404, 422), f"{label} POST {url}: {resp.status_code}"
    before = state()
    resp = _call(owner, "post", url, route.is_api, entry.body(county.scj))
    after = state()
    assert after[0] == before[0] + 1 and after[1] > before[1], (
        f"本单位用户（{entry.reader}）POST {url} ({key}) 没有新增记录（{resp.status_code}）：登记的 body 无效，"
        f"无法证明其他单位被拒绝是权限所致。{_text(resp)[:500]}")


def check_anonymous(route: Route, url: str) -> None:
    anon = Client()
    before = AuditEvent.objects.count()
    for method in ("get", "post"):
        resp = _call(anon, method, url, route.is_api, {})
        where = f"匿名用户 {method.upper()} {url} ({route.name})"
        if route.is_api:
            assert resp.status_code in (401, 405), f"{where}: 应为 401，实际 {resp.status_code}"
        else:
            assert _is_login_redirect(resp) or resp.status_code == 405, (
                f"{where}: 应跳转到登录页，实际 {resp.status_code} {resp.get('Location', '')}")
    assert AuditEvent.objects.count() == before, f"匿名请求 {url} 写入了数据"


def check_portal_route(key: str, route: Route, entry: registry.PortalRoute, county) -> None:
    """A portal URL of one record: 404 for everybody until the record is published, then public."""
    url_name = registry.url_name_of(key)
    obj = registry.make_instance(entry.model, county.scj, county.liaison_scj, entry.make)
    url = reverse(url_name, kwargs=registry.url_kwargs(entry, obj, route.params))
    markers = [m for m in registry.default_markers(obj) if m and m not in url]
    viewers = {label: _client(u) for label, u in _intruders(county).items()}
    viewers |= {"匿名用户": Client(), "本单位联络员": _client(county.liaison_scj), "法治办管理员": _client(county.admin)}
    before = _state(obj)
    for label, client in viewers.items():
        for method in ("get", "post"):
            resp = _call(client, method, url, False, {})
            where = f"{label} {method.upper()} {url} ({url_name})（未公开的记录）"
            assert resp.status_code in (404, 405), f"{where}: 应为 404/405，实际 {resp.status_code}"
            if resp.status_code == 404:
                leaked = [m for m in markers if m in _text(resp)]
                assert not leaked, f"{where}: 404 页面泄露了记录内容 {leaked}"
    assert _state(obj) == before, f"对未公开记录的门户请求 {url} ({url_name}) 改变了数据或审计链"

    entry.publish(obj, county.liaison_scj)
    anon = Client()
    resp = anon.get(url)
    if resp.status_code == 405:  # a POST-only route (comment submission): the record is found now
        resp = anon.post(url, {})
        assert resp.status_code not in (404, 405) and resp.status_code < 500, (
            f"公开后匿名用户 POST {url} ({url_name}): 应找到该记录，实际 {resp.status_code}")
    else:
        assert resp.status_code == 200, f"公开后匿名用户 GET {url} ({url_name}): 应为 200，实际 {resp.status_code}"
        assert any(m in _text(resp) for m in markers), (
            f"公开后的门户页面 {url} ({url_name}) 不显示该记录 {markers}：无法证明未公开时的 404 是因为未公开")



# ------------------------------------------------------------------------------------------ tests

def test_walker_sees_pages_and_api_routes():
    names = set(BY_NAME)
    assert {"core:home", "core:org_detail", "api:me", "api:organization_get", "api:openapi-json"} <= names
    assert BY_NAME["api:organization_get"].params == ["code"]
    assert BY_NAME["api:organization_get"].is_api and not BY_NAME["core:org_detail"].is_api


def test_every_parametrized_route_is_registered():
    unnamed = [r.route for r in ROUTES if (r.params or r.positional) and not r.names]
    assert not unnamed, f"这些带参数的 URL 没有 name，无法登记：{unnamed}"
    positional = [r.name for r in ROUTES if r.positional]
    assert not positional, f"请使用命名参数：{positional}"
    missing = [f"{r.name}  /{r.route}" for r in ROUTES if r.params and not _covered(r)]
    assert not missing, (
        "这些带参数的 URL 未在访问矩阵中登记（在 <app>/access.py 中调用 "
        "register_object_route(url_name, Model) / register_unscoped_route(...)）：\n  " + "\n  ".join(missing))


def test_registry_names_existing_routes():
    registered = (set(registry.object_routes()) | set(registry.list_routes()) | set(registry.unscoped_routes())
                  | set(registry.create_routes()) | set(registry.portal_routes()))
    stale = sorted(n for n in registered if registry.url_name_of(n) not in BY_NAME)
    assert not stale, f"访问矩阵登记了不存在的 URL 名称：{stale}"


def test_every_parametrized_portal_route_is_registered():
    """A public page that addresses one record must prove that it shows only published records."""
    portal = {registry.url_name_of(k) for k in registry.portal_routes()}
    missing = [f"{r.name}  /{r.route}" for r in ROUTES
               if r.params and not r.is_api and any(registry.public_reason(n) for n in r.names)
               and not any(n in portal for n in r.names)]
    assert not missing, (
        "这些带参数的门户 URL 未登记“公开前 404、公开后可见”的检查（在 <app>/access.py 中调用 "
        "register_portal_route(url_name, Model, publish=...)）：\n  " + "\n  ".join(missing))


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PORTAL_ROUTES)
def test_portal_shows_a_record_only_once_published(url_name, county):
    route = BY_NAME.get(registry.url_name_of(url_name))
    if route is None:
        pytest.skip("route not in the URLconf (reported by test_registry_names_existing_routes)")
    check_portal_route(url_name, route, registry.portal_routes()[url_name], county)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", OBJECT_ROUTES)
def test_other_organizations_cannot_read_or_change(url_name, county):
    route = BY_NAME.get(registry.url_name_of(url_name))
    if route is None:
        pytest.skip("route not in the URLconf (reported by test_registry_names_existing_routes)")
    check_object_route(url_name, route, registry.object_routes()[url_name], county)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", CREATE_ROUTES)
def test_other_organizations_cannot_create_records_in_it(url_name, county):
    route = BY_NAME.get(registry.url_name_of(url_name))
    if route is None:
        pytest.skip("route not in the URLconf (reported by test_registry_names_existing_routes)")
    check_create_route(url_name, route, registry.create_routes()[url_name], county)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", LIST_ROUTES)
def test_lists_do_not_show_other_organizations_records(url_name, county):
    if registry.url_name_of(url_name) not in BY_NAME:
        pytest.skip("route not in the URLconf (reported by test_registry_names_existing_routes)")
    check_list_route(url_name, registry.list_routes()[url_name], county)


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if r.names], ids=lambda r: r.name)
def test_anonymous_users_are_refused(route, county):
    if any(registry.public_reason(n) for n in route.names):
        pytest.skip("public route: " + next(registry.public_reason(n) for n in route.names if registry.public_reason(n)))
    if route.params:
        objects = registry.object_routes()
        unscoped = registry.unscoped_routes()
        name = next((n for n in route.names if n in objects or n in unscoped), None)
        if name is None:
            pytest.skip("unregistered (reported by test_every_parametrized_route_is_registered)")
        if name in objects:
            entry = objects[name]
            obj = registry.make_instance(entry.model, county.scj, county.liaison_scj, entry.make)
            url = reverse(name, kwargs=registry.url_kwargs(entry, obj, route.params))
        else:
            url = reverse(name, kwargs=unscoped[name].kwargs)
    else:
        url = reverse(route.name)
    check_anonymous(route, url)


def sweep_markers(obj: Model) -> list[str]:
    """Strings that identify ``obj`` unambiguously (its UUID code, its name if it is distinctive)."""
    out = [str(obj.code)] if getattr(obj, "code", None) else []
    name = str(obj)
    if len(name) >= 6:
        out.append(name)
    return out


def check_sweep(routes: list[Route], county, models=None) -> int:
    """GET every parameterless route as each outsider; return how many pages were looked at."""
    models = registry.swept_models() if models is None else models
    objects = [registry.make_instance(model, county.scj, county.liaison_scj) for model in models]
    markers = {m: (type(o), f"{type(o).__name__} {o}") for o in objects for m in sweep_markers(o)}
    viewers = {label: _client(u) for label, u in _intruders(county).items()}
    viewers["匿名用户"] = Client()
    checked = 0
    problems: list[str] = []
    for route in routes:
        if route.params or not route.names:
            continue
        url = reverse(route.name)
        published = {model for n in route.names for model in registry.public_shows(n)}
        for label, client in viewers.items():
            resp = client.get(url)
            if resp.status_code != 200:
                continue
            text = _text(resp)
            leaked = sorted({desc for m, (model, desc) in markers.items() if m in text and model not in published})
            if leaked:
                problems.append(f"{label} GET {url} ({route.name}) 看到了市场监管局的记录：{leaked}")
            checked += 1
    assert not problems, "\n".join(problems)
    return checked


@pytest.mark.django_db
def test_no_page_shows_other_organizations_records(county):
    assert check_sweep(ROUTES, county) > 10  # the sweep really looked at pages


# ------------------------------------------------------------------------------------------ self-test
# The checks must be able to fail: a deliberately leaky view (no scoping) is caught.

def _leaky_detail(request, code):
    from fazhi.core.models import Organization

    org = Organization.objects.get(code=code)  # the forbidden construct: no scoping
    return HttpResponse(org.name)


def _leaky_list(request):
    from fazhi.core.models import Organization

    return HttpResponse(", ".join(o.name for o in Organization.objects.all()))


def _leaky_create(request):
    from fazhi.core.models import Organization
    from fazhi.core.services import organization_create

    parent = Organization.objects.get(code=request.POST["parent"])  # no scoping, system actor
    organization_create(actor=None, name=request.POST["name"], kind="department", region=parent.region, parent=parent)
    return HttpResponse("ok")


class _LeakyConf:
    from django.urls import path

    urlpatterns = [
        path("leak/new/", _leaky_create, name="leak_create"),
        path("leak/<uuid:code>/", _leaky_detail, name="leak_detail"),
        path("leak/", _leaky_list, name="leak_list"),
        path("portal/leak/<uuid:code>/", _leaky_detail, name="leak_portal"),
    ]


@pytest.mark.django_db
def test_the_checks_catch_a_leaky_view(county, settings):
    from fazhi.core.models import Organization

    settings.ROOT_URLCONF = _LeakyConf
    route = Route("leak/<uuid:code>/", ["leak_detail"], ["code"])
    with pytest.raises(AssertionError, match="应为 404/405"):
        check_object_route("leak_detail", route, registry.ObjectRoute("leak_detail", Organization), county)
    with pytest.raises(AssertionError, match="看到了市场监管局的记录"):
        check_list_route("leak_list", registry.ListRoute("leak_list", Organization), county)
    with pytest.raises(AssertionError, match="应跳转到登录页"):
        check_anonymous(Route("leak/", ["leak_list"]), "/leak/")
    with pytest.raises(AssertionError, match="新增了记录"):
        check_create_route("leak_create", Route("leak/new/", ["leak_create"]),
                           registry.CreateRoute("leak_create", Organization, body=registry._org_body), county)
    with pytest.raises(AssertionError, match="看到了市场监管局的记录"):
        check_sweep([Route("leak/", ["leak_list"])], county, models=[Organization])
    with pytest.raises(AssertionError, match="（未公开的记录）: 应为 404/405"):  # a portal page without its filter
        check_portal_route("leak_portal", Route("portal/leak/<uuid:code>/", ["leak_portal"], ["code"]),
                           registry.PortalRoute("leak_portal", Organization, publish=lambda obj, actor: None), county)

"""Bad input gets a clear Chinese error and changes nothing — on every write route.

The standard (ARCHITECTURE/STYLE): forms, imports and the API answer malformed input with a
Chinese error (API: the structured ``{"error": {"code", "message"}}`` 4xx), never a 500, and never
a half-saved record. This file proves it for every route the access registry knows
(``fazhi.core.access_registry``: object routes and create routes, web pages and ``/api/...``), so a
module that registers its routes for the access matrix is covered here automatically.

For each route, as the record's owner (the registry's ``reader``: the owning unit's 联络员, or the
法治办管理员 for admin pages), with a record owned by 市场监管局 (scj):

- web pages: the forms that post to the route are read from the HTML (the page itself, or the
  other registered pages of the same record for write-only routes such as a step button); their
  field names and kinds (date / number / choice / text) come from the ``input``/``select``/
  ``textarea`` tags. The valid values the form shows (and, for create routes, the registry's valid
  body) are the base; each bad payload changes one field of it, so the request gets past the other
  fields and as deep into the service as the bad value can take it;
- API routes: the JSON request schema of each write method (POST/PUT/PATCH) of the path is read
  from ``/api/openapi.json``; the same payloads are sent as JSON.

Payloads: empty body; an unknown extra field; for every field a 10,000-character string and a NUL
character; for date-like fields ``２０２１年１３月４５日`` and ``2021-02-30``; for number-like fields
``-1``, ``1e309`` and ``abc``; for choice / foreign-key fields a non-existent UUID and
``../../etc/passwd``; for text fields ``<script>alert(1)</script>``; for file fields a corrupt
file (a ZIP header and garbage, named ``.xlsx``) and an empty one.

Besides the registry's routes, every other parameterless page with a form posting to itself
(imports, settings, the user's own password) and every parameterless API write endpoint — and the
registry's unscoped routes (reference data) — get the same battery as the 法治办管理员. Query
strings too: every parameterless page and endpoint gets its filters set to bad values.

Checks: never a 5xx; API 4xx answers are the structured error with a Chinese message; when the
answer is a refusal (any 4xx, or a page re-rendered with a form error list) the audit chain, the row
counts of every model of the route's app and the addressed record's row are unchanged.
"""
from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fazhi.core import access_registry as registry
from fazhi.core.models import AuditEvent
from fazhi.core.testing import make_county

registry.autodiscover()

API_PREFIX = "/api/"
LONG = "法" * 10_000
NUL = "含\x00空字符"
SCRIPT = "<script>alert(1)</script>"
BAD_DATES = ("２０２１年１３月４５日", "2021-02-30")
BAD_NUMBERS = ("-1", "1e309", "abc")
BAD_CHOICES = (str(uuid.UUID(int=0xBAD)), "../../etc/passwd")
UNKNOWN_FIELD = "__unknown_field__"
CJK = re.compile(r"[\u4e00-\u9fff]")
SKIP_FIELDS = {"csrfmiddlewaretoken"}
DATE_NAME = re.compile(r"(date|_on$|_at$|day|deadline|^start|^end|year_month)", re.I)
NUMBER_NAME = re.compile(r"(count|amount|number|^num|_num|score|hours|minutes|days|fee|year$|order|weight|"
                         r"age$|total|quantity|points)", re.I)


# ------------------------------------------------------------------------------------------ routes

def _walk(resolver=None, prefix: str = "", namespaces: tuple = ()):
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            ns = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry, route, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield route, ":".join(namespaces + (entry.name,))


ROUTE_OF = {name: route for route, name in _walk()}


def _is_api(url_name: str) -> bool:
    return url_name.startswith("api:") or ("/" + ROUTE_OF.get(url_name, "")).startswith(API_PREFIX)


def _cases() -> list[tuple[str, str]]:
    """(kind, registry key) for every registered object and create route; API paths tested once."""
    out, seen_api = [], set()
    for kind, entries in (("object", registry.object_routes()), ("create", registry.create_routes())):
        for key in sorted(entries):
            name = registry.url_name_of(key)
            if name not in ROUTE_OF:
                continue  # stale entries are reported by test_access_matrix
            if _is_api(name):
                if ROUTE_OF[name] in seen_api:
                    continue
                seen_api.add(ROUTE_OF[name])
            out.append((kind, key))
    # Every other write surface: parameterless pages and endpoints (imports, settings, the user's
    # own password...) and the unscoped routes (reference data), as the 法治办管理员. Pages without
    # a form posting to themselves and endpoints without a write method are skipped at run time.
    covered = {registry.url_name_of(k) for k in registry.create_routes()}
    unscoped = {registry.url_name_of(k) for k in registry.unscoped_routes()}
    for route, name in sorted(_walk(), key=lambda rn: rn[1]):
        if name in covered or name in NOT_SENT or registry.public_reason(name):
            continue
        if "<" in route and name not in unscoped:
            continue
        if _is_api(name):
            if route in seen_api:
                continue
            seen_api.add(route)
        out.append(("page", name))
    return out


# Logging out is a write without input; it would end the session the other payloads use.
NOT_SENT = {"core:logout"}


CASES = _cases()


# ------------------------------------------------------------------------------------------ HTML forms

@dataclass
class FormField:
    name: str
    kind: str                      # "date" | "number" | "choice" | "text" | "bool" | "file" | "hidden"
    values: list[str] = field(default_factory=list)  # what the form would submit as shown


@dataclass
class HtmlForm:
    action: str
    method: str
    fields: dict[str, FormField] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: FormField | None = None
        self._select_first: str | None = None
        self._select_has_selected = False
        self._option: dict | None = None
        self._textarea: FormField | None = None

    def _add(self, name: str, kind: str, value: str | None) -> FormField:
        f = self._form.fields.get(name)
        if f is None:
            f = self._form.fields[name] = FormField(name, kind)
        if value is not None:
            f.values.append(value)
        return f

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = HtmlForm(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None or not a.get("name") or a["name"] in SKIP_FIELDS:
            if tag == "option" and self._select is not None:
                self._option = a
            return
        name = a["name"]
        if tag == "input":
            itype = a.get("type", "text").lower()
            if itype in ("submit", "button", "image", "reset"):
                if itype == "submit" and "value" in a:
                    self._add(name, "choice", None)
                return
            if itype in ("checkbox", "radio"):
                f = self._add(name, "bool" if itype == "checkbox" else "choice", None)
                if "checked" in a:
                    f.values.append(a.get("value") or "on")
                return
            kind = {"date": "date", "datetime-local": "date", "month": "date", "number": "number",
                    "file": "file", "hidden": "hidden"}.get(itype, "text")
            self._add(name, kind, a.get("value", ""))
        elif tag == "select":
            self._select = self._add(name, "choice", None)
            self._select_first, self._select_has_selected = None, False
        elif tag == "textarea":
            self._textarea = self._add(name, "text", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.values[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._select_has_selected and self._select_first is not None:
                self._select.values.append(self._select_first)
            self._select = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    # <option> is handled here (it may appear outside of a named context above).
    def unknown_decl(self, data):  # pragma: no cover - not used by our templates
        pass


class FormParser(_FormParser):
    def handle_starttag(self, tag, attrs):
        if tag == "option" and self._select is not None:
            a = {k: (v or "") for k, v in attrs}
            value = a.get("value", "")
            if self._select_first is None and value:
                self._select_first = value
            if "selected" in a:
                self._select.values.append(value)
                self._select_has_selected = True
            return
        super().handle_starttag(tag, attrs)


def parse_forms(html: str) -> list[HtmlForm]:
    p = FormParser()
    p.feed(html)
    return p.forms


def _refine(f: FormField) -> str:
    """The kind of a field, from its tag and, for plain text/hidden inputs, its name."""
    if f.kind in ("text", "hidden"):
        if DATE_NAME.search(f.name):
            return "date"
        if NUMBER_NAME.search(f.name):
            return "number"
        if f.kind == "hidden" or any(_looks_like_uuid(v) for v in f.values):
            return "choice"
    return f.kind


def _looks_like_uuid(v: str) -> bool:
    try:
        uuid.UUID(v)
        return True
    except ValueError:
        return False


def bad_values(kind: str) -> tuple[str, ...]:
    specific = {"date": BAD_DATES, "number": BAD_NUMBERS, "choice": BAD_CHOICES, "bool": BAD_CHOICES[1:],
                "text": (SCRIPT,)}
    return (LONG, NUL) + specific.get(kind, ())


# ------------------------------------------------------------------------------------------ state

def _state(model, obj=None):
    """Audit chain length, row counts of every model of the route's app, and the addressed row."""
    counts = tuple(m.objects.count() for m in apps.get_app_config(model._meta.app_label).get_models()
                   if not m._meta.proxy)
    row = model.objects.filter(pk=obj.pk).values().first() if obj is not None else None
    extra = ()
    if model._meta.app_label != "core":
        from fazhi.core.models import Attachment, Deadline
        extra = (Attachment.objects.count(), Deadline.objects.count())
    return AuditEvent.objects.count(), counts, extra, row


def _app_model(url: str):
    """A model of the app whose view answers ``url`` (its rows are counted), else the audit log."""
    from django.urls import resolve

    func = resolve(url).func
    module = getattr(func, "view_class", func).__module__
    config = apps.get_containing_app_config(module)
    models = [m for m in config.get_models() if not m._meta.proxy] if config else []
    return models[0] if models else AuditEvent


def _is_refusal_page(resp) -> bool:
    if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
        return False
    text = resp.content.decode("utf-8", "replace")
    return 'class="errors"' in text or "errorlist" in text


# ------------------------------------------------------------------------------------------ checks

@dataclass
class Outcome:
    requests: int = 0
    refusals: int = 0
    problems: list[str] = field(default_factory=list)


def _where(method, url, label) -> str:
    return f"{method} {url} [{label}]"


def _check_response(out: Outcome, resp, *, api: bool, before, after, where: str) -> None:
    out.requests += 1
    status = resp.status_code
    if status >= 500:
        out.problems.append(f"{where}: 服务器错误 {status}")
        return
    refused = 400 <= status < 500 or (not api and _is_refusal_page(resp))
    if api and 400 <= status < 500:
        try:
            err = json.loads(resp.content)["error"]
            ok = isinstance(err, dict) and err.get("code") and CJK.search(str(err.get("message", "")))
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            out.problems.append(f"{where}: {status} 不是带中文说明的结构化错误 {resp.content[:200]!r}")
    if not api and 400 <= status < 500 and status != 405:
        if not CJK.search(resp.content.decode("utf-8", "replace")):
            out.problems.append(f"{where}: {status} 页面没有中文说明")
    if refused:
        out.refusals += 1
        if after != before:
            out.problems.append(f"{where}: 拒绝了（{status}）却改变了数据或审计链（半保存）")


def _web_payloads(form: HtmlForm, base: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = [("空请求体", {}), ("未知字段", {**base, UNKNOWN_FIELD: "x"})]
    for name, f in form.fields.items():
        kind = _refine(f)
        if kind == "file":
            for label, content in (("坏文件", b"PK\x03\x04\x00not-a-zip" + LONG.encode()), ("空文件", b"")):
                out.append((f"{name}={label}", {**base, name: SimpleUploadedFile(f"{label}.xlsx", content)}))
            continue
        for value in bad_values(kind):
            out.append((f"{name}={value[:12]!r}", {**base, name: value}))
    return out


def _base_from_form(form: HtmlForm) -> dict[str, Any]:
    base: dict[str, Any] = {}
    for name, f in form.fields.items():
        if f.kind == "file" or not f.values:
            continue
        base[name] = f.values if len(f.values) > 1 else f.values[0]
    return base


def _fresh(body: dict[str, Any]) -> dict[str, Any]:
    """Files can be read once: give every request its own copies."""
    out = {}
    for k, v in body.items():
        if isinstance(v, SimpleUploadedFile):
            v.seek(0)
            v = SimpleUploadedFile(v.name, v.read(), v.content_type)
        out[k] = v
    return out


def _forms_posting_to(client: Client, url: str, pages: list[str]) -> list[HtmlForm]:
    forms: list[HtmlForm] = []
    for page in pages:
        resp = client.get(page)
        if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
            continue
        for form in parse_forms(resp.content.decode("utf-8", "replace")):
            target = urlsplit(form.action).path or page
            if form.method == "post" and target == url and form.fields:
                forms.append(form)
        if forms:
            break
    return forms[:3]


def check_web(out: Outcome, client: Client, url: str, pages: list[str], model, obj, base: dict[str, Any],
              need_form: bool = False) -> int:
    forms = _forms_posting_to(client, url, pages)
    if not forms and need_form:
        return 0
    if not forms:
        # No page of the record shows the form (it lives on a related record's page): the
        # registry's valid body names the fields.
        forms = [HtmlForm(url, "post", {k: FormField(k, "text", [str(v)]) for k, v in base.items()
                                         if not isinstance(v, (SimpleUploadedFile, list))})]
    for i, form in enumerate(forms):
        form_base = {**_base_from_form(form), **base}
        for label, payload in _web_payloads(form, form_base):
            before = _state(model, obj)
            resp = client.post(url, _fresh(payload))
            _check_response(out, resp, api=False, before=before, after=_state(model, obj),
                            where=_where("POST", url, f"表单{i + 1} {label}"))
    return len(forms)


# ---- API

_OPENAPI: dict | None = None


def openapi(client: Client) -> dict:
    global _OPENAPI
    if _OPENAPI is None:
        _OPENAPI = client.get("/api/openapi.json").json()
    return _OPENAPI


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        node = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _api_kind(spec: dict, prop: dict) -> str:
    prop = _resolve(spec, prop)
    for alt in prop.get("anyOf", []) + prop.get("oneOf", []) + prop.get("allOf", []):
        alt = _resolve(spec, alt)
        if alt.get("type") != "null":
            return _api_kind(spec, alt)
    if prop.get("type") == "array":
        return "array:" + _api_kind(spec, prop.get("items", {}))
    fmt, typ = prop.get("format", ""), prop.get("type", "")
    if fmt in ("date", "date-time") :
        return "date"
    if typ in ("integer", "number"):
        return "number"
    if fmt == "uuid" or "enum" in prop:
        return "choice"
    if typ == "boolean":
        return "bool"
    return "text"


def api_operations(client: Client, route: str) -> list[tuple[str, dict[str, str]]]:
    """[(method, {field: kind})] for the write methods of the API path ``route``."""
    spec = openapi(client)
    path = "/" + re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", route)
    ops = []
    for method, op in spec["paths"].get(path, {}).items():
        if method not in ("post", "put", "patch"):
            continue
        schema = (op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema"))
        props = _resolve(spec, schema).get("properties", {}) if schema else {}
        ops.append((method, {name: _api_kind(spec, p) for name, p in props.items()}))
    return ops


def _api_payloads(fields: dict[str, str], base: dict[str, Any]) -> list[tuple[str, str]]:
    out = [("空请求体", ""), ("空对象", "{}"), ("未知字段", json.dumps({**base, UNKNOWN_FIELD: "x"}))]
    for name, kind in fields.items():
        is_array = kind.startswith("array:")
        for value in bad_values(kind.removeprefix("array:")):
            out.append((f"{name}={value[:12]!r}", json.dumps({**base, name: [value] if is_array else value})))
        if kind == "number":
            out.append((f"{name}=1e309(数)", json.dumps({**base, name: 1e308}).replace("1e+308", "1e309")))
    return out


def check_api(out: Outcome, client: Client, url: str, route: str, model, obj, base: dict[str, Any] | None):
    ops = api_operations(client, route)
    for method, fields in ops:
        body = base if (base is not None and method == "post") else {}
        for label, payload in _api_payloads(fields, body):
            before = _state(model, obj)
            resp = getattr(client, method)(url, payload, content_type="application/json")
            _check_response(out, resp, api=True, before=before, after=_state(model, obj),
                            where=_where(method.upper(), url, label))
    return len(ops)


# ------------------------------------------------------------------------------------------ test

@pytest.fixture
def county(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_county()


def _owner(county, reader: str):
    return county.admin if reader == "admin" else county.liaison_scj


def _same_record_pages(entry: registry.ObjectRoute, obj) -> list[str]:
    """The other registered web pages of the same record (where a write-only route's form lives)."""
    pages = []
    for key, other in registry.object_routes().items():
        name = registry.url_name_of(key)
        if other.model is not entry.model or name not in ROUTE_OF or _is_api(name):
            continue
        try:
            params = re.findall(r"<(?:[^:>]+:)?([^>]+)>", ROUTE_OF[name])
            pages.append(reverse(name, kwargs=registry.url_kwargs(other, obj, params)))
        except Exception:  # noqa: BLE001 - another route's kwargs may not fit this record
            continue
    return pages


def _namespace_pages(name: str) -> list[str]:
    """Parameterless pages of the same namespace (where a write-only route's form lives)."""
    ns = name.rsplit(":", 1)[0] if ":" in name else ""
    return [reverse(other) for route, other in _walk()
            if other != name and "<" not in route and other.rsplit(":", 1)[0] == ns and not _is_api(other)
            and other not in NOT_SENT and "export" not in other]


def run_case(kind: str, key: str, county) -> Outcome:
    name = registry.url_name_of(key)
    route = ROUTE_OF[name]
    params = re.findall(r"<(?:[^:>]+:)?([^>]+)>", route)
    out = Outcome()
    if kind == "object":
        entry = registry.object_routes()[key]
        client = Client(raise_request_exception=False)
        client.force_login(_owner(county, entry.reader))
        obj = registry.make_instance(entry.model, county.scj, county.liaison_scj, entry.make)
        url = reverse(name, kwargs=registry.url_kwargs(entry, obj, params))
        if _is_api(name):
            if not check_api(out, client, url, route, entry.model, obj, None):
                pytest.skip("no write method on this API path")
        else:
            check_web(out, client, url, [url, *_same_record_pages(entry, obj)], entry.model, obj, dict(entry.body))
    elif kind == "page":
        client = Client(raise_request_exception=False)
        client.force_login(county.admin)
        unscoped = registry.unscoped_routes().get(key)
        url = reverse(name, kwargs=unscoped.kwargs if unscoped else None)
        model = _app_model(url)
        if _is_api(name):
            if not check_api(out, client, url, route, model, None, None):
                pytest.skip("no write method on this API path")
        elif not check_web(out, client, url, [url, *_namespace_pages(name)], model, None, {}, need_form=True):
            pytest.skip("no form posting to this page")
    else:
        entry = registry.create_routes()[key]
        client = Client(raise_request_exception=False)
        client.force_login(_owner(county, entry.reader))
        url = reverse(name)
        if _is_api(name):
            check_api(out, client, url, route, entry.model, None, entry.body(county.scj))
        else:
            check_web(out, client, url, [url], entry.model, None, entry.body(county.scj))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("kind,key", CASES, ids=[f"{k}:{n}" for k, n in CASES])
def test_bad_input_is_refused_cleanly(kind, key, county):
    out = run_case(kind, key, county)
    if os.environ.get("BAD_INPUT_VERBOSE"):
        print(f"\n{key}: {out.requests} 个请求，{out.refusals} 个被拒绝")
    assert out.requests > 0, f"{key}: 没有发出任何请求"
    assert not out.problems, f"{key}（{out.requests} 个请求）：\n  " + "\n  ".join(out.problems)


def test_every_registered_write_route_is_covered():
    """Both kinds of routes and both surfaces are enumerated (the list is not silently empty)."""
    names = [registry.url_name_of(k) for _, k in CASES]
    assert any(_is_api(n) for n in names) and any(not _is_api(n) for n in names)
    assert {"core:org_edit", "core:org_create", "api:organization_create"} <= set(names)


# ------------------------------------------------------------------------------------------ query strings
# Filters are input too: every parameterless page and endpoint, with its GET form's fields (and
# the usual filter names) set to each bad value, answers without a 500 (API: structured 4xx).

QUERY_KEYS = {"q", "page", "page_size", "year", "status", "kind", "organization", "org", "date", "start", "end"}
QUERY_VALUES = (NUL, "1e309", "-1", "9" * 30, BAD_DATES[0], BAD_CHOICES[1])
GET_ROUTES = sorted(name for route, name in _walk() if "<" not in route and name not in NOT_SENT)


@pytest.mark.django_db
@pytest.mark.parametrize("name", GET_ROUTES)
def test_bad_query_strings_never_500(name, county):
    client = Client(raise_request_exception=False)
    client.force_login(county.admin)
    url = reverse(name)
    keys = set(QUERY_KEYS)
    resp = client.get(url)
    if resp.status_code == 200 and "html" in resp.get("Content-Type", "") and not getattr(resp, "streaming", False):
        keys |= {n for f in parse_forms(resp.content.decode("utf-8", "replace")) if f.method == "get"
                 for n in f.fields}
    out = Outcome()
    for value in QUERY_VALUES:
        before = AuditEvent.objects.count()
        resp = client.get(url, {k: value for k in keys})
        _check_response(out, resp, api=_is_api(name), before=before, after=AuditEvent.objects.count(),
                        where=_where("GET", url, f"{value[:12]!r}"))
    assert not out.problems, "\n  ".join(out.problems)


# ------------------------------------------------------------------------------------------ self-test
# The checks must be able to fail: a view that crashes on bad input and one that saves half a
# record before refusing are both caught.

_SELFTEST_FORM = ('<form method="post" action=""><input name="name" value="单位"><input type="date" '
                  'name="founded" value="2021-03-01"><select name="parent"><option value="">—</option>'
                  '</select></form>')


def _crashing_view(request):
    from django.http import HttpResponse

    if request.method == "POST":
        import datetime

        datetime.date.fromisoformat(request.POST.get("founded", ""))  # raises on bad dates: a 500
        return HttpResponse("ok")
    return HttpResponse(_SELFTEST_FORM)


def _half_saving_view(request):
    from django.http import HttpResponse

    if request.method == "POST":
        from fazhi.core.choices import OrgKind
        from fazhi.core.models import Organization
        from fazhi.core.services import organization_create

        parent = Organization.objects.order_by("pk").first()
        organization_create(actor=None, name=registry.marker("半保存"), kind=OrgKind.DEPARTMENT,
                            region=parent.region, parent=parent)  # saved (and audited) before validating
        if "\x00" in request.POST.get("name", ""):
            return HttpResponse("名称含有非法字符。", status=400)
        return HttpResponse("ok")
    return HttpResponse(_SELFTEST_FORM)


class _BadConf:
    from django.urls import path

    urlpatterns = [path("crash/", _crashing_view, name="crash"), path("half/", _half_saving_view, name="half")]


@pytest.mark.django_db
def test_the_checks_catch_a_crash_and_a_half_saved_record(county, settings):
    from fazhi.core.models import Organization

    settings.ROOT_URLCONF = _BadConf
    client = Client(raise_request_exception=False)
    client.force_login(county.liaison_scj)
    out = Outcome()
    check_web(out, client, "/crash/", ["/crash/"], Organization, None, {})
    assert any("服务器错误 500" in p and "founded" in p for p in out.problems), out.problems
    out = Outcome()
    check_web(out, client, "/half/", ["/half/"], Organization, None, {})
    assert any("半保存" in p and "name" in p for p in out.problems), out.problems

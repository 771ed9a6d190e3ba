"""Bad input: structured JSON, Chinese messages, never a 500, nothing saved."""
import pytest

from fazhi.core.models import AuditEvent, Organization

pytestmark = pytest.mark.django_db

URL = "/api/organizations"


@pytest.fixture
def admin_api(county, token_client):
    return token_client(county.admin)


def _valid(county, **over):
    return {"name": "同心县新设局", "kind": "department", "region": "640324", "parent": str(county.gov.code), **over}


def _assert_nothing_saved(before_orgs, before_events):
    assert Organization.objects.count() == before_orgs
    assert AuditEvent.objects.count() == before_events


@pytest.mark.parametrize("raw", ['{"name": "x",', "not json at all", '{"name": "\\ud800"', "\xff\xfe"])
def test_malformed_json_is_400(county, admin_api, raw):
    counts = Organization.objects.count(), AuditEvent.objects.count()
    r = admin_api.post(URL, raw=raw)
    assert r.status_code == 400, r.content
    assert r.json()["error"] == {"code": "malformed_json", "message": "请求体不是有效的 JSON。"}
    _assert_nothing_saved(*counts)


@pytest.mark.parametrize("change, field, message", [
    ({"name": 123}, "name", "应为文本。"),
    ({"name": "   "}, "name", "至少需要 1 个字符。"),
    ({"name": "长" * 200}, "name", "不能超过 128 个字符。"),
    ({"kind": "ministry"}, "kind", "取值无效，可选值："),
    ({"parent": "not-a-uuid"}, "parent", "应为有效的编码（UUID）。"),
    ({"sort_order": "first"}, "sort_order", "应为整数。"),
    ({"sort_order": -1}, "sort_order", "不能小于 0。"),
    ({"path": "/1/"}, "path", "不允许的字段。"),
])
def test_wrong_types_are_422_with_chinese_field_messages(county, admin_api, change, field, message):
    counts = Organization.objects.count(), AuditEvent.objects.count()
    r = admin_api.post(URL, _valid(county, **change))
    assert r.status_code == 422, r.content
    err = r.json()["error"]
    assert err["code"] == "validation_error"
    assert err["message"] == "提交的数据有误，请检查后重试。"
    assert field in err["fields"], err
    assert err["fields"][field][0].startswith(message), err
    _assert_nothing_saved(*counts)


def test_missing_fields_and_empty_body(county, admin_api):
    r = admin_api.post(URL, {"kind": "department"})
    assert r.status_code == 422
    fields = r.json()["error"]["fields"]
    assert fields["name"] == ["该字段为必填项。"] and fields["region"] == ["该字段为必填项。"]
    r = admin_api.post(URL, raw="")
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"__all__": ["请求体不能为空。"]}
    r = admin_api.post(URL, [1, 2])
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "validation_error"


def test_broken_credit_code_checksum_is_400_and_nothing_saved(county, admin_api):
    counts = Organization.objects.count(), AuditEvent.objects.count()
    r = admin_api.post(URL, _valid(county, credit_code="91640324MA76XXXX0A"))
    assert r.status_code == 400, r.content
    err = r.json()["error"]
    assert err["code"] == "validation_error"
    assert err["fields"]["credit_code"] == ["统一社会信用代码校验位错误。"]
    _assert_nothing_saved(*counts)


def test_service_validation_is_400(county, admin_api):
    r = admin_api.post(URL, _valid(county, region="999999"))
    assert r.status_code == 400
    assert r.json()["error"]["fields"] == {"region": ["未找到该区划代码。"]}
    # Same name under the same parent: the model's unique constraint, reported in Chinese.
    r = admin_api.post(URL, _valid(county, name=county.sfj.name))
    assert r.status_code == 400, r.content
    assert r.json()["error"]["code"] == "validation_error"


def test_bad_query_parameters_are_422(county, admin_api):
    r = admin_api.get(URL, {"limit": "many"})
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"limit": ["应为整数。"]}
    r = admin_api.get(URL, {"limit": 100000, "kind": "x"})
    assert r.status_code == 422
    assert set(r.json()["error"]["fields"]) == {"limit", "kind"}


def test_unknown_or_invalid_codes_are_404(county, admin_api):
    r = admin_api.get(f"{URL}/00000000-0000-0000-0000-000000000000")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    assert admin_api.get(f"{URL}/not-a-uuid").status_code == 404


def test_method_not_allowed_is_405(county, admin_api):
    resp = admin_api.delete(f"{URL}/{county.scj.code}")
    assert resp.status_code == 405
    body = resp.json()
    assert body["error"]["code"] == "method_not_allowed"
    assert "DELETE" in body["error"]["message"] and "GET" in body["error"]["message"]
    assert "GET" in resp["Allow"]


def test_oversized_body_is_413(county, admin_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    r = admin_api.post(URL, _valid(county, name="长" * 2000))
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"


ODD_VALUES = [None, "", " ", "null", "\u0000", "💥", "x" * 5000, -1, 2**63, 1.5, True, [], {}, ["a"], {"a": 1}]


@pytest.mark.parametrize("value", ODD_VALUES, ids=lambda v: repr(v)[:20])
def test_no_server_error_on_odd_input(county, admin_api, value):
    """Every field of every write endpoint, fed odd values: always a 4xx JSON error or a success."""
    bodies = [
        ("post", URL, _valid(county)),
        ("patch", f"{URL}/{county.suo.code}", {"short_name": "所"}),
        ("post", "/api/users", {"username": "odd", "name": "某", "organization": str(county.scj.code),
                                "roles": ["officer"]}),
        ("patch", "/api/users/officer", {"phone": "1"}),
    ]
    for method, url, body in bodies:
        for key in body:
            r = getattr(admin_api, method)(url, {**body, key: value})
            assert r.status_code < 500, (method, url, key, value, r.content[:300])
            assert "json" in r["Content-Type"]
    for params in ({"limit": value}, {"offset": value}, {"kind": value}, {"parent": value}, {"q": value}):
        if isinstance(value, (list, dict)) or value is None:
            continue
        r = admin_api.get(URL, params)
        assert r.status_code in (200, 422), (params, r.content[:300])


def test_nul_characters_are_refused_before_the_database(county, admin_api):
    r = admin_api.post(URL, _valid(county, name="单\x00位"))
    assert r.status_code == 422
    assert r.json()["error"]["fields"] == {"name": ["不能包含空字符（\\0）。"]}
    r = admin_api.get(URL, {"q": "\x00"})
    assert r.status_code == 422


@pytest.mark.parametrize("path", ["/api/organizations/not-a-uuid", "/api/no-such-endpoint"])
def test_path_matching_no_route_is_json_404(county, admin_api, path):
    r = admin_api.get(path)
    assert r.status_code == 404
    assert r["Content-Type"].startswith("application/json")
    assert r.json() == {"error": {"code": "not_found", "message": "未找到该记录。"}}


def test_unknown_page_outside_api_keeps_the_html_404(county, login):
    r = login(county.admin).get("/no-such-page/")
    assert r.status_code == 404
    assert "页面或记录不存在" in r.content.decode()

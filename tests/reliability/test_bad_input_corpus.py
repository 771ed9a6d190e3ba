"""A corpus of 200+ malformed inputs, generated here (no binary files in the repository).

Each input goes through a real entry point — a web form (CSRF-free test client, as the owning
clerk), the JSON API, or the Excel import upload — and must be refused with a clear Chinese message,
change nothing (row counts of the touched tables and the audit chain), and never answer 5xx.
tests/test_bad_input.py throws generic payloads at every registered route; this file adds
domain-specific corruption: broken 身份证号 / 统一社会信用代码 checksums, wrong JSON types, and
hostile workbooks (huge, formulas, merged cells, wrong sheet, zip bomb, billion laughs, GBK CSV…).
"""
from __future__ import annotations

import io
import json
import re
import zipfile

import openpyxl
import pytest
from django.test import Client
from stdnum.cn import ric, uscc

from fazhi.core import loadgen
from fazhi.core.ledgers import get_ledger
from fazhi.core.models import AuditEvent, Organization
from fazhi.core.testing import make_county
from fazhi.legalservice.models import AidCase, Consultation

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")


# ------------------------------------------------------------------------------------ the corpus

def _valid_ids(n: int) -> list[str]:
    out = []
    for i in range(n):
        base = f"640324{1950 + i % 50}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        out.append(base + ric.calc_check_digit(base + "0"))
    return out


def bad_id_numbers() -> list[str]:
    out = []
    for good in _valid_ids(30):
        wrong = next(c for c in "0123456789X" if c != good[-1])
        out.append(good[:-1] + wrong)                       # broken check character
    good = _valid_ids(1)[0]
    out += [good[:-1], good + "1", good[:10], "", " " * 18, "X" * 18, good[:6] + "19991332" + good[14:],
            good[:6] + "20990101" + good[14:], good[:6] + "18000229" + good[14:], good[:6] + "19990230" + good[14:],
            good.replace(good[3], "A", 1), "000000000000000000", "11010519491231002", "110105194912310021X",
            good[:8] + "-" + good[9:], good[:-1] + "Y", "６４０３２４" + good[6:-1] + ("0" if good[-1] != "0" else "1"),
            good[:-1] + "*", "'; DROP TABLE core_organization; --", "<script>alert(1)</script>", "\u200b" * 18,
            good[:17], "９" * 18, "640324 19800101 1230", "null", "undefined", "NaN", "1e17", "-" + good[1:]]
    return out


def bad_credit_codes() -> list[str]:
    out = []
    for i in range(25):
        body = f"1164032400{i:07d}"[:17]
        good = body + uscc.calc_check_digit(body)
        out.append(good[:-1] + next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != good[-1]))
    body = "11640324MB1234567"
    good = body + uscc.calc_check_digit(body)
    out += [good[:-1], good + "0", good[:9], "I" * 18, "O" * 18, good[:4] + "Z" + good[5:], good[:4] + "S" + good[5:],
            good[:4] + "V" + good[5:], good.replace("1", "!", 1), "11640324 MB1234567",
            "<b>11640324MB12345678</b>", "１１６４０３２４ＭＢ１２３４５６７" + "X", "0" * 18, "9" * 18, "\x00" * 18]
    return out


def bad_org_payloads(region: str, parent: str) -> list[tuple[str, object]]:
    good = {"name": "新单位", "kind": "department", "region": region, "parent": parent}
    out: list[tuple[str, object]] = []
    for field, values in {
        "name": [123, [], {}, None, "", True, "名" * 129],
        "kind": ["部门", 1, None, [], "DEPARTMENT ", "../../etc"],
        "region": [640324, "abc", "99", "", None, "6403241", ["640324"]],
        "parent": ["not-a-uuid", 123, "00000000-0000-0000-0000-000000000bad", [], {}],
        "sort_order": ["a", -1, 1.5, 1e20, None, [], "１"],
        "short_name": [123, "简" * 33, {}],
    }.items():
        for v in values:
            out.append((f"{field}={v!r}"[:60], {**good, field: v}))
    out += [("missing name", {k: v for k, v in good.items() if k != "name"}),
            ("missing kind", {k: v for k, v in good.items() if k != "kind"}),
            ("array body", [good]), ("null body", None), ("string body", "单位"), ("number body", 42)]
    return out


RAW_BODIES = [b"{", b"", b"\xff\xfe\x00", b"{'name': 'x'}", b'{"name": "x",}', b"<xml/>", b"null" * 1000,
              b'{"name": "\\ud800"}', b"[" * 5000 + b"]" * 5000]


def _xlsx(rows: list[list], *, title: str = "单位", merge: str = "", extra_sheets: list[str] = ()) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    for name in extra_sheets:
        wb.create_sheet(name)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rewrite(data: bytes, change) -> bytes:
    """Copy an .xlsx zip, letting ``change(name, bytes) -> bytes | None`` edit (None drops) each part."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            new = change(item.filename, src.read(item.filename))
            if new is not None:
                out.writestr(item.filename, new)
    return buf.getvalue()


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                            for i in range(1, 10))
                  + ']>').encode()


def bad_workbooks(header: list[str], good_row: list) -> list[tuple[str, bytes, str]]:
    """(label, bytes, filename) of workbooks the organizations import must refuse."""
    valid = _xlsx([header, good_row])
    out = [
        ("empty file", b"", "a.xlsx"),
        ("not a zip", b"PK\x03\x04garbage" * 10, "a.xlsx"),
        ("truncated zip", valid[: len(valid) // 2], "a.xlsx"),
        ("zip without workbook", _rewrite(valid, lambda n, b: None if n.startswith("xl/") else b), "a.xlsx"),
        ("gbk csv named xlsx", ("名称,简称,类别\n新单位,新,部门\n").encode("gbk"), "a.xlsx"),
        ("gbk csv", ("名称,简称,类别\n新单位,新,部门\n").encode("gbk"), "a.csv"),
        ("utf-16 text", ("名称\t类别\n新单位\t部门\n").encode("utf-16"), "a.xlsx"),
        ("html as xlsx", "<table><tr><td>新单位</td></tr></table>".encode(), "a.xlsx"),
        ("pdf as xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "a.xlsx"),
        ("xls (OLE) as xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "a.xlsx"),
        ("wrong sheet only", _xlsx([header, good_row], title="Sheet1"), "a.xlsx"),
        ("wrong sheet, right one missing", _xlsx([["随便"], ["什么"]], title="数据"), "a.xlsx"),
        ("no header", _xlsx([good_row]), "a.xlsx"),
        ("missing required column", _xlsx([header[1:], good_row[1:]]), "a.xlsx"),
        ("header only", _xlsx([header]), "a.xlsx"),
        ("formula in name", _xlsx([header, ["=1+1", *good_row[1:]]]), "a.xlsx"),
        ("DDE formula", _xlsx([header, ["=cmd|' /C calc'!A0", *good_row[1:]]]), "a.xlsx"),
        ("HYPERLINK formula", _xlsx([header, ['=HYPERLINK("http://evil","单位")', *good_row[1:]]]), "a.xlsx"),
        ("formula in parent", _xlsx([header, [*good_row[:3], "=A1", *good_row[4:]]]), "a.xlsx"),
        ("merged cells over data", _xlsx([header, good_row, good_row], merge="A2:A3"), "a.xlsx"),
        ("merged header", _xlsx([header, good_row], merge="A1:C1"), "a.xlsx"),
        ("bad credit code", _xlsx([header, [*good_row[:5], "11640324MB1234567X", *good_row[6:]]]), "a.xlsx"),
        ("bad kind", _xlsx([header, [good_row[0], good_row[1], "外星机构", *good_row[3:]]]), "a.xlsx"),
        ("unknown parent", _xlsx([header, [*good_row[:3], "不存在的上级单位", *good_row[4:]]]), "a.xlsx"),
        ("bad region", _xlsx([header, [*good_row[:4], "12345", *good_row[5:]]]), "a.xlsx"),
        ("negative order", _xlsx([header, [*good_row[:6], -5]]), "a.xlsx"),
        ("text order", _xlsx([header, [*good_row[:6], "第一"]]), "a.xlsx"),
        ("name too long", _xlsx([header, ["名" * 300, *good_row[1:]]]), "a.xlsx"),
        ("control character in name", _rewrite(valid, lambda n, b: b.replace("新单位".encode(), "新&#1;单位".encode())
                                               if n.endswith("sharedStrings.xml") else b), "a.xlsx"),
        ("duplicate rows", _xlsx([header, good_row, good_row]), "a.xlsx"),
        ("one good one bad row", _xlsx([header, good_row, ["", *good_row[1:]]]), "a.xlsx"),
        ("billion laughs in sheet", _rewrite(valid, lambda n, b: BILLION_LAUGHS + b.split(b"?>", 1)[-1]
                                             if n.endswith("sheet1.xml") else b), "a.xlsx"),
        ("billion laughs in sharedStrings", _rewrite(valid, lambda n, b: BILLION_LAUGHS + b.split(b"?>", 1)[-1]
                                                     if n.endswith("sharedStrings.xml") else b), "a.xlsx"),
        ("external entity", _rewrite(valid, lambda n, b: (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                                                          b'"file:///etc/passwd">]>') + b.split(b"?>", 1)[-1]
                                     if n.endswith("workbook.xml") else b), "a.xlsx"),
        ("zip bomb", _rewrite(valid, lambda n, b: b if not n.endswith("sheet1.xml") else
                              b.replace(b"</sheetData>", b"</sheetData>" + b" " * (120 * 1024 * 1024))), "a.xlsx"),
        ("huge: too many rows", _xlsx([header] + [[f"单位{i}", *good_row[1:]] for i in range(60)]), "huge.xlsx"),
    ]
    return out


# ------------------------------------------------------------------------------------ helpers

@pytest.fixture
def county():
    return make_county()


def _state(*models) -> tuple:
    return (AuditEvent.objects.count(), *(m.objects.count() for m in models))


def _form(client: Client, path: str, field: str) -> dict:
    page = client.get(path)
    assert page.status_code == 200, path
    forms = [f for f in loadgen.parse(page.content.decode()).forms if f["method"] == "post" and field in f["fields"]]
    data = dict(forms[0]["fields"])
    for name, options in forms[0]["options"].items():
        if not data.get(name) and options:
            data[name] = options[0]
    return data


def _refused_page(resp) -> str:
    """'' if the answer is a refusal with a Chinese error on the page; else what is wrong."""
    if resp.status_code >= 500:
        return f"{resp.status_code}"
    if resp.status_code == 302:
        return "accepted (302)"
    text = resp.content.decode("utf-8", "replace")
    if "errorlist" not in text and "error" not in text:
        return "no error shown"
    return "" if CJK.search(text) else "error not in Chinese"


def _refused_api(resp) -> str:
    if resp.status_code >= 500:
        return f"{resp.status_code}"
    if not 400 <= resp.status_code < 500:
        return f"accepted ({resp.status_code})"
    try:
        body = resp.json()
    except ValueError:
        return "not JSON"
    message = (body.get("error") or {}).get("message", "") if isinstance(body, dict) else ""
    return "" if CJK.search(message) else f"no Chinese message: {str(body)[:80]}"


# ------------------------------------------------------------------------------------ tests

def test_corpus_has_at_least_200_inputs(county):
    ledger = get_ledger("organizations")
    header = [c.header for c in ledger.columns]
    n = (len(bad_id_numbers()) + len(bad_credit_codes()) + len(bad_org_payloads("640324", "x")) + len(RAW_BODIES)
         + len(bad_workbooks(header, [""] * len(header))) + len(BAD_CONSULTATIONS))
    assert n >= 200, n


def test_broken_id_numbers_in_the_legal_aid_form(county):
    client = Client()
    client.force_login(county.liaison_sfj)
    base = _form(client, "/legalservice/aid/apply/", "applicant_id_number")
    base.update({"applicant_name": "马某某", "matter": "追索劳动报酬", "received_on": "2021-09-28",
                 "hardship_note": "低保户"})
    before = _state(AidCase)
    failures = []
    for value in bad_id_numbers():
        resp = client.post("/legalservice/aid/apply/", {**base, "applicant_id_number": value})
        if why := _refused_page(resp):
            failures.append(f"{value!r}: {why}")
    assert not failures, failures[:10]
    assert _state(AidCase) == before
    # The same form with a valid number goes through (the corpus is refused for the number, not the rest).
    resp = client.post("/legalservice/aid/apply/", {**base, "applicant_id_number": _valid_ids(1)[0]})
    assert resp.status_code == 302 and AidCase.objects.count() == before[1] + 1


def test_broken_credit_codes_through_the_api(county):
    client = Client()
    client.force_login(county.admin)
    before = _state(Organization)
    failures = []
    for value in bad_credit_codes():
        resp = client.post("/api/organizations", json.dumps({"name": "信用代码测试单位", "kind": "department",
                                                             "region": "640324", "credit_code": value,
                                                             "parent": str(county.gov.code)}),
                           content_type="application/json")
        if why := _refused_api(resp):
            failures.append(f"{value!r}: {why}")
    assert not failures, failures[:10]
    assert _state(Organization) == before


def test_wrong_types_and_broken_bodies_through_the_api(county):
    client = Client()
    client.force_login(county.admin)
    before = _state(Organization)
    failures = []
    for label, payload in bad_org_payloads("640324", str(county.gov.code)):
        resp = client.post("/api/organizations", json.dumps(payload), content_type="application/json")
        if why := _refused_api(resp):
            failures.append(f"{label}: {why}")
    for body in RAW_BODIES:
        resp = client.post("/api/organizations", body, content_type="application/json")
        if why := _refused_api(resp):
            failures.append(f"{body[:20]!r}: {why}")
    assert not failures, failures[:10]
    assert _state(Organization) == before


BAD_CONSULTATIONS = [("consulted_on", v) for v in ("2021-13-01", "2021-02-30", "明天", "0000-00-00", "2021/99/99",
                                                    "9999999-01-01", "", "２０２１年１３月１日", "2121-01-01")] + \
    [("persons", v) for v in ("0", "-1", "abc", "1.5", "1e309", "99999999999", "", "NaN")] + \
    [("channel", v) for v in ("", "fax", "热线' OR 1=1", "\x00")] + \
    [("topic", v) for v in ("", "weather", "../")] + \
    [("question", v) for v in ("", "   ")]


def test_wrong_types_in_the_consultation_form(county):
    client = Client()
    client.force_login(county.liaison_sfj)
    base = _form(client, "/legalservice/consultations/new/", "question")
    base.update({"consulted_on": "2021-09-28", "question": "宅基地纠纷如何处理？", "persons": "1"})
    before = _state(Consultation)
    failures = []
    for field, value in BAD_CONSULTATIONS:
        resp = client.post("/legalservice/consultations/new/", {**base, field: value})
        if why := _refused_page(resp):
            failures.append(f"{field}={value[:20]!r}: {why}")
    assert not failures, failures[:10]
    assert _state(Consultation) == before
    resp = client.post("/legalservice/consultations/new/", base)
    assert resp.status_code == 302, "the base form is valid: the corpus is refused for its one bad field"


def test_hostile_workbooks_through_the_import_page(county, settings):
    settings.EXCEL_IMPORT_MAX_ROWS = 50  # "huge": the limit is configuration; 60 rows stand for a million
    client = Client()
    client.force_login(county.admin)
    ledger = get_ledger("organizations")
    header = [c.header for c in ledger.columns]
    good_row = ["新单位", "新", "部门", county.gov.name, "640324", "", 1][: len(header)]
    before = _state(Organization)
    failures = []
    for label, data, filename in bad_workbooks(header, good_row):
        f = io.BytesIO(data)
        f.name = filename
        resp = client.post("/excel/organizations/import/", {"file": f, "commit": "1"})
        if why := _refused_page(resp):
            failures.append(f"{label}: {why}")
        if _state(Organization) != before:
            failures.append(f"{label}: something was saved")
            break
    assert not failures, failures

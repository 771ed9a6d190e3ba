"""Crawl every portal page of the demo county and look for unmasked personal information.

Starting at /portal/ with the whole demo county loaded (``load_demo``: every module's 2021 records),
follow every link that stays under /portal/ (query strings included: filters, pages) and check the
text of each page for

- a 身份证号 (18 characters whose GB 11643 check character is right);
- a mobile phone number (11 digits starting 13–19);
- the full name of a private party the models hold (受援人, 申请人, 咨询人, 当事人, 原告, 第三人,
  public commenters, …): the portal may show them masked (马某) but never whole.

Names of public officials acting in office (lawyers, advisers, 出庭负责人) are not parties and may be
shown. A module that lands later is covered by adding its party fields to ``PARTY_FIELDS``; fields
of models that do not exist (yet) are skipped.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from stdnum.cn import ric

PARTY_FIELDS = {
    "legalservice.AidCase": ["applicant_name"],
    "legalservice.Notarization": ["applicant_name"],
    "legalservice.Consultation": ["person_name"],
    "disputes.ReviewCase": ["applicant", "third_party"],
    "disputes.LitigationCase": ["plaintiff"],
    "disputes.MediationCase": ["parties"],
    "disputes.ArbitrationCase": ["applicant"],
    "decisions.Comment": ["name"],
    "normdocs.Comment": ["name"],
    "enforcement.Case": ["party_name"],
    "functions.InfoRequest": ["applicant_name"],
    "functions.CreditRecord": ["subject_name"],
}
# People who act in office: their names are public (执法人员 on the 执法公示, lawyers, advisers, …).
# The demo draws invented names from the same pools for both, so a name held by both is not a leak.
OFFICIAL_FIELDS = {
    "core.User": ["name"],
    "legalservice.Lawyer": ["name"],
    "decisions.Adviser": ["name"],
    "disputes.LitigationHearing": ["head_name", "delegate_name", "lawyer_name"],
    "disputes.MediationCase": ["mediator"],
    "enforcement.Officer": ["name"],
    "oversight.TrainingAttendance": ["person_name"],
    "oversight.DutyReport": ["person_name"],
    "legalservice.Notarization": ["notary"],
}
ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
SPLIT_RE = re.compile(r"[、，,；;与和及\s/]+")
PERSON_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
NOT_A_PERSON = re.compile(r"[某公司局厂店社部中心委会院所队站村镇乡县市省处科行团]")
MAX_PAGES = 1500


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for key in ("title", "value", "alt", "content", "data-value"):
            if a.get(key):
                self.parts.append(a[key])

    def handle_data(self, data):
        self.parts.append(data)


def party_names() -> set[str]:
    return _names(PARTY_FIELDS) - _names(OFFICIAL_FIELDS)


def official_names_re() -> re.Pattern:
    """Officials' whole names (longest first): blanked out of a page before looking for parties, so that
    an officer 刘生福甲 does not count as the party 刘生福."""
    names = sorted(_names(OFFICIAL_FIELDS, whole=True), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)) or "(?!)")


def _names(spec: dict[str, list[str]], whole: bool = False) -> set[str]:
    names = set()
    for label, fields in spec.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        present = [f for f in fields if any(x.name == f for x in model._meta.concrete_fields)]
        for row in model.objects.values_list(*present) if present else []:
            for value in row:
                if whole and value and len(value) >= 2:
                    names.add(value)
                    continue
                for part in SPLIT_RE.split(value or ""):
                    if PERSON_RE.match(part) and not NOT_A_PERSON.search(part):
                        names.add(part)
    return names


def crawl(client, start="/portal/"):
    seen, queue = {start}, [start]
    while queue and len(seen) <= MAX_PAGES:
        path = queue.pop(0)
        resp = client.get(path)
        assert resp.status_code < 500, f"{path} answered {resp.status_code}"
        if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
            continue
        parser = _Text()
        parser.feed(resp.content.decode("utf-8"))
        yield path, " ".join(parser.parts)
        for href in parser.links:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc or not parts.path.startswith("/portal/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)


@pytest.mark.django_db
def test_no_portal_page_shows_unmasked_personal_information(client, settings):
    settings.FAZHI_WORKING_YEAR = 2021
    call_command("load_demo", stdout=open("/dev/null", "w"))
    names = party_names()
    officials = official_names_re()
    assert len(names) > 20, f"the demo should hold parties' names to look for, found {len(names)}"
    pages, leaks = 0, []
    for path, text in crawl(client):
        pages += 1
        for m in ID_RE.finditer(text):
            if ric.is_valid(m.group(0)):
                leaks.append(f"{path}: 身份证号 {m.group(0)}")
        for m in PHONE_RE.finditer(text):
            leaks.append(f"{path}: 手机号 {m.group(0)}")
        text = officials.sub("□", text)
        for name in names:
            if name in text:
                leaks.append(f"{path}: 当事人姓名 {name}")
    assert pages > 20, f"only {pages} portal pages reachable from /portal/"
    assert not leaks, f"{len(leaks)} leaks on {pages} pages, e.g. {leaks[:10]}"

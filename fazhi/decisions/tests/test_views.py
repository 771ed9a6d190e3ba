import datetime
import io
import zipfile

import pytest
from django.urls import reverse

from fazhi.decisions import services as sv
from fazhi.decisions.choices import DecisionState as S
from fazhi.decisions.models import Adviser, AdviserWork, Catalog, Decision
from fazhi.decisions.tests.factories import adviser, started, to_discussion

D = datetime.date
pytestmark = pytest.mark.django_db


def test_pages_render(county, login):
    d = to_discussion(county.gov, county.admin)
    c = login(county.admin)
    for name, args in [("decision_list", []), ("catalog_list", []), ("comment_list", []), ("adviser_list", []),
                       ("work_list", []), ("decision_detail", [d.code]), ("decision_create", []),
                       ("catalog_create", []), ("adviser_create", []), ("work_create", [])]:
        resp = c.get(reverse(f"decisions:{name}", args=args))
        assert resp.status_code == 200, name
    body = c.get(reverse("decisions:decision_detail", args=[d.code])).content.decode()
    assert "集体讨论决定（条例第三十条）" in body


def test_start_and_walk_through_forms(county, login):
    c = login(county.admin)
    resp = c.post(reverse("decisions:decision_create"), {
        "organization": str(county.gov.code), "title": "城区供热价格调整", "category": "policy",
        "undertaking_unit": "发改局", "started_on": "2021-03-01", "draft": "草案全文"})
    d = Decision.objects.get(title="城区供热价格调整")
    assert resp.status_code == 302
    url = lambda step: reverse("decisions:decision_step", args=[d.code, step])  # noqa: E731
    resp = c.post(url("open_consultation"), {"open_consultation-opens_on": "2021-03-05"})
    d.refresh_from_db()
    assert d.state == S.CONSULTING and d.comment_closes_on == D(2021, 4, 4)
    # Too early: refused with the article, state unchanged.
    resp = c.post(url("close_consultation"), {"close_consultation-on": "2021-03-20",
                                              "close_consultation-summary": "采纳情况"})
    assert resp.status_code == 400 and "第十五条" in resp.content.decode()
    d.refresh_from_db()
    assert d.state == S.CONSULTING
    c.post(url("close_consultation"), {"close_consultation-on": "2021-04-05", "close_consultation-summary": "采纳3条"})
    c.post(url("skip"), {"skip-step": "expert", "skip-reason": "不涉及专业技术问题"})
    c.post(url("risk"), {"risk-assessor": "县委政法委", "risk-report": "风险可控", "risk-level": "low", "risk-on": "2021-04-10"})
    c.post(url("submit_legality"), {"submit_legality-on": "2021-04-12"})
    d.refresh_from_db()
    assert d.state == S.LEGALITY
    a = adviser(county.gov)
    resp = c.post(url("legality"), {"legality-on": "2021-04-14", "legality-reviewer": "县司法局",
                                    "legality-adviser": str(a.code), "legality-opinion": "合法",
                                    "legality-conclusion": "lawful"})
    assert resp.status_code == 400 and "第二十六条第二款" in resp.content.decode()
    c.post(url("legality"), {"legality-on": "2021-04-25", "legality-reviewer": "县司法局",
                             "legality-adviser": str(a.code), "legality-opinion": "合法", "legality-conclusion": "lawful"})
    d.refresh_from_db()
    assert d.state == S.DISCUSSION
    c.post(url("decide"), {"decide-kind": "standing", "decide-name": "第9次常务会议", "decide-on": "2021-04-28",
                           "decide-outcome": "adopted", "decide-head_decision": "同意", "decide-dissent": "某某反对"})
    c.post(url("party"), {"party-on": "2021-04-29"})
    c.post(url("publish"), {"publish-on": "2021-05-06", "publish-channel": "政府网站"})
    c.post(url("npc"), {"npc-on": "2021-05-10", "npc-number": "备〔2021〕1号"})
    d.refresh_from_db()
    assert d.state == S.PUBLISHED and d.npc_filed_on == D(2021, 5, 10) and d.dissent == "某某反对"
    # The dossier: a ZIP in procedural order with an index.
    resp = c.get(reverse("decisions:dossier", args=[d.code]))
    z = zipfile.ZipFile(io.BytesIO(resp.content))
    names = sorted(z.namelist())
    assert names[0] == "00-目录.txt"
    titles = [n.split("-", 1)[1] for n in names[1:]]
    assert titles.index("决策草案.txt") < titles.index("合法性审查意见.txt") < titles.index("集体讨论决定.txt")
    assert "专家论证（免于履行）.txt" in titles
    assert "不涉及专业技术问题" in z.read([n for n in names if "专家论证" in n][0]).decode()


def test_bad_input_chinese_error_nothing_saved(county, login):
    c = login(county.admin)
    resp = c.post(reverse("decisions:decision_create"), {"organization": str(county.gov.code), "title": "",
                                                         "started_on": "not-a-date"})
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "请填写决策事项" in body and "请输入有效日期" in body
    assert Decision.objects.count() == 0
    d = started(county.gov, county.admin)
    resp = c.post(reverse("decisions:decision_step", args=[d.code, "skip"]), {"skip-step": "legality", "skip-reason": "x"})
    assert resp.status_code == 400 and "必经程序" in resp.content.decode()
    resp = c.post(reverse("decisions:decision_step", args=[d.code, "nonsense"]))
    assert resp.status_code == 404


def test_scoping_other_org_404_leader_403(county, login):
    d = started(county.scj, county.liaison_scj)
    assert login(county.liaison_sfj).get(reverse("decisions:decision_detail", args=[d.code])).status_code == 404
    leader = login(county.leader)
    assert leader.get(reverse("decisions:decision_detail", args=[d.code])).status_code == 200
    resp = leader.post(reverse("decisions:decision_step", args=[d.code, "skip"]),
                       {"skip-step": "consultation", "skip-reason": "x"})
    assert resp.status_code == 403
    d.refresh_from_db()
    assert d.state == S.STARTED


def test_adviser_roster_workload_and_opinion_links(county, login):
    c = login(county.admin)
    resp = c.post(reverse("decisions:adviser_create"), {"organization": str(county.gov.code), "name": "李律师",
                                                        "kind": "legal_adviser", "is_active": "on"})
    assert resp.status_code == 400 and "聘用合同编号" in resp.content.decode()
    c.post(reverse("decisions:adviser_create"), {"organization": str(county.gov.code), "name": "李律师",
                                                 "kind": "legal_adviser", "contract_no": "同政法顾〔2021〕1号",
                                                 "term_start": "2021-01-01", "term_end": "2021-12-31", "is_active": "on"})
    a = Adviser.objects.get(name="李律师")
    d = started(county.gov, county.admin)
    resp = c.post(reverse("decisions:work_create"), {"organization": str(county.gov.code), "adviser": str(a.code),
                                                    "kind": "opinion", "on": "2021-05-01", "title": "审核意见",
                                                    "subject_kind": "decision"})
    assert resp.status_code == 400 and "关联该决策" in resp.content.decode()
    c.post(reverse("decisions:work_create"), {"organization": str(county.gov.code), "adviser": str(a.code),
                                             "kind": "opinion", "on": "2021-05-01", "title": "审核意见",
                                             "subject_kind": "decision", "decision": str(d.code)})
    c.post(reverse("decisions:work_create"), {"organization": str(county.gov.code), "adviser": str(a.code),
                                             "kind": "suit", "on": "2021-06-01", "title": "代理诉讼",
                                             "case_number": "（2021）宁0302行初1号"})
    assert AdviserWork.objects.get(kind="opinion").decision == d
    body = c.get(reverse("decisions:adviser_list") + "?year=2021").content.decode()
    assert "李律师" in body
    row = [r for r in c.get(reverse("decisions:adviser_list")).context["page"].object_list if r.name == "李律师"][0]
    assert (row.meetings, row.suits, row.opinions) == (0, 1, 1)
    body = c.get(reverse("decisions:work_list") + f"?adviser={a.code}&kind=opinion").content.decode()
    assert reverse("decisions:decision_detail", args=[d.code]) in body


def test_catalog_pages_publish_and_change(county, login):
    c = login(county.admin)
    c.post(reverse("decisions:catalog_create"), {"organization": str(county.gov.code), "year": "2021"})
    cat = Catalog.objects.get(year=2021)
    c.post(reverse("decisions:item_add", args=[cat.code]), {"title": "园区规划", "category": "plan",
                                                            "deciding_organ": "县人民政府", "undertaking_unit": "工信局"})
    resp = c.post(reverse("decisions:catalog_publish", args=[cat.code]), {"published_on": "2021-02-26"})
    assert resp.status_code == 400
    c.post(reverse("decisions:catalog_publish", args=[cat.code]), {"party_approved_on": "2021-02-20",
                                                                   "published_on": "2021-02-26"})
    cat.refresh_from_db()
    assert cat.status == "published"
    item = cat.items.get()
    resp = c.post(reverse("decisions:item_remove", args=[item.code]), {"changed_on": "2021-07-01", "reason": ""})
    assert resp.status_code == 400
    c.post(reverse("decisions:item_remove", args=[item.code]), {"changed_on": "2021-07-01", "reason": "上级政策调整"})
    item.refresh_from_db()
    assert item.removed and cat.changes.get().reason == "上级政策调整"
    # Public catalog page shows the change.
    from django.test import Client
    body = Client().get(reverse("decisions_public:catalog", args=[cat.code])).content.decode()
    assert "上级政策调整" in body


def test_decide_guard_via_page(county, login):
    d = to_discussion(county.gov, county.admin, concerns_market=True)
    c = login(county.admin)
    resp = c.post(reverse("decisions:decision_step", args=[d.code, "decide"]), {
        "decide-kind": "standing", "decide-name": "常务会议", "decide-on": "2021-05-01", "decide-outcome": "adopted",
        "decide-head_decision": "同意"})
    assert resp.status_code == 400 and "第二十九条" in resp.content.decode()
    sv.decision_update(actor=county.admin, decision=d, data={"fair_competition_review": "不含排除限制竞争内容"})
    resp = c.post(reverse("decisions:decision_step", args=[d.code, "decide"]), {
        "decide-kind": "standing", "decide-name": "常务会议", "decide-on": "2021-05-01", "decide-outcome": "adopted",
        "decide-head_decision": "同意"})
    assert resp.status_code == 302


@pytest.mark.skipif(not __import__("os").path.exists("/usr/bin/soffice"), reason="LibreOffice not installed")
def test_dossier_pdf(county, login, tmp_path):
    d = to_discussion(county.gov, county.admin)
    resp = login(county.admin).get(reverse("decisions:dossier", args=[d.code]) + "?format=pdf")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    out = __import__("pathlib").Path("test-artifacts")
    out.mkdir(exist_ok=True)
    (out / "decisions_dossier.pdf").write_bytes(resp.content)


def test_suit_links_to_litigation_record(county, login):
    from fazhi.disputes import services as dsv
    case = dsv.litigation_create(actor=county.admin, organization=county.gov, case_number="（2021）宁0324行初5号",
                                 court="同心县人民法院", plaintiff="马某", act="行政处罚",
                                 complaint_received_on=D(2021, 5, 6))
    a = adviser(county.gov, county.admin)
    sv.adviser_work_add(actor=county.admin, organization=county.gov, adviser=a, kind="suit", on=D(2021, 6, 1),
                        title="代理诉讼", case_number=case.case_number)
    body = login(county.admin).get(reverse("decisions:work_list")).content.decode()
    assert reverse("disputes:litigation_detail", args=[case.code]) in body
    # Another organization's user sees the log row only if it sees the case: not here (404 scope).
    assert reverse("disputes:litigation_detail", args=[case.code]) not in login(county.liaison_scj).get(
        reverse("decisions:work_list")).content.decode()


def test_decide_before_legality_review_says_why_on_the_page(county, login):
    """The 集体讨论 form is not on the page before the review; a posted decision is refused and the reason shown."""
    d = started(county.gov, county.admin)
    c = login(county.admin)
    resp = c.post(reverse("decisions:decision_step", args=[d.code, "decide"]), {
        "decide-kind": "standing", "decide-name": "常务会议", "decide-on": "2021-05-01", "decide-outcome": "adopted",
        "decide-head_decision": "同意"})
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "未经合法性审查的，不得提交决策机关讨论" in body and "第二十五条第二款" in body
    d.refresh_from_db()
    assert d.state == S.STARTED and d.meeting_on is None


def test_work_entry_edit_page_corrects_with_audit(county, login):
    from fazhi.core.models import AuditEvent
    a = adviser(county.gov, county.admin)
    w = sv.adviser_work_add(actor=county.admin, organization=county.gov, adviser=a, kind="meeting",
                            on=datetime.date(2021, 5, 1), title="列席常务会议")
    c = login(county.admin)
    assert reverse("decisions:work_edit", args=[w.code]) in c.get(reverse("decisions:work_list")).content.decode()
    url = reverse("decisions:work_edit", args=[w.code])
    assert c.get(url).status_code == 200
    base = {"organization": str(county.gov.code), "adviser": str(a.code), "on": "2021-05-02", "title": "代理行政诉讼"}
    resp = c.post(url, {**base, "kind": "suit"})  # a suit needs its case number: refused, nothing saved
    assert resp.status_code == 400 and "案号" in resp.content.decode()
    w.refresh_from_db()
    assert (w.kind, w.on) == ("meeting", datetime.date(2021, 5, 1))
    resp = c.post(url, {**base, "kind": "suit", "case_number": "（2021）宁0324行初5号"})
    assert resp.status_code == 302
    w.refresh_from_db()
    assert (w.kind, w.on, w.case_number) == ("suit", datetime.date(2021, 5, 2), "（2021）宁0324行初5号")
    ev = AuditEvent.objects.filter(action="decisions.adviser_work.update").get()
    assert "kind" in ev.data["changes"]
    # Another organization's user: 404, nothing changed (read-only roles: tests/test_access_matrix.py).
    assert login(county.liaison_scj).post(url, {**base, "kind": "meeting"}).status_code == 404
    w.refresh_from_db()
    assert w.kind == "suit"


def test_only_governments_departments_and_townships_open_decisions(county, login):
    """条例 第二条、第四十二条: a village committee or a Party office is not offered as the deciding organ."""
    c = login(county.admin)
    for name in ("decisions:decision_create", "decisions:catalog_create"):
        choices = {o.pk for o in c.get(reverse(name)).context["form"].fields["organization"].queryset}
        assert county.gov.pk in choices and county.scj.pk in choices and county.town.pk in choices
        assert county.village.pk not in choices and county.fzb.pk not in choices
    resp = c.post(reverse("decisions:decision_create"), {
        "organization": str(county.village.code), "title": "村道维修", "category": "policy", "undertaking_unit": "村委会",
        "started_on": "2021-06-01"})
    assert resp.status_code == 400 and not Decision.objects.filter(title="村道维修").exists()

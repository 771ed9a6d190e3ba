"""Pages, portal and API of 行政规范性文件."""
import pytest
from django.urls import reverse

from fazhi.normdocs import services as sv
from fazhi.normdocs.models import Comment, NormDoc
from fazhi.normdocs.tests.factories import D, drafted, registered

pytestmark = pytest.mark.django_db


def test_create_and_step_refusal_names_its_basis(county, login):
    c = login(county.liaison_scj)
    r = c.post(reverse("normdocs:doc_create"), {"organization": str(county.scj.code), "title": "市场监管行政处罚裁量基准",
                                                "issuer": "同心县市场监督管理局", "drafted_on": "2021-08-02", "text": "正文"})
    assert r.status_code == 302
    d = NormDoc.objects.get(title="市场监管行政处罚裁量基准")
    assert c.get(reverse("normdocs:doc_detail", args=[d.code])).status_code == 200
    # 征求意见 before 评估论证: refused, the message cites 37号, nothing changes.
    r = c.post(reverse("normdocs:doc_step", args=[d.code, "open_comment"]), {"open_comment-opens_on": "2021-08-10"})
    assert r.status_code == 400 and "37号" in r.content.decode()
    assert NormDoc.objects.get(pk=d.pk).state == "drafting"
    r = c.post(reverse("normdocs:doc_step", args=[d.code, "evaluate_draft"]),
               {"evaluate_draft-on": "2021-08-05", "evaluate_draft-summary": "评估论证"})
    assert r.status_code == 302 and NormDoc.objects.get(pk=d.pk).evaluated_on == D(2021, 8, 5)
    # Bad input: a clear Chinese error, not a 500.
    r = c.post(reverse("normdocs:doc_step", args=[d.code, "open_comment"]), {"open_comment-opens_on": "不是日期"})
    assert r.status_code == 400 and "请输入有效日期" in r.content.decode()


def test_other_department_gets_404(county, login):
    d = drafted(county.scj, actor=county.liaison_scj)
    c = login(county.liaison_town)
    assert c.get(reverse("normdocs:doc_detail", args=[d.code])).status_code == 404
    assert c.post(reverse("normdocs:doc_step", args=[d.code, "evaluate_draft"]),
                  {"evaluate_draft-on": "2021-08-05", "evaluate_draft-summary": "x"}).status_code == 404


def test_list_search_and_export(county, login):
    drafted(county.gov, title="同心县行政执法公示办法", text="执法信息公示。")
    drafted(county.gov, title="同心县绿化管理办法", text="绿化。")
    c = login(county.admin)
    body = c.get(reverse("normdocs:doc_list"), {"q": "执法"}).content.decode()
    assert "同心县行政执法公示办法" in body and "同心县绿化管理办法" not in body
    body = c.get(reverse("normdocs:search"), {"q": "执法"}).content.decode()
    assert "<mark>执法</mark>" in body
    r = c.get(reverse("excel:export", kwargs={"ledger": "normdocs_docs"}))
    assert r.status_code == 200


def test_portal_shows_only_published_and_takes_comments(county, client, settings):
    settings.DECISIONS_COMMENT_MIN_SECONDS = 0
    pub = registered(county.gov, county.reviewer, title="已公布的办法")
    sv.normdoc_publish(actor=None, doc=pub, on=D(2021, 10, 25), channel="政府网站")
    draft = drafted(county.gov, title="尚在起草的办法")
    body = client.get(reverse("normdocs_public:index")).content.decode()
    assert "已公布的办法" in body and "尚在起草的办法" not in body
    assert client.get(reverse("normdocs_public:doc", args=[draft.code])).status_code == 404
    assert client.get(reverse("normdocs_public:doc", args=[pub.code])).status_code == 200
    # Reviewer's name never on the portal.
    assert county.reviewer.username not in client.get(reverse("normdocs_public:doc", args=[pub.code])).content.decode()
    body = client.get(reverse("normdocs_public:index"), {"q": "办法"}).content.decode()
    assert "已公布的办法" in body and "尚在起草的办法" not in body
    # A draft out for comment takes public comments.
    d = drafted(county.gov, title="征求意见的办法")
    sv.normdoc_evaluate_draft(actor=None, doc=d, on=D(2021, 8, 3), summary="评估")
    sv.normdoc_open_comment(actor=None, doc=d, opens_on=D(2021, 8, 4))
    page = client.get(reverse("normdocs_public:doc", args=[d.code])).content.decode()
    import re
    ts = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    r = client.post(reverse("normdocs_public:comment", args=[d.code]), {"body": "建议明确处罚标准。", "ts": ts})
    assert r.status_code == 302 and Comment.objects.filter(doc=d).count() == 1
    r = client.post(reverse("normdocs_public:comment", args=[pub.code]), {"body": "建议明确处罚标准。", "ts": ts})
    assert r.status_code == 400


def test_api_create_step_search_and_scoping(county, login):
    c = login(county.liaison_scj)
    r = c.post("/api/normdocs/docs", {"organization": str(county.scj.code), "title": "接口文件",
                                      "issuer": "同心县市场监督管理局", "drafted_on": "2021-08-02", "text": "行政处罚"},
               content_type="application/json")
    assert r.status_code == 201, r.content
    code = r.json()["code"]
    r = c.post(f"/api/normdocs/docs/{code}/step", {"step": "open_comment", "opens_on": "2021-08-05"},
               content_type="application/json")
    assert r.status_code == 400 and "37号" in r.content.decode()
    r = c.post(f"/api/normdocs/docs/{code}/step", {"step": "evaluate_draft", "on": "2021-08-03", "summary": "评估"},
               content_type="application/json")
    assert r.status_code == 200 and r.json()["evaluated_on"] == "2021-08-03"
    r = c.get("/api/normdocs/search", {"q": "处罚"})
    assert r.status_code == 200 and r.json()["total"] == 1 and "<mark>处罚</mark>" in r.json()["items"][0]["snippet"]
    other = login(county.liaison_town)
    assert other.get(f"/api/normdocs/docs/{code}").status_code == 404
    assert other.get("/api/normdocs/search", {"q": "处罚"}).json()["total"] == 0


def test_cleanup_results_published_from_the_campaign_page(county, login, client):
    from fazhi.core.models import AuditEvent
    from fazhi.normdocs.models import Campaign

    camp = sv.campaign_create(actor=county.liaison_scj, organization=county.scj, year=2021, title="2021年文件清理")
    c = login(county.liaison_scj)
    url = reverse("normdocs:campaign_publish_results", args=[camp.code])
    portal = reverse("normdocs_public:cleanup", args=[camp.code])
    # Nothing reviewed yet: refused with a clear message, nothing published.
    r = c.post(url, {"on": "2021-12-15"})
    assert r.status_code == 400 and "还没有任何文件的清理结论" in r.content.decode()
    doc = sv.corpus_add(actor=county.liaison_scj, campaign=camp, title="关于加强个体工商户管理的通知",
                        issuer="同心县工商局", doc_number="同工商发〔2012〕3号", issued_on=D(2012, 3, 1), text="正文",
                        published=True, expires_on=None, source="")
    sv.corpus_review(actor=county.liaison_scj, doc=doc, outcome="repeal", reason="制定机关已撤并", reviewed_on=D(2021, 11, 2),
                     doc_class="normative")
    assert client.get(portal).status_code == 404
    r = c.post(url, {"on": "不是日期"})
    assert r.status_code == 400 and "请输入有效日期" in r.content.decode()
    assert Campaign.objects.get(pk=camp.pk).results_published_on is None
    # Another department cannot publish it.
    assert login(county.liaison_town).post(url, {"on": "2021-12-15"}).status_code == 404
    c = login(county.liaison_scj)
    r = c.post(url, {"on": "2021-12-15"})
    assert r.status_code == 302
    assert Campaign.objects.get(pk=camp.pk).results_published_on == D(2021, 12, 15)
    assert AuditEvent.objects.filter(action="normdocs.campaign.publish_results").count() == 1
    body = client.get(portal).content.decode()
    assert "关于加强个体工商户管理的通知" in body and "废止" in body
    # Twice: refused.
    r = c.post(url, {"on": "2021-12-16"})
    assert r.status_code == 400 and "已于2021年12月15日公布" in r.content.decode()

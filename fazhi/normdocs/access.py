"""Access-matrix registrations of 行政规范性文件 (see fazhi/core/access_registry.py)."""
from __future__ import annotations

import datetime

from fazhi.core.access_registry import (
    marker,
    register_create_route,
    register_factory,
    register_list_route,
    register_object_route,
    register_portal_route,
    register_public_route,
)
from fazhi.normdocs import services as sv
from fazhi.normdocs.models import Campaign, CorpusDoc, Criterion, Flag, NormDoc

DAY = datetime.date(2021, 6, 1)


def _doc(org, actor):
    return sv.normdoc_create(actor=actor, organization=org, title=marker("规范性文件"), issuer="同心县人民政府",
                             drafted_on=DAY, text="正文")


def _campaign(org, actor):
    return sv.campaign_create(actor=actor, organization=org, year=2021, title=marker("清理工作"))


def _criterion(org, actor):
    return sv.criterion_add(actor=actor, campaign=_campaign(org, actor), text=marker("清理标准"))


def _corpus(org, actor):
    return sv.corpus_add(actor=actor, campaign=_campaign(org, actor), title=marker("清理文件"), issuer="同心县工商局",
                         doc_number="", issued_on=datetime.date(2015, 3, 1), text="正文", published=True,
                         expires_on=None, source="")


def _flag(org, actor):
    d = _corpus(org, actor)
    sv.screen_campaign(actor=actor, campaign=d.campaign, as_of=DAY)
    return Flag.objects.filter(doc=d).first()


register_factory(NormDoc, _doc)
register_factory(Campaign, _campaign)
register_factory(Criterion, _criterion)
register_factory(CorpusDoc, _corpus)
register_factory(Flag, _flag)

register_object_route("normdocs:doc_detail", NormDoc)
register_object_route("normdocs:doc_edit", NormDoc)
register_object_route("normdocs:doc_step", NormDoc, kwargs=lambda d: {"code": d.code, "step": "evaluate_draft"},
                      body={"evaluate_draft-on": "2021-06-02", "evaluate_draft-summary": "评估论证"})
register_object_route("normdocs:campaign_detail", Campaign)
register_object_route("normdocs:criterion_add", Campaign, body={"text": "新标准"})
register_object_route("normdocs:campaign_screen", Campaign)
register_object_route("normdocs:campaign_publish_results", Campaign, body={"on": "2021-12-15"})
register_object_route("normdocs:corpus_list", Campaign)
register_object_route("normdocs:criterion_edit", Criterion)
register_object_route("normdocs:corpus_detail", CorpusDoc)
register_object_route("normdocs:flag_dismiss", Flag)

register_list_route("normdocs:doc_list", NormDoc, markers=lambda o: [o.title])
register_list_route("normdocs:search", NormDoc, markers=lambda o: [o.title], query={"q": "规范性文件"})
register_list_route("normdocs:search#corpus", CorpusDoc, markers=lambda o: [o.title], query={"q": "清理文件"})
register_list_route("normdocs:campaign_list", Campaign, markers=lambda o: [o.title])


def _org(org) -> str:
    return str(org.code)


register_create_route("normdocs:doc_create", NormDoc, body=lambda org: {
    "organization": _org(org), "title": marker("规范性文件"), "issuer": "同心县人民政府", "drafted_on": "2021-06-01"})
register_create_route("normdocs:campaign_create", Campaign, body=lambda org: {
    "organization": _org(org), "year": "2021", "title": marker("清理工作"), "corpus_since": "1983"})

register_public_route("normdocs_public:*", "公众门户：已公布的规范性文件目录与全文、征求意见稿（意见提交）、已公布的清理结果")

# API (/api/normdocs/...).
register_object_route("api:nd_doc_get", NormDoc)
register_object_route("api:nd_doc_step", NormDoc, body={"step": "evaluate_draft", "on": "2021-06-02", "summary": "评估"})
register_object_route("api:nd_campaign_get", Campaign)
register_list_route("api:nd_doc_list", NormDoc, markers=lambda o: [o.title])
register_list_route("api:nd_search", NormDoc, markers=lambda o: [o.title], query={"q": "规范性文件"})
register_list_route("api:nd_campaign_list", Campaign, markers=lambda o: [o.title])
register_create_route("api:nd_doc_create", NormDoc, body=lambda org: {
    "organization": str(org.code), "title": marker("接口规范性文件"), "issuer": "同心县人民政府", "drafted_on": "2021-06-01"})

register_list_route("excel:export#normdocs_docs", NormDoc, kwargs={"ledger": "normdocs_docs"}, markers=lambda o: [o.title])
register_list_route("excel:export#normdocs_corpus", CorpusDoc, kwargs={"ledger": "normdocs_corpus"},
                    markers=lambda o: [o.title])


# Portal pages of one record: 404 until published (公开征求意见 / 清理结果公布), then public.
def _open_for_comment(doc, actor):
    sv.normdoc_evaluate_draft(actor=actor, doc=doc, on=DAY, summary="评估论证")
    sv.normdoc_open_comment(actor=actor, doc=doc, opens_on=datetime.date.today())


def _publish_results(campaign, actor):
    d = sv.corpus_add(actor=actor, campaign=campaign, title=marker("清理文件"), issuer="同心县人民政府",
                      doc_number="", issued_on=datetime.date(2015, 3, 1), text="正文", published=True,
                      expires_on=None, source="")
    sv.corpus_review(actor=actor, doc=d, outcome="keep", reason="继续有效", reviewed_on=DAY, doc_class="normative")
    sv.campaign_publish_results(actor=actor, campaign=campaign, on=datetime.date.today())


register_portal_route("normdocs_public:doc", NormDoc, publish=_open_for_comment)
register_portal_route("normdocs_public:comment", NormDoc, publish=_open_for_comment)
register_portal_route("normdocs_public:cleanup", Campaign, publish=_publish_results)

"""Access-matrix registrations of 重大行政决策 (see fazhi/core/access_registry.py)."""
from __future__ import annotations

import datetime

from fazhi.core.access_registry import (marker, register_create_route, register_factory, register_list_route,
                                        register_object_route, register_portal_route, register_public_route)
from fazhi.decisions import services as sv
from fazhi.decisions.models import Adviser, AdviserWork, Catalog, CatalogItem, Comment, Decision

DAY = datetime.date(2021, 6, 1)


def _catalog(org, actor):
    year = 2030 + Catalog.objects.filter(organization=org).count()
    return sv.catalog_create(actor=actor, organization=org, year=year, title=marker("目录"))


def _item(org, actor):
    return sv.catalog_item_add(actor=actor, catalog=_catalog(org, actor), title=marker("目录事项"),
                               deciding_organ="县人民政府", undertaking_unit="承办单位")


def _decision(org, actor):
    return sv.decision_start(actor=actor, organization=org, title=marker("决策"), undertaking_unit="承办单位",
                             started_on=DAY, draft="草案")


def _comment(org, actor):
    d = _decision(org, actor)
    today = datetime.date.today()
    sv.decision_open_consultation(actor=actor, decision=d, opens_on=today)
    return sv.comment_submit(decision=d, body=marker("公众意见"))


def _adviser(org, actor):
    return sv.adviser_create(actor=actor, organization=org, name=marker("顾问")[:30], kind="public_lawyer")


def _work(org, actor):
    return sv.adviser_work_add(actor=actor, organization=org, adviser=_adviser(org, actor), kind="meeting", on=DAY,
                               title=marker("列席会议"))


register_factory(Catalog, _catalog)
register_factory(CatalogItem, _item)
register_factory(Decision, _decision)
register_factory(Comment, _comment)
register_factory(Adviser, _adviser)
register_factory(AdviserWork, _work)

register_object_route("decisions:catalog_detail", Catalog)
register_object_route("decisions:catalog_publish", Catalog,
                      body={"party_approved_on": "2021-02-01", "published_on": "2021-02-05"})
register_object_route("decisions:item_add", Catalog, body={"title": "新事项", "category": "policy",
                                                           "deciding_organ": "县人民政府", "undertaking_unit": "某局"})
register_object_route("decisions:item_edit", CatalogItem)
register_object_route("decisions:item_remove", CatalogItem, body={"changed_on": "2021-06-01", "reason": "不再需要"})
register_object_route("decisions:decision_detail", Decision)
register_object_route("decisions:decision_edit", Decision)
register_object_route("decisions:decision_step", Decision, kwargs=lambda d: {"code": d.code, "step": "skip"},
                      body={"skip-step": "consultation", "skip-reason": "依法不予公开"})
register_object_route("decisions:dossier", Decision)
register_object_route("decisions:comment_moderate", Comment, body={"action": "publish"})
register_object_route("decisions:comment_adopt", Comment, body={"adoption": "adopted"})
register_object_route("decisions:adviser_edit", Adviser)
register_object_route("decisions:work_edit", AdviserWork)

register_list_route("decisions:catalog_list", Catalog, markers=lambda o: [o.title])
register_list_route("decisions:decision_list", Decision, markers=lambda o: [o.title])
register_list_route("decisions:comment_list", Comment, markers=lambda o: [o.body])
register_list_route("decisions:adviser_list", Adviser, markers=lambda o: [o.name])
register_list_route("decisions:work_list", AdviserWork, markers=lambda o: [o.title])


def _org(org) -> str:
    return str(org.code)


register_create_route("decisions:catalog_create", Catalog, body=lambda org: {
    "organization": _org(org), "year": "2040", "title": marker("目录")})
register_create_route("decisions:decision_create", Decision, body=lambda org: {
    "organization": _org(org), "title": marker("决策"), "category": "policy", "undertaking_unit": "某局",
    "started_on": "2021-06-01"})
register_create_route("decisions:adviser_create", Adviser, body=lambda org: {
    "organization": _org(org), "name": "王律师", "kind": "public_lawyer", "is_active": "on"})

register_public_route("decisions_public:*", "公众门户：公布的目录、征求意见的草案、审核后公开的意见（姓名只显示姓氏）")
def _existing_adviser(org):
    """An adviser of ``org`` made earlier by the factories (so building the body writes nothing)."""
    # Test fixture only: a plain row (no audit event), so that the matrix's before/after state is unchanged.
    return Adviser.objects.filter(organization=org).order_by("id").first() or Adviser.objects.create(
        organization=org, name=marker("顾问")[:30], kind="public_lawyer")


register_create_route("decisions:work_create", AdviserWork, body=lambda org: {
    "organization": _org(org), "adviser": str(_existing_adviser(org).code), "kind": "meeting", "on": "2021-06-01",
    "title": marker("列席常务会议")})

# API (/api/decisions/...).
register_object_route("api:dec_catalog_get", Catalog)
register_object_route("api:dec_decision_get", Decision)
register_object_route("api:dec_decision_skip", Decision, body={"step": "consultation", "reason": "依法不予公开"})
register_list_route("api:dec_catalog_list", Catalog, markers=lambda o: [o.title])
register_list_route("api:dec_decision_list", Decision, markers=lambda o: [o.title])
register_list_route("api:dec_adviser_list", Adviser, markers=lambda o: [o.name])
register_list_route("api:dec_work_list", AdviserWork, markers=lambda o: [o.title])
register_create_route("api:dec_decision_create", Decision, body=lambda org: {
    "organization": str(org.code), "title": marker("接口决策"), "undertaking_unit": "某局", "started_on": "2021-06-01"})
register_create_route("api:dec_work_create", AdviserWork, body=lambda org: {
    "organization": str(org.code), "adviser": str(_existing_adviser(org).code), "kind": "meeting",
    "on": "2021-06-01", "title": marker("接口列席会议")})

# Excel exports of this module's ledgers (cell-by-cell check by the matrix).
register_list_route("excel:export#decisions_decisions", Decision, kwargs={"ledger": "decisions_decisions"},
                    markers=lambda o: [o.title])
register_list_route("excel:export#decisions_advisers", Adviser, kwargs={"ledger": "decisions_advisers"},
                    markers=lambda o: [o.name])
register_list_route("excel:export#decisions_adviser_work", AdviserWork, kwargs={"ledger": "decisions_adviser_work"},
                    markers=lambda o: [o.title])


# Portal pages of one record: 404 until published (目录公布 / 公开征求意见), then public.
def _publish_catalog(catalog, actor):
    sv.catalog_item_add(actor=actor, catalog=catalog, title=marker("目录事项"), deciding_organ="县人民政府",
                        undertaking_unit="承办单位")
    sv.catalog_publish(actor=actor, catalog=catalog, party_approved_on=DAY, published_on=DAY)


def _open_consultation(decision, actor):
    sv.decision_open_consultation(actor=actor, decision=decision, opens_on=datetime.date.today())


register_portal_route("decisions_public:catalog", Catalog, publish=_publish_catalog)
register_portal_route("decisions_public:decision", Decision, publish=_open_consultation)
register_portal_route("decisions_public:comment", Decision, publish=_open_consultation)

"""Reads of 政府职能: always through ``fazhi.core.scoping`` (portal reads: only what is public)."""
from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from fazhi.core.scoping import access, scope
from fazhi.functions.choices import SIX_ELEMENTS, CreditStatus
from fazhi.functions.models import (
    AnnualReport,
    CreditActivity,
    CreditRecord,
    Disclosure,
    InfoRequest,
    NewMediaAccount,
    PowerAdjustment,
    PowerItem,
    ServiceItem,
    UpperServiceItem,
)

# -- 权责清单 -----------------------------------------------------------------------------------------

def in_force_q(day: datetime.date) -> Q:
    """Versions in force on ``day``: valid_from <= day < valid_to."""
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))


def in_force_on(qs: QuerySet, day: datetime.date) -> QuerySet:
    """Versions in force on ``day``: valid_from <= day < valid_to."""
    return qs.filter(in_force_q(day))


def power_items(user):
    return scope(PowerItem.objects.select_related("organization", "delegated_to"), user)


def power_item(user, code, *, write=False) -> PowerItem:
    return access(PowerItem.objects.select_related("organization", "delegated_to", "previous"), user, write=write,
                  code=code)


def power_list(user, day: datetime.date) -> QuerySet:
    return in_force_on(power_items(user), day)


def adjustments(user):
    return scope(PowerAdjustment.objects.select_related("organization", "township", "item_before", "item_after"), user)


def adjustment(user, code) -> PowerAdjustment:
    return access(PowerAdjustment.objects.select_related("organization", "township", "item_before", "item_after"),
                  user, code=code)


def power_history(item: PowerItem) -> list[PowerItem]:
    """Every version of the item's 职权编码 in its organization, oldest first."""
    return list(PowerItem.objects.filter(organization=item.organization, power_code=item.power_code)
                .select_related("delegated_to").order_by("valid_from", "id"))


# -- 政务服务事项 -------------------------------------------------------------------------------------

def service_items(user):
    return scope(ServiceItem.objects.select_related("organization", "parent"), user)


def service_item(user, code, *, write=False) -> ServiceItem:
    return access(ServiceItem.objects.select_related("organization", "parent"), user, write=write, code=code)


def upper_items(user):
    return scope(UpperServiceItem.objects.select_related("organization"), user)


def upper_item(user, code) -> UpperServiceItem:
    return access(UpperServiceItem.objects.select_related("organization"), user, code=code)


def upper_match() -> Exists:
    """True for a local service item when an upper-level item has the same six elements (四级四同)."""
    return Exists(UpperServiceItem.objects.filter(**{f: OuterRef(f) for f in SIX_ELEMENTS}))


def with_consistency(qs: QuerySet) -> QuerySet:
    """Annotate ``consistent``: an upper-level item has the same six elements (四级四同)."""
    listed = UpperServiceItem.objects.filter(item_code=OuterRef("item_code"))
    return qs.annotate(consistent=upper_match(), listed_upper=Exists(listed))


def consistent_items(qs: QuerySet) -> QuerySet:
    return with_consistency(qs).filter(consistent=True)


def consistency_check(items: QuerySet) -> list[dict]:
    """四级四同 check: every in-force local item whose six basic elements differ from the upper-level
    catalog's item of the same 事项编码, with the differing fields; items whose code the upper catalog
    does not have at all are listed too."""
    rows = []
    local = list(with_consistency(items.filter(in_force=True)).filter(consistent=False)
                 .select_related("organization").order_by("item_code", "id"))
    uppers: dict[str, list[UpperServiceItem]] = {}
    for up in UpperServiceItem.objects.filter(item_code__in=[i.item_code for i in local]).order_by("id"):
        uppers.setdefault(up.item_code, []).append(up)
    for item in local:
        ups = uppers.get(item.item_code)
        if not ups:
            rows.append({"item": item, "upper": None,
                         "diffs": [{"field": "item_code", "label": "事项编码", "local": item.item_code, "upper": "（上级目录无此编码）"}]})
            continue
        up = ups[0]
        diffs = []
        for field, label in SIX_ELEMENTS.items():
            a, b = getattr(item, field), getattr(up, field)
            if a != b:
                if field == "item_type":
                    a, b = item.get_item_type_display(), up.get_item_type_display()
                diffs.append({"field": field, "label": label, "local": a, "upper": b})
        rows.append({"item": item, "upper": up, "diffs": diffs})
    return rows


# -- 政务公开 --------------------------------------------------------------------------------------

def disclosures(user):
    return scope(Disclosure.objects.select_related("organization"), user)


def disclosure(user, code, *, write=False) -> Disclosure:
    return access(Disclosure.objects.select_related("organization"), user, write=write, code=code)


def requests(user):
    return scope(InfoRequest.objects.select_related("organization"), user)


def request(user, code, *, write=False) -> InfoRequest:
    return access(InfoRequest.objects.select_related("organization"), user, write=write, code=code)


def reports(user):
    return scope(AnnualReport.objects.select_related("organization"), user)


def report(user, code, *, write=False) -> AnnualReport:
    return access(AnnualReport.objects.select_related("organization"), user, write=write, code=code)


def media(user):
    return scope(NewMediaAccount.objects.select_related("organization"), user)


def media_account(user, code, *, write=False) -> NewMediaAccount:
    return access(NewMediaAccount.objects.select_related("organization"), user, write=write, code=code)


def active_media_q(day: datetime.date) -> Q:
    """Accounts running on ``day``: opened on or before it and not closed by then."""
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def active_media(qs: QuerySet, day: datetime.date) -> QuerySet:
    return qs.filter(active_media_q(day))


# -- 双公示 ----------------------------------------------------------------------------------------

def credit_records(user):
    return scope(CreditRecord.objects.select_related("organization"), user)


def credit_record(user, code, *, write=False) -> CreditRecord:
    return access(CreditRecord.objects.select_related("organization"), user, write=write, code=code)


def credit_activities(user):
    return scope(CreditActivity.objects.select_related("organization"), user)


def credit_activity(user, code, *, write=False) -> CreditActivity:
    return access(CreditActivity.objects.select_related("organization"), user, write=write, code=code)


# -- public (portal) --------------------------------------------------------------------------------

def public_power_list(day: datetime.date) -> QuerySet:
    return in_force_on(PowerItem.objects.select_related("organization", "delegated_to"), day)


def public_disclosures() -> QuerySet:
    return Disclosure.objects.filter(published_on__isnull=False).select_related("organization")


def public_credit_records() -> QuerySet:
    """Reported records still on the platform (taken-down ones are not shown)."""
    return CreditRecord.objects.filter(status=CreditStatus.REPORTED).select_related("organization")


def public_reports() -> QuerySet:
    return AnnualReport.objects.filter(published_on__isnull=False).select_related("organization")

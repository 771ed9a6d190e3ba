"""权责清单: the list as of any date across adjustments; guards of each adjustment; scoping."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.functions import selectors as sel
from fazhi.functions import services as sv
from fazhi.functions.models import PowerAdjustment, PowerItem

D = datetime.date
DOC = "同政办发〔2021〕12号"


def _register(org, code, category="penalty", name=None, valid_from=D(2020, 6, 30)):
    return sv.power_register(actor=None, organization=org, valid_from=valid_from, power_code=code,
                             name=name or f"事项{code}", category=category, legal_basis="某法第十条", subject=org.name,
                             responsibilities={"受理（立案）": "核查线索"})


def _codes(qs):
    return sorted(qs.values_list("power_code", flat=True))


def _as_of(county, day):
    return sel.in_force_on(PowerItem.objects.filter(organization=county.scj), day)


@pytest.mark.django_db
def test_list_as_of_a_date_across_adjustments(county):
    a = _register(county.scj, "A")
    b = _register(county.scj, "B")
    c = _register(county.scj, "C", category="license")
    sv.power_add(actor=county.liaison_scj, organization=county.scj, adjusted_on=D(2021, 3, 1), document=DOC,
                 power_code="N", name="新增事项", category="inspection", legal_basis="新法", subject="市场监管局")
    changed = sv.power_change(actor=county.liaison_scj, item=a, adjusted_on=D(2021, 5, 1), document=DOC,
                              name="对A行为的处罚（修订）")
    sv.power_cancel(actor=county.liaison_scj, item=b, adjusted_on=D(2021, 8, 1), document=DOC, reason="上位法废止")
    delegated = sv.power_delegate(actor=county.liaison_scj, item=c, kind="empower", township=county.town,
                                  adjusted_on=D(2021, 9, 1), document=DOC)

    assert _codes(_as_of(county, D(2020, 6, 29))) == []
    assert _codes(_as_of(county, D(2021, 1, 1))) == ["A", "B", "C"]
    assert _codes(_as_of(county, D(2021, 3, 1))) == ["A", "B", "C", "N"]
    # 变更: the old wording until 4月30日, the new one from 5月1日 — never both, never neither.
    names = lambda day: dict(_as_of(county, day).values_list("power_code", "name"))
    assert names(D(2021, 4, 30))["A"] == "事项A"
    assert names(D(2021, 5, 1))["A"] == "对A行为的处罚（修订）"
    # 取消: in force on 7月31日, gone on 8月1日.
    assert "B" in _codes(_as_of(county, D(2021, 7, 31)))
    assert _codes(_as_of(county, D(2021, 8, 1))) == ["A", "C", "N"]
    # 赋权: still on the list, exercised by the township from 9月1日.
    before = _as_of(county, D(2021, 8, 31)).get(power_code="C")
    after = _as_of(county, D(2021, 9, 1)).get(power_code="C")
    assert before.delegated_to is None and after.delegated_to == county.town
    assert after.delegation_kind == "empower"
    assert _codes(_as_of(county, D(2021, 12, 31))) == ["A", "C", "N"]
    # Every adjustment is a record with its document and date; versions are chained.
    assert list(PowerAdjustment.objects.order_by("adjusted_on").values_list("kind", flat=True)) == [
        "add", "change", "cancel", "empower"]
    assert changed.item_before == a and changed.item_after.previous_id == a.pk
    assert delegated.township == county.town
    assert [h.valid_from for h in sel.power_history(after)] == [D(2020, 6, 30), D(2021, 9, 1)]


@pytest.mark.django_db
def test_adjustment_guards(county):
    a = _register(county.scj, "A", category="license")
    with pytest.raises(ValidationError) as e:
        sv.power_change(actor=None, item=a, adjusted_on=D(2021, 5, 1), document=" ", name="x")
    assert "依据文件" in str(e.value)
    with pytest.raises(ValidationError) as e:
        sv.power_change(actor=None, item=a, adjusted_on=D(2020, 6, 30), document=DOC, name="x")
    assert "晚于" in str(e.value)
    with pytest.raises(ValidationError) as e:
        sv.power_change(actor=None, item=a, adjusted_on=D(2021, 5, 1), document=DOC, name=a.name)
    assert "没有需要变更" in str(e.value)
    # 下放执法事项 only for enforcement kinds; the receiver must be a township.
    with pytest.raises(ValidationError) as e:
        sv.power_delegate(actor=None, item=a, kind="delegate", township=county.town, adjusted_on=D(2021, 9, 1),
                          document=DOC)
    assert "下放执法事项限于" in str(e.value)
    with pytest.raises(ValidationError) as e:
        sv.power_delegate(actor=None, item=a, kind="empower", township=county.sfj, adjusted_on=D(2021, 9, 1),
                          document=DOC)
    assert "乡镇" in str(e.value)
    with pytest.raises(ValidationError):
        sv.power_cancel(actor=None, item=a, adjusted_on=D(2021, 9, 1), document=DOC, reason="")
    # A closed version cannot be adjusted again; duplicates of a current code are refused.
    sv.power_cancel(actor=None, item=a, adjusted_on=D(2021, 9, 1), document=DOC, reason="取消")
    with pytest.raises(ValidationError) as e:
        sv.power_cancel(actor=None, item=a, adjusted_on=D(2021, 10, 1), document=DOC, reason="取消")
    assert "已于 2021-09-01 失效" in str(e.value)
    _register(county.scj, "B")
    with pytest.raises(ValidationError):
        _register(county.scj, "B")
    assert PowerAdjustment.objects.count() == 1


@pytest.mark.django_db
def test_another_department_cannot_adjust(county, login):
    a = _register(county.scj, "A")
    with pytest.raises(PermissionDenied):
        sv.power_cancel(actor=county.liaison_sfj, item=a, adjusted_on=D(2021, 9, 1), document=DOC, reason="x")
    client = login(county.liaison_sfj)
    assert client.get(f"/functions/power/{a.code}/").status_code == 404
    r = client.post(f"/functions/power/{a.code}/adjust/cancel/", {"cancel-adjusted_on": "2021-09-01",
                                                                   "cancel-document": DOC, "cancel-reason": "x"})
    assert r.status_code == 404
    assert PowerItem.objects.get(pk=a.pk).valid_to is None


@pytest.mark.django_db
def test_pages_change_and_list_as_of_date(county, login):
    a = _register(county.scj, "A")
    client = login(county.liaison_scj)
    r = client.post(f"/functions/power/{a.code}/change/", {"adjusted_on": "2021-05-01", "document": DOC,
                                                           "power_code": "A", "name": "新名称", "category": "penalty",
                                                           "legal_basis": "某法", "subject": "市场监管局"})
    assert r.status_code == 302
    page = client.get("/functions/power/?on=2021-04-30").content.decode()
    assert "事项A" in page and "新名称" not in page
    page = client.get("/functions/power/?on=2021-05-01").content.decode()
    assert "新名称" in page and "事项A" not in page
    # Bad input: a clear Chinese error, nothing saved.
    r = client.post(f"/functions/power/{PowerItem.objects.get(name='新名称').code}/adjust/delegate/", {
        "delegate-kind": "empower", "delegate-adjusted_on": "2021-09-01", "delegate-document": ""})
    assert r.status_code == 400 and "请选择承接乡镇" in r.content.decode()
    assert PowerAdjustment.objects.count() == 1
    # The portal shows the list as of a date too.
    anon = client.__class__()
    assert "新名称" not in anon.get("/portal/functions/power/?on=2021-04-30").content.decode()
    assert "新名称" in anon.get("/portal/functions/power/?on=2021-06-01").content.decode()


@pytest.mark.django_db
def test_detail_lists_enforcement_items_with_the_same_power_code(county, login):
    from django.apps import apps

    from fazhi.core.access_registry import autodiscover, make_instance

    autodiscover()
    model = apps.get_model("enforcement", "EnforcementItem")
    linked = make_instance(model, county.scj, county.liaison_scj)
    a = _register(county.scj, "640324-SCJ-CF-0042")
    model.objects.filter(pk=linked.pk).update(power_code=a.power_code)
    page = login(county.liaison_scj).get(f"/functions/power/{a.code}/").content.decode()
    assert linked.name in page
    model.objects.filter(pk=linked.pk).update(power_code="other")
    assert linked.name not in login(county.liaison_scj).get(f"/functions/power/{a.code}/").content.decode()

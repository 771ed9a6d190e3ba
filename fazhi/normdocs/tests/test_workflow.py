"""The lifecycle's guards, deadlines (across 国庆 2021 with its working Saturdays) and 三统一 numbering."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Deadline
from fazhi.normdocs import services as sv
from fazhi.normdocs.models import NormDoc
from fazhi.normdocs.tests.factories import (
    D,
    deliberated,
    drafted,
    in_review,
    registered,
)

pytestmark = pytest.mark.django_db


def test_comment_period_seven_working_days_across_national_day(county):
    d = drafted(county.gov)
    with pytest.raises(ValidationError, match="评估论证"):
        sv.normdoc_open_comment(actor=None, doc=d, opens_on=D(2021, 9, 27))
    sv.normdoc_evaluate_draft(actor=None, doc=d, on=D(2021, 9, 24), summary="评估论证。")
    sv.normdoc_open_comment(actor=None, doc=d, opens_on=D(2021, 9, 27))
    # 9-28, 9-29, 9-30, (国庆 10-1..7), 10-8, 10-9 (调休上班), 10-11, 10-12 → 7th working day 10-12.
    assert d.comment_min_close_on == D(2021, 10, 12)
    with pytest.raises(ValidationError, match="一般不少于7个工作日"):
        sv.normdoc_submit_legality(actor=None, doc=d, closed_on=D(2021, 10, 11), summary="无意见。",
                                   submitted_on=D(2021, 10, 12))
    assert NormDoc.objects.get(pk=d.pk).state == "consulting"
    sv.normdoc_submit_legality(actor=None, doc=d, closed_on=D(2021, 10, 12), summary="无意见。", submitted_on=D(2021, 10, 12))
    assert d.state == "legality"


def test_market_documents_need_thirty_days(county):
    d = drafted(county.gov, concerns_market=True)
    sv.normdoc_evaluate_draft(actor=None, doc=d, on=D(2021, 9, 1), summary="评估。")
    sv.normdoc_open_comment(actor=None, doc=d, opens_on=D(2021, 9, 1))
    assert d.comment_min_close_on == D(2021, 10, 1)
    with pytest.raises(ValidationError, match="优化营商环境条例》第六十二条"):
        sv.normdoc_submit_legality(actor=None, doc=d, closed_on=D(2021, 9, 30), summary="x", submitted_on=D(2021, 9, 30))


def test_legality_review_window_across_holidays_and_board(county):
    d = in_review(county.gov, submitted_on=D(2021, 9, 28))
    # min 5 WD: 9-29, 9-30, 10-8, 10-9, 10-11; max 15 WD → 10-25.
    assert d.legality_earliest_on == D(2021, 10, 11)
    assert d.legality_due_on == D(2021, 10, 25)
    dl = Deadline.objects.get(rule__code="normdoc.legality_review_max", target_id=str(d.code))
    assert dl.due_date == D(2021, 10, 25) and dl.done_at is None
    with pytest.raises(ValidationError, match="115号）二（五）"):
        sv.normdoc_conclude_legality(actor=None, doc=d, on=D(2021, 10, 8), reviewer=county.reviewer, opinion="合法。",
                                     conclusion="lawful")
    # Not a 法制审核员: refused, naming 115号 二(四).
    with pytest.raises(ValidationError, match="法制审核员"):
        sv.normdoc_conclude_legality(actor=None, doc=d, on=D(2021, 10, 11), reviewer=county.liaison_scj,
                                     opinion="合法。", conclusion="lawful")
    # Urgent: shorter allowed with the stated situation.
    sv.normdoc_conclude_legality(actor=None, doc=d, on=D(2021, 10, 8), reviewer=county.reviewer, opinion="合法。",
                                 conclusion="lawful", urgent_reason="执行上级机关的紧急命令")
    assert d.state == "deliberation"
    dl.refresh_from_db()
    assert dl.done_at is not None


def test_unlawful_gets_no_number_and_cannot_be_deliberated(county):
    d = in_review(county.gov)
    sv.normdoc_conclude_legality(actor=None, doc=d, on=D(2021, 10, 15), reviewer=county.reviewer,
                                 opinion="设定了行政许可，超越权限。", conclusion="unlawful")
    assert d.state == "drafting" and d.reg_number == ""
    with pytest.raises(ValidationError, match="二（七）"):
        sv.normdoc_deliberate(actor=None, doc=d, on=D(2021, 10, 20), meeting="常务会议", doc_number="同政发〔2021〕3号")
    assert NormDoc.objects.get(pk=d.pk).reg_number == ""


def test_full_lifecycle_numbering_publication_filing_force(county):
    a = registered(county.gov, county.reviewer, title="文件一", number="同政发〔2021〕30号")
    b = registered(county.gov, county.reviewer, title="文件二", number="同政发〔2021〕31号")
    assert (a.reg_number, b.reg_number) == ("同政规〔2021〕1号", "同政规〔2021〕2号")
    assert a.state == "registered"
    # Never in force before publication.
    with pytest.raises(ValidationError, match="不得作为行政管理依据"):
        sv.normdoc_enter_force(actor=None, doc=a, on=D(2021, 12, 1))
    with pytest.raises(ValidationError):
        sv.normdoc_file(actor=None, doc=a, gov_on=D(2021, 11, 1))
    sv.normdoc_publish(actor=None, doc=a, on=D(2021, 10, 25), channel="同心县人民政府网站", effective_on=D(2021, 12, 1))
    assert a.expires_on == D(2026, 11, 30)   # 5 years (normdoc.validity) from 施行
    assert a.filing_due_on == D(2021, 11, 24)  # normdoc.filing: 30 days from 公布
    dl = Deadline.objects.get(rule__code="normdoc.filing", target_id=str(a.code))
    assert dl.due_date == D(2021, 11, 24)
    with pytest.raises(ValidationError, match="施行日期"):
        sv.normdoc_enter_force(actor=None, doc=a, on=D(2021, 11, 30))
    sv.normdoc_file(actor=None, doc=a, gov_on=D(2021, 11, 10), gov_ref="吴政规备〔2021〕8号")
    assert a.state == "published"
    sv.normdoc_file(actor=None, doc=a, npc_on=D(2021, 11, 12), npc_ref="同人常备〔2021〕5号")
    assert a.state == "filed" and sv.is_filed_timely(a) is True
    dl.refresh_from_db()
    assert dl.done_at is not None
    sv.normdoc_enter_force(actor=None, doc=a, on=D(2021, 12, 1))
    assert a.state == "in_force"
    with pytest.raises(ValidationError, match="届满前6个月"):
        sv.normdoc_evaluate(actor=None, doc=a, on=D(2026, 1, 1), conclusion="continue", report="继续施行。")
    sv.normdoc_evaluate(actor=None, doc=a, on=D(2026, 6, 1), conclusion="lapse", report="到期失效。")
    with pytest.raises(ValidationError, match="届满后"):
        sv.normdoc_end(actor=None, doc=a, how="lapse", on=D(2026, 11, 30), reason="到期")
    sv.normdoc_end(actor=None, doc=a, how="lapse", on=D(2026, 12, 1), reason="有效期届满")
    assert a.state == "expired"


def test_unpublished_in_force_is_impossible_in_the_database(county):
    from django.db import IntegrityError, transaction
    d = drafted(county.gov)
    with pytest.raises(IntegrityError), transaction.atomic():
        NormDoc.objects.filter(pk=d.pk).update(state="in_force")


def test_numbers_restart_each_year_and_rollback_leaves_no_gap(county):
    a = registered(county.gov, county.reviewer, title="甲")
    d = deliberated(county.gov, county.reviewer, title="乙")
    with pytest.raises(ValidationError):  # bad 发文字号: the whole registration rolls back, number returned
        sv.normdoc_deliberate(actor=None, doc=d, on=D(2021, 10, 20), meeting="常务会议", doc_number="同政发2021-3")
    c = sv.normdoc_deliberate(actor=None, doc=d, on=D(2021, 10, 20), meeting="常务会议", doc_number="同政发〔2021〕40号")
    assert a.reg_number.endswith("1号") and c.reg_number == "同政规〔2021〕2号"
    e = deliberated(county.gov, county.reviewer, title="丙")
    e = sv.normdoc_deliberate(actor=None, doc=e, on=D(2021, 12, 30), meeting="常务会议", doc_number="同政发〔2022〕1号",
                              printed_on=D(2022, 1, 4))
    assert e.reg_number == "同政规〔2022〕1号"


def test_permission_and_read_only(county):
    with pytest.raises(PermissionDenied):
        drafted(county.scj, actor=county.liaison_town)
    with pytest.raises(PermissionDenied):
        drafted(county.scj, actor=county.leader)
    d = drafted(county.scj, actor=county.liaison_scj)
    assert d.organization == county.scj


def test_edit_frozen_after_review_but_number_correctable(county):
    d = drafted(county.gov)
    sv.normdoc_update(actor=None, doc=d, data={"title": "同心县城区养犬管理规定"})
    assert NormDoc.objects.get(pk=d.pk).title == "同心县城区养犬管理规定"
    d = in_review(county.gov, title="另一个")
    with pytest.raises(ValidationError, match="不能再修改"):
        sv.normdoc_update(actor=None, doc=d, data={"text": "改过的正文"})
    with pytest.raises(ValidationError, match="发文字号格式"):
        sv.normdoc_update(actor=None, doc=d, data={"doc_number": "abc"})

"""Writes of 重大行政决策. One code path for forms, API, the portal and the demo.

Each service: keyword-only, ``@transaction.atomic``, permission (``can_write`` on the owning
organization; ``actor=None`` is the system or, for portal comments, the anonymous public),
``full_clean()``, save, ``audit_log``. Guards cite 《重大行政决策程序暂行条例》 (条例):

- 第三条第三款: the catalog is published after the Party committee agrees; adjustments are recorded.
- 第十五条: public comment ``decision.public_comment`` (≥30 calendar days from publication); a shorter
  period only with a stated reason.
- 第十八条: comments are summarised and the adoption is published before the step closes.
- 第二十条: expert opinions are written and signed.
- 第二十二条 / 第二十四条: risk report and level.
- 第二十五条至第二十八条: legality review ``decision.legality_review`` (≥7 working days) with a
  法律顾问 or 公职律师; unreviewed or unlawful drafts may not go to the meeting.
- 第二十九条: the materials of the collective discussion; 第三十条: 常务会议/全体会议, head decides,
  dissent recorded; 第三十一条: 请示报告 to the Party committee; 第三十二条: publication;
  第三十四条: implementation reports; 第三十六条: post-evaluation (third party ≠ pre-decision assessor).
"""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.deadlines import MissingHolidayData, UnknownRule
from fazhi.core.deadlines import compute_due as _compute_due
from fazhi.core.models import Organization
from fazhi.core.scoping import can_write
from fazhi.decisions.choices import (SKIPPABLE_STEPS, CatalogStatus, ChangeKind, CommentStatus,
                                     DecisionState, LegalityConclusion, Outcome, WorkKind, OpinionSubject)
from fazhi.decisions.models import (Adviser, AdviserWork, Catalog, CatalogChange, CatalogItem, Comment, Decision,
                                    ExpertOpinion, Hearing, ImplementationReport)

TIAOLI = "《重大行政决策程序暂行条例》"
COMMENT_RULE = "decision.public_comment"
LEGALITY_RULE = "decision.legality_review"

register_actions({
    "decisions.catalog.create": "编制重大行政决策事项目录",
    "decisions.catalog.publish": "公布重大行政决策事项目录",
    "decisions.catalog_item.add": "增加目录事项",
    "decisions.catalog_item.update": "调整目录事项",
    "decisions.catalog_item.remove": "调出目录事项",
    "decisions.decision.start": "决策启动",
    "decisions.decision.update": "修改决策信息",
    "decisions.decision.open_consultation": "公开征求意见",
    "decisions.decision.close_consultation": "公布公众意见采纳情况",
    "decisions.decision.skip": "免于履行程序（记录法定理由）",
    "decisions.decision.expert_opinion": "登记专家论证意见",
    "decisions.decision.hearing": "登记听证会",
    "decisions.decision.expert_done": "完成专家论证",
    "decisions.decision.risk_done": "完成风险评估",
    "decisions.decision.submit_legality": "送请合法性审查",
    "decisions.decision.legality_done": "出具合法性审查意见",
    "decisions.decision.return_revision": "退回修改后重新送审",
    "decisions.decision.decide": "集体讨论决定",
    "decisions.decision.report_party": "向党委请示报告",
    "decisions.decision.publish": "决策公布",
    "decisions.decision.npc_file": "向人大常委会备案",
    "decisions.decision.implementation_report": "决策执行情况报告",
    "decisions.decision.evaluate": "决策后评估",
    "decisions.comment.submit": "公众提交意见",
    "decisions.comment.moderate": "审核公众意见",
    "decisions.comment.adopt": "公众意见采纳处理",
    "decisions.adviser.create": "新增法律顾问/公职律师",
    "decisions.adviser.update": "修改法律顾问/公职律师",
    "decisions.adviser_work.add": "登记法律顾问工作",
    "decisions.adviser_work.update": "修改法律顾问工作记录",
    "decisions.bulk_load": "批量载入重大行政决策记录",
})


def compute_due(rule_code: str, start: datetime.date) -> datetime.date:
    """``core.deadlines.compute_due`` with its failures as a Chinese ValidationError (never a 500)."""
    try:
        return _compute_due(rule_code, start)
    except (MissingHolidayData, UnknownRule) as exc:
        raise ValidationError(str(exc)) from exc


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有在该单位办理重大行政决策事项的权限。")


def _fields(model) -> list[str]:
    skip = {"id", "code", "created_at", "updated_at"}
    return [f.name for f in model._meta.concrete_fields if f.name not in skip]


def _not_before(value, earlier, field: str, label: str) -> None:
    if value is None:
        raise ValidationError({field: "请填写日期。"})
    if earlier and value < earlier:
        raise ValidationError({field: f"{label}不能早于 {earlier:%Y-%m-%d}。"})


def _require_text(value: str, field: str, msg: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: msg})
    return value


def _transition(decision: Decision, method: str, action: str, actor, data: dict, request_id: str, *args, **kwargs):
    fn = getattr(decision, method)
    if not can_proceed(fn):
        raise ValidationError(f"当前环节为“{decision.get_state_display()}”，不能办理该步骤。")
    before = snapshot(decision, _fields(Decision))
    fn(*args, **kwargs)
    decision.full_clean()
    decision.save()
    audit_log(actor=actor, action=action, target=decision, request_id=request_id,
              data={**data, "changes": diff(before, snapshot(decision, _fields(Decision)))})
    return decision


# -- catalog ---------------------------------------------------------------------------------------

@transaction.atomic
def catalog_create(*, actor, organization: Organization, year: int, title: str = "", request_id: str = "") -> Catalog:
    _require_write(actor, organization)
    cat = Catalog(organization=organization, year=year, title=(title or f"{year}年重大行政决策事项目录").strip())
    if Catalog.objects.filter(organization=organization, year=year).exists():
        raise ValidationError({"year": f"{year}年的目录已经存在。"})
    cat.full_clean()
    cat.save()
    audit_log(actor=actor, action="decisions.catalog.create", target=cat, data={"after": snapshot(cat, _fields(Catalog))},
              request_id=request_id)
    return cat


@transaction.atomic
def catalog_publish(*, actor, catalog: Catalog, party_approved_on: datetime.date, published_on: datetime.date,
                    request_id: str = "") -> Catalog:
    """条例 第三条第三款: 经同级党委同意后向社会公布."""
    _require_write(actor, catalog.organization)
    if catalog.status == CatalogStatus.PUBLISHED:
        raise ValidationError("目录已经公布；调整事项请逐项办理并说明理由。")
    if party_approved_on is None:
        raise ValidationError({"party_approved_on": f"目录须经同级党委同意后向社会公布（{TIAOLI}第三条第三款）。"})
    _not_before(published_on, party_approved_on, "published_on", "公布日期")
    if not catalog.items.filter(removed=False).exists():
        raise ValidationError("目录中还没有决策事项。")
    catalog.party_approved_on, catalog.published_on = party_approved_on, published_on
    catalog.status = CatalogStatus.PUBLISHED
    catalog.full_clean()
    catalog.save()
    audit_log(actor=actor, action="decisions.catalog.publish", target=catalog, request_id=request_id,
              data={"party_approved_on": party_approved_on, "published_on": published_on,
                    "items": catalog.items.filter(removed=False).count()})
    return catalog


def _record_change(catalog, item, kind, on, reason, summary=""):
    if catalog.status != CatalogStatus.PUBLISHED:
        return None
    reason = _require_text(reason, "reason", f"已公布目录的调整须说明理由（{TIAOLI}第三条第三款：根据实际情况调整）。")
    if on is None:
        raise ValidationError({"changed_on": "请填写调整日期。"})
    ch = CatalogChange(organization=catalog.organization, catalog=catalog, item=item, kind=kind, changed_on=on,
                       reason=reason, summary=summary[:500])
    ch.full_clean()
    ch.save()
    return ch


@transaction.atomic
def catalog_item_add(*, actor, catalog: Catalog, title: str, deciding_organ: str, undertaking_unit: str,
                     category: str = "policy", planned_start=None, planned_finish=None, notes: str = "",
                     changed_on=None, reason: str = "", request_id: str = "") -> CatalogItem:
    _require_write(actor, catalog.organization)
    seq = (catalog.items.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    item = CatalogItem(organization=catalog.organization, catalog=catalog, seq=seq, title=(title or "").strip(),
                       category=category, deciding_organ=(deciding_organ or "").strip(),
                       undertaking_unit=(undertaking_unit or "").strip(), planned_start=planned_start,
                       planned_finish=planned_finish, notes=notes)
    item.full_clean()
    item.save()
    change = _record_change(catalog, item, ChangeKind.ADD, changed_on, reason, f"增加事项：{item.title}")
    audit_log(actor=actor, action="decisions.catalog_item.add", target=item, request_id=request_id,
              data={"after": snapshot(item, _fields(CatalogItem)), "reason": change.reason if change else ""})
    return item


ITEM_EDITABLE = {"title", "category", "deciding_organ", "undertaking_unit", "planned_start", "planned_finish", "notes"}


@transaction.atomic
def catalog_item_update(*, actor, item: CatalogItem, data: dict, changed_on=None, reason: str = "",
                        request_id: str = "") -> CatalogItem:
    _require_write(actor, item.organization)
    before = snapshot(CatalogItem.objects.get(pk=item.pk), _fields(CatalogItem))  # in-memory item may be dirty
    for key, value in data.items():
        if key not in ITEM_EDITABLE:
            raise ValidationError({key: "该字段不可修改。"})
        setattr(item, key, value)
    item.full_clean()
    changes = diff(before, snapshot(item, _fields(CatalogItem)))
    if not changes:
        return item
    summary = "；".join(f"{CatalogItem._meta.get_field(k).verbose_name}：{v.get('before') or '（空）'} → "
                       f"{v.get('after') or '（空）'}" for k, v in changes.items())
    _record_change(item.catalog, item, ChangeKind.MODIFY, changed_on, reason, summary)
    item.save()
    audit_log(actor=actor, action="decisions.catalog_item.update", target=item, request_id=request_id,
              data={"changes": changes, "reason": reason})
    return item


@transaction.atomic
def catalog_item_remove(*, actor, item: CatalogItem, changed_on, reason: str, request_id: str = "") -> CatalogItem:
    _require_write(actor, item.organization)
    if item.removed:
        raise ValidationError("该事项已调出目录。")
    if hasattr(item, "decision") and item.decision.state not in (DecisionState.STARTED,):
        raise ValidationError("该事项的决策程序已经开展，不能调出目录。")
    _record_change(item.catalog, item, ChangeKind.REMOVE, changed_on, reason, f"调出事项：{item.title}")
    item.removed = True
    item.save()
    audit_log(actor=actor, action="decisions.catalog_item.remove", target=item, request_id=request_id,
              data={"reason": reason})
    return item


# -- decision procedure ----------------------------------------------------------------------------

DECISION_EDITABLE = {"title", "category", "undertaking_unit", "start_basis", "draft", "concerns_market",
                     "fair_competition_review"}


@transaction.atomic
def decision_start(*, actor, organization: Organization, title: str, undertaking_unit: str,
                   started_on: datetime.date, category: str = "policy", catalog_item: CatalogItem | None = None,
                   start_basis: str = "", draft: str = "", concerns_market: bool = False,
                   fair_competition_review: str = "", request_id: str = "") -> Decision:
    """条例 第十条、第十一条: the decision starts and its 承办单位 is named."""
    _require_write(actor, organization)
    if catalog_item is not None:
        if catalog_item.organization_id != organization.id:
            raise ValidationError({"catalog_item": "目录事项不属于该单位。"})
        if catalog_item.removed:
            raise ValidationError({"catalog_item": "该事项已调出目录。"})
        if Decision.objects.filter(catalog_item=catalog_item).exists():
            raise ValidationError({"catalog_item": "该目录事项已经启动决策程序。"})
    if started_on is None:
        raise ValidationError({"started_on": "请填写启动日期。"})
    d = Decision(organization=organization, title=(title or "").strip(), undertaking_unit=(undertaking_unit or "").strip(),
                 started_on=started_on, category=category, catalog_item=catalog_item, start_basis=start_basis,
                 draft=draft, concerns_market=concerns_market, fair_competition_review=fair_competition_review)
    d.full_clean()
    d.save()
    audit_log(actor=actor, action="decisions.decision.start", target=d, request_id=request_id,
              data={"after": snapshot(d, ["title", "undertaking_unit", "started_on", "category"])})
    return d


@transaction.atomic
def decision_update(*, actor, decision: Decision, data: dict, request_id: str = "") -> Decision:
    _require_write(actor, decision.organization)
    if decision.state in (DecisionState.DECIDED, DecisionState.REPORTED, DecisionState.PUBLISHED,
                          DecisionState.EXECUTING, DecisionState.EVALUATED, DecisionState.NOT_ADOPTED):
        raise ValidationError("决策已经集体讨论决定，草案与基本信息不能再修改（条例第三十七条：依法变更须重新履行程序）。")
    before = snapshot(decision, _fields(Decision))
    for key, value in data.items():
        if key not in DECISION_EDITABLE:
            raise ValidationError({key: "该字段不可修改。"})
        setattr(decision, key, value)
    decision.full_clean()
    decision.save()
    audit_log(actor=actor, action="decisions.decision.update", target=decision, request_id=request_id,
              data={"changes": diff(before, snapshot(decision, _fields(Decision)))})
    return decision


def comment_period_end(opens_on: datetime.date) -> datetime.date:
    """The earliest closing day: 30 calendar days from publication (条例 第十五条)."""
    return compute_due(COMMENT_RULE, opens_on)


@transaction.atomic
def decision_open_consultation(*, actor, decision: Decision, opens_on: datetime.date,
                               closes_on: datetime.date | None = None, shortened_reason: str = "",
                               request_id: str = "") -> Decision:
    """条例 第十五条: publish the draft for comment, normally for at least 30 days."""
    _require_write(actor, decision.organization)
    _not_before(opens_on, decision.started_on, "opens_on", "征求意见开始日期")
    if not decision.draft.strip():
        raise ValidationError({"draft": f"公开征求意见须公布决策草案（{TIAOLI}第十五条）。"})
    minimum = comment_period_end(opens_on)
    closes_on = closes_on or minimum
    if closes_on <= opens_on:
        raise ValidationError({"closes_on": "截止日期须晚于开始日期。"})
    if closes_on < minimum and not shortened_reason.strip():
        raise ValidationError({"closes_on": f"公开征求意见的期限一般不少于30日（至 {minimum:%Y-%m-%d}）；"
                                            f"因情况紧急等原因缩短的，应当予以说明（{TIAOLI}第十五条）。"})
    return _transition(decision, "open_consultation_art15", "decisions.decision.open_consultation", actor,
                       {"opens_on": opens_on, "closes_on": closes_on, "minimum": minimum}, request_id,
                       opens_on, closes_on, shortened_reason.strip() if closes_on < minimum else "")


@transaction.atomic
def decision_skip(*, actor, decision: Decision, step: str, reason: str, request_id: str = "") -> Decision:
    """A step not required for this decision: the legal reason is recorded (条例 第十四条/第十九条/第二十二条)."""
    _require_write(actor, decision.organization)
    if step not in SKIPPABLE_STEPS:
        raise ValidationError({"step": "合法性审查、集体讨论决定是必经程序，不能免于履行（条例第二十五条、第三十条）。"})
    articles = {"consultation": "第十四条（依法不予公开的决策事项除外）", "expert": "第十九条（专业性、技术性较强的事项）",
                "risk": "第二十二条（可能对社会稳定、公共安全等方面造成不利影响的）"}
    reason = _require_text(reason, "reason", f"免于{SKIPPABLE_STEPS[step]}须记录法定理由（{TIAOLI}{articles[step]}）。")
    method = {"consultation": "skip_consultation_art14", "expert": "skip_expert_art19", "risk": "skip_risk_art22"}[step]
    return _transition(decision, method, "decisions.decision.skip", actor, {"step": step, "reason": reason},
                       request_id, reason)


@transaction.atomic
def decision_close_consultation(*, actor, decision: Decision, on: datetime.date, summary: str,
                                request_id: str = "") -> Decision:
    """条例 第十八条: summarise the opinions and publish how they were adopted."""
    _require_write(actor, decision.organization)
    _not_before(on, decision.comment_opens_on, "on", "采纳情况公布日期")
    before_summary = decision.adoption_summary
    decision.adoption_summary = (summary or "").strip()
    problems = decision.problems_close_consultation(on)
    decision.adoption_summary = before_summary
    if problems:
        raise ValidationError(problems)
    return _transition(decision, "close_consultation_art18", "decisions.decision.close_consultation", actor,
                       {"on": on, "published_comments": decision.comments.filter(status=CommentStatus.PUBLISHED).count()},
                       request_id, summary.strip(), on)


@transaction.atomic
def hearing_add(*, actor, decision: Decision, held_on: datetime.date, place: str, announced_on: datetime.date,
                participants_published_on: datetime.date, papers_sent_on: datetime.date, participants: str,
                record: str, record_signed: bool, request_id: str = "") -> Hearing:
    """条例 第十六条、第十七条: announced in advance, participant list published in advance, papers served
    at least 7 days before, the record confirmed and signed by the participants."""
    _require_write(actor, decision.organization)
    if decision.state != DecisionState.CONSULTING:
        raise ValidationError("听证会在公众参与环节登记。")
    errors = {}
    if announced_on and held_on and announced_on >= held_on:
        errors["announced_on"] = f"应当提前公布决策草案及听证时间、地点（{TIAOLI}第十六条第二款）。"
    if participants_published_on and held_on and participants_published_on >= held_on:
        errors["participants_published_on"] = f"听证参加人名单应当提前向社会公布（{TIAOLI}第十六条第三款）。"
    if papers_sent_on and held_on and papers_sent_on > held_on - datetime.timedelta(days=7):
        errors["papers_sent_on"] = (f"听证会材料应当于召开听证会7日前送达听证参加人（最迟 "
                                    f"{held_on - datetime.timedelta(days=7):%Y-%m-%d}，{TIAOLI}第十六条第三款）。")
    if not record_signed:
        errors["record_signed"] = f"听证参加人应当确认听证会记录并签字（{TIAOLI}第十七条）。"
    if errors:
        raise ValidationError(errors)
    _not_before(announced_on, decision.comment_opens_on, "announced_on", "公布日期")
    h = Hearing(organization=decision.organization, decision=decision, held_on=held_on, place=(place or "").strip(),
                announced_on=announced_on, participants_published_on=participants_published_on,
                papers_sent_on=papers_sent_on, participants=(participants or "").strip(), record=(record or "").strip(),
                record_signed=record_signed)
    h.full_clean()
    h.save()
    audit_log(actor=actor, action="decisions.decision.hearing", target=decision, request_id=request_id,
              data={"held_on": held_on, "place": h.place})
    return h


@transaction.atomic
def expert_opinion_add(*, actor, decision: Decision, expert: str, opinion: str, given_on: datetime.date,
                       affiliation: str = "", signed: bool = True, adoption: str = "", request_id: str = "") -> ExpertOpinion:
    _require_write(actor, decision.organization)
    if decision.state != DecisionState.EXPERT:
        raise ValidationError("只有在专家论证环节才能登记专家论证意见。")
    if not signed:
        raise ValidationError({"signed": f"专家提交的书面论证意见应当签署姓名（{TIAOLI}第二十条）。"})
    op = ExpertOpinion(organization=decision.organization, decision=decision, expert=(expert or "").strip(),
                       affiliation=affiliation, opinion=(opinion or "").strip(), given_on=given_on, signed=signed,
                       adoption=adoption)
    op.full_clean()
    op.save()
    audit_log(actor=actor, action="decisions.decision.expert_opinion", target=decision, request_id=request_id,
              data={"expert": op.expert, "given_on": given_on})
    return op


@transaction.atomic
def decision_complete_expert(*, actor, decision: Decision, on: datetime.date, adoption: str,
                             request_id: str = "") -> Decision:
    _require_write(actor, decision.organization)
    if not decision.expert_opinions.exists():
        raise ValidationError(f"尚未登记专家书面论证意见（{TIAOLI}第二十条）。")
    adoption = _require_text(adoption, "adoption", f"须说明专家意见采纳情况（{TIAOLI}第二十九条）。")
    return _transition(decision, "complete_expert_art19", "decisions.decision.expert_done", actor, {"on": on},
                       request_id, adoption, on)


@transaction.atomic
def decision_complete_risk(*, actor, decision: Decision, assessor: str, report: str, level: str, on: datetime.date,
                           request_id: str = "") -> Decision:
    """条例 第二十二条、第二十三条: the risk assessment report and its risk level."""
    _require_write(actor, decision.organization)
    report = _require_text(report, "report", f"开展风险评估应当形成风险评估报告（{TIAOLI}第二十三条）。")
    if not level:
        raise ValidationError({"level": "请确定风险等级。"})
    if level == "high":
        raise ValidationError({"level": f"风险不可控的，应当采取调整决策草案等措施，确保风险可控后再提交（{TIAOLI}第二十四条）。"})
    return _transition(decision, "complete_risk_art22", "decisions.decision.risk_done", actor,
                       {"level": level, "on": on}, request_id, (assessor or "").strip(), report, level, on)


@transaction.atomic
def decision_submit_legality(*, actor, decision: Decision, on: datetime.date, request_id: str = "") -> Decision:
    """条例 第二十五条: submit to the legality review; the review gets ≥7 working days (第二十六条第二款)."""
    _require_write(actor, decision.organization)
    _not_before(on, decision.started_on, "on", "送审日期")
    earliest = compute_due(LEGALITY_RULE, on)
    return _transition(decision, "submit_legality_art25", "decisions.decision.submit_legality", actor,
                       {"on": on, "earliest": earliest}, request_id, on, earliest)


@transaction.atomic
def decision_conclude_legality(*, actor, decision: Decision, on: datetime.date, reviewer: str,
                               adviser: Adviser | None, opinion: str, conclusion: str, short_reason: str = "",
                               request_id: str = "") -> Decision:
    """条例 第二十六条至第二十八条. The adviser's opinion is also logged in the adviser's work log."""
    _require_write(actor, decision.organization)
    _not_before(on, decision.legality_submitted_on, "on", "审查完成日期")
    if adviser is None:
        raise ValidationError({"adviser": f"合法性审查应当组织法律顾问、公职律师提出法律意见（{TIAOLI}第二十八条）。"})
    if adviser.organization_id != decision.organization_id and not (actor is None or can_write(actor, adviser.organization)):
        raise ValidationError({"adviser": "请选择本单位的法律顾问或公职律师。"})
    opinion = _require_text(opinion, "opinion", f"须出具合法性审查意见（{TIAOLI}第二十八条）。")
    if conclusion not in LegalityConclusion.values:
        raise ValidationError({"conclusion": "请选择审查结论。"})
    problems = decision.problems_legality_conclude(on, short_reason)
    if problems:
        raise ValidationError({"on": problems})
    d = _transition(decision, "conclude_legality_art26", "decisions.decision.legality_done", actor,
                    {"on": on, "conclusion": conclusion}, request_id, on=on, reviewer=(reviewer or "").strip(),
                    adviser=adviser, opinion=opinion, conclusion=conclusion,
                    short_reason=short_reason.strip() if decision.legality_earliest_on and on < decision.legality_earliest_on else "")
    adviser_work_add(actor=actor, organization=decision.organization, adviser=adviser, kind=WorkKind.OPINION, on=on,
                     title=f"对《{decision.title}》出具合法性审查意见", subject_kind=OpinionSubject.DECISION,
                     decision=decision, content=opinion, request_id=request_id)
    return d


@transaction.atomic
def decision_return_for_revision(*, actor, decision: Decision, request_id: str = "") -> Decision:
    _require_write(actor, decision.organization)
    if decision.legality_conclusion != LegalityConclusion.UNLAWFUL:
        raise ValidationError("只有审查结论为不合法的草案才退回修改。")
    return _transition(decision, "return_for_revision_art26", "decisions.decision.return_revision", actor, {}, request_id)


@transaction.atomic
def decision_decide(*, actor, decision: Decision, kind: str, name: str, on: datetime.date, outcome: str,
                    head_decision: str, dissent: str = "", differs_reason: str = "", request_id: str = "") -> Decision:
    """条例 第三十条: 常务会议/全体会议 discuss; the head decides; dissent is recorded.

    Guard (第二十五条第二款, 第二十九条): no collective decision without a lawful legality review and
    the full set of materials.
    """
    _require_write(actor, decision.organization)
    problems = decision.problems_decide()
    if problems:
        raise ValidationError(problems)
    _not_before(on, decision.legality_done_on, "on", "会议日期")
    if kind not in ("standing", "plenary"):
        raise ValidationError({"kind": f"重大行政决策应当经决策机关常务会议或者全体会议讨论（{TIAOLI}第三十条）。"})
    head_decision = _require_text(head_decision, "head_decision",
                                  f"须记录行政首长的决定（{TIAOLI}第三十条：行政首长在集体讨论的基础上作出决定）。")
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "请选择讨论结果。"})
    args = dict(kind=kind, name=(name or "").strip(), on=on, head_decision=head_decision, dissent=(dissent or "").strip(),
                differs_reason=(differs_reason or "").strip())
    if outcome == Outcome.NOT_ADOPTED:
        return _transition(decision, "reject_art30", "decisions.decision.decide", actor, {"outcome": outcome},
                           request_id, **args)
    return _transition(decision, "decide_art30", "decisions.decision.decide", actor, {"outcome": outcome}, request_id,
                       outcome=outcome, **args)


@transaction.atomic
def decision_report_party(*, actor, decision: Decision, on: datetime.date, reply: str = "", request_id: str = "") -> Decision:
    """条例 第三十一条: 出台前应当按照规定向同级党委请示报告."""
    _require_write(actor, decision.organization)
    _not_before(on, decision.meeting_on, "on", "请示报告日期")
    return _transition(decision, "report_party_art31", "decisions.decision.report_party", actor, {"on": on},
                       request_id, on, (reply or "").strip())


@transaction.atomic
def decision_publish(*, actor, decision: Decision, on: datetime.date, channel: str, number: str = "",
                     request_id: str = "") -> Decision:
    """条例 第三十二条: publish through the gazette, the government website or local newspapers."""
    _require_write(actor, decision.organization)
    if decision.state == DecisionState.DECIDED:
        raise ValidationError(f"决策出台前应当向同级党委请示报告（{TIAOLI}第三十一条）。")
    _not_before(on, decision.party_reported_on, "on", "公布日期")
    channel = _require_text(channel, "channel", f"请填写公布渠道（{TIAOLI}第三十二条：政府公报、政府网站、本地报纸等）。")
    return _transition(decision, "publish_art32", "decisions.decision.publish", actor, {"on": on}, request_id,
                       on, channel, (number or "").strip())


@transaction.atomic
def decision_file_npc(*, actor, decision: Decision, on: datetime.date, number: str = "", request_id: str = "") -> Decision:
    """Filing with the county 人大常委会 (the seed report: 向县人大常委会进行了备案)."""
    _require_write(actor, decision.organization)
    if decision.state not in (DecisionState.DECIDED, DecisionState.REPORTED, DecisionState.PUBLISHED,
                              DecisionState.EXECUTING, DecisionState.EVALUATED):
        raise ValidationError("决策经集体讨论决定后才能向人大常委会备案。")
    if decision.npc_filed_on:
        raise ValidationError("已经备案。")
    _not_before(on, decision.meeting_on, "on", "备案日期")
    before = snapshot(decision, ["npc_filed_on", "npc_filing_number"])
    decision.npc_filed_on, decision.npc_filing_number = on, (number or "").strip()
    decision.full_clean()
    decision.save()
    audit_log(actor=actor, action="decisions.decision.npc_file", target=decision, request_id=request_id,
              data={"changes": diff(before, snapshot(decision, ["npc_filed_on", "npc_filing_number"]))})
    return decision


@transaction.atomic
def implementation_report_add(*, actor, decision: Decision, on: datetime.date, unit: str, progress: str,
                              problems: str = "", request_id: str = "") -> ImplementationReport:
    """条例 第三十四条、第三十五条."""
    _require_write(actor, decision.organization)
    _not_before(on, decision.published_on, "on", "报告日期")
    if not can_proceed(decision.report_execution_art34):
        raise ValidationError("决策公布后才能报告执行情况（条例第三十四条）。")
    rep = ImplementationReport(organization=decision.organization, decision=decision, reported_on=on,
                               unit=(unit or "").strip(), progress=(progress or "").strip(), problems=(problems or "").strip())
    rep.full_clean()
    rep.save()
    _transition(decision, "report_execution_art34", "decisions.decision.implementation_report", actor,
                {"on": on, "unit": rep.unit}, request_id)
    return rep


@transaction.atomic
def decision_evaluate(*, actor, decision: Decision, trigger: str, evaluator: str, third_party: bool, report: str,
                      on: datetime.date, request_id: str = "") -> Decision:
    """条例 第三十六条: post-evaluation on its triggers; a third party may not be the pre-decision assessor."""
    _require_write(actor, decision.organization)
    if not trigger:
        raise ValidationError({"trigger": f"请选择开展后评估的情形（{TIAOLI}第三十六条第一款）。"})
    evaluator = _require_text(evaluator, "evaluator", "请填写评估单位。")
    if third_party and decision.risk_assessor and evaluator == decision.risk_assessor:
        raise ValidationError({"evaluator": f"委托专业机构、社会组织等第三方评估的，不得委托参与决策前评估的机构（{TIAOLI}第三十六条第二款）。"})
    report = _require_text(report, "report", "请填写后评估报告。")
    _not_before(on, decision.published_on, "on", "后评估完成日期")
    return _transition(decision, "evaluate_art36", "decisions.decision.evaluate", actor,
                       {"trigger": trigger, "third_party": third_party}, request_id,
                       trigger=trigger, evaluator=evaluator, third_party=third_party, report=report, on=on)


# -- public comments -------------------------------------------------------------------------------

def consultation_open(decision: Decision, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (decision.state == DecisionState.CONSULTING and decision.comment_opens_on is not None
            and decision.comment_opens_on <= today <= decision.comment_closes_on)


@transaction.atomic
def comment_submit(*, decision: Decision, body: str, name: str = "", contact: str = "", client_hash: str = "",
                   now: datetime.datetime | None = None, request_id: str = "") -> Comment:
    """Anyone may comment while the consultation is open (条例 第十五条); comments wait for moderation."""
    now = now or timezone.now()
    if not consultation_open(decision, timezone.localdate(now)):
        raise ValidationError("该事项当前不在公开征求意见期内。")
    c = Comment(organization=decision.organization, decision=decision, body=(body or "").strip(),
                name=(name or "").strip(), contact=(contact or "").strip(), submitted_at=now, client_hash=client_hash)
    if len(c.body) < 5:
        raise ValidationError({"body": "意见内容至少5个字。"})
    c.full_clean()
    c.save()
    audit_log(actor=None, action="decisions.comment.submit", target=c, request_id=request_id,
              data={"decision": str(decision.code), "length": len(c.body)})
    return c


@transaction.atomic
def comment_moderate(*, actor, comment: Comment, publish: bool, reason: str = "", request_id: str = "") -> Comment:
    _require_write(actor, comment.organization)
    if comment.status != CommentStatus.PENDING:
        raise ValidationError("该意见已经审核。")
    if not publish:
        reason = _require_text(reason, "reason", "不予公开的，须说明理由。")
    comment.status = CommentStatus.PUBLISHED if publish else CommentStatus.REJECTED
    comment.moderation_reason = (reason or "").strip()
    comment.moderated_at = timezone.now()
    comment.full_clean()
    comment.save()
    audit_log(actor=actor, action="decisions.comment.moderate", target=comment, request_id=request_id,
              data={"status": comment.status, "reason": comment.moderation_reason})
    return comment


@transaction.atomic
def comment_set_adoption(*, actor, comment: Comment, adoption: str, note: str = "", request_id: str = "") -> Comment:
    _require_write(actor, comment.organization)
    if comment.status != CommentStatus.PUBLISHED:
        raise ValidationError("只对已公开的意见作采纳处理。")
    comment.adoption, comment.adoption_note = adoption, (note or "").strip()
    comment.full_clean()
    comment.save()
    audit_log(actor=actor, action="decisions.comment.adopt", target=comment, request_id=request_id,
              data={"adoption": adoption, "note": comment.adoption_note})
    return comment


# -- legal advisers --------------------------------------------------------------------------------

ADVISER_EDITABLE = {"name", "kind", "employer", "license_no", "contract_no", "term_start", "term_end", "is_active"}


@transaction.atomic
def adviser_create(*, actor, organization: Organization, name: str, kind: str, employer: str = "",
                   license_no: str = "", contract_no: str = "", term_start=None, term_end=None, is_active: bool = True,
                   request_id: str = "") -> Adviser:
    _require_write(actor, organization)
    a = Adviser(organization=organization, name=(name or "").strip(), kind=kind, employer=(employer or "").strip(),
                license_no=(license_no or "").strip(), contract_no=(contract_no or "").strip(), term_start=term_start,
                term_end=term_end, is_active=is_active)
    a.full_clean()
    a.save()
    audit_log(actor=actor, action="decisions.adviser.create", target=a, request_id=request_id,
              data={"after": snapshot(a, _fields(Adviser))})
    return a


@transaction.atomic
def adviser_update(*, actor, adviser: Adviser, data: dict, request_id: str = "") -> Adviser:
    _require_write(actor, adviser.organization)
    before = snapshot(adviser, _fields(Adviser))
    for key, value in data.items():
        if key not in ADVISER_EDITABLE:
            raise ValidationError({key: "该字段不可修改。"})
        setattr(adviser, key, value)
    adviser.full_clean()
    adviser.save()
    audit_log(actor=actor, action="decisions.adviser.update", target=adviser, request_id=request_id,
              data={"changes": diff(before, snapshot(adviser, _fields(Adviser)))})
    return adviser


def _work(organization, adviser, kind, on, title, subject_kind="", decision=None, subject_ref="", case_number="",
          content="") -> AdviserWork:
    if adviser.organization_id != organization.id:
        raise ValidationError({"adviser": "法律顾问不属于该单位。"})
    if decision is not None and decision.organization_id != organization.id:
        raise ValidationError({"decision": "关联决策不属于该单位。"})
    if kind != WorkKind.OPINION:
        subject_kind, decision, subject_ref = "", None, subject_ref if kind == WorkKind.MEETING else ""
    w = AdviserWork(organization=organization, adviser=adviser, kind=kind, on=on, title=(title or "").strip(),
                    subject_kind=subject_kind or "", decision=decision, subject_ref=(subject_ref or "").strip(),
                    case_number=(case_number or "").strip(), content=(content or "").strip())
    w.full_clean()
    return w


@transaction.atomic
def adviser_work_add(*, actor, organization: Organization, adviser: Adviser, kind: str, on: datetime.date, title: str,
                     subject_kind: str = "", decision: Decision | None = None, subject_ref: str = "",
                     case_number: str = "", content: str = "", request_id: str = "") -> AdviserWork:
    _require_write(actor, organization)
    w = _work(organization, adviser, kind, on, title, subject_kind, decision, subject_ref, case_number, content)
    w.save()
    audit_log(actor=actor, action="decisions.adviser_work.add", target=w, request_id=request_id,
              data={"adviser": adviser.name, "kind": kind, "on": on, "title": w.title})
    return w


WORK_EDITABLE = {"adviser", "kind", "on", "title", "subject_kind", "decision", "subject_ref", "case_number", "content"}


@transaction.atomic
def adviser_work_update(*, actor, work: AdviserWork, data: dict, request_id: str = "") -> AdviserWork:
    """Correct a work-log entry (a wrong date, adviser, kind or subject); validated like ``adviser_work_add``."""
    _require_write(actor, work.organization)
    unknown = set(data) - WORK_EDITABLE
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "该字段不可修改。"})
    before = snapshot(work, _fields(AdviserWork))
    values = {k: getattr(work, k) for k in WORK_EDITABLE}
    values.update(data)
    fresh = _work(work.organization, **values)
    for key in WORK_EDITABLE:
        setattr(work, key, getattr(fresh, key))
    work.full_clean()
    work.save()
    audit_log(actor=actor, action="decisions.adviser_work.update", target=work, request_id=request_id,
              data={"changes": diff(before, snapshot(work, _fields(AdviserWork)))})
    return work


@transaction.atomic
def adviser_work_bulk_load(*, organization: Organization, rows: list[dict]) -> int:
    """Demo / import: validate every row like ``adviser_work_add`` and create them; one audit event."""
    objs = [_work(organization, **row) for row in rows]
    AdviserWork.objects.bulk_create(objs)
    audit_log(actor=None, action="decisions.bulk_load", organization=organization,
              data={"adviser_work": len(objs)}, target_type="decisions.adviserwork", target_repr="法律顾问工作记录批量载入")
    return len(objs)


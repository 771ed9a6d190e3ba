"""Writes of 行政规范性文件. One code path for forms, API, Excel/folder import and the demo.

Each service: keyword-only, ``@transaction.atomic``, permission (``can_write`` on the owning
organization; ``actor=None`` is the system), ``full_clean()``, save, ``audit_log``, and the search
index updated in the same transaction. Guards cite their basis (LEGAL-RULES.md §5):

- 37号 二(三): 评估论证 → 公开征求意见 → 合法性审核 → 集体审议决定 → 向社会公开发布.
- 征求意见: ``normdoc.public_comment`` (≥7 working days, 示范指标体系 第24项) or, for documents closely
  related to market actors, ``normdoc.public_comment_market`` (≥30 days, 《优化营商环境条例》第六十二条).
- 115号 二(五): 合法性审核 ``normdoc.legality_review_min`` (≥5 working days unless urgent) and
  ``normdoc.legality_review_max`` (≤15 working days, on the deadline board), by a 法制审核员;
  二(七): unreviewed or unlawful documents never go to 集体审议, and get no registration number.
- 三统一: registration number from a gapless per-year sequence (:func:`next_reg_number`).
- 公布 (37号; 政府信息公开条例 第二十条): only a published document can be in force.
- 备案 ``normdoc.filing`` (configurable, province-set; national default 30 days, U) to the government
  above and to the 人大常委会, tracked on the deadline board.
- 有效期 ``normdoc.validity`` (default 5 years, configurable); evaluation in the last 6 months.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_fsm import can_proceed

from fazhi.core import search
from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.choices import OrgKind, Role
from fazhi.core.deadlines import (
    MissingHolidayData,
    UnknownRule,
    deadline_done,
    deadline_register,
    get_rule,
)
from fazhi.core.deadlines import compute_due as _compute_due
from fazhi.core.models import Deadline, Organization
from fazhi.core.scoping import can_write, has_role
from fazhi.lib.validators import validate_doc_number
from fazhi.normdocs import screening
from fazhi.normdocs.choices import (
    DocClass,
    EvaluationConclusion,
    FlagKind,
    LegalityConclusion,
    Outcome,
)
from fazhi.normdocs.choices import DocState as S
from fazhi.normdocs.models import (
    N37,
    N115,
    AgencyReform,
    Campaign,
    Comment,
    CorpusDoc,
    Criterion,
    Flag,
    NormDoc,
    RegistrationSequence,
)

KIND_DOC = "normdocs.normdoc"
KIND_CORPUS = "normdocs.corpusdoc"
YSHJ62 = "《优化营商环境条例》第六十二条第二款"

register_actions({
    "normdocs.doc.create": "起草行政规范性文件",
    "normdocs.doc.update": "修改行政规范性文件",
    "normdocs.doc.evaluate_draft": "评估论证",
    "normdocs.doc.open_comment": "公开征求意见",
    "normdocs.doc.submit_legality": "送合法性审核",
    "normdocs.doc.conclude_legality": "出具合法性审核意见",
    "normdocs.doc.deliberate": "集体审议",
    "normdocs.doc.register": "统一登记、统一编号、统一印发",
    "normdocs.doc.publish": "向社会公开发布",
    "normdocs.doc.file": "报送备案",
    "normdocs.doc.enter_force": "施行（现行有效）",
    "normdocs.doc.evaluate": "有效期届满前评估",
    "normdocs.doc.end": "修改/废止/宣布失效",
    "normdocs.comment.submit": "公众提交意见（规范性文件）",
    "normdocs.campaign.create": "建立文件清理工作",
    "normdocs.campaign.update": "修改文件清理工作",
    "normdocs.campaign.publish_results": "公布文件清理结果",
    "normdocs.criterion.add": "增加清理标准",
    "normdocs.criterion.update": "修改清理标准",
    "normdocs.criterion.remove": "删除清理标准",
    "normdocs.corpus.add": "登记清理文件",
    "normdocs.corpus.import": "导入清理文件",
    "normdocs.corpus.classify": "清理文件分类（政策性/规范性）",
    "normdocs.corpus.review": "清理审查结果",
    "normdocs.screen.run": "自动初筛",
    "normdocs.flag.dismiss": "排除初筛提示",
    "normdocs.bulk_load": "批量载入规范性文件记录",
})


def compute_due(rule_code: str, start: datetime.date) -> datetime.date:
    """``core.deadlines.compute_due`` with its failures as a Chinese ValidationError (never a 500)."""
    try:
        return _compute_due(rule_code, start)
    except (MissingHolidayData, UnknownRule) as exc:
        raise ValidationError(str(exc)) from exc


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有在该单位办理行政规范性文件事项的权限。")


def _fields(model) -> list[str]:
    skip = {"id", "code", "created_at", "updated_at"}
    return [f.name for f in model._meta.concrete_fields if f.name not in skip]


def _date(value, field: str, earlier=None, label: str = "日期", earlier_label: str = "") -> datetime.date:
    if not isinstance(value, datetime.date):
        raise ValidationError({field: "请填写日期。"})
    if earlier and value < earlier:
        raise ValidationError({field: f"{label}不能早于{earlier_label}（{earlier:%Y-%m-%d}）。"})
    return value


def _text(value: str, field: str, msg: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: msg})
    return value


def index_doc(doc: NormDoc) -> None:
    year = (doc.published_on or doc.drafted_on).year
    search.index([search.Entry(KIND_DOC, doc.id, doc.organization_id, doc.title,
                               "\n".join([doc.doc_number, doc.reg_number, doc.issuer, doc.legal_basis, doc.text]),
                               status=doc.state, year=year, category="normative")])


def corpus_entry(d: CorpusDoc) -> search.Entry:
    return search.Entry(KIND_CORPUS, d.id, d.organization_id, d.title, f"{d.doc_number}\n{d.issuer}\n{d.text}",
                        status=d.outcome or "", year=d.issued_on.year, category=d.doc_class or "")


def _doc_url(doc) -> str:
    return reverse("normdocs:doc_detail", args=[doc.code])


def _transition(doc: NormDoc, method: str, action: str, actor, data: dict, request_id: str, **kwargs) -> NormDoc:
    fn = getattr(doc, method)
    if not can_proceed(fn):
        raise ValidationError(f"当前状态为“{doc.get_state_display()}”，不能办理该步骤。")
    before = snapshot(doc, _fields(NormDoc))
    fn(**kwargs)
    doc.full_clean()
    doc.save()
    index_doc(doc)
    audit_log(actor=actor, action=action, target=doc, request_id=request_id,
              data={**data, "changes": diff(before, snapshot(doc, _fields(NormDoc)))})
    return doc


# -- registry ---------------------------------------------------------------------------------------

def _clean_doc_number(value: str) -> str:
    value = (value or "").strip()
    return validate_doc_number(value)["value"] if value else ""


@transaction.atomic
def normdoc_create(*, actor, organization: Organization, title: str, issuer: str, drafted_on: datetime.date,
                   legal_basis: str = "", text: str = "", concerns_market: bool = False, doc_number: str = "",
                   request_id: str = "") -> NormDoc:
    _require_write(actor, organization)
    doc = NormDoc(organization=organization, title=_text(title, "title", "请填写文件名称。"),
                  issuer=_text(issuer, "issuer", "请填写制定机关。"), drafted_on=_date(drafted_on, "drafted_on"),
                  legal_basis=(legal_basis or "").strip(), text=text or "", concerns_market=bool(concerns_market),
                  doc_number=_clean_doc_number(doc_number))
    doc.full_clean()
    doc.save()
    index_doc(doc)
    audit_log(actor=actor, action="normdocs.doc.create", target=doc, request_id=request_id,
              data={"after": snapshot(doc, _fields(NormDoc))})
    return doc


DOC_EDITABLE = {"title", "issuer", "drafted_on", "legal_basis", "text", "concerns_market", "doc_number"}


@transaction.atomic
def normdoc_update(*, actor, doc: NormDoc, data: dict, request_id: str = "") -> NormDoc:
    """A clerk corrects the draft. Text and basis are frozen once the legality review has started
    (the reviewed text is the one deliberated, 115号 二(七)); the 发文字号 stays correctable."""
    _require_write(actor, doc.organization)
    list(NormDoc.objects.select_for_update().filter(pk=doc.pk))  # lock the row
    doc.refresh_from_db()  # the in-memory object may be dirty (a form's rejected values)
    before = snapshot(doc, _fields(NormDoc))
    frozen = doc.state not in (S.DRAFTING, S.CONSULTING)
    for key, value in data.items():
        if key not in DOC_EDITABLE:
            continue
        if frozen and key != "doc_number" and value != getattr(doc, key):
            raise ValidationError({key: f"文件已进入“{doc.get_state_display()}”环节，正文和基本信息不能再修改"
                                        f"（经合法性审核的文本方可提交集体审议，{N115}二（七））。"})
        if key == "doc_number":
            value = _clean_doc_number(value)
        setattr(doc, key, value.strip() if isinstance(value, str) and key not in ("text",) else value)
    doc.full_clean()
    doc.save()
    index_doc(doc)
    changes = diff(before, snapshot(doc, _fields(NormDoc)))
    audit_log(actor=actor, action="normdocs.doc.update", target=doc, request_id=request_id, data={"changes": changes})
    return doc


@transaction.atomic
def normdoc_evaluate_draft(*, actor, doc: NormDoc, on: datetime.date, summary: str, request_id: str = "") -> NormDoc:
    """评估论证 (37号 二(三)), recorded in the drafting stage."""
    _require_write(actor, doc.organization)
    if doc.state != S.DRAFTING:
        raise ValidationError("评估论证在起草阶段进行。")
    before = snapshot(doc, _fields(NormDoc))
    doc.evaluated_on = _date(on, "on", doc.drafted_on, "评估论证日期", "起草日期")
    doc.evaluation_summary = _text(summary, "summary", "请填写评估论证情况。")
    doc.full_clean()
    doc.save()
    audit_log(actor=actor, action="normdocs.doc.evaluate_draft", target=doc, request_id=request_id,
              data={"changes": diff(before, snapshot(doc, _fields(NormDoc)))})
    return doc


def comment_rule(doc: NormDoc) -> str:
    return "normdoc.public_comment_market" if doc.concerns_market else "normdoc.public_comment"


@transaction.atomic
def normdoc_open_comment(*, actor, doc: NormDoc, opens_on: datetime.date, request_id: str = "") -> NormDoc:
    _require_write(actor, doc.organization)
    if doc.state == S.DRAFTING and not doc.evaluated_on:
        raise ValidationError(f"公开征求意见前须先进行评估论证（{N37}二（三）：评估论证、公开征求意见、合法性审核、"
                              "集体审议决定、向社会公开发布）。")
    _date(opens_on, "opens_on", doc.evaluated_on, "征求意见开始日期", "评估论证日期")
    if not doc.text.strip():
        raise ValidationError({"opens_on": "征求意见须公布文件草案，请先填写正文。"})
    min_close = compute_due(comment_rule(doc), opens_on)
    return _transition(doc, "open_comment", "normdocs.doc.open_comment", actor,
                       {"rule": comment_rule(doc), "min_close_on": min_close}, request_id,
                       opens_on=opens_on, min_close_on=min_close)


@transaction.atomic
def normdoc_submit_legality(*, actor, doc: NormDoc, closed_on: datetime.date, summary: str,
                            submitted_on: datetime.date, request_id: str = "") -> NormDoc:
    """Close the comment period (not before its minimum) and send the draft to the 法制审核 body."""
    _require_write(actor, doc.organization)
    _date(closed_on, "closed_on", doc.comment_opens_on, "征求意见结束日期", "征求意见开始日期")
    problems = doc.problems_close_comment(closed_on)
    if problems:
        raise ValidationError({"closed_on": problems})
    summary = _text(summary, "summary", "请填写征求意见及采纳情况（115号二（五）：送审材料应当包括征求意见及采纳情况）。")
    _date(submitted_on, "submitted_on", closed_on, "送审日期", "征求意见结束日期")
    earliest = compute_due("normdoc.legality_review_min", submitted_on)
    due = compute_due("normdoc.legality_review_max", submitted_on)
    _transition(doc, "submit_legality", "normdocs.doc.submit_legality", actor, {"earliest": earliest, "due": due},
                request_id, closed_on=closed_on, summary=summary, submitted_on=submitted_on, earliest=earliest, due=due)
    deadline_register(actor=actor, organization=doc.organization, rule_code="normdoc.legality_review_max", target=doc,
                      title=f"规范性文件合法性审核：{doc.title}", url=_doc_url(doc), start_date=submitted_on,
                      request_id=request_id)
    return doc


def _close_deadline(actor, doc, rule_code, request_id):
    dl = Deadline.objects.filter(rule__code=rule_code, target_type=NormDoc._meta.label_lower,
                                 target_id=str(doc.code), done_at__isnull=True).first()
    if dl:
        deadline_done(actor=actor, deadline=dl, request_id=request_id)


@transaction.atomic
def normdoc_conclude_legality(*, actor, doc: NormDoc, on: datetime.date, reviewer, opinion: str, conclusion: str,
                              urgent_reason: str = "", request_id: str = "") -> NormDoc:
    """115号 二(四)–(七): a 法制审核员 gives a written opinion (合法 / 应当予以修改 / 不合法)."""
    _require_write(actor, doc.organization)
    if reviewer is None or not has_role(reviewer, Role.REVIEWER):
        raise ValidationError({"reviewer": f"合法性审核须由法制审核员（审核机构或审核人员）出具意见（{N115}二（四））。"})
    _date(on, "on", doc.submitted_on, "审核完成日期", "送审日期")
    problems = doc.problems_conclude_legality(on, urgent_reason)
    if problems:
        raise ValidationError({"on": problems})
    opinion = _text(opinion, "opinion", f"请填写书面审核意见（{N115}二（六））。")
    if conclusion not in LegalityConclusion.values:
        raise ValidationError({"conclusion": "请选择审核结论。"})
    data = {"conclusion": conclusion, "reviewer": str(reviewer)}
    kw = dict(on=on, reviewer=reviewer, opinion=opinion, urgent_reason=(urgent_reason or "").strip())
    if conclusion == LegalityConclusion.UNLAWFUL:
        _transition(doc, "fail_legality", "normdocs.doc.conclude_legality", actor, data, request_id, **kw)
    else:
        _transition(doc, "conclude_legality", "normdocs.doc.conclude_legality", actor, data, request_id,
                    conclusion=conclusion, **kw)
    _close_deadline(actor, doc, "normdoc.legality_review_max", request_id)
    return doc


def county_government(org: Organization) -> Organization:
    """The registering government (三统一 is done for the county by its government)."""
    from fazhi.core.scoping import _county_region_path
    gov = Organization.objects.filter(kind=OrgKind.GOVERNMENT,
                                      region__path=_county_region_path(org)).order_by("id").first()
    return gov or org


def reg_prefix(gov: Organization) -> str:
    """编号代字: ``NORMDOCS_REG_PREFIX`` or the county's first character + "政规" (同心县 → 同政规)."""
    configured = getattr(settings, "NORMDOCS_REG_PREFIX", "")
    if configured:
        return configured
    name = gov.region.name if gov.region_id else gov.name
    return f"{name[:1]}政规"


def next_reg_number(doc: NormDoc, year: int) -> tuple[int, str]:
    """Take the next number of the year under a row lock (SELECT … FOR UPDATE on PostgreSQL; SQLite
    serializes writers on the UPDATE). Must run inside the registering transaction: if it rolls
    back, so does the increment, so the sequence has no gaps."""
    gov = county_government(doc.organization)
    prefix = reg_prefix(gov)
    try:
        with transaction.atomic():
            row, _ = RegistrationSequence.objects.get_or_create(organization=gov, prefix=prefix, year=year)
    except IntegrityError:  # created concurrently
        row = RegistrationSequence.objects.get(organization=gov, prefix=prefix, year=year)
    RegistrationSequence.objects.select_for_update().filter(pk=row.pk).update(last=F("last") + 1)
    seq = RegistrationSequence.objects.filter(pk=row.pk).values_list("last", flat=True).get()
    return seq, f"{prefix}〔{year}〕{seq}号"


@transaction.atomic
def normdoc_deliberate(*, actor, doc: NormDoc, on: datetime.date, meeting: str, adopted: bool = True,
                       doc_number: str = "", printed_on: datetime.date | None = None, request_id: str = "") -> NormDoc:
    """集体审议决定; when adopted, 三统一 at once: 统一登记 (the number), 统一编号, 统一印发 (printed)."""
    _require_write(actor, doc.organization)
    problems = doc.problems_deliberate()
    if problems:
        raise ValidationError(problems)
    _date(on, "on", doc.reviewed_on, "审议日期", "合法性审核完成日期")
    meeting = _text(meeting, "meeting", "请填写审议会议（如县人民政府常务会议）。")
    if not adopted:
        return _transition(doc, "reject", "normdocs.doc.deliberate", actor, {"adopted": False}, request_id,
                           on=on, meeting=meeting)
    list(NormDoc.objects.select_for_update().filter(pk=doc.pk))  # lock the row
    doc.refresh_from_db()
    printed_on = _date(printed_on or on, "printed_on", on, "印发日期", "审议日期")
    number = _clean_doc_number(doc_number or doc.doc_number)
    if not number:
        raise ValidationError({"doc_number": "印发须有发文字号（如“同政发〔2021〕12号”）。"})
    year = printed_on.year
    seq, reg = next_reg_number(doc, year)
    return _transition(doc, "adopt_and_register", "normdocs.doc.register", actor,
                       {"reg_number": reg, "meeting": meeting}, request_id,
                       on=on, meeting=meeting, registered_on=printed_on, printed_on=printed_on, doc_number=number,
                       year=year, seq=seq, reg_number=reg)


def add_years(d: datetime.date, years: int) -> datetime.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def default_validity_years() -> int:
    try:
        return get_rule("normdoc.validity").count
    except UnknownRule:
        return 5


@transaction.atomic
def normdoc_publish(*, actor, doc: NormDoc, on: datetime.date, channel: str, effective_on: datetime.date | None = None,
                    validity_years: int | None = None, request_id: str = "") -> NormDoc:
    """向社会公开发布 (37号; 政府信息公开条例 第二十条第一项), starting the 备案 clock (``normdoc.filing``)."""
    _require_write(actor, doc.organization)
    _date(on, "on", doc.printed_on, "公布日期", "印发日期")
    channel = _text(channel, "channel", "请填写公布载体（如政府网站、政府公报）。")
    effective_on = _date(effective_on or on, "effective_on", on, "施行日期", "公布日期")
    years = validity_years or default_validity_years()
    if not 1 <= years <= 10:
        raise ValidationError({"validity_years": "有效期应在1至10年之间。"})
    expires = add_years(effective_on, years) - datetime.timedelta(days=1)
    filing_due = compute_due("normdoc.filing", on)
    _transition(doc, "publish", "normdocs.doc.publish", actor, {"filing_due_on": filing_due}, request_id,
                on=on, channel=channel, effective_on=effective_on, validity_years=years, expires_on=expires,
                filing_due_on=filing_due)
    deadline_register(actor=actor, organization=doc.organization, rule_code="normdoc.filing", target=doc,
                      title=f"规范性文件报送备案：{doc.title}", url=_doc_url(doc), start_date=on, request_id=request_id)
    return doc


@transaction.atomic
def normdoc_file(*, actor, doc: NormDoc, gov_on: datetime.date | None = None, gov_ref: str = "",
                 npc_on: datetime.date | None = None, npc_ref: str = "", request_id: str = "") -> NormDoc:
    """报送备案 to the government above and to the 县人大常委会 (both; each may be recorded separately)."""
    _require_write(actor, doc.organization)
    if not doc.published_on:
        raise ValidationError(f"文件尚未公布，不能报送备案（备案自公布之日起计算，{N37}）。")
    if not gov_on and not npc_on:
        raise ValidationError("请填写报上级政府备案日期或报县人大常委会备案日期。")
    before = snapshot(doc, _fields(NormDoc))
    if gov_on:
        doc.filed_gov_on, doc.filed_gov_ref = _date(gov_on, "gov_on", doc.published_on, "备案日期", "公布日期"), gov_ref.strip()
    if npc_on:
        doc.filed_npc_on, doc.filed_npc_ref = _date(npc_on, "npc_on", doc.published_on, "备案日期", "公布日期"), npc_ref.strip()
    both = bool(doc.filed_gov_on and doc.filed_npc_on)
    if both and doc.state == S.PUBLISHED:
        doc.file()
    doc.full_clean()
    doc.save()
    index_doc(doc)
    audit_log(actor=actor, action="normdocs.doc.file", target=doc, request_id=request_id,
              data={"timely": is_filed_timely(doc), "changes": diff(before, snapshot(doc, _fields(NormDoc)))})
    if both:
        _close_deadline(actor, doc, "normdoc.filing", request_id)
    return doc


def is_filed_timely(doc: NormDoc) -> bool | None:
    if not (doc.filed_gov_on and doc.filed_npc_on and doc.filing_due_on):
        return None
    return max(doc.filed_gov_on, doc.filed_npc_on) <= doc.filing_due_on


@transaction.atomic
def normdoc_enter_force(*, actor, doc: NormDoc, on: datetime.date, request_id: str = "") -> NormDoc:
    _require_write(actor, doc.organization)
    problems = doc.problems_in_force(on)
    if problems:
        raise ValidationError({"on": problems})
    return _transition(doc, "enter_force", "normdocs.doc.enter_force", actor, {}, request_id, on=on)


def evaluation_window_opens(doc: NormDoc) -> datetime.date | None:
    """有效期届满前6个月 (LEGAL-RULES §5, V2)."""
    if not doc.expires_on:
        return None
    m = doc.expires_on.month - 6
    y = doc.expires_on.year + (m - 1) // 12
    m = (m - 1) % 12 + 1
    try:
        return doc.expires_on.replace(year=y, month=m)
    except ValueError:
        return doc.expires_on.replace(year=y, month=m, day=28)


@transaction.atomic
def normdoc_evaluate(*, actor, doc: NormDoc, on: datetime.date, conclusion: str, report: str,
                     request_id: str = "") -> NormDoc:
    _require_write(actor, doc.organization)
    opens = evaluation_window_opens(doc)
    _date(on, "on")
    if opens and on < opens:
        raise ValidationError({"on": f"有效期届满前6个月内（{opens:%Y-%m-%d} 起）进行评估（省级规定的常见做法，期限依据待核实）。"})
    if conclusion not in EvaluationConclusion.values:
        raise ValidationError({"conclusion": "请选择评估结论。"})
    report = _text(report, "report", "请填写评估报告。")
    return _transition(doc, "evaluate", "normdocs.doc.evaluate", actor, {"conclusion": conclusion}, request_id,
                       on=on, conclusion=conclusion, report=report)


END_METHODS = {"amend": "amend", "repeal": "repeal", "lapse": "lapse"}


@transaction.atomic
def normdoc_end(*, actor, doc: NormDoc, how: str, on: datetime.date, reason: str, request_id: str = "") -> NormDoc:
    """已修改 / 已废止 / 已失效. 失效 only once the validity has run out."""
    _require_write(actor, doc.organization)
    if how not in END_METHODS:
        raise ValidationError({"how": "请选择修改、废止或失效。"})
    _date(on, "on", doc.published_on, "日期", "公布日期")
    if how == "lapse" and doc.expires_on and on <= doc.expires_on:
        raise ValidationError({"on": f"有效期至 {doc.expires_on:%Y-%m-%d}，届满后方可宣布失效。"})
    reason = _text(reason, "reason", "请填写理由。")
    return _transition(doc, END_METHODS[how], "normdocs.doc.end", actor, {"how": how}, request_id, on=on, reason=reason)


def comment_open(doc: NormDoc, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return doc.state == S.CONSULTING and bool(doc.comment_opens_on) and doc.comment_opens_on <= today


@transaction.atomic
def comment_submit(*, doc: NormDoc, body: str, name: str = "", request_id: str = "") -> Comment:
    """A member of the public comments on a draft while it is out for 征求意见."""
    if not comment_open(doc):
        raise ValidationError("该文件当前不在公开征求意见期间。")
    body = _text(body, "body", "请填写意见内容。")
    if len(body) > 3000:
        raise ValidationError({"body": "意见内容最多3000字。"})
    c = Comment(organization=doc.organization, doc=doc, body=body, name=(name or "").strip()[:32],
                submitted_at=timezone.now())
    c.full_clean()
    c.save()
    audit_log(actor=None, action="normdocs.comment.submit", target=c, request_id=request_id, data={"length": len(body)})
    return c


# -- cleanup campaign -------------------------------------------------------------------------------

@transaction.atomic
def campaign_create(*, actor, organization: Organization, year: int, title: str, basis: str = "",
                    corpus_since: int = 1983, started_on=None, finished_on=None, request_id: str = "") -> Campaign:
    _require_write(actor, organization)
    c = Campaign(organization=organization, year=year, title=_text(title, "title", "请填写清理工作名称。"),
                 basis=(basis or "").strip(), corpus_since=corpus_since, started_on=started_on, finished_on=finished_on)
    c.full_clean()
    c.save()
    audit_log(actor=actor, action="normdocs.campaign.create", target=c, request_id=request_id,
              data={"after": snapshot(c, _fields(Campaign))})
    return c


@transaction.atomic
def campaign_publish_results(*, actor, campaign: Campaign, on: datetime.date, request_id: str = "") -> Campaign:
    """公布清理结果 (国办发〔2018〕37号 二(六)：清理结果要及时向社会公布). From then on the portal shows the
    reviewed documents with their outcome and reason; the reviewers are not named."""
    _require_write(actor, campaign.organization)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.results_published_on:
        raise ValidationError(f"清理结果已于{campaign.results_published_on:%Y年%-m月%-d日}公布。")
    if on is None:
        raise ValidationError({"on": "请填写公布日期。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "公布日期不能晚于今天。"})
    if campaign.started_on and on < campaign.started_on:
        raise ValidationError({"on": "公布日期不能早于清理工作开始日期。"})
    if not campaign.docs.exclude(outcome="").exists():
        raise ValidationError("还没有任何文件的清理结论，无法公布清理结果。")
    campaign.results_published_on = on
    campaign.save(update_fields=["results_published_on", "updated_at"])
    audit_log(actor=actor, action="normdocs.campaign.publish_results", target=campaign, request_id=request_id,
              data={"results_published_on": on})
    return campaign


@transaction.atomic
def criterion_add(*, actor, campaign: Campaign, text: str, suggests: str = "", request_id: str = "") -> Criterion:
    _require_write(actor, campaign.organization)
    seq = (campaign.criteria.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    c = Criterion(organization=campaign.organization, campaign=campaign, seq=seq,
                  text=_text(text, "text", "请填写清理标准。"), suggests=suggests or "")
    c.full_clean()
    c.save()
    audit_log(actor=actor, action="normdocs.criterion.add", target=c, request_id=request_id, data={"text": c.text})
    return c


@transaction.atomic
def criterion_update(*, actor, criterion: Criterion, text: str, suggests: str = "", request_id: str = "") -> Criterion:
    _require_write(actor, criterion.organization)
    before = snapshot(criterion, ["text", "suggests"])
    criterion.text = _text(text, "text", "请填写清理标准。")
    criterion.suggests = suggests or ""
    criterion.full_clean()
    criterion.save()
    audit_log(actor=actor, action="normdocs.criterion.update", target=criterion, request_id=request_id,
              data={"changes": diff(before, snapshot(criterion, ["text", "suggests"]))})
    return criterion


@transaction.atomic
def criterion_remove(*, actor, criterion: Criterion, request_id: str = "") -> None:
    _require_write(actor, criterion.organization)
    if criterion.docs.exists():
        raise ValidationError("已有文件按该标准处理，不能删除；请修改标准文字。")
    audit_log(actor=actor, action="normdocs.criterion.remove", target=criterion, request_id=request_id,
              data={"text": criterion.text})
    criterion.delete()


CORPUS_FIELDS = ("title", "issuer", "doc_number", "issued_on", "text", "published", "expires_on", "source")


def build_corpus_doc(campaign: Campaign, data: dict) -> CorpusDoc:
    """Validate one corpus row (raises ValidationError keyed by field); not saved."""
    d = {k: data.get(k) for k in CORPUS_FIELDS}
    title = _text(d["title"], "title", "请填写文件名称。")
    issuer = _text(d["issuer"], "issuer", "请填写制定机关。")
    if not isinstance(d["issued_on"], datetime.date):
        raise ValidationError({"issued_on": "请填写印发日期。"})
    if d["issued_on"].year < campaign.corpus_since:
        raise ValidationError({"issued_on": f"印发日期早于清理范围（{campaign.corpus_since}年以来）。"})
    if d["expires_on"] and d["expires_on"] < d["issued_on"]:
        raise ValidationError({"expires_on": "有效期届满日不能早于印发日期。"})
    number = ""
    if d["doc_number"]:
        try:
            number = _clean_doc_number(d["doc_number"])
        except ValidationError as exc:
            raise ValidationError({"doc_number": exc.messages}) from exc
    text = d["text"] or ""
    doc = CorpusDoc(organization=campaign.organization, campaign=campaign, title=title, issuer=issuer,
                    doc_number=number, issued_on=d["issued_on"], text=text,
                    published=True if d["published"] is None else bool(d["published"]), expires_on=d["expires_on"],
                    source=(d["source"] or "")[:200], fingerprint=screening.simhash(text) if text else None)
    doc.full_clean(exclude=["campaign", "organization"])
    return doc


@transaction.atomic
def corpus_add(*, actor, campaign: Campaign, request_id: str = "", **data) -> CorpusDoc:
    _require_write(actor, campaign.organization)
    doc = build_corpus_doc(campaign, data)
    doc.save()
    search.index([corpus_entry(doc)])
    audit_log(actor=actor, action="normdocs.corpus.add", target=doc, request_id=request_id,
              data={"title": doc.title, "issued_on": doc.issued_on})
    return doc


class ImportErrors(ValidationError):
    """All problems of an import, each 'where: what' (file/row and column)."""


@transaction.atomic
def corpus_import(*, actor, campaign: Campaign, rows: list[tuple[str, dict]], source: str = "",
                  request_id: str = "") -> int:
    """All-or-nothing: every row validated first (errors as "where “column”：message"), then bulk-created
    and indexed. ``rows`` are (where, data) pairs, e.g. ("第5行", {...}) or ("文件 a.txt", {...})."""
    _require_write(actor, campaign.organization)
    labels = {f.name: f.verbose_name for f in CorpusDoc._meta.fields}
    errors, docs = [], []
    for where, data in rows:
        try:
            docs.append(build_corpus_doc(campaign, data))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.message_dict.items():
                    for e in errs:
                        errors.append(f"{where} “{labels.get(field, field)}”：{e}")
            else:
                errors.extend(f"{where}：{e}" for e in exc.messages)
    if not rows:
        errors.append("没有可导入的文件。")
    if errors:
        raise ImportErrors(errors)
    created = CorpusDoc.objects.bulk_create(docs, batch_size=1000)
    if not all(d.pk for d in created):
        created = list(CorpusDoc.objects.filter(campaign=campaign).order_by("-id")[:len(docs)])
    search.index(corpus_entry(d) for d in created)
    audit_log(actor=actor, action="normdocs.corpus.import", target=campaign, request_id=request_id,
              data={"rows": len(created), "source": source[:200]})
    return len(created)


HEADER_KEYS = {"标题": "title", "文件名称": "title", "制定机关": "issuer", "发文机关": "issuer", "发文字号": "doc_number",
               "文号": "doc_number", "印发日期": "issued_on", "成文日期": "issued_on", "有效期至": "expires_on",
               "是否公开": "published"}


def read_folder(path: str | Path) -> list[tuple[str, dict]]:
    """Files of a folder as corpus rows: .txt/.md (UTF-8) or .docx. Each starts with a header block
    of "键：值" lines (标题, 制定机关, 发文字号, 印发日期, 有效期至, 是否公开), then a blank line and the text."""
    from fazhi.lib import xlsx
    folder = Path(path)
    if not folder.is_dir():
        raise ImportErrors([f"文件夹不存在：{folder}"])
    rows, errors = [], []
    for f in sorted(folder.iterdir()):
        if f.name.startswith(".") or not f.is_file():
            continue
        where = f"文件 {f.name}"
        if f.suffix.lower() in (".txt", ".md"):
            try:
                lines = f.read_text(encoding="utf-8-sig").splitlines()
            except UnicodeDecodeError:
                errors.append(f"{where}：不是 UTF-8 编码的文本文件。")
                continue
        elif f.suffix.lower() == ".docx":
            try:
                import docx
                lines = [p.text for p in docx.Document(str(f)).paragraphs]
            except Exception:  # noqa: BLE001 - any unreadable file is reported, never raised
                errors.append(f"{where}：无法读取的 Word 文件。")
                continue
        else:
            errors.append(f"{where}：只支持 .txt、.md、.docx 文件。")
            continue
        data: dict = {"title": "", "issuer": "", "doc_number": "", "issued_on": None, "expires_on": None,
                      "published": True, "source": f.name}
        body_start = 0
        for i, line in enumerate(lines):
            if not line.strip():
                body_start = i + 1
                break
            m = re.match(r"^\s*([^:：]{1,6})\s*[:：]\s*(.*)$", line)
            if not m or m.group(1) not in HEADER_KEYS:
                errors.append(f"{where} 第{i + 1}行：文件开头应为“键：值”（标题、制定机关、发文字号、印发日期…），然后空一行接正文。")
                break
            key, value = HEADER_KEYS[m.group(1)], m.group(2).strip()
            if key in ("issued_on", "expires_on"):
                try:
                    data[key] = xlsx.parse_date(value) if value else None
                except (ValueError, ValidationError):
                    errors.append(f"{where} “{m.group(1)}”：日期无法识别（{value}）。")
                    continue
            elif key == "published":
                data[key] = value not in ("否", "未公开", "0", "no")
            else:
                data[key] = value
        data["text"] = "\n".join(lines[body_start:]).strip()
        rows.append((where, data))
    if errors:
        raise ImportErrors(errors)
    return rows


@transaction.atomic
def corpus_classify(*, actor, doc: CorpusDoc, doc_class: str, request_id: str = "") -> CorpusDoc:
    _require_write(actor, doc.organization)
    if doc_class not in DocClass.values:
        raise ValidationError({"doc_class": "请选择政策性文件或规范性文件。"})
    if doc.outcome and not doc_class:
        raise ValidationError({"doc_class": "已有清理结果的文件不能取消分类。"})
    before = doc.doc_class
    doc.doc_class = doc_class
    doc.save(update_fields=["doc_class", "updated_at"])
    search.index([corpus_entry(doc)])
    audit_log(actor=actor, action="normdocs.corpus.classify", target=doc, request_id=request_id,
              data={"before": before, "after": doc_class})
    return doc


@transaction.atomic
def corpus_review(*, actor, doc: CorpusDoc, outcome: str, reason: str, reviewed_on: datetime.date,
                  criterion: Criterion | None = None, doc_class: str = "", request_id: str = "") -> CorpusDoc:
    """A reviewer records the outcome (保留/修改/废止/宣布失效) with its reason; selects the document if needed."""
    _require_write(actor, doc.organization)
    if doc_class:
        if doc_class not in DocClass.values:
            raise ValidationError({"doc_class": "请选择政策性文件或规范性文件。"})
        doc.doc_class = doc_class
    if not doc.doc_class:
        raise ValidationError({"doc_class": "请先确定文件属于政策性文件还是规范性文件。"})
    if outcome not in Outcome.values or not outcome:
        raise ValidationError({"outcome": "请选择清理结果（保留、修改、废止、宣布失效）。"})
    reason = _text(reason, "reason", "请填写清理理由。")
    _date(reviewed_on, "reviewed_on", doc.issued_on, "审查日期", "印发日期")
    if criterion is not None and criterion.campaign_id != doc.campaign_id:
        raise ValidationError({"criterion": "清理标准不属于该清理工作。"})
    before = snapshot(doc, ["doc_class", "outcome", "outcome_reason", "reviewed_on", "criterion"])
    doc.outcome, doc.outcome_reason, doc.reviewed_on, doc.criterion = outcome, reason[:300], reviewed_on, criterion
    doc.reviewer = actor if getattr(actor, "is_authenticated", False) else doc.reviewer
    doc.full_clean()
    doc.save()
    search.index([corpus_entry(doc)])
    audit_log(actor=actor, action="normdocs.corpus.review", target=doc, request_id=request_id,
              data={"changes": diff(before, snapshot(doc, ["doc_class", "outcome", "outcome_reason", "reviewed_on",
                                                          "criterion"]))})
    return doc


def _reform_hits(issuer: str, title: str, issued_on: datetime.date, reforms) -> list[AgencyReform]:
    out = []
    for r in reforms:
        if r.old_name and (r.old_name in issuer or r.old_name in title) and r.new_name not in issuer \
                and (not r.reform_on or issued_on < r.reform_on):
            out.append(r)
    return out


@transaction.atomic
def screen_campaign(*, actor, campaign: Campaign, as_of: datetime.date | None = None, request_id: str = "") -> dict:
    """Run the automatic pre-screening over the corpus; replaces earlier undismissed proposals. Returns counts
    by reason. Proposals only: nothing about a document's class or outcome changes."""
    _require_write(actor, campaign.organization)
    as_of = as_of or campaign.finished_on or timezone.localdate()
    catalog = screening.load_catalog()
    reforms = list(AgencyReform.objects.all())
    dismissed = set(Flag.objects.filter(doc__campaign=campaign, dismissed=True).values_list("doc_id", "kind", "evidence"))
    Flag.objects.filter(doc__campaign=campaign, dismissed=False).delete()
    flags: list[Flag] = []

    def add(doc_id, kind, detail, evidence=""):
        if (doc_id, kind, evidence[:200]) not in dismissed:
            flags.append(Flag(organization=campaign.organization, doc_id=doc_id, kind=kind, detail=detail[:400],
                              evidence=evidence[:200]))

    fps = []
    qs = CorpusDoc.objects.filter(campaign=campaign).values_list("id", "title", "issuer", "issued_on", "text",
                                                                 "published", "expires_on", "fingerprint")
    for pk, title, issuer, issued_on, text, published, expires_on, fp in qs.iterator(chunk_size=2000):
        for f in screening.check_citations(text, issued_on, as_of, catalog):
            add(pk, f.kind, f.detail, f.citation)
        for r in _reform_hits(issuer, title, issued_on, reforms):
            when = f"（{r.reform_on:%Y年%m月}机构改革）" if r.reform_on else ""
            add(pk, FlagKind.AGENCY_ABOLISHED, f"制定机关涉及“{r.old_name}”，已改为{r.new_name}{when}。", r.old_name)
        if expires_on and expires_on < as_of:
            add(pk, FlagKind.VALIDITY_PASSED, f"有效期已于 {expires_on:%Y-%m-%d} 届满。", str(expires_on))
        if not published:
            add(pk, FlagKind.NOT_PUBLISHED, f"未向社会公开发布，不得作为行政管理依据（{N37}）。")
        if fp:
            fps.append((pk, fp))
    titles = dict(CorpusDoc.objects.filter(campaign=campaign).values_list("id", "title")) if fps else {}
    for a, b, dist in screening.near_duplicates(fps):
        add(b, FlagKind.NEAR_DUPLICATE, f"与《{titles[a]}》内容高度重复（文本指纹相差 {dist} 位）。", str(a))
        add(a, FlagKind.NEAR_DUPLICATE, f"与《{titles[b]}》内容高度重复（文本指纹相差 {dist} 位）。", str(b))
    Flag.objects.bulk_create(flags, batch_size=2000, ignore_conflicts=True)
    counts: dict[str, int] = {}
    for f in flags:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    audit_log(actor=actor, action="normdocs.screen.run", target=campaign, request_id=request_id,
              data={"as_of": as_of, "counts": counts})
    return counts


@transaction.atomic
def flag_dismiss(*, actor, flag: Flag, request_id: str = "") -> Flag:
    _require_write(actor, flag.organization)
    flag.dismissed = True
    flag.save(update_fields=["dismissed", "updated_at"])
    audit_log(actor=actor, action="normdocs.flag.dismiss", target=flag, request_id=request_id, data={"kind": flag.kind})
    return flag

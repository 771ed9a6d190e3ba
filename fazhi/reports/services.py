"""Writes of the annual report (one code path for pages, API, CLI and the demo).

Each service: keyword-only, ``@transaction.atomic``, permission (``can_write`` on the report's
organization; ``actor=None`` is the system), ``full_clean()``, save, ``audit_log``.

Basis: 《法治政府建设与责任落实督察工作规定》(督察工作规定): the report's content (the four parts),
报送 to the Party committee and the 人大常委会 "每年3月1日之前" (rule ``report.submit``; article number
not verified, see LEGAL-RULES.md §8) and 公开 "每年4月1日之前" (第二十四条, rule ``report.publish``).
Both deadlines are registered on the board when the report is created and marked done by the steps.
"""
from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_fsm import can_proceed

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.choices import OrgKind
from fazhi.core.deadlines import MissingHolidayData, UnknownRule, deadline_done, deadline_register
from fazhi.core.indicators import _REGISTRY, autodiscover, compute_map, scope_ids, year_bounds
from fazhi.core.models import Deadline, Organization
from fazhi.core.scoping import can_write
from fazhi.reports import template as tpl
from fazhi.reports.choices import REQUIRED_PARTS, Level, Part, ReportState, SuggestionSource, SuggestionStatus
from fazhi.reports.models import DCGD, AnnualReport, ReportBlock, Suggestion
from fazhi.reports.render import PLACEHOLDER, codes_in

SUBMIT_RULE = "report.submit"
PUBLISH_RULE = "report.publish"
SUBMIT_BASIS = f"{DCGD}（每年3月1日之前报告上一年度法治政府建设情况；条文序号待核实）"
PUBLISH_BASIS = f"{DCGD}第二十四条（每年4月1日之前向社会公开）"

register_actions({
    "reports.report.create": "新建法治政府建设年度报告",
    "reports.report.update": "修改年度报告信息",
    "reports.block.update": "修改报告段落",
    "reports.block.add": "增加报告段落",
    "reports.block.remove": "删除报告段落",
    "reports.report.review": "年度报告送审核",
    "reports.report.return": "年度报告退回修改",
    "reports.report.submit": "年度报告报送党委、人大常委会",
    "reports.report.publish": "年度报告向社会公开",
    "reports.suggestion.refresh": "生成“存在的不足”建议",
    "reports.suggestion.decide": "采纳/不采纳“存在的不足”建议",
})

# Rates where a low value is a shortcoming, and the level below which the platform suggests it.
DEFAULT_RATE_TARGETS = {
    "oversight.task_completion_rate": 90,
    "oversight.rectification_closure_rate": 90,
    "legalservice.criminal_defense_rate": 100,
    "disputes.litigation_appearance_rate": 90,
    "enforcement.legality_review_rate": 100,
    "enforcement.publicity_timely_rate": 90,
    "enforcement.two_officer_rate": 100,
    "normdocs.filing_timely_rate": 100,
    "functions.online_service_rate": 80,
}


def rate_targets() -> dict[str, int]:
    return {**DEFAULT_RATE_TARGETS, **getattr(settings, "FAZHI_REPORT_RATE_TARGETS", {})}


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有编辑该单位年度报告的权限。")


def _fields(model) -> list[str]:
    skip = {"id", "code", "created_at", "updated_at"}
    return [f.name for f in model._meta.concrete_fields if f.name not in skip]


def _require_editable(report: AnnualReport) -> None:
    if report.state not in (ReportState.DRAFT, ReportState.REVIEW):
        raise ValidationError(f"报告已{report.get_state_display()}，不能再修改文字（{DCGD}：报送、公开的报告以报送稿为准）。")


def check_placeholders(text: str, field: str = "body") -> None:
    """Every ``{{…}}`` must be a well-formed placeholder of a registered indicator."""
    autodiscover()
    stripped = PLACEHOLDER.sub("", text or "")
    if "{{" in stripped or "}}" in stripped:
        raise ValidationError({field: "占位符格式不正确：应为 {{指标代码}}、{{指标代码|floor}} 或 {{titles:指标代码}}。"})
    unknown = sorted(c for c in codes_in(text) if c not in _REGISTRY)
    if unknown:
        raise ValidationError({field: f"未知的指标代码：{'、'.join(unknown)}（见“指标与数据来源”页）。"})


def default_title(organization: Organization, year: int) -> str:
    name = organization.region.name if organization.kind in (OrgKind.GOVERNMENT, OrgKind.PARTY) else organization.name
    return f"{name}{year}年法治政府建设工作报告"


def _register_deadlines(actor, report: AnnualReport, request_id: str = "") -> None:
    url = reverse("reports:report_detail", args=[report.code])
    start = datetime.date(report.year + 1, 1, 1)
    try:
        deadline_register(actor=actor, organization=report.organization, rule_code=SUBMIT_RULE, target=report,
                          title=f"{report.title}：报送县委、县人大常委会", url=url, start_date=start,
                          request_id=request_id)
        deadline_register(actor=actor, organization=report.organization, rule_code=PUBLISH_RULE, target=report,
                          title=f"{report.title}：向社会公开", url=url, start_date=start, request_id=request_id)
    except (MissingHolidayData, UnknownRule) as exc:
        raise ValidationError(str(exc)) from exc


@transaction.atomic
def report_create(*, actor, organization: Organization, year: int, template: str = "", title: str = "",
                  request_id: str = "") -> AnnualReport:
    """A new report with the blocks of ``template`` (a file in ``data/``; default: the same
    organization's previous-year report's blocks if there is one, else the standard skeleton)."""
    _require_write(actor, organization)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": "年度应在2000至2100之间。"})
    if AnnualReport.objects.filter(organization=organization, year=year).exists():
        raise ValidationError({"year": f"{organization.name}{year}年的年度报告已经存在。"})
    previous = AnnualReport.objects.filter(organization=organization, year=year - 1).first()
    if template:
        try:
            spec = tpl.load(template)
        except FileNotFoundError as exc:
            raise ValidationError({"template": f"没有名为“{template}”的报告模板。"}) from exc
        blocks = spec.blocks
    elif previous is not None:
        spec = tpl.TemplateSpec(meta={"issuer": previous.issuer, "submitted_to": previous.submitted_to})
        blocks = [tpl.BlockSpec(part=b.part, level=b.level, heading=b.heading, body=b.body)
                  for b in previous.blocks.all()]
    else:
        spec = tpl.load("standard")
        blocks = spec.blocks
    report = AnnualReport(organization=organization, year=year,
                          title=(title or spec.meta.get("title") or default_title(organization, year)).strip(),
                          issuer=spec.meta.get("issuer") or organization.name,
                          submitted_to=spec.meta.get("submitted_to") or "县委、县人大常委会",
                          signed_on=spec.signed_on)
    report.full_clean()
    report.save()
    rows = [ReportBlock(organization=organization, report=report, part=b.part, seq=(i + 1) * 10, level=b.level,
                        heading=b.heading, body=b.body) for i, b in enumerate(blocks)]
    for r in rows:
        r.full_clean(exclude=["report"])
    ReportBlock.objects.bulk_create(rows)
    _register_deadlines(actor, report, request_id)
    audit_log(actor=actor, action="reports.report.create", target=report, request_id=request_id,
              data={"after": snapshot(report, _fields(AnnualReport)), "blocks": len(rows),
                    "template": template or ("上一年度报告" if previous else "standard")})
    return report


@transaction.atomic
def report_update(*, actor, report: AnnualReport, title: str, issuer: str, signed_on: datetime.date | None,
                  submitted_to: str, request_id: str = "") -> AnnualReport:
    _require_write(actor, report.organization)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_editable(report)
    before = snapshot(report, _fields(AnnualReport))
    report.title, report.issuer = (title or "").strip(), (issuer or "").strip()
    report.signed_on, report.submitted_to = signed_on, (submitted_to or "").strip()
    if not report.title:
        raise ValidationError({"title": "请填写标题。"})
    if not report.issuer:
        raise ValidationError({"issuer": "请填写落款单位。"})
    report.full_clean()
    report.save()
    audit_log(actor=actor, action="reports.report.update", target=report, request_id=request_id,
              data={"changes": diff(before, snapshot(report, _fields(AnnualReport)))})
    return report


@transaction.atomic
def block_update(*, actor, block: ReportBlock, heading: str, body: str, request_id: str = "") -> ReportBlock:
    _require_write(actor, block.organization)
    block = ReportBlock.objects.select_for_update().select_related("report").get(pk=block.pk)
    _require_editable(block.report)
    heading, body = (heading or "").strip(), (body or "").strip()
    if block.level != Level.PARAGRAPH and not heading:
        raise ValidationError({"heading": "标题不能为空。"})
    if block.level == Level.PARAGRAPH and not body:
        raise ValidationError({"body": "正文不能为空（不需要的段落请删除）。"})
    check_placeholders(heading, "heading")
    check_placeholders(body)
    before = snapshot(block, ["heading", "body"])
    block.heading, block.body = heading, body
    block.full_clean()
    block.save()
    audit_log(actor=actor, action="reports.block.update", target=block.report, request_id=request_id,
              data={"block": block.pk, "changes": diff(before, snapshot(block, ["heading", "body"]))})
    return block


@transaction.atomic
def block_add(*, actor, report: AnnualReport, part: str, body: str, heading: str = "", level: int = Level.PARAGRAPH,
              request_id: str = "") -> ReportBlock:
    """A paragraph (or item) appended at the end of ``part``."""
    _require_write(actor, report.organization)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _require_editable(report)
    if part not in Part.values:
        raise ValidationError({"part": "请选择报告的部分。"})
    body, heading = (body or "").strip(), (heading or "").strip()
    if not body and not heading:
        raise ValidationError({"body": "正文不能为空。"})
    check_placeholders(body)
    check_placeholders(heading, "heading")
    blocks = list(report.blocks.all())
    in_part = [b for b in blocks if b.part == part]
    if in_part:
        after = in_part[-1].seq
    else:  # a part not yet in the report: after the parts that come before it
        order = list(Part.values)
        earlier = [b for b in blocks if order.index(b.part) <= order.index(part)]
        after = earlier[-1].seq if earlier else 0
    for b in blocks:
        if b.seq > after:
            b.seq += 10
    ReportBlock.objects.bulk_update([b for b in blocks if b.seq > after + 10], ["seq"])
    block = ReportBlock(organization=report.organization, report=report, part=part, seq=after + 5, level=level,
                        heading=heading, body=body)
    block.full_clean()
    block.save()
    audit_log(actor=actor, action="reports.block.add", target=report, request_id=request_id,
              data={"block": block.pk, "part": part, "heading": heading, "body": body})
    return block


@transaction.atomic
def block_remove(*, actor, block: ReportBlock, request_id: str = "") -> None:
    _require_write(actor, block.organization)
    _require_editable(block.report)
    report = block.report
    data = {"block": block.pk, "part": block.part, "heading": block.heading, "body": block.body}
    block.delete()
    audit_log(actor=actor, action="reports.block.remove", target=report, request_id=request_id, data=data)


def structure_problems(report: AnnualReport) -> list[str]:
    """What the 督察工作规定 requires and the report lacks (checked before it goes to review)."""
    parts = set(report.blocks.values_list("part", flat=True))
    return [f"缺少“{Part(p).label}”部分（{DCGD}规定年度报告应当包括该内容）。" for p in REQUIRED_PARTS if p not in parts]


def _transition(report: AnnualReport, method: str, action: str, actor, request_id: str, data: dict | None = None):
    fn = getattr(report, method)
    if not can_proceed(fn):
        raise ValidationError(f"报告当前为“{report.get_state_display()}”，不能办理该步骤。")
    before = snapshot(report, _fields(AnnualReport))
    fn()
    report.full_clean()
    report.save()
    audit_log(actor=actor, action=action, target=report, request_id=request_id,
              data={**(data or {}), "changes": diff(before, snapshot(report, _fields(AnnualReport)))})
    return report


def _lock(actor, report: AnnualReport) -> AnnualReport:
    _require_write(actor, report.organization)
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def report_send_to_review(*, actor, report: AnnualReport, request_id: str = "") -> AnnualReport:
    report = _lock(actor, report)
    problems = structure_problems(report)
    if problems:
        raise ValidationError(problems)
    return _transition(report, "send_to_review", "reports.report.review", actor, request_id)


@transaction.atomic
def report_return(*, actor, report: AnnualReport, reason: str, request_id: str = "") -> AnnualReport:
    report = _lock(actor, report)
    if not (reason or "").strip():
        raise ValidationError({"reason": "请填写退回修改的理由。"})
    return _transition(report, "return_to_draft", "reports.report.return", actor, request_id, {"reason": reason.strip()})


def _deadline(report: AnnualReport, rule: str) -> Deadline | None:
    return Deadline.objects.filter(rule__code=rule, target_type=report._meta.label_lower,
                                   target_id=str(report.code)).first()


@transaction.atomic
def report_submit(*, actor, report: AnnualReport, submitted_on: datetime.date, request_id: str = "") -> AnnualReport:
    """报送同级党委、人大常委会（督察工作规定：每年3月1日之前）."""
    report = _lock(actor, report)
    if submitted_on is None:
        raise ValidationError({"submitted_on": "请填写报送日期。"})
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": "报送日期不能晚于今天。"})
    if submitted_on.year <= report.year - 1 or (report.signed_on and submitted_on < report.signed_on):
        raise ValidationError({"submitted_on": "报送日期不能早于报告成文日期。"})
    report.submitted_on = submitted_on
    report = _transition(report, "submit", "reports.report.submit", actor, request_id,
                         {"basis": SUBMIT_BASIS, "submitted_to": report.submitted_to})
    dl = _deadline(report, SUBMIT_RULE)
    if dl:
        deadline_done(actor=actor, deadline=dl, request_id=request_id,
                      done_at=timezone.make_aware(datetime.datetime.combine(submitted_on, datetime.time(12))))
    return report


@transaction.atomic
def report_publish(*, actor, report: AnnualReport, published_on: datetime.date, request_id: str = "") -> AnnualReport:
    """通过门户网站向社会公开（督察工作规定第二十四条：每年4月1日之前）."""
    report = _lock(actor, report)
    if published_on is None:
        raise ValidationError({"published_on": "请填写公开日期。"})
    if published_on > timezone.localdate():
        raise ValidationError({"published_on": "公开日期不能晚于今天。"})
    if report.submitted_on and published_on < report.submitted_on:
        raise ValidationError({"published_on": "公开日期不能早于报送日期。"})
    report.published_on = published_on
    report = _transition(report, "publish", "reports.report.publish", actor, request_id, {"basis": PUBLISH_BASIS})
    dl = _deadline(report, PUBLISH_RULE)
    if dl:
        deadline_done(actor=actor, deadline=dl, request_id=request_id,
                      done_at=timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(12))))
    return report


# -- suggestions for 二、存在的不足 --------------------------------------------------------------

def findings(report: AnnualReport) -> list[dict]:
    """The platform's own findings for the report's organization and year (figures as placeholders)."""
    autodiscover()
    targets = {c: t for c, t in rate_targets().items() if c in _REGISTRY}
    codes = ["reports.overdue_deadlines", "oversight.repeated_findings", *targets]
    values = compute_map(report.organization, report.year, [c for c in codes if c in _REGISTRY])
    out = []
    if values.get("reports.overdue_deadlines"):
        out.append({"source": SuggestionSource.OVERDUE, "key": "reports.overdue_deadlines",
                    "text": "部分事项未在法定期限内办结，全年有{{reports.overdue_deadlines}}项法定期限事项逾期，"
                            "期限管理和督办提醒还需加强。"})
    orgs = scope_ids(report.organization)
    start, end = year_bounds(report.year)
    for code, target in targets.items():
        value = values.get(code)
        # A rate without records (0 of 0) is no finding.
        if value is not None and value < target and _REGISTRY[code].records(orgs, start, end).exists():
            ind = _REGISTRY[code]
            out.append({"source": SuggestionSource.LOW_RATE, "key": code,
                        "text": f"{ind.name}为{{{{{code}}}}}%，未达到{target}%的工作目标，相关工作还需加强。"})
    if values.get("oversight.repeated_findings"):
        out.append({"source": SuggestionSource.REPEATED, "key": "oversight.repeated_findings",
                    "text": "督察发现的问题中有{{oversight.repeated_findings}}个与以往督察发现的问题重复出现，"
                            "整改成效有待巩固。"})
    return out


@transaction.atomic
def suggestions_refresh(*, actor, report: AnnualReport, request_id: str = "") -> list[Suggestion]:
    """Add the findings not yet suggested (decided ones are kept as decided)."""
    report = _lock(actor, report)
    _require_editable(report)
    existing = set(report.suggestions.values_list("key", flat=True))
    new = [Suggestion(organization=report.organization, report=report, **f) for f in findings(report)
           if f["key"] not in existing]
    for s in new:
        s.full_clean(exclude=["report"])
    Suggestion.objects.bulk_create(new)
    audit_log(actor=actor, action="reports.suggestion.refresh", target=report, request_id=request_id,
              data={"added": [s.key for s in new]})
    return list(report.suggestions.all())


@transaction.atomic
def suggestion_decide(*, actor, suggestion: Suggestion, accept: bool, request_id: str = "") -> Suggestion:
    """Accepted: the text becomes a paragraph of 二、存在的不足 (figures stay placeholders)."""
    _require_write(actor, suggestion.organization)
    suggestion = Suggestion.objects.select_for_update().select_related("report").get(pk=suggestion.pk)
    _require_editable(suggestion.report)
    if suggestion.status != SuggestionStatus.PENDING:
        raise ValidationError(f"该建议已{suggestion.get_status_display()}。")
    suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.REJECTED
    suggestion.decided_by = (getattr(actor, "display_name", "") or getattr(actor, "username", "") or "系统")[:60]
    suggestion.decided_at = timezone.now()
    suggestion.save()
    block = None
    if accept:
        block = block_add(actor=actor, report=suggestion.report, part=Part.SHORTCOMINGS, body=suggestion.text,
                          request_id=request_id)
    audit_log(actor=actor, action="reports.suggestion.decide", target=suggestion.report, request_id=request_id,
              data={"suggestion": suggestion.key, "status": suggestion.status, "block": block.pk if block else None})
    return suggestion


def report_deadlines(report: AnnualReport) -> list[Deadline]:
    """The report's two deadlines (报送 by 3月1日, 公开 by 4月1日) as registered on the board."""
    return list(Deadline.objects.filter(target_type=report._meta.label_lower, target_id=str(report.code))
                .select_related("rule").order_by("due_date"))

"""Deadlines: the working-day calendar from the DB, rule lookup, and the Deadline services/selectors.

Modules register their statutory clocks here (see README-deadlines.md)::

    from fazhi.core.deadlines import deadline_register, MissingHolidayData
    deadline_register(actor=user, organization=case.organization, rule_code="review.decision",
                      target=case, title=f"复议决定：{case}", url=case_url, start_date=case.accepted_on)
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from fazhi.core.actions import register_actions
from fazhi.core.audit import audit_log, diff, snapshot
from fazhi.core.choices import Role
from fazhi.core.models import Deadline, DeadlineRule, Holiday, HolidayYear, Organization
from fazhi.core.scoping import can_write, has_role, scope, visible_orgs
from fazhi.lib.workdays import UNIT_LABELS, Computation, MissingHolidayData, WorkCalendar

__all__ = [
    "MissingHolidayData", "UnknownRule", "get_calendar", "get_rule", "compute_due", "explain_due",
    "rule_count_label", "deadline_register", "deadline_pause", "deadline_resume", "deadline_done",
    "deadline_board", "board_context", "rule_update_count", "is_calendar_admin", "open_pause",
]

register_actions({
    "core.deadline.pause": "期限中止",
    "core.deadline.resume": "期限恢复计算",
})


class UnknownRule(Exception):
    def __init__(self, code: str):
        self.code = code
        super().__init__(f"未知的期限规则编码：{code}。可用 fazhi rules 查看全部规则编码。")


def is_calendar_admin(user) -> bool:
    """Who may change holidays and deadline rules: 法治办管理员 or a superuser."""
    return bool(getattr(user, "is_authenticated", False) and (user.is_superuser or has_role(user, Role.ADMIN)))


# -- calendar -------------------------------------------------------------------------------------
def get_calendar() -> WorkCalendar:
    """A calendar from the Holiday / HolidayYear tables on top of chinese-calendar.

    Built fresh on each call (two small queries) so a Holiday row added a moment ago counts.
    """
    overrides = {d: kind == "workday" for d, kind in Holiday.objects.values_list("date", "kind")}
    years = HolidayYear.objects.values_list("year", flat=True)
    return WorkCalendar(overrides, years)


def get_rule(code: str) -> DeadlineRule:
    rule = DeadlineRule.objects.filter(code=code).first()
    if rule is None:
        raise UnknownRule(code)
    return rule


def rule_count_label(rule: DeadlineRule, count: int | None = None) -> str:
    return f"{rule.count if count is None else count}{UNIT_LABELS.get(rule.unit, rule.unit)}"


def explain_due(rule: DeadlineRule | str, start: datetime.date, pauses: Iterable = (), *,
                calendar: WorkCalendar | None = None) -> Computation:
    """Due date with the steps that led to it. Raises MissingHolidayData / UnknownRule."""
    if isinstance(rule, str):
        rule = get_rule(rule)
    cal = calendar or get_calendar()
    return cal.compute(start, rule.count, rule.unit, roll_forward=rule.roll_forward, pauses=pauses)


def compute_due(rule_code: str, start: datetime.date, pauses: Iterable = ()) -> datetime.date:
    return explain_due(rule_code, start, pauses).due


# -- pauses (中止) ------------------------------------------------------------------------------
# Stored on Deadline.pauses as [{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD" | null, "reason": "..."}],
# both ends inclusive. "to": null = paused now (the clock is stopped, the deadline leaves the board).

def open_pause(deadline: Deadline) -> dict | None:
    return next((p for p in deadline.pauses or [] if not p.get("to")), None)


def _closed_pauses(deadline: Deadline) -> list[tuple[datetime.date, datetime.date]]:
    return [(datetime.date.fromisoformat(p["from"]), datetime.date.fromisoformat(p["to"]))
            for p in deadline.pauses or [] if p.get("to")]


def _require_write(actor, organization: Organization) -> None:
    if actor is not None and not can_write(actor, organization):
        raise PermissionDenied("您没有登记或修改该单位期限的权限。")


def _target_ref(target) -> tuple[str, str, str]:
    """(module, target_type, target_id) of a model instance, or of a ('app.model', id) pair."""
    if isinstance(target, models.Model):
        return target._meta.app_label, target._meta.label_lower, str(getattr(target, "code", None) or target.pk)
    target_type, target_id = target
    return target_type.split(".")[0], target_type, str(target_id)


# -- services -------------------------------------------------------------------------------------
@transaction.atomic
def deadline_register(*, actor, organization: Organization, rule_code: str, target, title: str,
                      url: str = "", start_date: datetime.date, request_id: str = "") -> Deadline:
    """Create or update the deadline of ``rule_code`` for ``target`` and compute its due date.

    One Deadline per (rule, target). Re-registering (e.g. the start event was corrected) recomputes
    the due date and keeps recorded pauses. Raises UnknownRule, MissingHolidayData, PermissionDenied.
    """
    _require_write(actor, organization)
    rule = get_rule(rule_code)
    module, target_type, target_id = _target_ref(target)
    dl = Deadline.objects.select_for_update().filter(rule=rule, target_type=target_type, target_id=target_id).first()
    fields = ["organization", "title", "url", "start_date", "due_date", "done_at"]
    before = snapshot(dl, fields) if dl else {}
    if dl is None:
        dl = Deadline(rule=rule, module=module, target_type=target_type, target_id=target_id, pauses=[])
    elif dl.organization_id != organization.id:
        _require_write(actor, dl.organization)
    dl.organization = organization
    dl.title = title[:255]
    dl.url = url[:255]
    dl.start_date = start_date
    dl.due_date = explain_due(rule, start_date, _closed_pauses(dl)).due
    dl.full_clean()
    dl.save()
    audit_log(actor=actor, action="core.deadline.register", target=dl, organization=organization,
              data={"rule": rule.code, "changes": diff(before, snapshot(dl, fields))}, request_id=request_id)
    return dl


@transaction.atomic
def deadline_pause(*, actor, deadline: Deadline, on: datetime.date, reason: str = "", request_id: str = "") -> Deadline:
    """Stop the clock from ``on`` (the first paused day), e.g. 行政复议中止 (行政复议法 第三十九条)."""
    _require_write(actor, deadline.organization)
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.done_at:
        raise ValidationError("该期限已办结，不能中止。")
    if open_pause(deadline):
        raise ValidationError("该期限已处于中止状态。")
    if on <= deadline.start_date:
        raise ValidationError("中止日期应晚于起算日。")
    if any(b >= on for _, b in _closed_pauses(deadline)):
        raise ValidationError("中止日期不能早于已登记的中止期间。")
    deadline.pauses = [*deadline.pauses, {"from": on.isoformat(), "to": None, "reason": reason[:200]}]
    deadline.save(update_fields=["pauses", "updated_at"])
    audit_log(actor=actor, action="core.deadline.pause", target=deadline,
              data={"from": on.isoformat(), "reason": reason}, request_id=request_id)
    return deadline


@transaction.atomic
def deadline_resume(*, actor, deadline: Deadline, on: datetime.date, request_id: str = "") -> Deadline:
    """Restart the clock on ``on``: the paused days are [pause start, on − 1]; the due date moves."""
    _require_write(actor, deadline.organization)
    deadline = Deadline.objects.select_for_update().select_related("rule").get(pk=deadline.pk)
    pause = open_pause(deadline)
    if pause is None:
        raise ValidationError("该期限未处于中止状态。")
    start = datetime.date.fromisoformat(pause["from"])
    if on <= start:
        raise ValidationError("恢复日期应晚于中止日期。")
    pause["to"] = (on - datetime.timedelta(days=1)).isoformat()
    before = deadline.due_date
    deadline.due_date = explain_due(deadline.rule, deadline.start_date, _closed_pauses(deadline)).due
    deadline.save(update_fields=["pauses", "due_date", "updated_at"])
    audit_log(actor=actor, action="core.deadline.resume", target=deadline,
              data={"pause": pause, "due_date": {"before": before.isoformat(), "after": deadline.due_date.isoformat()}},
              request_id=request_id)
    return deadline


@transaction.atomic
def deadline_done(*, actor, deadline: Deadline, done_at: datetime.datetime | None = None, request_id: str = "") -> Deadline:
    """The act was done (decision made, reply sent …): the deadline leaves the board."""
    _require_write(actor, deadline.organization)
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.done_at:
        return deadline
    deadline.done_at = done_at or timezone.now()
    deadline.save(update_fields=["done_at", "updated_at"])
    audit_log(actor=actor, action="core.deadline.done", target=deadline,
              data={"done_at": deadline.done_at, "due_date": deadline.due_date}, request_id=request_id)
    return deadline


@transaction.atomic
def rule_update_count(*, actor, rule: DeadlineRule, count: int, notes: str | None = None, request_id: str = "") -> DeadlineRule:
    """Set the province's number for a ``province_configurable`` rule (admin only)."""
    if actor is not None and not is_calendar_admin(actor):
        raise PermissionDenied("只有法治办管理员可以修改期限规则。")
    rule = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
    if not rule.province_configurable:
        raise ValidationError("该期限由法律、法规直接规定，不可由本省配置。")
    if not isinstance(count, int) or count < 1 or count > 3650:
        raise ValidationError({"count": "期限应为 1 至 3650 之间的整数。"})
    fields = ["count", "notes"]
    before = snapshot(rule, fields)
    rule.count = count
    if notes is not None:
        rule.notes = notes
    rule.full_clean()
    rule.save(update_fields=["count", "notes"])
    changes = diff(before, snapshot(rule, fields))
    if changes:
        audit_log(actor=actor, action="core.rule.update", target=rule, target_id=rule.code,
                  data={"changes": changes, "national_default": rule.national_default}, request_id=request_id)
    return rule


# -- selectors ------------------------------------------------------------------------------------
def deadline_board(user, *, today: datetime.date | None = None, within_working_days: int = 3,
                   organization: Organization | None = None) -> dict[str, Any]:
    """Open, running deadlines the user may see: red = overdue, yellow = due within N working days.

    Paused deadlines (an open 中止) are listed apart. If the window's end falls in a year with no
    holiday data, the window is counted in calendar days and ``warning`` says so (never silently).
    """
    today = today or timezone.localdate()
    qs = scope(Deadline.objects.filter(done_at__isnull=True), user).select_related("organization", "rule")
    if organization is not None:
        qs = qs.filter(organization__path__startswith=organization.path)
    warning = ""
    try:
        limit = get_calendar().add_working_days(today, within_working_days) if within_working_days > 0 else today
    except MissingHolidayData as exc:
        limit = today + datetime.timedelta(days=within_working_days)
        warning = f"{exc} 黄灯范围暂按 {within_working_days} 个自然日计算。"
    rows = list(qs.filter(due_date__lte=limit).order_by("due_date", "id"))
    paused = [d for d in qs.exclude(pauses=[]).order_by("due_date", "id") if open_pause(d)]
    paused_ids = {d.id for d in paused}
    rows = [d for d in rows if d.id not in paused_ids]
    for d in rows:
        d.days_late = (today - d.due_date).days
    return {
        "today": today,
        "within": within_working_days,
        "limit": limit,
        "red": [d for d in rows if d.due_date < today],
        "yellow": [d for d in rows if d.due_date >= today],
        "paused": paused,
        "warning": warning,
        "organization": organization,
    }


def board_context(user, *, today: datetime.date | None = None, within_working_days: int = 3) -> dict[str, Any]:
    """Context for ``{% include "core/calendar/_board_widget.html" %}`` on the home page."""
    return {"board": deadline_board(user, today=today, within_working_days=within_working_days)}


def board_organizations(user):
    """Organizations offered in the board's filter: those the user can see."""
    return visible_orgs(user).order_by("sort_order", "id")

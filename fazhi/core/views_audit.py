"""The audit log page for 法治办管理员 (``files:audit``): filter, paginate, export .xlsx, verify the chain."""
from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.actions import all_actions
from fazhi.core.audit import audit_event_list, audit_export_xlsx, verify_chain
from fazhi.core.choices import Role
from fazhi.core.history import describe
from fazhi.core.scoping import has_role, visible_orgs


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label="操作", required=False)
    organization = forms.ChoiceField(label="单位", required=False)
    date_from = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    actor = forms.CharField(label="操作人", max_length=150, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "全部")] + sorted(all_actions().items(), key=lambda kv: kv[0])
        self._orgs = {str(o.code): o for o in visible_orgs(user).order_by("path")}
        self.fields["organization"].choices = [("", "全部")] + [(c, o.name) for c, o in self._orgs.items()]

    def clean(self):
        cd = super().clean()
        if cd.get("date_from") and cd.get("date_to") and cd["date_from"] > cd["date_to"]:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return cd

    def filters(self) -> dict:
        cd = self.cleaned_data
        return {
            "action": cd.get("action") or "",
            "organization": self._orgs.get(cd.get("organization") or ""),
            "date_from": cd.get("date_from"),
            "date_to": cd.get("date_to"),
            "actor_text": (cd.get("actor") or "").strip(),
        }


def _require_admin(user) -> None:
    if not has_role(user, Role.ADMIN):
        raise PermissionDenied("只有法治办管理员可以查看审计日志。")


@login_required
@require_GET
def audit_log_page(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        qs = audit_event_list(actor=request.user).none()
    else:
        qs = audit_event_list(actor=request.user, **filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    labels = all_actions()
    entries = [describe(ev, labels) for ev in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/files/audit.html", {
        "form": form, "page": page, "entries": entries, "query": query.urlencode(),
    })


@login_required
@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    form = AuditFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return render(request, "core/files/audit.html", {"form": form, "page": None, "entries": [], "query": ""}, status=400)
    filters = form.filters() if form.is_bound else {}
    content, _count = audit_export_xlsx(actor=request.user, filters=filters, request_id=getattr(request, "request_id", ""))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    from django.utils.http import content_disposition_header

    name = f"审计日志-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    result = verify_chain()
    template = "core/files/_verify_result.html" if request.headers.get("HX-Request") == "true" else "core/files/verify.html"
    return render(request, template, {"result": result, "verified_at": timezone.now()})
